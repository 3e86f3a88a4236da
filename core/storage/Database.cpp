#include "storage/Database.h"

#include "Logging.h"
#include "crypto/SecureBuffer.h"
#include "storage/Migrator.h"
#include "storage/SqlCipherDriver.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

#include <sqlite3.h>

namespace Acorn {

namespace {
QAtomicInt g_connectionCounter;

constexpr int PageSize = 4096;

// SQLite result codes (sqlite3.h) as the driver reports them in nativeErrorCode().
int primaryCode(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}
} // namespace

Database::Database(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
{
}

Database::~Database()
{
    close();
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        auto db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

QSqlDatabase Database::sql() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<Database>> Database::open(const QString& path, const SecureBuffer& key, OpenMode mode,
                                                 Check check)
{
    SqlCipherDriver::registerDriver();
    const QString where = QDir::toNativeSeparators(path);
    const bool exists = QFileInfo::exists(path);
    if (mode != OpenMode::CreateNew && !exists)
        return Error(Error::Code::NotFound, tr("There is no Acorn journal at %1.").arg(where));
    if (mode == OpenMode::CreateNew && exists)
        return Error(Error::Code::AlreadyExists,
                     tr("%1 already exists. Acorn will not overwrite a journal; choose an empty folder.").arg(where));
    if (mode != OpenMode::CreateNew && QFileInfo(path).size() == 0)
        return diagnoseUnreadable(path);

    const QString name = QStringLiteral("acorn-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<Database> database(new Database(name, path));
    {
        auto db = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::DriverName), name);
        db.setDatabaseName(path);
        QStringList options;
        if (mode != OpenMode::CreateNew)
            options << QStringLiteral("ACORN_OPEN_NO_CREATE");
        if (mode == OpenMode::ExistingReadOnly)
            options << QStringLiteral("ACORN_OPEN_READONLY");
        db.setConnectOptions(options.join(QLatin1Char(';')));
        if (!db.open())
            return describe(db.lastError(), path);
        if (mode == OpenMode::CreateNew)
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

        auto* driver = static_cast<SqlCipherDriver*>(db.driver());
        if (!driver->setKey(key))
            return Error(Error::Code::Internal, tr("The journal could not be unlocked (key rejected)."));
    }
    // Cipher settings stated explicitly (the v4 defaults), so a future change of defaults cannot lock us out.
    for (const auto* pragma :
         {"PRAGMA cipher_page_size = 4096", "PRAGMA kdf_iter = 256000", "PRAGMA cipher_hmac_algorithm = HMAC_SHA512",
          "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512"}) {
        QSqlQuery q(database->sql());
        if (!q.exec(QLatin1String(pragma)))
            return describe(q.lastError(), path);
    }
    {
        // A wrong key shows only at the first read.
        QSqlQuery probe(database->sql());
        if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !probe.next()) {
            qCInfo(lcStorage) << "database probe failed:" << probe.lastError().nativeErrorCode();
            const auto error = probe.lastError();
            database.reset();
            if (mode == OpenMode::CreateNew)
                return describe(error, path);
            return diagnoseUnreadable(path);
        }
    }
    QStringList pragmas {QStringLiteral("PRAGMA temp_store = MEMORY"), QStringLiteral("PRAGMA foreign_keys = ON"),
                         QStringLiteral("PRAGMA secure_delete = ON"), QStringLiteral("PRAGMA cache_size = -65536")};
    if (mode != OpenMode::ExistingReadOnly) {
        pragmas.prepend(QStringLiteral("PRAGMA journal_mode = WAL"));
        // FULL in WAL mode: an observation reported as saved survives a power cut, not only a crash.
        pragmas << QStringLiteral("PRAGMA synchronous = FULL");
    }
    for (const auto& pragma : pragmas) {
        QSqlQuery q(database->sql());
        if (!q.exec(pragma))
            return describe(q.lastError(), path);
    }

    if (check != Check::None) {
        if (auto checked = database->checkIntegrity(check); !checked)
            return checked.error();
    }

    Migrator migrator(*database);
    if (mode == OpenMode::ExistingReadOnly) {
        if (migrator.currentVersion() != Migrator::latestVersion())
            return Error(Error::Code::NewerVersion,
                         tr("This journal needs updating before it can be read; open it once with write access."));
    } else if (auto migrated = migrator.migrate(); !migrated) {
        return migrated.error();
    }
    qCInfo(lcStorage) << "database open, schema version" << migrator.currentVersion();
    return database;
}

int Database::schemaVersion() const
{
    QSqlQuery q(sql());
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

VoidResult Database::checkIntegrity(Check check) const
{
    const Error damaged(Error::Code::DatabaseDamaged,
                        tr("The journal database is damaged (the integrity check failed). Restore it from the latest "
                           "backup with acorn-cli restore, and tell your administrator."));
    QSqlQuery q(sql());
    const QString statement
        = check == Check::Full ? QStringLiteral("PRAGMA integrity_check") : QStringLiteral("PRAGMA quick_check");
    if (!q.exec(statement))
        return describe(q.lastError(), m_path);
    if (!q.next() || q.value(0).toString() != QLatin1String("ok")) {
        qCWarning(lcStorage) << "integrity check failed";
        return damaged;
    }
    if (check == Check::Full) {
        // Verifies the HMAC of every page: finds tampering or bit rot that SQLite itself would not notice.
        QSqlQuery c(sql());
        if (!c.exec(QStringLiteral("PRAGMA cipher_integrity_check")))
            return describe(c.lastError(), m_path);
        if (c.next()) {
            qCWarning(lcStorage) << "cipher integrity check reported page errors";
            return damaged;
        }
    }
    return {};
}

VoidResult Database::exportCopy(const QString& targetPath, const SecureBuffer& key) const
{
    if (QFileInfo::exists(targetPath))
        return Error(Error::Code::AlreadyExists,
                     tr("%1 already exists; choose a new file name.").arg(QDir::toNativeSeparators(targetPath)));
    {
        // ATTACH inherits the main connection's open flags (no create), so make the empty file first; SQLite takes a
        // zero-length file for an empty database.
        QFile create(targetPath);
        if (!create.open(QIODevice::WriteOnly))
            return Error(
                Error::Code::Io,
                tr("%1 could not be created: %2").arg(QDir::toNativeSeparators(targetPath), create.errorString()));
        create.close();
        create.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        // Without a KEY clause the attached database takes the main database's key.
        QSqlQuery attach(sql());
        attach.prepare(QStringLiteral("ATTACH DATABASE ? AS acorn_copy"));
        attach.addBindValue(targetPath);
        if (!attach.exec())
            return describe(attach.lastError(), targetPath);
        // Another connection may have changed the schema since this one last looked (SQLITE_SCHEMA inside the
        // export): read the schema again and retry a few times.
        bool exported = false;
        QSqlError exportError;
        for (int attempt = 0; attempt < 3 && !exported; ++attempt) {
            QSqlQuery refresh(sql());
            refresh.exec(QStringLiteral("SELECT count(*) FROM main.sqlite_master"));
            refresh.finish();
            QSqlQuery exportQuery(sql());
            exported = exportQuery.exec(QStringLiteral("SELECT sqlcipher_export('acorn_copy')"));
            exportError = exportQuery.lastError();
        }
        // sqlcipher_export does not copy the schema version.
        QSqlQuery version(sql());
        const bool versioned
            = exported && version.exec(QStringLiteral("PRAGMA acorn_copy.user_version = %1").arg(schemaVersion()));
        QSqlQuery detach(sql());
        detach.exec(QStringLiteral("DETACH DATABASE acorn_copy"));
        if (!exported || !versioned) {
            QFile::remove(targetPath);
            return describe(exported ? version.lastError() : exportError, targetPath);
        }
    }
    auto copy = Database::open(targetPath, key, OpenMode::ExistingReadOnly, Check::Full);
    if (!copy) {
        QFile::remove(targetPath);
        return Error(copy.code(), tr("The copy could not be verified: %1").arg(copy.errorMessage()));
    }
    return {};
}

VoidResult Database::exec(const QString& statement) const
{
    QSqlQuery q(sql());
    if (!q.exec(statement))
        return describe(q.lastError(), m_path);
    return {};
}

Error Database::describe(const QSqlError& error, const QString& path)
{
    const QString where = QDir::toNativeSeparators(path.isEmpty() ? tr("the journal") : path);
    // SQLite's own text names tables and constraints, never values; debug level only.
    qCDebug(lcStorage) << "database error" << error.nativeErrorCode() << error.databaseText();
    switch (primaryCode(error)) {
    case 13: // SQLITE_FULL
        return {Error::Code::DiskFull,
                tr("The disk is full, so the change could not be saved. Free some space and try again; everything "
                   "saved before is safe.")};
    case 8: // SQLITE_READONLY
        return {Error::Code::ReadOnly,
                tr("%1 is read-only, so nothing can be saved. Check the folder's permissions or the disk.").arg(where)};
    case 14: // SQLITE_CANTOPEN
        return {Error::Code::Io,
                tr("%1 could not be opened. Check that the folder exists and that you may write to it.").arg(where)};
    case 26: // SQLITE_NOTADB
        return {Error::Code::NotAnAcornDatabase, tr("%1 is not an Acorn journal.").arg(where)};
    case 11: // SQLITE_CORRUPT
        return {Error::Code::DatabaseDamaged,
                tr("The journal database is damaged. Restore it from the latest backup with acorn-cli restore.")};
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return {Error::Code::Io, tr("The journal is busy in another program. Try again in a moment.")};
    case 10: // SQLITE_IOERR
        return {Error::Code::Io, tr("The disk reported an error while reading or writing %1.").arg(where)};
    case 19: // SQLITE_CONSTRAINT
        return {Error::Code::InvalidInput, tr("The change conflicts with something already saved.")};
    default:
        qCWarning(lcStorage) << "unexpected database error, native code" << error.nativeErrorCode();
        return {
            Error::Code::Internal,
            tr("Acorn could not complete this (database error %1). Nothing was changed.").arg(error.nativeErrorCode())};
    }
}

Error Database::diagnoseUnreadable(const QString& path)
{
    const QString where = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {Error::Code::Io, tr("%1 could not be read: %2").arg(where, file.errorString())};
    const qint64 size = file.size();
    const QByteArray head = file.read(16);
    if (size == 0)
        return {Error::Code::DatabaseDamaged,
                tr("%1 is empty: the journal was lost or cut short. Restore it from the latest backup.").arg(where)};
    if (head.startsWith("SQLite format 3"))
        return {Error::Code::NotAnAcornDatabase,
                tr("%1 is an ordinary, unencrypted SQLite file, not an Acorn journal.").arg(where)};
    if (size < PageSize || size % PageSize != 0)
        return {Error::Code::DatabaseDamaged,
                tr("%1 is cut short (truncated), so it cannot be read. Restore it from the latest backup.").arg(where)};
    return {Error::Code::DatabaseDamaged,
            tr("%1 cannot be read with this nursery's key: it is damaged, or it is not this nursery's journal. "
               "Restore it from the latest backup.")
                .arg(where)};
}

Transaction::Transaction(const Database& db)
    : m_db(db.sql())
{
    auto* driver = static_cast<SqlCipherDriver*>(m_db.driver());
    if (driver && driver->connection() && sqlite3_get_autocommit(driver->connection()) == 0) {
        static QAtomicInt counter;
        m_savepoint = QStringLiteral("acorn_sp_%1").arg(counter.fetchAndAddRelaxed(1));
        QSqlQuery q(m_db);
        m_active = q.exec(QStringLiteral("SAVEPOINT ") + m_savepoint);
    } else {
        m_active = m_db.transaction();
    }
}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    if (m_savepoint.isEmpty()) {
        m_db.rollback();
    } else {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("ROLLBACK TO ") + m_savepoint);
        q.exec(QStringLiteral("RELEASE ") + m_savepoint);
    }
}

VoidResult Transaction::commit()
{
    if (!m_active)
        return Database::describe(m_db.lastError());
    m_active = false;
    if (!m_savepoint.isEmpty()) {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("RELEASE ") + m_savepoint)) {
            const auto error = Database::describe(q.lastError());
            q.exec(QStringLiteral("ROLLBACK TO ") + m_savepoint);
            q.exec(QStringLiteral("RELEASE ") + m_savepoint);
            return error;
        }
        return {};
    }
    if (!m_db.commit()) {
        const auto error = Database::describe(m_db.lastError());
        m_db.rollback();
        return error;
    }
    return {};
}

} // namespace Acorn
