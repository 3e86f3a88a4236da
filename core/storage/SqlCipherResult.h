#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QSqlError>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace Acorn {

class SqlCipherDriver;

// One statement on a QSQLCIPHER connection. Rows are read with sqlite3_step one ahead of the current row, so that a
// statement whose last row has been read is finished at once and stops holding its read transaction (a one-row
// query kept alive would otherwise block WAL checkpoints and other connections' commits). Unless the query is
// forward-only, every row read so far is kept, which gives QSqlQueryModel and seek() random access.
class SqlCipherResult final : public QSqlResult
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::SqlCipherResult)

public:
    explicit SqlCipherResult(const SqlCipherDriver* driver);
    ~SqlCipherResult() override;

    QVariant handle() const override; // QVariant holding sqlite3_stmt* (type name "sqlite3_stmt*")

    // The Qt type for an SQLite declared column type, following SQLite's affinity rules (INT → qlonglong,
    // CHAR/CLOB/TEXT → QString, BLOB → QByteArray, REAL/FLOA/DOUB → double) with BOOL, DATE, TIME and DATETIME
    // recognised among the NUMERIC ones. An empty declared type gives an invalid QMetaType.
    static QMetaType metaTypeForDeclaredType(const QString& declaredType);
    // A QSqlError carrying sqlite3_errmsg as the database text and sqlite3_extended_errcode as the native code.
    static QSqlError errorFrom(sqlite3* db, const QString& driverText, QSqlError::ErrorType type);

protected:
    bool reset(const QString& query) override;
    bool prepare(const QString& query) override;
    bool exec() override;
    QVariant data(int field) override;
    bool isNull(int field) override;
    bool fetch(int index) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;
    QVariant lastInsertId() const override;
    void detachFromResultSet() override;

private:
    friend class SqlCipherDriver;

    using Row = QList<QVariant>;
    enum class Step { Row, Done, Error };

    sqlite3* database() const;
    // Finalises the statement and forgets rows, bindings and the result state.
    void finalize();
    // Called by the driver before it closes the connection.
    void releaseForClose();
    bool bindAll();
    bool bindOne(int index, const QVariant& value);
    int bindText(int index, QByteArray utf8);
    // Runs the prepared statement up to its first row (plus one ahead); sets the select/active state and counters.
    bool execute();
    // Reads rows until row `index` and the one after it have been read, or the statement has ended.
    void readAhead(int index);
    // Forward-only results keep no row before the current one.
    void dropRowsBefore(int index);
    // Steps once and appends the row read, or notes the end (an error also sets lastError).
    Step stepRow();
    Row readRow() const;
    void buildRecord();
    const Row* currentRow() const;
    void setStatementError(const QString& driverText);

    sqlite3_stmt* m_stmt = nullptr;
    QSqlRecord m_record;
    QList<QMetaType> m_columnTypes; // the type NULLs are reported with, per column
    std::vector<Row> m_rows; // rows [m_firstRow, m_firstRow + m_rows.size()) read so far
    int m_firstRow = 0;
    bool m_done = true;
    int m_rowsAffected = -1;
    QVariant m_lastInsertId;
    std::vector<QByteArray> m_boundBytes; // owns the text and blob bytes bound with SQLITE_STATIC
};

} // namespace Acorn

Q_DECLARE_OPAQUE_POINTER(sqlite3_stmt*)
Q_DECLARE_METATYPE(sqlite3_stmt*)
