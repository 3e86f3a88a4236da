#include "sync/Outbox.h"

#include "domain/Ids.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Acorn {

namespace {
OutboxEntry entryFrom(const QSqlQuery& q)
{
    OutboxEntry e;
    e.deviceSeq = q.value(0).toLongLong();
    e.entity = q.value(1).toString();
    e.entityId = q.value(2).toString();
    e.touches = q.value(3).toInt();
    e.attempts = q.value(4).toInt();
    return e;
}

QList<OutboxEntry> select(const Database& database, const QString& state, int limit)
{
    QList<OutboxEntry> list;
    QSqlQuery q(database.sql());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT device_seq, entity, entity_id, touches, attempts FROM sync_outbox WHERE state = ? "
                             "ORDER BY device_seq LIMIT ?"));
    q.addBindValue(state);
    q.addBindValue(limit);
    if (q.exec())
        while (q.next())
            list.append(entryFrom(q));
    return list;
}

int count(const Database& database, const char* state)
{
    QSqlQuery q(database.sql());
    q.prepare(QStringLiteral("SELECT count(*) FROM sync_outbox WHERE state = ?"));
    q.addBindValue(QLatin1String(state));
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

VoidResult exec(QSqlQuery& q)
{
    if (!q.exec())
        return Database::describe(q.lastError());
    return {};
}
} // namespace

Outbox::Outbox(const Database& database)
    : m_database(database)
{
}

QList<OutboxEntry> Outbox::pending(int limit) const
{
    return select(m_database, QStringLiteral("pending"), limit);
}

int Outbox::pendingCount() const
{
    return count(m_database, "pending");
}

int Outbox::parkedCount() const
{
    return count(m_database, "parked");
}

QList<OutboxEntry> Outbox::parked() const
{
    return select(m_database, QStringLiteral("parked"), 100000);
}

VoidResult Outbox::markDone(const OutboxEntry& entry)
{
    Transaction transaction(m_database);
    QSqlQuery current(m_database.sql());
    current.prepare(QStringLiteral("SELECT touches FROM sync_outbox WHERE device_seq = ? AND state = 'pending'"));
    current.addBindValue(entry.deviceSeq);
    if (!current.exec())
        return Database::describe(current.lastError());
    const bool changedSince = current.next() && current.value(0).toInt() != entry.touches;
    current.finish();

    QSqlQuery done(m_database.sql());
    done.prepare(QStringLiteral("UPDATE sync_outbox SET state = 'done', last_error = NULL WHERE device_seq = ?"));
    done.addBindValue(entry.deviceSeq);
    if (auto ok = exec(done); !ok)
        return ok;
    if (changedSince) {
        QSqlQuery again(m_database.sql());
        again.prepare(QStringLiteral("INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES (?, ?, ?)"));
        again.addBindValue(entry.entity);
        again.addBindValue(entry.entityId);
        again.addBindValue(Ids::toIso(QDateTime::currentDateTimeUtc()));
        if (auto ok = exec(again); !ok)
            return ok;
    }
    return transaction.commit();
}

VoidResult Outbox::park(const OutboxEntry& entry, const QString& reason)
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("UPDATE sync_outbox SET state = 'parked', last_error = ? WHERE device_seq = ?"));
    q.addBindValue(reason.isNull() ? QStringLiteral("") : reason);
    q.addBindValue(entry.deviceSeq);
    return exec(q);
}

VoidResult Outbox::noteAttempt(const OutboxEntry& entry, const QString& error)
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("UPDATE sync_outbox SET attempts = attempts + 1, last_error = ? WHERE device_seq = ?"));
    q.addBindValue(error.isNull() ? QStringLiteral("") : error);
    q.addBindValue(entry.deviceSeq);
    return exec(q);
}

VoidResult Outbox::retryParked(qint64 deviceSeq)
{
    // Back in the queue under a new number: the server may have recorded the old one as refused.
    Transaction transaction(m_database);
    QSqlQuery read(m_database.sql());
    read.prepare(QStringLiteral("SELECT entity, entity_id FROM sync_outbox WHERE device_seq = ? AND state = 'parked'"));
    read.addBindValue(deviceSeq);
    if (!read.exec())
        return Database::describe(read.lastError());
    if (!read.next())
        return Error(Error::Code::NotFound, tr("That change is no longer waiting."));
    const QString entity = read.value(0).toString();
    const QString id = read.value(1).toString();
    read.finish();
    QSqlQuery done(m_database.sql());
    done.prepare(QStringLiteral("UPDATE sync_outbox SET state = 'done' WHERE device_seq = ?"));
    done.addBindValue(deviceSeq);
    if (auto ok = exec(done); !ok)
        return ok;
    QSqlQuery again(m_database.sql());
    again.prepare(QStringLiteral("INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES (?, ?, ?) "
                                 "ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO NOTHING"));
    again.addBindValue(entity);
    again.addBindValue(id);
    again.addBindValue(Ids::toIso(QDateTime::currentDateTimeUtc()));
    if (auto ok = exec(again); !ok)
        return ok;
    return transaction.commit();
}

std::optional<int> Outbox::knownRevision(const QString& entity, const QString& entityId) const
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("SELECT revision FROM sync_known WHERE entity = ? AND entity_id = ?"));
    q.addBindValue(entity);
    q.addBindValue(entityId);
    if (q.exec() && q.next())
        return q.value(0).toInt();
    return std::nullopt;
}

VoidResult Outbox::setKnownRevision(const QString& entity, const QString& entityId, int revision)
{
    if (!m_setKnown) {
        m_setKnown.emplace(m_database.sql());
        m_setKnown->prepare(
            QStringLiteral("INSERT INTO sync_known (entity, entity_id, revision) VALUES (?, ?, ?) "
                           "ON CONFLICT (entity, entity_id) DO UPDATE SET revision = excluded.revision"));
    }
    QSqlQuery& q = *m_setKnown;
    q.bindValue(0, entity);
    q.bindValue(1, entityId);
    q.bindValue(2, revision);
    auto done = exec(q);
    q.finish();
    return done;
}

Outbox::Applying::Applying(const Database& database)
    : m_database(database)
{
    QSqlQuery q(m_database.sql());
    m_active = q.exec(QStringLiteral("INSERT OR IGNORE INTO sync_applying (flag) VALUES (1)"));
}

Outbox::Applying::~Applying()
{
    if (!m_active)
        return;
    QSqlQuery q(m_database.sql());
    (void)q.exec(QStringLiteral("DELETE FROM sync_applying"));
}

} // namespace Acorn
