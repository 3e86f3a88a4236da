// Opening the encrypted database: the right key, and every kind of bad input a nursery's IT person might meet —
// a wrong key, a file that is not an Acorn journal, a truncated or damaged file, a read-only or full disk.
#include "crypto/SecureBuffer.h"
#include "storage/Database.h"
#include "storage/Migrator.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Acorn;

namespace {
// Mounts a small tmpfs for disk-full and read-only cases. Needs root (CI runs as root); skipped otherwise.
class SmallDisk
{
public:
    explicit SmallDisk(const QString& path, const QString& size)
        : m_path(path)
    {
        if (geteuid() != 0)
            return;
        QDir().mkpath(path);
        m_mounted = QProcess::execute("mount", {"-t", "tmpfs", "-o", "size=" + size, "tmpfs", path}) == 0;
    }
    ~SmallDisk()
    {
        if (m_mounted)
            QProcess::execute("umount", {"-l", m_path});
    }
    bool mounted() const { return m_mounted; }
    bool remountReadOnly() { return QProcess::execute("mount", {"-o", "remount,ro", m_path}) == 0; }

private:
    QString m_path;
    bool m_mounted = false;
};
} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = m_dir->filePath("journal.acorn");
        m_key = SecureBuffer::random(32);
    }

    void testCreateAndReopen()
    {
        {
            auto db = Database::open(m_path, m_key, Database::OpenMode::CreateNew);
            QVERIFY2(db, qPrintable(db.errorMessage()));
            QCOMPARE(db.value()->schemaVersion(), Migrator::latestVersion());
            QVERIFY(db.value()->exec("INSERT INTO rooms (id, name, created_at, updated_at, origin_device) "
                                     "VALUES ('r1', 'Seedlings', 'x', 'x', 'd')"));
        }
        auto db = Database::open(m_path, m_key);
        QVERIFY2(db, qPrintable(db.errorMessage()));
        QSqlQuery q(db.value()->sql());
        QVERIFY(q.exec("SELECT name FROM rooms"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Seedlings"));
    }

    void testPragmas()
    {
        auto db = Database::open(m_path, m_key, Database::OpenMode::CreateNew);
        QVERIFY(db);
        const auto pragma = [&](const char* name) {
            QSqlQuery q(db.value()->sql());
            q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name)));
            return q.next() ? q.value(0).toString() : QString();
        };
        QCOMPARE(pragma("journal_mode"), QStringLiteral("wal"));
        QCOMPARE(pragma("temp_store"), QStringLiteral("2")); // MEMORY
        QCOMPARE(pragma("foreign_keys"), QStringLiteral("1"));
        QCOMPARE(pragma("secure_delete"), QStringLiteral("1"));
        QCOMPARE(pragma("synchronous"), QStringLiteral("2")); // FULL
        QCOMPARE(pragma("cipher_page_size"), QStringLiteral("4096"));
        QVERIFY(pragma("cipher_version").startsWith("4."));
    }

    void testCreateRefusesToOverwrite()
    {
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
        f.close();
        auto db = Database::open(m_path, m_key, Database::OpenMode::CreateNew);
        QCOMPARE(db.code(), Error::Code::AlreadyExists);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("keep me"));
    }

    void testMissingFile()
    {
        auto db = Database::open(m_path, m_key);
        QCOMPARE(db.code(), Error::Code::NotFound);
        QVERIFY(!QFile::exists(m_path)); // opening never creates
    }

    void testWrongKey()
    {
        QVERIFY(Database::open(m_path, m_key, Database::OpenMode::CreateNew));
        const auto sizeBefore = QFileInfo(m_path).size();
        auto db = Database::open(m_path, SecureBuffer::random(32));
        QVERIFY(!db);
        QCOMPARE(db.code(), Error::Code::DatabaseDamaged);
        QVERIFY(db.errorMessage().contains("cannot be read with this nursery's key"));
        QCOMPARE(QFileInfo(m_path).size(), sizeBefore);
        QVERIFY(Database::open(m_path, m_key)); // nothing was harmed
    }

    void testPlainSqliteFileIsNotAnAcornJournal()
    {
        {
            auto plain = QSqlDatabase::addDatabase("QSQLITE", "plain");
            plain.setDatabaseName(m_path);
            QVERIFY(plain.open());
            QSqlQuery q(plain);
            QVERIFY(q.exec("CREATE TABLE t (x)"));
            plain.close();
        }
        QSqlDatabase::removeDatabase("plain");
        auto db = Database::open(m_path, m_key);
        QCOMPARE(db.code(), Error::Code::NotAnAcornDatabase);
        QVERIFY(db.errorMessage().contains("unencrypted SQLite"));
    }

    void testRandomFile()
    {
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'z'));
        f.close();
        auto db = Database::open(m_path, m_key);
        QVERIFY(!db);
        QCOMPARE(db.code(), Error::Code::DatabaseDamaged);
    }

    void testEmptyAndTruncated()
    {
        QVERIFY(Database::open(m_path, m_key, Database::OpenMode::CreateNew));
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 1000));
        f.close();
        QFile::remove(m_path + "-wal");
        QFile::remove(m_path + "-shm");
        auto truncated = Database::open(m_path, m_key);
        QVERIFY(!truncated);
        QVERIFY2(truncated.errorMessage().contains("truncated") || truncated.code() == Error::Code::DatabaseDamaged,
                 qPrintable(truncated.errorMessage()));

        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(0));
        f.close();
        auto empty = Database::open(m_path, m_key);
        QCOMPARE(empty.code(), Error::Code::DatabaseDamaged);
        QVERIFY(empty.errorMessage().contains("empty"));
    }

    void testCorruptedPageIsFoundByTheIntegrityCheck()
    {
        {
            auto db = Database::open(m_path, m_key, Database::OpenMode::CreateNew);
            QVERIFY(db);
            QVERIFY(db.value()->exec("CREATE TABLE filler (x BLOB)"));
            for (int i = 0; i < 50; ++i)
                QVERIFY(db.value()->exec("INSERT INTO filler VALUES (randomblob(3000))"));
            QVERIFY(db.value()->exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 pages = f.size() / 4096;
        QVERIFY(pages > 10);
        // Flip bytes in the middle of a page well past the first (the header page would fail at the key probe).
        f.seek((pages - 3) * 4096 + 2000);
        QByteArray bytes = f.read(16);
        for (auto& b : bytes)
            b = char(~b);
        f.seek((pages - 3) * 4096 + 2000);
        f.write(bytes);
        f.close();

        auto db = Database::open(m_path, m_key, Database::OpenMode::Existing, Database::Check::Full);
        QVERIFY(!db);
        QCOMPARE(db.code(), Error::Code::DatabaseDamaged);
        QVERIFY(db.errorMessage().contains("backup"));
    }

    void testNewerSchemaIsRefused()
    {
        {
            auto db = Database::open(m_path, m_key, Database::OpenMode::CreateNew);
            QVERIFY(db);
            QVERIFY(db.value()->exec(QStringLiteral("PRAGMA user_version = %1").arg(Migrator::latestVersion() + 5)));
        }
        auto db = Database::open(m_path, m_key);
        QCOMPARE(db.code(), Error::Code::NewerVersion);
        QVERIFY(db.errorMessage().contains("newer version"));
    }

    void testExportCopy()
    {
        auto db = Database::open(m_path, m_key, Database::OpenMode::CreateNew);
        QVERIFY(db);
        QVERIFY(db.value()->exec("INSERT INTO rooms (id, name, created_at, updated_at, origin_device) "
                                 "VALUES ('r1', 'Saplings', 'x', 'x', 'd')"));
        const QString copyPath = m_dir->filePath("copy.acorn");
        auto exported = db.value()->exportCopy(copyPath, m_key);
        QVERIFY2(exported, qPrintable(exported.errorMessage()));
        auto copy = Database::open(copyPath, m_key, Database::OpenMode::ExistingReadOnly);
        QVERIFY2(copy, qPrintable(copy.errorMessage()));
        QCOMPARE(copy.value()->schemaVersion(), Migrator::latestVersion());
        QSqlQuery q(copy.value()->sql());
        QVERIFY(q.exec("SELECT name FROM rooms"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Saplings"));
        QVERIFY(!Database::open(copyPath, SecureBuffer::random(32))); // still encrypted
        QCOMPARE(db.value()->exportCopy(copyPath, m_key).code(), Error::Code::AlreadyExists);
    }

    void testDiskFull()
    {
        const QString mount = m_dir->filePath("small");
        SmallDisk disk(mount, "600k");
        if (!disk.mounted())
            QSKIP("needs root to mount a small tmpfs");
        const QString path = mount + "/journal.acorn";
        auto db = Database::open(path, m_key, Database::OpenMode::CreateNew);
        QVERIFY2(db, qPrintable(db.errorMessage()));
        QVERIFY(db.value()->exec("CREATE TABLE filler (x BLOB)"));
        QVERIFY(db.value()->exec("INSERT INTO filler VALUES ('kept')"));
        VoidResult result;
        for (int i = 0; i < 400 && result.ok(); ++i)
            result = db.value()->exec("INSERT INTO filler VALUES (randomblob(4000))");
        QVERIFY(!result);
        QCOMPARE(result.code(), Error::Code::DiskFull);
        QVERIFY(result.errorMessage().contains("disk is full"));
        // What was saved before is still there.
        QSqlQuery q(db.value()->sql());
        QVERIFY(q.exec("SELECT count(*) FROM filler WHERE x = 'kept'"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void testReadOnlyDisk()
    {
        const QString mount = m_dir->filePath("ro");
        SmallDisk disk(mount, "4m");
        if (!disk.mounted())
            QSKIP("needs root to mount a tmpfs");
        const QString path = mount + "/journal.acorn";
        {
            auto db = Database::open(path, m_key, Database::OpenMode::CreateNew);
            QVERIFY(db);
            QVERIFY(db.value()->exec("PRAGMA wal_checkpoint(TRUNCATE)"));
            QVERIFY(db.value()->exec("PRAGMA journal_mode = DELETE"));
        }
        QVERIFY(disk.remountReadOnly());
        auto db = Database::open(path, m_key);
        QVERIFY(!db);
        QVERIFY2(db.code() == Error::Code::ReadOnly || db.code() == Error::Code::Io, qPrintable(db.errorMessage()));
        QVERIFY2(db.errorMessage().contains("read-only") || db.errorMessage().contains("could not be opened"),
                 qPrintable(db.errorMessage()));
        // Read-only opening still works, so the journal can be looked at and backed up.
        auto readOnly = Database::open(path, m_key, Database::OpenMode::ExistingReadOnly);
        QVERIFY2(readOnly, qPrintable(readOnly.errorMessage()));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    SecureBuffer m_key;
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
