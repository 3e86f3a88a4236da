#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <memory>

namespace Acorn {

class SecureBuffer;

// The encrypted journal database: one SQLCipher 4 connection with the settings DESIGN.md §5 asks for, checked and
// migrated on open. Closing it (or destroying it) removes the Qt connection.
class Database final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Database)
public:
    enum class OpenMode { CreateNew, Existing, ExistingReadOnly };
    enum class Check { Quick, Full, None };

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Keys the connection (first statement), probes it, applies the pragmas, checks integrity and migrates.
    [[nodiscard]] static Result<std::unique_ptr<Database>>
    open(const QString& path, const SecureBuffer& key, OpenMode mode = OpenMode::Existing, Check check = Check::Quick);

    QSqlDatabase sql() const;
    QString connectionName() const { return m_connectionName; }
    QString path() const { return m_path; }
    int schemaVersion() const;
    void close();

    // PRAGMA integrity_check + cipher_integrity_check; ok or a message naming what is wrong.
    [[nodiscard]] VoidResult checkIntegrity(Check check = Check::Full) const;

    // Copies this database, consistently and still encrypted with the same key, to `targetPath` (sqlcipher_export
    // into an attached, keyed database), then checks that the copy opens.
    [[nodiscard]] VoidResult exportCopy(const QString& targetPath, const SecureBuffer& key) const;

    // Runs a statement and turns a failure into a user-presentable error.
    [[nodiscard]] VoidResult exec(const QString& statement) const;

    // Maps an SQL error to words (disk full, read-only, damaged...). Never shows raw SQL to a user.
    static Error describe(const QSqlError& error, const QString& path = {});
    // What to say when `path` cannot be opened with the key: not Acorn's, truncated, damaged.
    static Error diagnoseUnreadable(const QString& path);

private:
    Database(QString connectionName, QString path);

    QString m_connectionName;
    QString m_path;
};

// A transaction that rolls back unless committed. Nests: inside another transaction it becomes a savepoint, so
// services can call each other without knowing who opened the outer one.
class Transaction final
{
public:
    explicit Transaction(const Database& db);
    ~Transaction();
    [[nodiscard]] VoidResult commit();

private:
    QSqlDatabase m_db;
    QString m_savepoint;
    bool m_active = false;
};

} // namespace Acorn
