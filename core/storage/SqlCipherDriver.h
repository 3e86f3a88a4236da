#pragma once

#include <QList>
#include <QMetaType>
#include <QSqlDriver>
#include <QSqlError>

struct sqlite3;

namespace Acorn {

class SecureBuffer;
class SqlCipherResult;

// Qt Sql driver on SQLCipher 4 ("QSQLCIPHER"), written against the public QSqlDriver/QSqlResult API so that
// QSqlQuery, QSqlQueryModel and QSqlTableModel work on the encrypted database like on any other.
//
// Connect options (QSqlDatabase::setConnectOptions, ';'-separated):
//   ACORN_OPEN_READONLY      open read-only
//   ACORN_OPEN_NO_CREATE     fail instead of creating a missing file
//   ACORN_BUSY_TIMEOUT=<ms>  busy timeout (default 5000)
// The key is not a connect option (it would sit in a QString): call setKey() right after open().
class SqlCipherDriver final : public QSqlDriver
{
    Q_OBJECT
public:
    static constexpr const char* DriverName = "QSQLCIPHER";

    explicit SqlCipherDriver(QObject* parent = nullptr);
    ~SqlCipherDriver() override;

    // Registers the driver under DriverName so QSqlDatabase::addDatabase("QSQLCIPHER") works. Idempotent.
    static void registerDriver();

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString& db, const QString& user, const QString& password, const QString& host, int port,
              const QString& connectOptions) override;
    void close() override;
    QSqlResult* createResult() const override;
    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;
    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString& tableName) const override;
    QSqlIndex primaryIndex(const QString& tableName) const override;
    QVariant handle() const override; // QVariant holding sqlite3* (type name "sqlite3*")
    QString escapeIdentifier(const QString& identifier, IdentifierType type) const override;
    // Literals as the driver binds them: BLOBs as X'..', QDateTime as ISO-8601 UTC text, bool as 0/1.
    QString formatValue(const QSqlField& field, bool trimStrings = false) const override;

    // Applies a raw 256-bit key (SQLCipher "x'<hex>'" raw key syntax) through sqlite3_key_v2, without the key
    // ever passing through a QString. Must be the first thing done on the connection after open().
    [[nodiscard]] bool setKey(const SecureBuffer& rawKey);
    // Changes the key of an open, keyed database (sqlite3_rekey_v2), same syntax.
    [[nodiscard]] bool rekey(const SecureBuffer& rawKey);

    sqlite3* connection() const;

private:
    friend class SqlCipherResult;

    bool applyKey(const SecureBuffer& rawKey, bool rekeying);
    bool execSimple(const char* sql, const QString& failureText, QSqlError::ErrorType type);
    void setError(const QString& driverText, QSqlError::ErrorType type);

    sqlite3* m_db = nullptr;
    // Results created on this connection; close() finalises their statements before sqlite3_close_v2.
    mutable QList<SqlCipherResult*> m_results;
};

} // namespace Acorn

Q_DECLARE_OPAQUE_POINTER(sqlite3*)
Q_DECLARE_METATYPE(sqlite3*)
