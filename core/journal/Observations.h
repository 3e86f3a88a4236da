#pragma once

#include "Result.h"
#include "domain/Observation.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <optional>

namespace Acorn {

class Session;

struct ObservationChange
{
    QDateTime at;
    QString staffId;
    QString guardianId;
    QString change; // created, edited, submitted, published, returned, approved, declined, discarded
    QJsonObject fields;
    int revision = 0;
};

// The observation lifecycle (DESIGN.md §4) and its rules. Staff: draft → submitted → published, or returned with
// feedback; when the setting does not require approval, submitting publishes. Drafts are rows in the encrypted
// database, saved as the practitioner types, so a lock or a crash loses nothing. Every change is kept in the edit
// history.
class Observations final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Observations)
public:
    explicit Observations(Session& session);

    [[nodiscard]] Result<Observation> createDraft(const QStringList& childIds, const QDateTime& observedAt = {});
    // Only the signed-in person's own drafts and returned observations can be edited.
    [[nodiscard]] VoidResult saveDraft(const Observation& observation);
    [[nodiscard]] Result<ObservationStatus> submit(const QString& observationId);
    [[nodiscard]] VoidResult approve(const QString& observationId);
    [[nodiscard]] VoidResult returnToAuthor(const QString& observationId, const QString& feedback);
    [[nodiscard]] VoidResult discardDraft(const QString& observationId);

    // The observation if the signed-in person may see it (drafts only their own; staff see their rooms' children).
    std::optional<Observation> byId(const QString& observationId) const;
    QList<Observation> myDrafts() const;
    // Submitted staff observations the signed-in reviewer may approve.
    QList<Observation> awaitingApproval() const;
    QList<ObservationChange> history(const QString& observationId) const;

    // Loads an observation without any visibility check (for services that checked already).
    std::optional<Observation> load(const QString& observationId) const;
    [[nodiscard]] VoidResult recordChange(const QString& observationId, const QString& change,
                                          const QJsonObject& fields = {});
    [[nodiscard]] VoidResult setStatus(const Observation& observation, ObservationStatus status,
                                       const QString& feedback, const QString& change);

private:
    VoidResult checkChildren(const QStringList& childIds) const;
    bool canSee(const Observation& observation) const;
    Session& m_session;
};

} // namespace Acorn
