#include "sync/Conflicts.h"

#include "Clock.h"
#include "domain/Ids.h"
#include "storage/Database.h"
#include "sync/Outbox.h"
#include "sync/SyncEntities.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Acorn {

namespace {
SyncConflict fromQuery(const QSqlQuery& q)
{
    SyncConflict c;
    c.id = q.value(0).toString();
    c.entity = q.value(1).toString();
    c.entityId = q.value(2).toString();
    c.local = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
    c.server = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    c.createdAt = Ids::fromIso(q.value(5).toString());
    return c;
}

constexpr auto Columns = "id, entity, entity_id, local_data, server_data, created_at";

QString entityName(const QString& entity)
{
    if (entity == QLatin1String("room"))
        return Conflicts::tr("Room");
    if (entity == QLatin1String("child"))
        return Conflicts::tr("Child");
    if (entity == QLatin1String("staff"))
        return Conflicts::tr("Staff member");
    if (entity == QLatin1String("guardian"))
        return Conflicts::tr("Parent or carer");
    if (entity == QLatin1String("observation"))
        return Conflicts::tr("Observation");
    if (entity == QLatin1String("comment"))
        return Conflicts::tr("Reply");
    if (entity == QLatin1String("setting_value"))
        return Conflicts::tr("Setting");
    return entity;
}

// What a person recognises a row by.
QString label(const QJsonObject& data)
{
    for (const char* field : {"name", "display_name", "text", "first_name", "value", "key"}) {
        const QString value = data.value(QLatin1String(field)).toString();
        if (!value.isEmpty())
            return value.left(60);
    }
    return {};
}
} // namespace

Conflicts::Conflicts(const Database& database, const Clock& clock)
    : m_database(database)
    , m_clock(clock)
{
}

QList<SyncConflict> Conflicts::open() const
{
    QList<SyncConflict> list;
    QSqlQuery q(m_database.sql());
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT %1 FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY created_at")
                   .arg(QLatin1String(Columns))))
        while (q.next())
            list.append(fromQuery(q));
    return list;
}

int Conflicts::openCount() const
{
    QSqlQuery q(m_database.sql());
    return q.exec(QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL")) && q.next()
        ? q.value(0).toInt()
        : 0;
}

Result<SyncConflict> Conflicts::find(const QString& conflictId) const
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("SELECT %1 FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL")
                  .arg(QLatin1String(Columns)));
    q.addBindValue(conflictId);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (!q.next())
        return Error(Error::Code::NotFound, tr("This conflict has been resolved already."));
    return fromQuery(q);
}

VoidResult Conflicts::resolve(const QString& conflictId, const QString& staffId)
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ? WHERE id = ?"));
    q.addBindValue(Ids::toIso(m_clock.now()));
    q.addBindValue(staffId);
    q.addBindValue(conflictId);
    if (!q.exec())
        return Database::describe(q.lastError());
    return {};
}

VoidResult Conflicts::keepLocal(const QString& conflictId, const QString& staffId)
{
    auto conflict = find(conflictId);
    if (!conflict)
        return conflict.error();
    // The row here is this device's version already: queue it again. Its base is now the server's revision (set
    // when the conflict came back), so the server takes it on top of its own.
    Transaction transaction(m_database);
    QSqlQuery mark(m_database.sql());
    mark.prepare(QStringLiteral("INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES (?, ?, ?) "
                                "ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO UPDATE SET touches = "
                                "touches + 1"));
    mark.addBindValue(conflict.value().entity);
    mark.addBindValue(conflict.value().entityId);
    mark.addBindValue(Ids::toIso(m_clock.now()));
    if (!mark.exec())
        return Database::describe(mark.lastError());
    if (auto ok = resolve(conflictId, staffId); !ok)
        return ok;
    return transaction.commit();
}

VoidResult Conflicts::keepServer(const QString& conflictId, const QString& staffId)
{
    auto conflict = find(conflictId);
    if (!conflict)
        return conflict.error();
    if (conflict.value().server.isEmpty())
        return Error(Error::Code::InvalidInput,
                     tr("The server has no version of this to keep. Keep this device's version instead."));
    Transaction transaction(m_database);
    {
        Outbox::Applying applying(m_database);
        const QJsonObject& data = conflict.value().server.contains(QStringLiteral("data"))
            ? conflict.value().server.value(QStringLiteral("data")).toObject()
            : conflict.value().server;
        const bool deleted = conflict.value().server.value(QStringLiteral("deleted")).toBool();
        if (auto ok = SyncEntities(m_database).apply(conflict.value().entity, conflict.value().entityId, deleted, data);
            !ok)
            return ok;
    }
    if (auto ok = resolve(conflictId, staffId); !ok)
        return ok;
    return transaction.commit();
}

QString Conflicts::describe(const SyncConflict& conflict)
{
    const QJsonObject serverData = conflict.server.contains(QStringLiteral("data"))
        ? conflict.server.value(QStringLiteral("data")).toObject()
        : conflict.server;
    const QString mine = label(conflict.local);
    const QString theirs = label(serverData);
    if (mine.isEmpty() && theirs.isEmpty())
        return entityName(conflict.entity);
    return tr("%1: “%2” here, “%3” on the server").arg(entityName(conflict.entity), mine, theirs);
}

} // namespace Acorn
