#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace Acorn {

class Database;

// The rows that travel, as the JSON of a change (docs/sync-protocol.md): one entity per row with what belongs to it
// folded in — a staff member's rooms, a guardian's links to children, an observation's children and tags, a media
// item's children. What is this device's own never travels: a media item's vault file and keys (the server gets
// the bytes over TLS and keeps them under its own key), drafts, the audit log, device state.
class SyncEntities final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::SyncEntities)

public:
    static QStringList entities();
    static bool isKnown(const QString& entity);

    explicit SyncEntities(const Database& database);

    struct Row
    {
        QJsonObject data;
        bool deleted = false;
        bool isDraft = false; // an observation still in draft (or media of one): must not be pushed
    };
    // The row as it is now; NotFound if it is not there.
    [[nodiscard]] Result<Row> read(const QString& entity, const QString& id) const;

    // Writes a row that came from the server (insert or update, with what is folded in). The caller holds a
    // transaction and an Outbox::Applying, so that the write is not queued to go back.
    [[nodiscard]] VoidResult apply(const QString& entity, const QString& id, bool deleted, const QJsonObject& data);

    // setting_values are keyed by name; on the wire they need a UUID: a name-based (v5) one, the same everywhere.
    static QString settingValueId(const QString& key);

private:
    const Database& m_database;
    QHash<QString, QStringList> m_columns; // table → its columns
    QHash<QString, QSqlQuery> m_upserts; // table and columns → the prepared upsert
};

} // namespace Acorn
