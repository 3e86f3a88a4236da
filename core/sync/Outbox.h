#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace Acorn {

class Database;

// One row that changed and waits to be pushed (a mark left by the triggers of migration 0004 in the same transaction
// as the change). `touches` counts changes to the row since the mark was made.
struct OutboxEntry
{
    qint64 deviceSeq = 0;
    QString entity;
    QString entityId;
    int touches = 0;
    int attempts = 0;
};

// The sync outbox in the local (encrypted) database, and what the device knows of the server's revisions. Rows
// are queued by triggers, never by callers, so no service can forget to; the outbox only moves marks along:
// pending → done (the server has it) or parked (the server refused it for good: it stops blocking the queue and
// waits for staff). A row changed again after the client read it for a push is queued again under a new number.
class Outbox final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Outbox)

public:
    explicit Outbox(const Database& database);

    // Oldest first.
    QList<OutboxEntry> pending(int limit) const;
    int pendingCount() const;
    int parkedCount() const;
    QList<OutboxEntry> parked() const;

    // The server has the change as the client read it. If the row changed since (touches moved on), it is queued
    // again under a new device_seq, so that the newer version goes too.
    [[nodiscard]] VoidResult markDone(const OutboxEntry& entry);
    [[nodiscard]] VoidResult park(const OutboxEntry& entry, const QString& reason);
    // A try that failed for a passing reason (offline, 5xx): counted, the mark stays pending.
    [[nodiscard]] VoidResult noteAttempt(const OutboxEntry& entry, const QString& error);
    // Puts a parked change back in the queue (after staff resolved what stopped it).
    [[nodiscard]] VoidResult retryParked(qint64 deviceSeq);

    // The revision the server has of a row (base_revision of the next push); nullopt: the server has never had it.
    std::optional<int> knownRevision(const QString& entity, const QString& entityId) const;
    [[nodiscard]] VoidResult setKnownRevision(const QString& entity, const QString& entityId, int revision);

    // While alive (inside the caller's transaction), writes are not queued: they come from the server.
    class Applying final
    {
    public:
        explicit Applying(const Database& database);
        ~Applying();
        Applying(const Applying&) = delete;
        Applying& operator=(const Applying&) = delete;
        bool isActive() const { return m_active; }

    private:
        const Database& m_database;
        bool m_active = false;
    };

private:
    const Database& m_database;
    mutable std::optional<QSqlQuery> m_setKnown; // prepared once: a pull sets thousands
};

} // namespace Acorn
