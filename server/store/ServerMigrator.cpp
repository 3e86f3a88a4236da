#include "store/ServerMigrator.h"

#include "Clock.h"
#include "ServerLogging.h"
#include "domain/Ids.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Acorn::Server {

namespace {
// Any fixed number: the key of the advisory lock that serialises migrations on PostgreSQL.
constexpr qint64 MigrationLockKey = 0x4163726e53727631; // "AcrnSrv1"

Error migrationFailed(const QSqlError& error, int version)
{
    qCWarning(lcServerStore, "migration %d failed, native error %s", version, qPrintable(error.nativeErrorCode()));
    return Error(Error::Code::Internal,
                 ServerMigrator::tr("The server database could not be brought up to date (step %1): %2")
                     .arg(version)
                     .arg(error.databaseText().left(200)));
}
} // namespace

ServerMigrator::ServerMigrator(QSqlDatabase database, SqlDialect dialect, const Clock& clock)
    : ServerMigrator(std::move(database), dialect, clock, builtInMigrations())
{
}

ServerMigrator::ServerMigrator(QSqlDatabase database, SqlDialect dialect, const Clock& clock,
                               QList<Migration> migrations)
    : m_database(std::move(database))
    , m_dialect(dialect)
    , m_clock(clock)
    , m_migrations(std::move(migrations))
{
    std::sort(m_migrations.begin(), m_migrations.end(),
              [](const Migration& a, const Migration& b) { return a.version < b.version; });
}

QList<ServerMigrator::Migration> ServerMigrator::builtInMigrations()
{
    static const QList<Migration> migrations = Migrator::loadScripts(QStringLiteral(":/acorn-server/store/migrations"));
    return migrations;
}

int ServerMigrator::latestVersion()
{
    const auto list = builtInMigrations();
    return list.isEmpty() ? 0 : list.last().version;
}

QStringList ServerMigrator::statements(const QString& script)
{
    QStringList result;
    QString current;
    for (const auto& line : script.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1String("--")))
            continue;
        current += line + QLatin1Char('\n');
        if (trimmed.endsWith(QLatin1Char(';'))) {
            current = current.trimmed();
            current.chop(1);
            result << current;
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        result << current.trimmed();
    return result;
}

int ServerMigrator::currentVersion() const
{
    QSqlQuery q(m_database);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

VoidResult ServerMigrator::migrate()
{
    QSqlQuery q(m_database);
    if (m_dialect.isPostgres() && !q.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(MigrationLockKey)))
        return migrationFailed(q.lastError(), 0);
    const auto unlock = qScopeGuard([&] {
        if (m_dialect.isPostgres()) {
            QSqlQuery u(m_database);
            u.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(MigrationLockKey));
        }
    });

    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                               "name TEXT NOT NULL, applied_at TEXT NOT NULL)")))
        return migrationFailed(q.lastError(), 0);
    const int current = currentVersion();
    if (current < 0)
        return Error(Error::Code::DatabaseDamaged, tr("The server database's version could not be read."));
    const int latest = m_migrations.isEmpty() ? 0 : m_migrations.last().version;
    if (current > latest)
        return Error(Error::Code::NewerVersion,
                     tr("This server database was last used by a newer acorn-server (schema %1; this one knows up to "
                        "%2). Update acorn-server.")
                         .arg(current)
                         .arg(latest));
    for (const auto& migration : m_migrations) {
        if (migration.version <= current)
            continue;
        if (auto applied = apply(migration); !applied)
            return applied;
        qCInfo(lcServerStore, "server schema migrated to version %d (%s)", migration.version,
               qPrintable(migration.name));
    }
    return {};
}

VoidResult ServerMigrator::apply(const Migration& migration)
{
    if (!m_database.transaction())
        return migrationFailed(m_database.lastError(), migration.version);
    auto rollback = qScopeGuard([&] { m_database.rollback(); });
    for (const auto& statement : statements(migration.sql)) {
        QSqlQuery q(m_database);
        if (!q.exec(statement))
            return migrationFailed(q.lastError(), migration.version);
    }
    QSqlQuery record(m_database);
    record.prepare(QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
    record.addBindValue(migration.version);
    record.addBindValue(migration.name);
    record.addBindValue(Ids::toIso(m_clock.now()));
    if (!record.exec())
        return migrationFailed(record.lastError(), migration.version);
    record.finish();
    if (!m_database.commit())
        return migrationFailed(m_database.lastError(), migration.version);
    rollback.dismiss();
    return {};
}

} // namespace Acorn::Server
