#pragma once

#include "storage/Migrator.h"

#include "Result.h"
#include "store/SqlDialect.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Acorn {
class Clock;
}

namespace Acorn::Server {

// Brings the server schema up to date from numbered scripts (server/store/migrations/NNNN_name.sql), each in its own
// transaction together with its row in schema_migrations. On PostgreSQL a session advisory lock keeps two server
// processes that start at once from migrating side by side.
class ServerMigrator final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::ServerMigrator)
public:
    using Migration = Migrator::Migration; // the same numbered scripts as the device's database

    ServerMigrator(QSqlDatabase database, SqlDialect dialect, const Clock& clock);
    ServerMigrator(QSqlDatabase database, SqlDialect dialect, const Clock& clock, QList<Migration> migrations);

    static QList<Migration> builtInMigrations();
    static int latestVersion();
    // A script's statements: split after each line that ends with ';', with "--" comment lines left out.
    static QStringList statements(const QString& script);

    int currentVersion() const; // 0 for an empty database, -1 when it cannot be read
    [[nodiscard]] VoidResult migrate();

private:
    [[nodiscard]] VoidResult apply(const Migration& migration);

    QSqlDatabase m_database;
    SqlDialect m_dialect;
    const Clock& m_clock;
    QList<Migration> m_migrations;
};

} // namespace Acorn::Server
