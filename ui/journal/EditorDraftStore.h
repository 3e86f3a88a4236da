#pragma once

#include "Result.h"
#include "domain/Observation.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Acorn {

class DraftStore;

// What the observation editor keeps in the (encrypted) DraftStore, beside the observation rows that core keeps:
// - observations started before choosing a child, which core cannot hold yet (createDraft needs a child);
// - an observation's newer text when core refused to save it (say, every child was un-chosen), until it saves;
// - which observation was open when Acorn locked, so that signing in again opens it where it was.
class EditorDraftStore final
{
public:
    static constexpr auto Kind = "observation-editor";
    static constexpr auto UnassignedKey = "unassigned";
    static constexpr auto ResumeKind = "observation-editor-open";

    struct Unassigned
    {
        QString localId; // made on this device; the observation has no id yet
        Observation observation;
        QDateTime savedAt;
    };
    struct Resume
    {
        QString observationId; // or
        QString localId;
    };

    explicit EditorDraftStore(DraftStore& drafts);

    QList<Unassigned> unassigned() const;
    std::optional<Unassigned> unassigned(const QString& localId) const;
    [[nodiscard]] VoidResult saveUnassigned(const Unassigned& draft);
    [[nodiscard]] VoidResult removeUnassigned(const QString& localId);

    std::optional<Observation> pending(const QString& observationId) const;
    [[nodiscard]] VoidResult savePending(const Observation& observation);
    [[nodiscard]] VoidResult removePending(const QString& observationId);

    // Returns the marker and removes it.
    std::optional<Resume> takeResume();
    [[nodiscard]] VoidResult setResume(const Resume& resume);

    static QByteArray toJson(const Observation& observation);
    static Observation fromJson(const QByteArray& json);

private:
    VoidResult writeUnassigned(const QList<Unassigned>& list);
    DraftStore& m_drafts;
};

} // namespace Acorn
