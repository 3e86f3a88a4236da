#pragma once

#include "Result.h"
#include "domain/Observation.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QStringList>

namespace Acorn {

class Session;

// What parents and carers add from home. Everything arrives as "pending" and enters the journal only when staff
// approve it (the policy: "to ensure appropriate content"); a declined one keeps the nursery's reason. Until the
// server exists, contributions come in through `acorn-cli import-contribution FILE` — the same receive() that sync
// will call. File format: docs/contribution-format.md.
class Contributions final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Contributions)
public:
    struct MediaFile
    {
        QString path; // absolute
        QStringList childIds; // who appears in it
    };
    struct Input
    {
        QString id; // the contribution's own UUID (re-sending the same one is harmless)
        QString guardianId;
        QStringList childIds;
        QDateTime observedAt;
        QString text;
        QList<MediaFile> media;
    };

    static constexpr int MaxTextLength = 10000;
    static constexpr int MaxMediaFiles = 20;
    static constexpr qint64 MaxFileSize = 1024 * 1024;

    explicit Contributions(Session& session);

    // Reads and checks a contribution file; every problem named plainly ("'child_ids' must be a list of ids").
    [[nodiscard]] static Result<Input> parseFile(const QString& path);
    [[nodiscard]] static Result<Input> parse(const QByteArray& json, const QString& baseDir);

    // Checks the guardian may contribute for these children (linked, agreement signed) and stores it as pending.
    [[nodiscard]] Result<Observation> receive(const Input& input);
    QList<Observation> awaitingApproval() const;
    [[nodiscard]] VoidResult approve(const QString& observationId);
    [[nodiscard]] VoidResult decline(const QString& observationId, const QString& reason);

private:
    VoidResult checkReviewer(const Observation& observation) const;
    Session& m_session;
};

} // namespace Acorn
