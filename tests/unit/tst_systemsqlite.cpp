#include "TestDataDir.h"

#include "crypto/SecureBuffer.h"
#include "storage/SqlCipherDriver.h"

#include <QLibrary>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QVersionNumber>

using Acorn::SecureBuffer;
using Acorn::SqlCipherDriver;
using Acorn::Test::TestDataDir;

namespace {

const QString PlainConnection = QStringLiteral("tst-plain");
const QString CipherConnection = QStringLiteral("tst-cipher");

// The single value of a one-row query, or a null QString when the query fails or returns no row.
QString scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return QString();
    return q.value(0).toString();
}

} // namespace

// SQLCipher is linked statically with its symbols hidden, so that Qt's own QSQLITE plugin, loaded into the same
// process, still uses the system SQLite. If the hiding broke, one of the two would run on the other's library.
class TstSystemSqlite final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void testBothSqlitesInOneProcess();

private:
    TestDataDir m_dir;
};

void TstSystemSqlite::initTestCase()
{
    SqlCipherDriver::registerDriver();
    QVERIFY(!m_dir.path().isEmpty());
}

void TstSystemSqlite::cleanup()
{
    for (const QString& name : {PlainConnection, CipherConnection}) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isValid())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

void TstSystemSqlite::testBothSqlitesInOneProcess()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        QSKIP("Qt's QSQLITE plugin is not installed (Debian: libqt6sql6-sqlite), so there is no system SQLite to "
              "compare with");

    QSqlDatabase plain = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), PlainConnection);
    plain.setDatabaseName(m_dir.filePath(QStringLiteral("plain.db")));
    QVERIFY2(plain.open(), qPrintable(plain.lastError().text()));

    QSqlDatabase cipher = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::DriverName), CipherConnection);
    cipher.setDatabaseName(m_dir.filePath(QStringLiteral("cipher.db")));
    QVERIFY2(cipher.open(), qPrintable(cipher.lastError().text()));
    QVERIFY(qobject_cast<SqlCipherDriver*>(cipher.driver())->setKey(SecureBuffer::random(32)));

    // QSQLITE runs on the system library: the version the loaded libsqlite3 reports, and no SQLCipher in it.
    // sqlite3_libversion_number() returns a constant compiled into the library; sqlite3_libversion() would not do,
    // since it returns the data symbol sqlite3_version, which an exported copy elsewhere would interpose.
    QLibrary systemSqlite(QStringLiteral("sqlite3"), 0);
    QVERIFY2(systemSqlite.load(), qPrintable(systemSqlite.errorString()));
    using LibVersionNumber = int (*)();
    const auto libVersionNumber = reinterpret_cast<LibVersionNumber>(systemSqlite.resolve("sqlite3_libversion_number"));
    QVERIFY(libVersionNumber);
    const int number = libVersionNumber();
    const QVersionNumber systemVersion(number / 1000000, number / 1000 % 1000, number % 1000);
    const QString plainVersion = scalar(plain, QStringLiteral("SELECT sqlite_version()"));
    QVERIFY(!plainVersion.isEmpty());
    QCOMPARE(QVersionNumber::fromString(plainVersion), systemVersion);
    {
        QSqlQuery q(plain);
        QVERIFY2(q.exec(QStringLiteral("PRAGMA cipher_version")), qPrintable(q.lastError().text()));
        const bool hasRow = q.next();
        QVERIFY2(!hasRow || q.value(0).toString().isEmpty(), "QSQLITE runs on SQLCipher, not on the system SQLite");
    }

    // QSQLCIPHER runs on SQLCipher 4 with its newer SQLite.
    const QString cipherVersion = scalar(cipher, QStringLiteral("PRAGMA cipher_version"));
    QVERIFY2(cipherVersion.startsWith(QLatin1String("4.")), qPrintable(cipherVersion));
    const QString cipherSqliteVersion = scalar(cipher, QStringLiteral("SELECT sqlite_version()"));
    QVERIFY2(QVersionNumber::fromString(cipherSqliteVersion) >= QVersionNumber(3, 44), qPrintable(cipherSqliteVersion));
    qInfo("system SQLite %s, SQLCipher %s on SQLite %s", qPrintable(plainVersion), qPrintable(cipherVersion),
          qPrintable(cipherSqliteVersion));

    // Both work side by side, each on its own file.
    for (const QSqlDatabase& db : {plain, cipher}) {
        QSqlQuery q(db);
        QVERIFY2(q.exec(QStringLiteral("CREATE TABLE t (name TEXT)")), qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO t VALUES ('x')")), qPrintable(q.lastError().text()));
    }
    QCOMPARE(scalar(plain, QStringLiteral("SELECT count(*) FROM t")), QStringLiteral("1"));
    QCOMPARE(scalar(cipher, QStringLiteral("SELECT count(*) FROM t")), QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(TstSystemSqlite)
#include "tst_systemsqlite.moc"
