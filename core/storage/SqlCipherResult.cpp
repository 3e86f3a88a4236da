#include "storage/SqlCipherResult.h"

#include "storage/SqlCipherDriver.h"

#include <QDate>
#include <QDateTime>
#include <QSqlField>
#include <QString>
#include <QTime>

#include <sqlite3.h>

#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

namespace Acorn {

namespace {

// Skips what SQLite treats as nothing between statements: white space, comments and empty statements.
const char* skipBlank(const char* p, const char* end)
{
    while (p < end) {
        const char c = *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ';') {
            ++p;
        } else if (c == '-' && p + 1 < end && p[1] == '-') {
            while (p < end && *p != '\n')
                ++p;
        } else if (c == '/' && p + 1 < end && p[1] == '*') {
            p += 2;
            while (p + 1 < end && !(p[0] == '*' && p[1] == '/'))
                ++p;
            p = p + 1 < end ? p + 2 : end;
        } else {
            break;
        }
    }
    return p;
}

// Qt's drivers bind a null QString, QByteArray or date/time as SQL NULL, although QVariant::isNull() is false
// for them since Qt 6; callers rely on that.
bool isNullForBinding(const QVariant& value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString*>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray*>(value.constData())->isNull();
    case QMetaType::QDateTime:
        return !static_cast<const QDateTime*>(value.constData())->isValid();
    case QMetaType::QDate:
        return !static_cast<const QDate*>(value.constData())->isValid();
    case QMetaType::QTime:
        return !static_cast<const QTime*>(value.constData())->isValid();
    default:
        return false;
    }
}

bool startsWithKeyword(const char* p, const char* end, const char* keyword)
{
    const auto length = std::size_t(std::strlen(keyword));
    if (std::size_t(end - p) < length || qstrnicmp(p, keyword, length) != 0)
        return false;
    return p + length == end || !(std::isalnum(static_cast<unsigned char>(p[length])) || p[length] == '_');
}

bool startsWithInsert(const char* sql)
{
    if (!sql)
        return false;
    const char* end = sql + std::strlen(sql);
    const char* p = skipBlank(sql, end);
    return startsWithKeyword(p, end, "INSERT") || startsWithKeyword(p, end, "REPLACE");
}

template<typename Int> QVariant fromDouble(double value)
{
    // Out-of-range conversions are undefined behaviour; such values stay doubles.
    if (std::isfinite(value) && value >= double(std::numeric_limits<Int>::min())
        && value < -double(std::numeric_limits<Int>::min()))
        return QVariant::fromValue(static_cast<Int>(value));
    return QVariant(value);
}

} // namespace

SqlCipherResult::SqlCipherResult(const SqlCipherDriver* driver)
    : QSqlResult(driver)
{
    if (driver)
        driver->m_results.append(this);
}

SqlCipherResult::~SqlCipherResult()
{
    finalize();
    // driver() is a guarded pointer: null once the driver is gone, and it forgot us when it closed.
    if (const auto* owner = static_cast<const SqlCipherDriver*>(driver()))
        owner->m_results.removeOne(this);
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue(m_stmt);
}

QMetaType SqlCipherResult::metaTypeForDeclaredType(const QString& declaredType)
{
    const QString type = declaredType.trimmed().toUpper();
    if (type.isEmpty())
        return QMetaType();
    // The order of SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1) matters: "POINT" is INTEGER.
    if (type.contains(QLatin1String("INT")))
        return QMetaType::fromType<qlonglong>();
    if (type.contains(QLatin1String("CHAR")) || type.contains(QLatin1String("CLOB"))
        || type.contains(QLatin1String("TEXT")))
        return QMetaType::fromType<QString>();
    if (type.contains(QLatin1String("BLOB")))
        return QMetaType::fromType<QByteArray>();
    if (type.contains(QLatin1String("REAL")) || type.contains(QLatin1String("FLOA"))
        || type.contains(QLatin1String("DOUB")))
        return QMetaType::fromType<double>();
    // NUMERIC affinity: the names people use for it.
    if (type.startsWith(QLatin1String("BOOL")))
        return QMetaType::fromType<bool>();
    if (type.contains(QLatin1String("DATETIME")) || type.contains(QLatin1String("TIMESTAMP")))
        return QMetaType::fromType<QDateTime>();
    if (type.startsWith(QLatin1String("DATE")))
        return QMetaType::fromType<QDate>();
    if (type.startsWith(QLatin1String("TIME")))
        return QMetaType::fromType<QTime>();
    if (type.contains(QLatin1String("NUM")) || type.contains(QLatin1String("DEC")))
        return QMetaType::fromType<double>();
    // Anything else ("JSON", "UUID", ...) holds text in practice.
    return QMetaType::fromType<QString>();
}

QSqlError SqlCipherResult::errorFrom(sqlite3* db, const QString& driverText, QSqlError::ErrorType type)
{
    if (!db)
        return QSqlError(driverText, QString(), type);
    return QSqlError(driverText, QString::fromUtf8(sqlite3_errmsg(db)), type,
                     QString::number(sqlite3_extended_errcode(db)));
}

sqlite3* SqlCipherResult::database() const
{
    const auto* owner = static_cast<const SqlCipherDriver*>(driver());
    return owner ? owner->connection() : nullptr;
}

void SqlCipherResult::finalize()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    m_boundBytes.clear();
    m_rows.clear();
    m_firstRow = 0;
    m_done = true;
    m_rowsAffected = -1;
    m_lastInsertId = QVariant();
    m_record.clear();
    m_columnTypes.clear();
}

void SqlCipherResult::releaseForClose()
{
    finalize();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
}

void SqlCipherResult::setStatementError(const QString& driverText)
{
    setLastError(errorFrom(database(), driverText, QSqlError::StatementError));
}

bool SqlCipherResult::reset(const QString& query)
{
    finalize();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    sqlite3* db = database();
    if (!db) {
        setLastError(
            QSqlError(tr("Unable to execute statement"), tr("The database is not open"), QSqlError::ConnectionError));
        return false;
    }

    // Several statements without bind values run one after the other; the last one is the result. Each is
    // prepared only after the one before it has run, since it may use what that one created.
    const QByteArray sql = query.toUtf8();
    const char* end = sql.constData() + sql.size();
    const char* next = skipBlank(sql.constData(), end);
    while (next < end) {
        sqlite3_stmt* stmt = nullptr;
        const char* tail = nullptr;
        if (sqlite3_prepare_v2(db, next, int(end - next), &stmt, &tail) != SQLITE_OK) {
            setStatementError(tr("Unable to prepare statement"));
            sqlite3_finalize(stmt);
            return false;
        }
        const char* after = skipBlank(tail, end);
        if (!stmt) {
            if (after <= next)
                break;
            next = after;
            continue;
        }
        if (after >= end) {
            m_stmt = stmt;
            break;
        }
        int rc = SQLITE_ROW;
        while (rc == SQLITE_ROW)
            rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE) {
            setStatementError(tr("Unable to execute statement"));
            sqlite3_finalize(stmt);
            return false;
        }
        sqlite3_finalize(stmt);
        next = after;
    }
    if (!m_stmt) {
        setLastError(QSqlError(tr("Unable to execute statement"), tr("The query contains no SQL statement"),
                               QSqlError::StatementError));
        return false;
    }
    return execute();
}

bool SqlCipherResult::prepare(const QString& query)
{
    finalize();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    sqlite3* db = database();
    if (!db) {
        setLastError(
            QSqlError(tr("Unable to prepare statement"), tr("The database is not open"), QSqlError::ConnectionError));
        return false;
    }
    const QByteArray sql = query.toUtf8();
    const char* end = sql.constData() + sql.size();
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &m_stmt, &tail) != SQLITE_OK) {
        setStatementError(tr("Unable to prepare statement"));
        finalize();
        return false;
    }
    if (!m_stmt) {
        setLastError(QSqlError(tr("Unable to prepare statement"), tr("The query contains no SQL statement"),
                               QSqlError::StatementError));
        return false;
    }
    if (skipBlank(tail, end) < end) {
        // Bind values could not be shared out between statements.
        finalize();
        setLastError(QSqlError(tr("Unable to prepare statement"), tr("Only one statement can be prepared at a time"),
                               QSqlError::StatementError));
        return false;
    }
    return true;
}

bool SqlCipherResult::exec()
{
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    if (!m_stmt || !database()) {
        setLastError(QSqlError(tr("Unable to execute statement"), tr("No statement has been prepared"),
                               QSqlError::StatementError));
        return false;
    }
    // Each run starts from a clean statement: QSqlTableModel, for one, executes a prepared query again.
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_boundBytes.clear();
    m_rows.clear();
    m_firstRow = 0;
    m_done = true;
    m_rowsAffected = -1;
    m_lastInsertId = QVariant();
    if (!bindAll())
        return false;
    return execute();
}

bool SqlCipherResult::bindAll()
{
    const QList<QVariant>& values = boundValues();
    const int expected = sqlite3_bind_parameter_count(m_stmt);
    if (values.size() != expected) {
        setLastError(
            QSqlError(tr("Parameter count mismatch"),
                      tr("The statement has %1 placeholders but %2 values were bound").arg(expected).arg(values.size()),
                      QSqlError::StatementError));
        return false;
    }
    m_boundBytes.reserve(std::size_t(values.size()));
    for (int i = 0; i < expected; ++i) {
        if (!bindOne(i + 1, values.at(i)))
            return false;
    }
    return true;
}

int SqlCipherResult::bindText(int index, QByteArray utf8)
{
    m_boundBytes.push_back(std::move(utf8));
    const QByteArray& bytes = m_boundBytes.back();
    return sqlite3_bind_text64(m_stmt, index, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_STATIC,
                               SQLITE_UTF8);
}

bool SqlCipherResult::bindOne(int index, const QVariant& value)
{
    int rc = SQLITE_OK;
    if (isNullForBinding(value)) {
        rc = sqlite3_bind_null(m_stmt, index);
    } else {
        switch (value.typeId()) {
        case QMetaType::Bool:
            rc = sqlite3_bind_int(m_stmt, index, value.toBool() ? 1 : 0);
            break;
        case QMetaType::Char:
        case QMetaType::SChar:
        case QMetaType::UChar:
        case QMetaType::Short:
        case QMetaType::UShort:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong:
            rc = sqlite3_bind_int64(m_stmt, index, value.toLongLong());
            break;
        case QMetaType::ULong:
        case QMetaType::ULongLong: {
            const qulonglong unsignedValue = value.toULongLong();
            if (unsignedValue > qulonglong(std::numeric_limits<qint64>::max())) {
                setLastError(QSqlError(tr("Unable to bind value"),
                                       tr("Parameter %1 is larger than a 64-bit signed integer").arg(index),
                                       QSqlError::StatementError));
                return false;
            }
            rc = sqlite3_bind_int64(m_stmt, index, qint64(unsignedValue));
            break;
        }
        case QMetaType::Float:
        case QMetaType::Double:
            rc = sqlite3_bind_double(m_stmt, index, value.toDouble());
            break;
        case QMetaType::QByteArray: {
            m_boundBytes.push_back(value.toByteArray()); // shares the caller's bytes, no copy
            const QByteArray& bytes = m_boundBytes.back();
            rc = sqlite3_bind_blob64(m_stmt, index, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_STATIC);
            break;
        }
        case QMetaType::QDateTime:
            rc = bindText(index, value.toDateTime().toUTC().toString(Qt::ISODateWithMs).toUtf8());
            break;
        case QMetaType::QDate:
            rc = bindText(index, value.toDate().toString(Qt::ISODate).toUtf8());
            break;
        case QMetaType::QTime:
            rc = bindText(index, value.toTime().toString(Qt::ISODateWithMs).toUtf8());
            break;
        case QMetaType::QString:
            rc = bindText(index, value.toString().toUtf8());
            break;
        default:
            if (!value.canConvert<QString>()) {
                setLastError(QSqlError(tr("Unable to bind value"),
                                       tr("Parameter %1 has a type the driver cannot store (%2)")
                                           .arg(index)
                                           .arg(QLatin1String(value.metaType().name())),
                                       QSqlError::StatementError));
                return false;
            }
            rc = bindText(index, value.toString().toUtf8());
            break;
        }
    }
    if (rc != SQLITE_OK) {
        setStatementError(tr("Unable to bind parameter %1").arg(index));
        return false;
    }
    return true;
}

bool SqlCipherResult::execute()
{
    sqlite3* db = database();
    buildRecord();
    const bool returnsRows = sqlite3_column_count(m_stmt) > 0;

    const sqlite3_int64 rowidBefore = sqlite3_last_insert_rowid(db);
    const sqlite3_int64 totalChangesBefore = sqlite3_total_changes64(db);

    m_done = false;
    const Step first = stepRow();

    if (first == Step::Error)
        return false;

    // sqlite3_changes() keeps an earlier statement's count (after CREATE TABLE, say), and
    // sqlite3_last_insert_rowid() an earlier INSERT's rowid (on any table: the value may well be the same), while
    // rows inserted by triggers show in neither. So both count only if this statement changed rows; the rowid if
    // it is an INSERT or REPLACE, or has changed (an INSERT after a WITH clause).
    const bool changedRows = sqlite3_total_changes64(db) != totalChangesBefore;
    m_rowsAffected = changedRows ? sqlite3_changes(db) : (returnsRows ? -1 : 0);
    const sqlite3_int64 rowid = sqlite3_last_insert_rowid(db);
    if (changedRows && (rowid != rowidBefore || startsWithInsert(sqlite3_sql(m_stmt))))
        m_lastInsertId = QVariant(qlonglong(rowid));

    // Columns without a declared type (expressions) take their type from the first row.
    if (first == Step::Row) {
        const Row& row = m_rows.front();
        for (int i = 0; i < m_columnTypes.size() && i < row.size(); ++i) {
            if (m_columnTypes.at(i).isValid() || row.at(i).isNull())
                continue;
            m_columnTypes[i] = row.at(i).metaType();
            QSqlField field = m_record.field(i);
            field.setMetaType(m_columnTypes.at(i));
            m_record.replace(i, field);
        }
    }

    setSelect(returnsRows);
    setActive(true);
    setAt(QSql::BeforeFirstRow);
    if (returnsRows)
        readAhead(0);
    return true;
}

void SqlCipherResult::buildRecord()
{
    m_record.clear();
    m_columnTypes.clear();
    const int columns = sqlite3_column_count(m_stmt);
    for (int i = 0; i < columns; ++i) {
        const char* declared = sqlite3_column_decltype(m_stmt, i);
        const char* table = sqlite3_column_table_name(m_stmt, i);
        const QMetaType type = declared ? metaTypeForDeclaredType(QString::fromUtf8(declared)) : QMetaType();
        QSqlField field(QString::fromUtf8(sqlite3_column_name(m_stmt, i)), type,
                        table ? QString::fromUtf8(table) : QString());
        m_record.append(field);
        m_columnTypes.append(type);
    }
}

SqlCipherResult::Step SqlCipherResult::stepRow()
{
    if (m_done || !m_stmt)
        return Step::Done;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        m_rows.push_back(readRow());
        return Step::Row;
    }
    // Past SQLITE_DONE the statement holds no read transaction any more; that is why rows are read one ahead.
    m_done = true;
    if (rc == SQLITE_DONE)
        return Step::Done;
    setStatementError(tr("Unable to fetch row"));
    sqlite3_reset(m_stmt);
    return Step::Error;
}

SqlCipherResult::Row SqlCipherResult::readRow() const
{
    const int columns = sqlite3_column_count(m_stmt);
    const QSql::NumericalPrecisionPolicy policy = numericalPrecisionPolicy();
    Row row;
    row.reserve(columns);
    for (int i = 0; i < columns; ++i) {
        switch (sqlite3_column_type(m_stmt, i)) {
        case SQLITE_INTEGER: {
            const qint64 value = sqlite3_column_int64(m_stmt, i);
            if (policy == QSql::LowPrecisionInt32 && value >= std::numeric_limits<int>::min()
                && value <= std::numeric_limits<int>::max())
                row.append(QVariant(int(value)));
            else
                row.append(QVariant(qlonglong(value)));
            break;
        }
        case SQLITE_FLOAT: {
            const double value = sqlite3_column_double(m_stmt, i);
            if (policy == QSql::LowPrecisionInt32)
                row.append(fromDouble<int>(value));
            else if (policy == QSql::LowPrecisionInt64)
                row.append(fromDouble<qlonglong>(value));
            else
                row.append(QVariant(value));
            break;
        }
        case SQLITE_TEXT: {
            // sqlite3_column_bytes() must follow sqlite3_column_text(): the text call may convert the value.
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, i));
            row.append(QVariant(QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, i))));
            break;
        }
        case SQLITE_BLOB: {
            const auto* blob = static_cast<const char*>(sqlite3_column_blob(m_stmt, i));
            const int size = sqlite3_column_bytes(m_stmt, i);
            // An empty BLOB is an empty, not a null, QByteArray.
            row.append(QVariant(size > 0 ? QByteArray(blob, size) : QByteArray("", 0)));
            break;
        }
        default: // SQLITE_NULL: a null of the column's type
            row.append(i < m_columnTypes.size() ? QVariant(m_columnTypes.at(i)) : QVariant());
            break;
        }
    }
    return row;
}

void SqlCipherResult::readAhead(int index)
{
    while (!m_done && m_firstRow + int(m_rows.size()) <= index + 1) {
        if (stepRow() != Step::Row)
            break;
    }
}

void SqlCipherResult::dropRowsBefore(int index)
{
    const int drop = index - m_firstRow;
    if (drop <= 0)
        return;
    m_rows.erase(m_rows.begin(), m_rows.begin() + drop);
    m_firstRow = index;
}

const SqlCipherResult::Row* SqlCipherResult::currentRow() const
{
    const int offset = at() - m_firstRow;
    if (at() < 0 || offset < 0 || offset >= int(m_rows.size()))
        return nullptr;
    return &m_rows[std::size_t(offset)];
}

QVariant SqlCipherResult::data(int field)
{
    const Row* row = currentRow();
    if (!row || field < 0 || field >= row->size())
        return QVariant();
    return row->at(field);
}

bool SqlCipherResult::isNull(int field)
{
    const Row* row = currentRow();
    if (!row || field < 0 || field >= row->size())
        return true;
    return row->at(field).isNull();
}

bool SqlCipherResult::fetch(int index)
{
    if (!isActive() || !isSelect() || index < 0 || index < m_firstRow)
        return false;
    readAhead(index);
    if (index >= m_firstRow + int(m_rows.size()))
        return false;
    setAt(index);
    if (isForwardOnly())
        dropRowsBefore(index);
    return true;
}

bool SqlCipherResult::fetchFirst()
{
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (!isActive() || !isSelect())
        return false;
    while (!m_done) {
        if (stepRow() != Step::Row)
            break;
        if (isForwardOnly())
            dropRowsBefore(m_firstRow + int(m_rows.size()) - 1);
    }
    const int count = m_firstRow + int(m_rows.size());
    if (m_rows.empty())
        return false;
    setAt(count - 1);
    if (isForwardOnly())
        dropRowsBefore(count - 1);
    return true;
}

int SqlCipherResult::size()
{
    return -1; // unknown until every row has been stepped through
}

int SqlCipherResult::numRowsAffected()
{
    return m_rowsAffected;
}

QSqlRecord SqlCipherResult::record() const
{
    if (!isActive() || !isSelect())
        return QSqlRecord();
    return m_record;
}

QVariant SqlCipherResult::lastInsertId() const
{
    return isActive() ? m_lastInsertId : QVariant();
}

void SqlCipherResult::detachFromResultSet()
{
    // QSqlQuery::finish() and QSqlTableModel (SimpleLocking) call this to give up the read transaction. Rows
    // already read stay readable; no more are read.
    if (m_stmt)
        sqlite3_reset(m_stmt);
    m_done = true;
}

} // namespace Acorn
