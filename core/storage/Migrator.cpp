#include "storage/Migrator.h"

#include "Logging.h"
#include "storage/Database.h"
#include "storage/SqlCipherDriver.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>

namespace Acorn {

Migrator::Migrator(const Database& database)
    : Migrator(database, builtInMigrations())
{
}

Migrator::Migrator(const Database& database, QList<Migration> migrations)
    : m_database(database)
    , m_migrations(std::move(migrations))
{
    std::sort(m_migrations.begin(), m_migrations.end(),
              [](const Migration& a, const Migration& b) { return a.version < b.version; });
}

QList<Migrator::Migration> Migrator::loadScripts(const QString& resourceFolder)
{
    QList<Migration> list;
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_(.+)\\.sql$"));
    const QDir dir(resourceFolder);
    for (const auto& file : dir.entryList(QDir::Files, QDir::Name)) {
        const auto match = pattern.match(file);
        if (!match.hasMatch())
            continue;
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        list.append({match.captured(1).toInt(), match.captured(2), QString::fromUtf8(f.readAll())});
    }
    return list;
}

QList<Migrator::Migration> Migrator::builtInMigrations()
{
    static const QList<Migration> migrations = loadScripts(QStringLiteral(":/acorn/storage/migrations"));
    return migrations;
}

int Migrator::latestVersion()
{
    const auto list = builtInMigrations();
    return list.isEmpty() ? 0 : list.last().version;
}

int Migrator::currentVersion() const
{
    return m_database.schemaVersion();
}

int Migrator::targetVersion() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.last().version;
}

VoidResult Migrator::migrate(int upTo)
{
    const int target = upTo < 0 ? targetVersion() : upTo;
    const int current = currentVersion();
    if (current < 0)
        return Error(Error::Code::DatabaseDamaged, tr("The journal's version could not be read."));
    if (current > targetVersion())
        return Error(Error::Code::NewerVersion,
                     tr("This journal was last used by a newer version of Acorn (format %1; this version knows up to "
                        "%2). Update Acorn on this device.")
                         .arg(current)
                         .arg(targetVersion()));

    auto* driver = static_cast<SqlCipherDriver*>(m_database.sql().driver());
    sqlite3* db = driver->connection();
    for (const auto& migration : m_migrations) {
        if (migration.version <= current || migration.version > target)
            continue;
        // Whole scripts (triggers included) run through sqlite3_exec, inside one transaction with the version bump.
        const QByteArray script = "BEGIN IMMEDIATE;\n" + migration.sql.toUtf8()
            + "\nPRAGMA user_version = " + QByteArray::number(migration.version) + ";\nCOMMIT;";
        char* message = nullptr;
        const int rc = sqlite3_exec(db, script.constData(), nullptr, nullptr, &message);
        if (rc != SQLITE_OK) {
            const QString text = QString::fromUtf8(message ? message : "");
            sqlite3_free(message);
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            qCWarning(lcStorage) << "migration" << migration.version << "failed, sqlite code" << rc;
            return Database::describe(QSqlError(QStringLiteral("migration"), text, QSqlError::StatementError,
                                                QString::number(sqlite3_extended_errcode(db))),
                                      m_database.path());
        }
        qCInfo(lcStorage) << "migrated to schema version" << migration.version << migration.name;
    }
    return {};
}

} // namespace Acorn
