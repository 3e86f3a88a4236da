#include "auth/DraftStore.h"

#include "Clock.h"
#include "domain/Ids.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace Acorn {

DraftStore::DraftStore(const Database& database, QString ownerId, const Clock& clock)
    : m_database(database)
    , m_ownerId(std::move(ownerId))
    , m_clock(clock)
{
}

VoidResult DraftStore::save(const QString& kind, const QString& objectKey, const QByteArray& payload)
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("INSERT INTO drafts (id, owner_id, kind, object_key, payload, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(owner_id, kind, object_key) "
                             "DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at"));
    q.addBindValue(Ids::newId());
    q.addBindValue(m_ownerId);
    q.addBindValue(kind);
    q.addBindValue(objectKey.isNull() ? QStringLiteral("") : objectKey);
    q.addBindValue(payload);
    q.addBindValue(Ids::toIso(m_clock.now()));
    if (!q.exec())
        return Database::describe(q.lastError(), m_database.path());
    return {};
}

std::optional<QByteArray> DraftStore::load(const QString& kind, const QString& objectKey) const
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("SELECT payload FROM drafts WHERE owner_id = ? AND kind = ? AND object_key = ?"));
    q.addBindValue(m_ownerId);
    q.addBindValue(kind);
    q.addBindValue(objectKey.isNull() ? QStringLiteral("") : objectKey);
    if (q.exec() && q.next())
        return q.value(0).toByteArray();
    return std::nullopt;
}

VoidResult DraftStore::remove(const QString& kind, const QString& objectKey)
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("DELETE FROM drafts WHERE owner_id = ? AND kind = ? AND object_key = ?"));
    q.addBindValue(m_ownerId);
    q.addBindValue(kind);
    q.addBindValue(objectKey.isNull() ? QStringLiteral("") : objectKey);
    if (!q.exec())
        return Database::describe(q.lastError(), m_database.path());
    return {};
}

} // namespace Acorn
