#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Acorn {

class Database;

// Brings the schema up to date, one numbered migration (core/storage/migrations/NNNN_name.sql) at a time, each in
// its own transaction together with the PRAGMA user_version bump, so a crash leaves a whole step or none.
class Migrator final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Migrator)
public:
    struct Migration
    {
        int version = 0;
        QString name;
        QString sql;
    };

    explicit Migrator(const Database& database);
    // For tests: run these migrations instead of the built-in ones.
    Migrator(const Database& database, QList<Migration> migrations);

    static QList<Migration> builtInMigrations();
    // The numbered scripts ("0001_initial.sql" …) in a resource folder, in order. acorn-server keeps its own.
    static QList<Migration> loadScripts(const QString& resourceFolder);
    static int latestVersion();

    int currentVersion() const;
    int targetVersion() const;
    [[nodiscard]] VoidResult migrate(int upTo = -1);

private:
    const Database& m_database;
    QList<Migration> m_migrations;
};

} // namespace Acorn
