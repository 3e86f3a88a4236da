#include "storage/SqlCipherDriver.h"

#include "crypto/SecureBuffer.h"
#include "storage/SqlCipherResult.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlDriverCreator>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlRecord>
#include <QStringList>

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace Acorn {

namespace {

constexpr int DefaultBusyTimeoutMs = 5000;
constexpr std::size_t RawKeyBytes = 32;

struct StatementFinalizer
{
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

Statement prepareInternal(sqlite3* db, const char* sql)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return nullptr;
    }
    return Statement(stmt);
}

QString columnText(sqlite3_stmt* stmt, int column)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
    if (!text)
        return QString();
    return QString::fromUtf8(text, sqlite3_column_bytes(stmt, column));
}

void bindString(sqlite3_stmt* stmt, int index, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text64(stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// Splits "schema.table" where each part may be quoted as "..", [..] or `..`.
struct QualifiedName
{
    QString schema;
    QString table;
};

QualifiedName splitTableName(const QString& name)
{
    QStringList parts;
    QString current;
    QChar closingQuote;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar ch = name.at(i);
        if (!closingQuote.isNull()) {
            if (ch != closingQuote)
                current += ch;
            else if (closingQuote != QLatin1Char(']') && i + 1 < name.size() && name.at(i + 1) == closingQuote)
                current += name.at(++i); // doubled quote inside a quoted name
            else
                closingQuote = QChar();
        } else if (ch == QLatin1Char('"') || ch == QLatin1Char('`')) {
            closingQuote = ch;
        } else if (ch == QLatin1Char('[')) {
            closingQuote = QLatin1Char(']');
        } else if (ch == QLatin1Char('.')) {
            parts << current;
            current.clear();
        } else {
            current += ch;
        }
    }
    parts << current;
    if (parts.size() == 2)
        return {parts.at(0), parts.at(1)};
    return {QString(), parts.join(QLatin1Char('.'))};
}

// A column's DEFAULT when it is a literal; expressions such as CURRENT_TIMESTAMP have no value before the insert.
QVariant defaultValueFromSql(const QString& sql)
{
    const QString text = sql.trimmed();
    if (text.isEmpty() || text.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
        return QVariant();
    if (text.size() >= 2 && text.startsWith(QLatin1Char('\'')) && text.endsWith(QLatin1Char('\''))) {
        QString value = text.mid(1, text.size() - 2);
        value.replace(QLatin1String("''"), QLatin1String("'"));
        return value;
    }
    bool ok = false;
    const qlonglong integer = text.toLongLong(&ok);
    if (ok)
        return integer;
    const double real = text.toDouble(&ok);
    if (ok)
        return real;
    return QVariant();
}

struct Column
{
    QSqlField field;
    int primaryKeyPosition = 0; // 1-based position in the primary key, 0 if not part of it
};

std::vector<Column> tableColumns(sqlite3* db, const QString& tableName)
{
    std::vector<Column> columns;
    if (!db || tableName.isEmpty())
        return columns;
    const QualifiedName name = splitTableName(tableName);
    const bool hasSchema = !name.schema.isEmpty();

    Statement info
        = prepareInternal(db,
                          hasSchema ? "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1, ?2)"
                                    : "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1)");
    if (!info)
        return columns;
    bindString(info.get(), 1, name.table);
    if (hasSchema)
        bindString(info.get(), 2, name.schema);

    int primaryKeyColumns = 0;
    QStringList declaredTypes;
    while (sqlite3_step(info.get()) == SQLITE_ROW) {
        const QString declared = columnText(info.get(), 1);
        QSqlField field(columnText(info.get(), 0), SqlCipherResult::metaTypeForDeclaredType(declared), name.table);
        field.setRequiredStatus(sqlite3_column_int(info.get(), 2) ? QSqlField::Required : QSqlField::Optional);
        if (sqlite3_column_type(info.get(), 3) != SQLITE_NULL) {
            const QVariant defaultValue = defaultValueFromSql(columnText(info.get(), 3));
            if (defaultValue.isValid())
                field.setDefaultValue(defaultValue);
        }
        const int position = sqlite3_column_int(info.get(), 4);
        if (position > 0)
            ++primaryKeyColumns;
        columns.push_back({field, position});
        declaredTypes << declared;
    }

    // A lone INTEGER PRIMARY KEY in a rowid table is the rowid: SQLite assigns it.
    if (primaryKeyColumns == 1) {
        Statement list = prepareInternal(
            db, hasSchema ? "SELECT wr FROM pragma_table_list(?1, ?2)" : "SELECT wr FROM pragma_table_list(?1)");
        bool withoutRowid = true;
        if (list) {
            bindString(list.get(), 1, name.table);
            if (hasSchema)
                bindString(list.get(), 2, name.schema);
            if (sqlite3_step(list.get()) == SQLITE_ROW)
                withoutRowid = sqlite3_column_int(list.get(), 0) != 0;
        }
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (columns[i].primaryKeyPosition == 1 && !withoutRowid
                && declaredTypes.at(qsizetype(i)).compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0)
                columns[i].field.setAutoValue(true);
        }
    }
    return columns;
}

QString quoted(const QString& identifier)
{
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString quotedText(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

} // namespace

SqlCipherDriver::SqlCipherDriver(QObject* parent)
    : QSqlDriver(parent)
{
}

SqlCipherDriver::~SqlCipherDriver()
{
    close();
}

void SqlCipherDriver::registerDriver()
{
    static std::once_flag once;
    std::call_once(once, [] {
        QSqlDatabase::registerSqlDriver(QLatin1String(DriverName), new QSqlDriverCreator<SqlCipherDriver>);
    });
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders: // QSqlResult rewrites :name placeholders to ? and maps the bound names
    case LastInsertId:
    case SimpleLocking: // lets QSqlTableModel release its select's read transaction before it writes
    case LowPrecisionNumbers:
    case FinishQuery:
        return true;
    case QuerySize: // unknown until every row has been stepped through
    case NamedPlaceholders:
    case BatchOperations: // QSqlResult emulates execBatch() with one exec() per row
    case EventNotifications:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

void SqlCipherDriver::setError(const QString& driverText, QSqlError::ErrorType type)
{
    setLastError(SqlCipherResult::errorFrom(m_db, driverText, type));
}

bool SqlCipherDriver::open(const QString& db, const QString& /*user*/, const QString& password, const QString& /*host*/,
                           int /*port*/, const QString& connectOptions)
{
    if (isOpen())
        close();

    const auto fail = [this](const QString& detail) {
        setLastError(QSqlError(tr("Unable to open the database"), detail, QSqlError::ConnectionError));
        setOpenError(true);
        return false;
    };
    if (!password.isEmpty())
        return fail(tr("QSQLCIPHER takes no password; call setKey() after open()"));

    bool readOnly = false;
    bool noCreate = false;
    int busyTimeoutMs = DefaultBusyTimeoutMs;
    const QLatin1String busyTimeoutOption("ACORN_BUSY_TIMEOUT=");
    for (const QString& part : connectOptions.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString option = part.trimmed();
        if (option.isEmpty())
            continue;
        if (option == QLatin1String("ACORN_OPEN_READONLY")) {
            readOnly = true;
        } else if (option == QLatin1String("ACORN_OPEN_NO_CREATE")) {
            noCreate = true;
        } else if (option.startsWith(busyTimeoutOption)) {
            bool ok = false;
            busyTimeoutMs = option.mid(busyTimeoutOption.size()).trimmed().toInt(&ok);
            if (!ok || busyTimeoutMs < 0)
                return fail(tr("ACORN_BUSY_TIMEOUT needs a number of milliseconds"));
        } else {
            // A misspelt ACORN_OPEN_READONLY must not quietly open the file for writing.
            return fail(tr("Unknown connect option %1").arg(option));
        }
    }

    int flags = SQLITE_OPEN_FULLMUTEX;
    if (readOnly)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE | (noCreate ? 0 : SQLITE_OPEN_CREATE);

    sqlite3* handle = nullptr;
    const int rc = sqlite3_open_v2(db.toUtf8().constData(), &handle, flags, nullptr);
    if (rc != SQLITE_OK) {
        setLastError(SqlCipherResult::errorFrom(handle, tr("Unable to open the database"), QSqlError::ConnectionError));
        sqlite3_close_v2(handle);
        setOpenError(true);
        return false;
    }
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_busy_timeout(handle, busyTimeoutMs);
    m_db = handle;
    setOpen(true);
    setOpenError(false);
    return true;
}

void SqlCipherDriver::close()
{
    if (m_db) {
        // Queries may outlive the connection; their statements must not.
        for (SqlCipherResult* result : std::as_const(m_results))
            result->releaseForClose();
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    if (isOpen())
        setOpen(false);
    setOpenError(false);
}

QSqlResult* SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

bool SqlCipherDriver::execSimple(const char* sql, const QString& failureText, QSqlError::ErrorType type)
{
    if (!m_db) {
        setLastError(QSqlError(failureText, tr("The database is not open"), type));
        return false;
    }
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        setError(failureText, type);
        return false;
    }
    return true;
}

bool SqlCipherDriver::beginTransaction()
{
    // IMMEDIATE takes the write lock now, so a busy database shows here (after the busy timeout) and not as a
    // failure half-way through the transaction.
    return execSimple("BEGIN IMMEDIATE", tr("Unable to begin the transaction"), QSqlError::TransactionError);
}

bool SqlCipherDriver::commitTransaction()
{
    return execSimple("COMMIT", tr("Unable to commit the transaction"), QSqlError::TransactionError);
}

bool SqlCipherDriver::rollbackTransaction()
{
    return execSimple("ROLLBACK", tr("Unable to roll back the transaction"), QSqlError::TransactionError);
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList names;
    if (!m_db)
        return names;
    const auto collect = [&](const char* sql) {
        Statement stmt = prepareInternal(m_db, sql);
        while (stmt && sqlite3_step(stmt.get()) == SQLITE_ROW)
            names << columnText(stmt.get(), 0);
    };
    if (type & QSql::Tables) {
        collect("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                "UNION ALL "
                "SELECT name FROM sqlite_temp_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    }
    if (type & QSql::Views) {
        collect("SELECT name FROM sqlite_schema WHERE type = 'view' "
                "UNION ALL SELECT name FROM sqlite_temp_schema WHERE type = 'view'");
    }
    if (type & QSql::SystemTables) {
        names << QStringLiteral("sqlite_schema");
        collect("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'sqlite\\_%' ESCAPE '\\'");
    }
    return names;
}

QSqlRecord SqlCipherDriver::record(const QString& tableName) const
{
    QSqlRecord record;
    for (const Column& column : tableColumns(m_db, tableName))
        record.append(column.field);
    return record;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString& tableName) const
{
    std::vector<Column> key;
    for (Column& column : tableColumns(m_db, tableName)) {
        if (column.primaryKeyPosition > 0)
            key.push_back(std::move(column));
    }
    std::sort(key.begin(), key.end(),
              [](const Column& a, const Column& b) { return a.primaryKeyPosition < b.primaryKeyPosition; });
    QSqlIndex index(tableName);
    for (const Column& column : key)
        index.append(column.field);
    return index;
}

QVariant SqlCipherDriver::handle() const
{
    return QVariant::fromValue(m_db);
}

QString SqlCipherDriver::escapeIdentifier(const QString& identifier, IdentifierType type) const
{
    if (identifier.isEmpty() || isIdentifierEscaped(identifier, type))
        return identifier;
    if (type == TableName) {
        // "schema.table" → "schema"."table"; a part already in quotes stays as it is.
        QStringList parts = identifier.split(QLatin1Char('.'));
        if (parts.size() == 2 && !parts.at(0).isEmpty() && !parts.at(1).isEmpty()) {
            for (QString& part : parts) {
                if (!isIdentifierEscaped(part, type))
                    part = quoted(part);
            }
            return parts.join(QLatin1Char('.'));
        }
    }
    return quoted(identifier);
}

QString SqlCipherDriver::formatValue(const QSqlField& field, bool trimStrings) const
{
    if (field.isNull())
        return QStringLiteral("NULL");
    const QVariant value = field.value();
    switch (value.typeId()) {
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        if (bytes.isNull())
            return QStringLiteral("NULL");
        return QLatin1String("X'") + QLatin1String(bytes.toHex()) + QLatin1Char('\'');
    }
    case QMetaType::QDateTime: {
        const QDateTime dateTime = value.toDateTime();
        return dateTime.isValid() ? quotedText(dateTime.toUTC().toString(Qt::ISODateWithMs)) : QStringLiteral("NULL");
    }
    case QMetaType::QDate: {
        const QDate date = value.toDate();
        return date.isValid() ? quotedText(date.toString(Qt::ISODate)) : QStringLiteral("NULL");
    }
    case QMetaType::QTime: {
        const QTime time = value.toTime();
        return time.isValid() ? quotedText(time.toString(Qt::ISODateWithMs)) : QStringLiteral("NULL");
    }
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    default:
        return QSqlDriver::formatValue(field, trimStrings);
    }
}

bool SqlCipherDriver::applyKey(const SecureBuffer& rawKey, bool rekeying)
{
    const QString failureText = rekeying ? tr("Unable to change the key") : tr("Unable to apply the key");
    if (!m_db) {
        setLastError(QSqlError(failureText, tr("The database is not open"), QSqlError::ConnectionError));
        return false;
    }
    if (rawKey.size() != RawKeyBytes) {
        setLastError(QSqlError(failureText, tr("A key is %1 bytes").arg(RawKeyBytes), QSqlError::ConnectionError));
        return false;
    }
    // SQLCipher's raw key syntax, x'<64 hex digits>', built in secure memory: x ' hex ' and sodium's NUL.
    constexpr std::size_t hexDigits = RawKeyBytes * 2;
    SecureBuffer literal(hexDigits + 4);
    auto* text = reinterpret_cast<char*>(literal.data());
    text[0] = 'x';
    text[1] = '\'';
    sodium_bin2hex(text + 2, hexDigits + 1, rawKey.data(), rawKey.size());
    text[2 + hexDigits] = '\'';
    text[3 + hexDigits] = '\0';
    const int length = int(hexDigits + 3);
    const int rc = rekeying ? sqlite3_rekey_v2(m_db, "main", text, length) : sqlite3_key_v2(m_db, "main", text, length);
    literal.wipe();
    if (rc != SQLITE_OK) {
        setError(failureText, QSqlError::ConnectionError);
        return false;
    }
    return true;
}

bool SqlCipherDriver::setKey(const SecureBuffer& rawKey)
{
    return applyKey(rawKey, false);
}

bool SqlCipherDriver::rekey(const SecureBuffer& rawKey)
{
    return applyKey(rawKey, true);
}

sqlite3* SqlCipherDriver::connection() const
{
    return m_db;
}

} // namespace Acorn
