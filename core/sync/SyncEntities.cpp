#include "sync/SyncEntities.h"

#include "storage/Database.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

namespace Acorn {

namespace {
struct Table
{
    const char* entity;
    const char* table;
    const char* key; // primary key column
    QStringList localOnly; // never sent, never overwritten by a pull
    QStringList blobs; // BLOB columns: base64 on the wire
};

const QList<Table>& tables()
{
    static const QList<Table> list {
        {"room", "rooms", "id", {}, {}},
        {"staff", "staff", "id", {}, {QStringLiteral("public_key")}},
        {"child", "children", "id", {}, {}},
        {"guardian", "guardians", "id", {}, {}},
        {"observation", "observations", "id", {}, {}},
        {"media_item",
         "media_items",
         "id",
         {QStringLiteral("vault_file"), QStringLiteral("file_key"), QStringLiteral("thumbnail_file"),
          QStringLiteral("thumbnail_key")},
         {QStringLiteral("sha256")}},
        {"comment", "comments", "id", {}, {}},
        {"setting_value", "setting_values", "key", {}, {}},
    };
    return list;
}

const Table* tableFor(const QString& entity)
{
    for (const Table& t : tables())
        if (entity == QLatin1String(t.entity))
            return &t;
    return nullptr;
}

QJsonValue toJson(const QVariant& value, bool blob)
{
    if (value.isNull())
        return QJsonValue::Null;
    if (blob)
        return QString::fromLatin1(value.toByteArray().toBase64());
    switch (value.metaType().id()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
        return value.toLongLong();
    case QMetaType::Double:
        return value.toDouble();
    default:
        return value.toString();
    }
}

QVariant fromJson(const QJsonValue& value, bool blob)
{
    if (value.isNull() || value.isUndefined())
        return QVariant(QMetaType::fromType<QString>());
    if (blob)
        return QByteArray::fromBase64(value.toString().toLatin1());
    if (value.isDouble()) {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QVariant(qint64(d)) : QVariant(d);
    }
    if (value.isBool())
        return value.toBool() ? 1 : 0;
    return value.toString();
}

QStringList column(const Database& db, const QString& sql, const QString& id)
{
    QStringList values;
    QSqlQuery q(db.sql());
    q.prepare(sql);
    q.addBindValue(id);
    if (q.exec())
        while (q.next())
            values << q.value(0).toString();
    return values;
}

VoidResult run(QSqlQuery& q)
{
    if (!q.exec())
        return Database::describe(q.lastError());
    return {};
}

// Replaces the rows of a link table that belong to one parent. `extra` are more columns and their values, the same
// for every row (a staff member's rooms carry when and where the link was made).
VoidResult replaceChildren(const Database& db, const QString& table, const QString& parentColumn,
                           const QString& parentId, const QString& childColumn, const QJsonArray& ids,
                           const QList<std::pair<QString, QVariant>>& extra = {})
{
    QSqlQuery clear(db.sql());
    clear.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(table, parentColumn));
    clear.addBindValue(parentId);
    if (auto ok = run(clear); !ok)
        return ok;
    QStringList columns {parentColumn, childColumn};
    for (const auto& [column, value] : extra)
        columns << column;
    const QString marks = QStringLiteral("?,").repeated(columns.size()).chopped(1);
    for (const QJsonValue& id : ids) {
        QSqlQuery add(db.sql());
        // Not OR IGNORE: that would hide a missing NOT NULL value as silently as a duplicate.
        add.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT DO NOTHING")
                        .arg(table, columns.join(QLatin1Char(',')), marks));
        add.addBindValue(parentId);
        add.addBindValue(id.toString());
        for (const auto& [column, value] : extra)
            add.addBindValue(value);
        if (auto ok = run(add); !ok)
            return ok;
    }
    return {};
}
} // namespace

QStringList SyncEntities::entities()
{
    QStringList names;
    for (const Table& t : tables())
        names << QLatin1String(t.entity);
    return names;
}

bool SyncEntities::isKnown(const QString& entity)
{
    return tableFor(entity) != nullptr;
}

QString SyncEntities::settingValueId(const QString& key)
{
    static const QUuid ns(QStringLiteral("{6f1d3a52-7a0c-4f4e-9a53-0c2b7d1e8a61}"));
    return QUuid::createUuidV5(ns, key).toString(QUuid::WithoutBraces);
}

SyncEntities::SyncEntities(const Database& database)
    : m_database(database)
{
}

Result<SyncEntities::Row> SyncEntities::read(const QString& entity, const QString& id) const
{
    const Table* t = tableFor(entity);
    if (!t)
        return Error(Error::Code::InvalidInput, tr("This kind of record does not travel."));
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("SELECT * FROM %1 WHERE %2 = ?").arg(QLatin1String(t->table), QLatin1String(t->key)));
    q.addBindValue(id);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (!q.next())
        return Error(Error::Code::NotFound, tr("The record is not here any more."));
    Row row;
    const QSqlRecord record = q.record();
    for (int i = 0; i < record.count(); ++i) {
        const QString name = record.fieldName(i);
        if (t->localOnly.contains(name))
            continue;
        row.data.insert(name, toJson(q.value(i), t->blobs.contains(name)));
    }
    q.finish();
    row.deleted = row.data.value(QStringLiteral("deleted")).toInt() != 0;

    if (entity == QLatin1String("staff")) {
        row.data.insert(
            QStringLiteral("rooms"),
            QJsonArray::fromStringList(column(
                m_database, QStringLiteral("SELECT room_id FROM staff_rooms WHERE staff_id = ? ORDER BY 1"), id)));
    } else if (entity == QLatin1String("guardian")) {
        QJsonArray links;
        QSqlQuery l(m_database.sql());
        l.prepare(
            QStringLiteral("SELECT child_id, relationship, created_at, updated_at, revision, origin_device, deleted "
                           "FROM guardian_children WHERE guardian_id = ? ORDER BY child_id"));
        l.addBindValue(id);
        if (l.exec())
            while (l.next())
                links.append(QJsonObject {{QStringLiteral("child_id"), l.value(0).toString()},
                                          {QStringLiteral("relationship"), l.value(1).toString()},
                                          {QStringLiteral("created_at"), l.value(2).toString()},
                                          {QStringLiteral("updated_at"), l.value(3).toString()},
                                          {QStringLiteral("revision"), l.value(4).toLongLong()},
                                          {QStringLiteral("origin_device"), l.value(5).toString()},
                                          {QStringLiteral("deleted"), l.value(6).toLongLong()}});
        row.data.insert(QStringLiteral("children"), links);
    } else if (entity == QLatin1String("observation")) {
        row.isDraft = row.data.value(QStringLiteral("status")).toString() == QLatin1String("draft");
        row.data.insert(
            QStringLiteral("children"),
            QJsonArray::fromStringList(column(
                m_database,
                QStringLiteral("SELECT child_id FROM observation_children WHERE observation_id = ? ORDER BY 1"), id)));
        QJsonArray tags;
        QSqlQuery g(m_database.sql());
        g.prepare(QStringLiteral(
            "SELECT framework, tag FROM observation_tags WHERE observation_id = ? ORDER BY framework, tag"));
        g.addBindValue(id);
        if (g.exec())
            while (g.next())
                tags.append(QJsonObject {{QStringLiteral("framework"), g.value(0).toString()},
                                         {QStringLiteral("tag"), g.value(1).toString()}});
        row.data.insert(QStringLiteral("tags"), tags);
    } else if (entity == QLatin1String("media_item")) {
        const QStringList status = column(
            m_database,
            QStringLiteral("SELECT status FROM observations WHERE id = (SELECT observation_id FROM media_items "
                           "WHERE id = ?)"),
            id);
        row.isDraft = status.value(0) == QLatin1String("draft");
        row.data.insert(
            QStringLiteral("children"),
            QJsonArray::fromStringList(column(
                m_database, QStringLiteral("SELECT child_id FROM media_children WHERE media_id = ? ORDER BY 1"), id)));
    }
    return row;
}

VoidResult SyncEntities::apply(const QString& entity, const QString& id, bool deleted, const QJsonObject& data)
{
    const Table* t = tableFor(entity);
    if (!t)
        return Error(Error::Code::InvalidInput, tr("This kind of record does not travel."));
    // The table's own columns, from the database (so that a newer server's extra fields are left out).
    // Applying a pull writes thousands of rows through one SyncEntities: the table's columns and each prepared
    // upsert are kept and reused (preparing again would also recompile the table's triggers every time).
    auto cachedColumns = m_columns.find(QLatin1String(t->table));
    if (cachedColumns == m_columns.end()) {
        const QSqlRecord record = m_database.sql().record(QLatin1String(t->table));
        QStringList names;
        for (int i = 0; i < record.count(); ++i)
            names << record.fieldName(i);
        cachedColumns = m_columns.insert(QLatin1String(t->table), names);
    }
    QStringList columns;
    QVariantList values;
    for (const QString& name : std::as_const(cachedColumns.value())) {
        if (t->localOnly.contains(name))
            continue;
        if (name == QLatin1String(t->key)) {
            columns << name;
            values << (entity == QLatin1String("setting_value") ? data.value(name).toString() : id);
            continue;
        }
        if (!data.contains(name))
            continue;
        columns << name;
        values << fromJson(data.value(name), t->blobs.contains(name));
        if (name == QLatin1String("deleted"))
            values.last() = deleted ? 1 : values.last().toInt();
    }
    if (entity == QLatin1String("media_item")) {
        // Known to this device only as a record until its bytes are fetched: no vault file, no key yet.
        columns << QStringLiteral("vault_file") << QStringLiteral("file_key");
        values << QStringLiteral("") << QByteArray("");
    }
    QStringList placeholders;
    QStringList updates;
    for (const QString& c : std::as_const(columns)) {
        placeholders << QStringLiteral("?");
        if (c != QLatin1String(t->key) && c != QLatin1String("vault_file") && c != QLatin1String("file_key"))
            updates << QStringLiteral("%1 = excluded.%1").arg(c);
    }
    const QString signature = QLatin1String(t->table) + QLatin1Char(':') + columns.join(QLatin1Char(','));
    auto cached = m_upserts.find(signature);
    if (cached == m_upserts.end()) {
        QSqlQuery prepared(m_database.sql());
        if (!prepared.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) DO UPDATE SET %5")
                                  .arg(QLatin1String(t->table), columns.join(QLatin1Char(',')),
                                       placeholders.join(QLatin1Char(',')), QLatin1String(t->key),
                                       updates.join(QLatin1Char(',')))))
            return Database::describe(prepared.lastError());
        cached = m_upserts.insert(signature, prepared);
    }
    QSqlQuery& upsert = cached.value();
    for (int i = 0; i < values.size(); ++i)
        upsert.bindValue(i, values.at(i));
    if (auto ok = run(upsert); !ok)
        return ok;
    upsert.finish();

    if (entity == QLatin1String("staff"))
        return replaceChildren(
            m_database, QStringLiteral("staff_rooms"), QStringLiteral("staff_id"), id, QStringLiteral("room_id"),
            data.value(QStringLiteral("rooms")).toArray(),
            {{QStringLiteral("created_at"), data.value(QStringLiteral("updated_at")).toString()},
             {QStringLiteral("origin_device"), data.value(QStringLiteral("origin_device")).toString()}});
    if (entity == QLatin1String("observation")) {
        if (auto ok
            = replaceChildren(m_database, QStringLiteral("observation_children"), QStringLiteral("observation_id"), id,
                              QStringLiteral("child_id"), data.value(QStringLiteral("children")).toArray());
            !ok)
            return ok;
        QSqlQuery clear(m_database.sql());
        clear.prepare(QStringLiteral("DELETE FROM observation_tags WHERE observation_id = ?"));
        clear.addBindValue(id);
        if (auto ok = run(clear); !ok)
            return ok;
        for (const QJsonValue& tag : data.value(QStringLiteral("tags")).toArray()) {
            QSqlQuery add(m_database.sql());
            add.prepare(QStringLiteral("INSERT INTO observation_tags (observation_id, framework, tag) VALUES (?, ?, ?) "
                                       "ON CONFLICT DO NOTHING"));
            add.addBindValue(id);
            add.addBindValue(tag[QStringLiteral("framework")].toString());
            add.addBindValue(tag[QStringLiteral("tag")].toString());
            if (auto ok = run(add); !ok)
                return ok;
        }
        return {};
    }
    if (entity == QLatin1String("media_item"))
        return replaceChildren(m_database, QStringLiteral("media_children"), QStringLiteral("media_id"), id,
                               QStringLiteral("child_id"), data.value(QStringLiteral("children")).toArray());
    if (entity == QLatin1String("guardian")) {
        for (const QJsonValue& v : data.value(QStringLiteral("children")).toArray()) {
            const QJsonObject link = v.toObject();
            QSqlQuery add(m_database.sql());
            add.prepare(QStringLiteral(
                "INSERT INTO guardian_children (guardian_id, child_id, relationship, created_at, updated_at, revision, "
                "origin_device, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guardian_id, child_id) DO UPDATE "
                "SET relationship = excluded.relationship, updated_at = excluded.updated_at, revision = "
                "excluded.revision, deleted = excluded.deleted"));
            add.addBindValue(id);
            add.addBindValue(link.value(QStringLiteral("child_id")).toString());
            add.addBindValue(link.value(QStringLiteral("relationship")).toString());
            add.addBindValue(link.value(QStringLiteral("created_at")).toString());
            add.addBindValue(link.value(QStringLiteral("updated_at")).toString());
            add.addBindValue(link.value(QStringLiteral("revision")).toInteger(1));
            add.addBindValue(link.value(QStringLiteral("origin_device")).toString());
            add.addBindValue(link.value(QStringLiteral("deleted")).toInteger(0));
            if (auto ok = run(add); !ok)
                return ok;
        }
    }
    return {};
}

} // namespace Acorn
