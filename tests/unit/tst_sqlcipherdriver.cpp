#include "TestDataDir.h"

#include "crypto/SecureBuffer.h"
#include "storage/SqlCipherDriver.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QSqlRecord>
#include <QSqlResult>
#include <QSqlTableModel>
#include <QTest>
#include <QTimeZone>
#include <QVersionNumber>

#include <limits>
#include <memory>

using Acorn::SecureBuffer;
using Acorn::SqlCipherDriver;
using Acorn::Test::TestDataDir;

namespace {

const QString MainConnection = QStringLiteral("tst-main");
const QString OtherConnection = QStringLiteral("tst-other");
const QString ProbeSql = QStringLiteral("SELECT count(*) FROM sqlite_master");

SqlCipherDriver* cipherDriver(const QSqlDatabase& db)
{
    return qobject_cast<SqlCipherDriver*>(db.driver());
}

// Opens (and keys, unless key is null) a QSQLCIPHER connection; the caller checks isOpen() and the error.
QSqlDatabase openConnection(const QString& name, const QString& path, const SecureBuffer* key,
                            const QString& options = QString())
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::DriverName), name);
    db.setDatabaseName(path);
    db.setConnectOptions(options);
    if (db.open() && key && !cipherDriver(db)->setKey(*key))
        db.close();
    return db;
}

void removeConnection(const QString& name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

bool probe(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    return q.exec(ProbeSql) && q.next();
}

QByteArray allBytesIn(const QString& dirPath)
{
    QByteArray bytes;
    const auto entries = QDir(dirPath).entryInfoList(QDir::Files | QDir::Hidden);
    for (const QFileInfo& info : entries) {
        QFile file(info.filePath());
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

} // namespace

class TstSqlCipherDriver final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void testFeatures();
    void testCipherVersion();
    void testHandle();
    void testRoundTripTypes();
    void testNulls_data();
    void testNulls();
    void testLargeBlobWithZeroBytes();
    void testPositionalPlaceholders();
    void testNamedPlaceholders();
    void testParameterCountMismatch();
    void testExecBatch();
    void testSeveralStatementsInExec();
    void testTransactions();
    void testSyntaxError();
    void testConstraintViolation();
    void testLastInsertIdAndRowsAffected();
    void testForwardOnly();
    void testRandomAccess();
    void testFinishReleasesReadTransaction();
    void testSchemaIntrospection();
    void testEscapeIdentifier();
    void testFormatValue();
    void testPrecisionPolicy();
    void testQueryModel();
    void testTableModelEditing();
    void testCloseWithLiveQuery();
    void testWrongKeyFailsProbe();
    void testRekey();
    void testKeyOfWrongSizeRejected();
    void testNoPlaintextOnDisk();
    void testConnectOptions();
    void testBusyTimeout();

private:
    QSqlDatabase db() const { return QSqlDatabase::database(MainConnection, false); }
    QString dbPath() const { return m_dir->filePath(QStringLiteral("journal.db")); }
    int count(const QString& table, const QSqlDatabase& database) const;

    std::unique_ptr<TestDataDir> m_dir;
    SecureBuffer m_key;
};

void TstSqlCipherDriver::initTestCase()
{
    SqlCipherDriver::registerDriver();
    SqlCipherDriver::registerDriver(); // idempotent
    QVERIFY(QSqlDatabase::isDriverAvailable(QLatin1String(SqlCipherDriver::DriverName)));
}

void TstSqlCipherDriver::init()
{
    m_dir = std::make_unique<TestDataDir>();
    QVERIFY(!m_dir->path().isEmpty());
    m_key = SecureBuffer::random(32);
    const QSqlDatabase database = openConnection(MainConnection, dbPath(), &m_key);
    QVERIFY2(database.isOpen(), qPrintable(database.lastError().text()));
    QVERIFY(probe(database));
}

void TstSqlCipherDriver::cleanup()
{
    removeConnection(MainConnection);
    removeConnection(OtherConnection);
    m_dir.reset();
}

int TstSqlCipherDriver::count(const QString& table, const QSqlDatabase& database) const
{
    QSqlQuery q(database);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !q.next())
        return -1;
    return q.value(0).toInt();
}

void TstSqlCipherDriver::testFeatures()
{
    const QSqlDriver* driver = db().driver();
    QVERIFY(driver->hasFeature(QSqlDriver::Transactions));
    QVERIFY(driver->hasFeature(QSqlDriver::PreparedQueries));
    QVERIFY(driver->hasFeature(QSqlDriver::PositionalPlaceholders));
    QVERIFY(driver->hasFeature(QSqlDriver::BLOB));
    QVERIFY(driver->hasFeature(QSqlDriver::LastInsertId));
    QVERIFY(!driver->hasFeature(QSqlDriver::NamedPlaceholders));
    QVERIFY(!driver->hasFeature(QSqlDriver::QuerySize));
}

void TstSqlCipherDriver::testCipherVersion()
{
    QSqlQuery q(db());
    QVERIFY2(q.exec(QStringLiteral("PRAGMA cipher_version")), qPrintable(q.lastError().text()));
    QVERIFY(q.next());
    const QString cipherVersion = q.value(0).toString();
    QVERIFY2(cipherVersion.startsWith(QLatin1String("4.")), qPrintable(cipherVersion));

    QVERIFY(q.exec(QStringLiteral("SELECT sqlite_version()")));
    QVERIFY(q.next());
    const QVersionNumber version = QVersionNumber::fromString(q.value(0).toString());
    QVERIFY2(version >= QVersionNumber(3, 44), qPrintable(version.toString()));
}

void TstSqlCipherDriver::testHandle()
{
    const QVariant handle = db().driver()->handle();
    QCOMPARE(QByteArray(handle.typeName()), QByteArray("sqlite3*"));
    sqlite3* connection = qvariant_cast<sqlite3*>(handle);
    QVERIFY(connection);
    QCOMPARE(connection, cipherDriver(db())->connection());

    QSqlQuery q(db());
    QVERIFY(q.prepare(QStringLiteral("SELECT 1")));
    QCOMPARE(QByteArray(q.result()->handle().typeName()), QByteArray("sqlite3_stmt*"));
}

void TstSqlCipherDriver::testRoundTripTypes()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, d REAL, s TEXT, b BLOB, "
                                  "flag BOOLEAN, at DATETIME)")));
    const qint64 big = Q_INT64_C(9007199254740993); // 2^53 + 1: not representable as a double
    const QString text = QStringLiteral("Zoë's first 🌰 — 日本語, ünïcödé");
    const QByteArray blob("a\0b\0\0c", 6);
    const QDateTime at(QDate(2024, 5, 1), QTime(10, 30, 0, 250), QTimeZone(2 * 3600));

    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t (i, d, s, b, flag, at) VALUES (?, ?, ?, ?, ?, ?)")));
    q.addBindValue(big);
    q.addBindValue(3.25);
    q.addBindValue(text);
    q.addBindValue(blob);
    q.addBindValue(true);
    q.addBindValue(at);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    QVERIFY(q.exec(QStringLiteral("SELECT i, d, s, b, flag, at, typeof(b), typeof(flag), -i FROM t")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).metaType(), QMetaType::fromType<qlonglong>());
    QCOMPARE(q.value(0).toLongLong(), big);
    QCOMPARE(q.value(1).metaType(), QMetaType::fromType<double>());
    QCOMPARE(q.value(1).toDouble(), 3.25);
    QCOMPARE(q.value(2).metaType(), QMetaType::fromType<QString>());
    QCOMPARE(q.value(2).toString(), text);
    QCOMPARE(q.value(3).metaType(), QMetaType::fromType<QByteArray>());
    QCOMPARE(q.value(3).toByteArray(), blob);
    QCOMPARE(q.value(4).toLongLong(), 1LL); // bool is stored as an integer
    QCOMPARE(q.value(5).toString(), QStringLiteral("2024-05-01T08:30:00.250Z")); // ISO-8601 in UTC
    QCOMPARE(q.value(5).toDateTime(), at);
    QCOMPARE(q.value(6).toString(), QStringLiteral("blob"));
    QCOMPARE(q.value(7).toString(), QStringLiteral("integer"));
    QCOMPARE(q.value(8).toLongLong(), -big);
    QVERIFY(!q.next());

    // Column types in the record come from the declared types, or from the first row for expressions.
    const QSqlRecord record = q.record();
    QCOMPARE(record.field(0).metaType(), QMetaType::fromType<qlonglong>());
    QCOMPARE(record.field(1).metaType(), QMetaType::fromType<double>());
    QCOMPARE(record.field(2).metaType(), QMetaType::fromType<QString>());
    QCOMPARE(record.field(3).metaType(), QMetaType::fromType<QByteArray>());
    QCOMPARE(record.field(4).metaType(), QMetaType::fromType<bool>());
    QCOMPARE(record.field(5).metaType(), QMetaType::fromType<QDateTime>());
    QCOMPARE(record.field(6).metaType(), QMetaType::fromType<QString>());
    QCOMPARE(record.field(8).metaType(), QMetaType::fromType<qlonglong>());
    QCOMPARE(record.fieldName(2), QStringLiteral("s"));
    QCOMPARE(record.field(2).tableName(), QStringLiteral("t"));

    // An empty BLOB is not NULL.
    QVERIFY(q.exec(QStringLiteral("SELECT x''")));
    QVERIFY(q.next());
    QVERIFY(!q.isNull(0));
    QVERIFY(q.value(0).toByteArray().isEmpty());
    QVERIFY(!q.value(0).toByteArray().isNull());
}

void TstSqlCipherDriver::testNulls_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QVariant>("bound");
    QTest::addColumn<QMetaType>("expectedType");

    const auto integer = QMetaType::fromType<qlonglong>();
    const auto real = QMetaType::fromType<double>();
    const auto text = QMetaType::fromType<QString>();
    const auto blob = QMetaType::fromType<QByteArray>();
    const auto dateTime = QMetaType::fromType<QDateTime>();
    QTest::newRow("integer, invalid QVariant") << "i" << QVariant() << integer;
    QTest::newRow("integer, typed null") << "i" << QVariant(QMetaType::fromType<int>()) << integer;
    QTest::newRow("real, typed null") << "d" << QVariant(QMetaType::fromType<double>()) << real;
    QTest::newRow("text, null QString") << "s" << QVariant(QString()) << text;
    QTest::newRow("text, invalid QVariant") << "s" << QVariant() << text;
    QTest::newRow("blob, null QByteArray") << "b" << QVariant(QByteArray()) << blob;
    QTest::newRow("datetime, invalid QDateTime") << "at" << QVariant(QDateTime()) << dateTime;
}

void TstSqlCipherDriver::testNulls()
{
    QFETCH(QString, column);
    QFETCH(QVariant, bound);
    QFETCH(QMetaType, expectedType);

    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, at DATETIME, marker INTEGER)")));
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t (%1, marker) VALUES (?, 1)").arg(column)));
    q.addBindValue(bound);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    QVERIFY(q.exec(QStringLiteral("SELECT %1, typeof(%1) FROM t WHERE marker = 1").arg(column)));
    QVERIFY(q.next());
    QCOMPARE(q.value(1).toString(), QStringLiteral("null"));
    QVERIFY(q.isNull(0));
    const QVariant value = q.value(0);
    QVERIFY(value.isNull());
    QCOMPARE(value.metaType(), expectedType);
}

void TstSqlCipherDriver::testLargeBlobWithZeroBytes()
{
    QByteArray blob(1024 * 1024, '\0');
    const SecureBuffer noise = SecureBuffer::random(std::size_t(blob.size()));
    for (qsizetype i = 0; i < blob.size(); ++i)
        blob[i] = char(noise.data()[i] & 0x0f ? noise.data()[i] : 0);
    blob[0] = '\0';
    blob[blob.size() / 2] = '\0';
    blob[blob.size() - 1] = '\0';
    QVERIFY(blob.count('\0') > 1000);

    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE media (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")));
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO media (data) VALUES (:data)")));
    q.bindValue(QStringLiteral(":data"), blob);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    QVERIFY(q.exec(QStringLiteral("SELECT data, length(data) FROM media")));
    QVERIFY(q.next());
    QCOMPARE(q.value(1).toLongLong(), qlonglong(blob.size()));
    const QByteArray readBack = q.value(0).toByteArray();
    QCOMPARE(readBack.size(), blob.size());
    QVERIFY(readBack == blob);
}

void TstSqlCipherDriver::testPositionalPlaceholders()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER, b TEXT)")));
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t (a, b) VALUES (?, ?)")));
    for (int i = 0; i < 3; ++i) {
        q.bindValue(1, QStringLiteral("row %1").arg(i)); // out of order on purpose
        q.bindValue(0, i);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QCOMPARE(q.numRowsAffected(), 1);
    }
    QVERIFY(q.prepare(QStringLiteral("SELECT b FROM t WHERE a = ? AND b LIKE ?")));
    q.addBindValue(2);
    q.addBindValue(QStringLiteral("row%"));
    QVERIFY(q.exec());
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("row 2"));
    QVERIFY(!q.next());
}

void TstSqlCipherDriver::testNamedPlaceholders()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER, b INTEGER, note TEXT)")));
    // :v twice; ':literal' inside a string must stay text.
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t (a, b, note) VALUES (:v, :v + 1, ':literal ' || :note)")));
    q.bindValue(QStringLiteral(":note"), QStringLiteral("named"));
    q.bindValue(QStringLiteral(":v"), 41);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    QVERIFY(q.prepare(QStringLiteral("SELECT a, b, note FROM t WHERE a = :a")));
    q.bindValue(QStringLiteral(":a"), 41);
    QVERIFY(q.exec());
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 41);
    QCOMPARE(q.value(1).toInt(), 42);
    QCOMPARE(q.value(2).toString(), QStringLiteral(":literal named"));
    QCOMPARE(q.lastQuery(), QStringLiteral("SELECT a, b, note FROM t WHERE a = :a"));
}

void TstSqlCipherDriver::testParameterCountMismatch()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER, b INTEGER)")));
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t (a, b) VALUES (?, ?)")));
    q.addBindValue(1);
    QVERIFY(!q.exec());
    QVERIFY(q.lastError().isValid());
    QCOMPARE(count(QStringLiteral("t"), db()), 0);

    // Bind values that cannot be stored are refused, not stored as something else.
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t (a) VALUES (?)")));
    q.addBindValue(QVariant(std::numeric_limits<quint64>::max()));
    QVERIFY(!q.exec());
    QCOMPARE(count(QStringLiteral("t"), db()), 0);
}

void TstSqlCipherDriver::testExecBatch()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER, b TEXT)")));
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t (a, b) VALUES (?, ?)")));
    q.addBindValue(QVariantList {1, 2, 3});
    q.addBindValue(QVariantList {QStringLiteral("one"), QStringLiteral("two"), QVariant(QString())});
    QVERIFY2(q.execBatch(), qPrintable(q.lastError().text()));
    QCOMPARE(count(QStringLiteral("t"), db()), 3);
    QCOMPARE(count(QStringLiteral("t WHERE b IS NULL"), db()), 1);
}

void TstSqlCipherDriver::testSeveralStatementsInExec()
{
    QSqlQuery q(db());
    QVERIFY2(q.exec(QStringLiteral("CREATE TABLE a (x INTEGER);\n"
                                   "INSERT INTO a VALUES (1); -- a comment\n"
                                   "INSERT INTO a VALUES (2);\n"
                                   "/* the result */ SELECT sum(x) FROM a;\n  -- trailing comment")),
             qPrintable(q.lastError().text()));
    QVERIFY(q.isSelect());
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3);

    // An error stops the run; what came before it stays done.
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO a VALUES (10); INSERT INTO missing VALUES (1); "
                                   "INSERT INTO a VALUES (20)")));
    QVERIFY(q.lastError().databaseText().contains(QLatin1String("missing")));
    QCOMPARE(count(QStringLiteral("a"), db()), 3);

    // Bind values cannot be shared out between statements.
    QVERIFY(!q.prepare(QStringLiteral("INSERT INTO a VALUES (?); INSERT INTO a VALUES (?)")));
    QVERIFY(q.lastError().isValid());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO a VALUES (?); -- only a comment after")));
}

void TstSqlCipherDriver::testTransactions()
{
    {
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER)")));
    }
    const QSqlDatabase other = openConnection(OtherConnection, dbPath(), &m_key);
    QVERIFY2(other.isOpen(), qPrintable(other.lastError().text()));

    QSqlDatabase main = db();
    QVERIFY(main.transaction());
    {
        QSqlQuery q(main);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (1)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (2)")));
    }
    QCOMPARE(count(QStringLiteral("t"), main), 2);
    QCOMPARE(count(QStringLiteral("t"), other), 0); // not committed yet
    QVERIFY(main.rollback());
    QCOMPARE(count(QStringLiteral("t"), main), 0);

    QVERIFY(main.transaction());
    {
        QSqlQuery q(main);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (3)")));
    }
    QCOMPARE(count(QStringLiteral("t"), other), 0);
    QVERIFY(main.commit());
    QCOMPARE(count(QStringLiteral("t"), other), 1);
    QCOMPARE(count(QStringLiteral("t"), main), 1);

    QVERIFY(!main.commit()); // no transaction open
    QCOMPARE(main.lastError().type(), QSqlError::TransactionError);
    QVERIFY(!main.lastError().databaseText().isEmpty());
}

void TstSqlCipherDriver::testSyntaxError()
{
    QSqlQuery q(db());
    QVERIFY(!q.exec(QStringLiteral("SELEC 1")));
    const QSqlError error = q.lastError();
    QCOMPARE(error.type(), QSqlError::StatementError);
    QVERIFY2(error.databaseText().contains(QLatin1String("syntax error")), qPrintable(error.text()));
    QCOMPARE(error.nativeErrorCode(), QStringLiteral("1")); // SQLITE_ERROR
    QVERIFY(!error.text().isEmpty());
    QVERIFY(!q.isActive());

    QVERIFY(!q.prepare(QStringLiteral("SELECT * FROM no_such_table WHERE a = ?")));
    QVERIFY(q.lastError().databaseText().contains(QLatin1String("no_such_table")));
    QVERIFY(!q.exec()); // nothing prepared
}

void TstSqlCipherDriver::testConstraintViolation()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (name TEXT NOT NULL UNIQUE)")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES ('Ada')")));
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO t VALUES ('Ada')")));
    QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("2067")); // SQLITE_CONSTRAINT_UNIQUE
    QVERIFY(q.lastError().databaseText().contains(QLatin1String("UNIQUE constraint failed")));

    QVERIFY(q.prepare(QStringLiteral("INSERT INTO t VALUES (?)")));
    q.addBindValue(QVariant());
    QVERIFY(!q.exec());
    QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("1299")); // SQLITE_CONSTRAINT_NOTNULL
    // The same prepared statement still works afterwards.
    q.addBindValue(QStringLiteral("Grace"));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QCOMPARE(count(QStringLiteral("t"), db()), 2);
}

void TstSqlCipherDriver::testLastInsertIdAndRowsAffected()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER)")));
    QCOMPARE(q.numRowsAffected(), 0);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t (a) VALUES (10)")));
    QCOMPARE(q.lastInsertId().toLongLong(), 1LL);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t (id, a) VALUES (42, 20)")));
    QCOMPARE(q.lastInsertId().toLongLong(), 42LL);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t (a) VALUES (30)")));
    QCOMPARE(q.lastInsertId().toLongLong(), 43LL);
    QCOMPARE(q.numRowsAffected(), 1);

    QVERIFY(q.exec(QStringLiteral("UPDATE t SET a = a + 1")));
    QCOMPARE(q.numRowsAffected(), 3);
    QVERIFY(!q.lastInsertId().isValid()); // an UPDATE inserts nothing

    // A statement that changes no rows does not report the previous statement's count.
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE u (x INTEGER)")));
    QCOMPARE(q.numRowsAffected(), 0);
    QVERIFY(q.exec(QStringLiteral("DELETE FROM t WHERE a > 20")));
    QCOMPARE(q.numRowsAffected(), 2);
    QVERIFY(q.exec(QStringLiteral("SELECT * FROM t")));
    QCOMPARE(q.size(), -1);
    QCOMPARE(q.numRowsAffected(), -1);

    // The connection's last_insert_rowid() is left as it was by statements that insert nothing.
    QVERIFY(q.exec(QStringLiteral("SELECT last_insert_rowid()")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), 43LL);

    // A child row that takes the parent's id from last_insert_rowid(), and gets the same rowid itself.
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE parent (id INTEGER PRIMARY KEY)")));
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER)")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO parent DEFAULT VALUES")));
    QCOMPARE(q.lastInsertId().toLongLong(), 1LL);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO child (parent) VALUES (last_insert_rowid())")));
    QCOMPARE(q.lastInsertId().toLongLong(), 1LL);
    QCOMPARE(count(QStringLiteral("child WHERE parent = 1"), db()), 1);

    // Nothing inserted, nothing reported: INSERT OR IGNORE of an existing row.
    QVERIFY(q.exec(QStringLiteral("INSERT OR IGNORE INTO parent (id) VALUES (1)")));
    QVERIFY(!q.lastInsertId().isValid());
    QCOMPARE(q.numRowsAffected(), 0);
}

void TstSqlCipherDriver::testForwardOnly()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER)")));
    QVERIFY(q.exec(QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10) "
                                  "INSERT INTO t SELECT x FROM n")));
    QCOMPARE(q.numRowsAffected(), 10);

    QSqlQuery forward(db());
    forward.setForwardOnly(true);
    QVERIFY(forward.exec(QStringLiteral("SELECT a FROM t ORDER BY a")));
    int sum = 0;
    int rows = 0;
    while (forward.next()) {
        sum += forward.value(0).toInt();
        ++rows;
        QCOMPARE(forward.at(), rows - 1);
    }
    QCOMPARE(rows, 10);
    QCOMPARE(sum, 55);
    QVERIFY(!forward.isValid());

    QVERIFY(forward.exec(QStringLiteral("SELECT a FROM t ORDER BY a")));
    QVERIFY(forward.last());
    QCOMPARE(forward.value(0).toInt(), 10);
    QCOMPARE(forward.at(), 9);

    QVERIFY(forward.exec(QStringLiteral("SELECT a FROM t WHERE a > 100")));
    QVERIFY(forward.isSelect());
    QVERIFY(!forward.next());
    QVERIFY(!forward.lastError().isValid());
}

void TstSqlCipherDriver::testRandomAccess()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER)")));
    QVERIFY(q.exec(QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < 9) "
                                  "INSERT INTO t SELECT x * 10 FROM n")));

    QVERIFY(q.exec(QStringLiteral("SELECT a FROM t ORDER BY a")));
    QVERIFY(!q.isForwardOnly());
    QVERIFY(q.seek(5));
    QCOMPARE(q.value(0).toInt(), 50);
    QVERIFY(q.previous());
    QCOMPARE(q.value(0).toInt(), 40);
    QVERIFY(q.last());
    QCOMPARE(q.at(), 9);
    QCOMPARE(q.value(0).toInt(), 90);
    QVERIFY(q.first());
    QCOMPARE(q.value(0).toInt(), 0);
    QVERIFY(q.seek(3, true));
    QCOMPARE(q.value(0).toInt(), 30);
    QVERIFY(!q.seek(10));
    QVERIFY(!q.isValid());
    QVERIFY(q.seek(7));
    QCOMPARE(q.value(0).toInt(), 70);
}

void TstSqlCipherDriver::testFinishReleasesReadTransaction()
{
    {
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (1), (2), (3)")));
    }
    // A connection in rollback-journal mode cannot commit while another one holds a read transaction.
    const QSqlDatabase other
        = openConnection(OtherConnection, dbPath(), &m_key, QStringLiteral("ACORN_BUSY_TIMEOUT=0"));
    QVERIFY(other.isOpen());

    QSqlQuery reader(db());
    QVERIFY(reader.exec(QStringLiteral("SELECT a FROM t")));
    QVERIFY(reader.next()); // rows remain: the statement is still reading
    {
        QSqlQuery writer(other);
        QVERIFY(!writer.exec(QStringLiteral("INSERT INTO t VALUES (4)")));
        QCOMPARE(writer.lastError().nativeErrorCode(), QStringLiteral("5")); // SQLITE_BUSY
    }
    reader.finish();
    {
        QSqlQuery writer(other);
        QVERIFY2(writer.exec(QStringLiteral("INSERT INTO t VALUES (4)")), qPrintable(writer.lastError().text()));
    }

    // Once the last row has been read, the read transaction ends without finish().
    QVERIFY(reader.exec(QStringLiteral("SELECT count(*) FROM t")));
    QVERIFY(reader.next());
    QCOMPARE(reader.value(0).toInt(), 4);
    {
        QSqlQuery writer(other);
        QVERIFY2(writer.exec(QStringLiteral("INSERT INTO t VALUES (5)")), qPrintable(writer.lastError().text()));
    }
}

void TstSqlCipherDriver::testSchemaIntrospection()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE children (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                  "born DATE, photo BLOB, score REAL DEFAULT 1.5, room TEXT DEFAULT 'Acorns')")));
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE links (a INTEGER, b INTEGER, note TEXT, PRIMARY KEY (b, a))")));
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE keyed (code INTEGER PRIMARY KEY, x TEXT) WITHOUT ROWID")));
    QVERIFY(q.exec(QStringLiteral("CREATE VIEW names AS SELECT name FROM children")));
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE seq (id INTEGER PRIMARY KEY AUTOINCREMENT)")));

    const QSqlDatabase database = db();
    const QStringList tables = database.tables(QSql::Tables);
    QVERIFY(tables.contains(QStringLiteral("children")));
    QVERIFY(tables.contains(QStringLiteral("links")));
    QVERIFY(!tables.contains(QStringLiteral("names")));
    QVERIFY(!tables.contains(QStringLiteral("sqlite_sequence")));
    QCOMPARE(database.tables(QSql::Views), QStringList {QStringLiteral("names")});
    QVERIFY(database.tables(QSql::SystemTables).contains(QStringLiteral("sqlite_sequence")));
    QVERIFY(database.tables(QSql::AllTables).contains(QStringLiteral("names")));

    const QSqlRecord record = database.record(QStringLiteral("children"));
    QCOMPARE(record.count(), 6);
    QCOMPARE(record.fieldName(1), QStringLiteral("name"));
    QCOMPARE(record.field(QStringLiteral("id")).metaType(), QMetaType::fromType<qlonglong>());
    QVERIFY(record.field(QStringLiteral("id")).isAutoValue());
    QCOMPARE(record.field(QStringLiteral("name")).metaType(), QMetaType::fromType<QString>());
    QCOMPARE(record.field(QStringLiteral("name")).requiredStatus(), QSqlField::Required);
    QCOMPARE(record.field(QStringLiteral("born")).metaType(), QMetaType::fromType<QDate>());
    QCOMPARE(record.field(QStringLiteral("born")).requiredStatus(), QSqlField::Optional);
    QCOMPARE(record.field(QStringLiteral("photo")).metaType(), QMetaType::fromType<QByteArray>());
    QCOMPARE(record.field(QStringLiteral("score")).metaType(), QMetaType::fromType<double>());
    QCOMPARE(record.field(QStringLiteral("score")).defaultValue().toDouble(), 1.5);
    QCOMPARE(record.field(QStringLiteral("room")).defaultValue().toString(), QStringLiteral("Acorns"));
    QCOMPARE(record.field(QStringLiteral("name")).tableName(), QStringLiteral("children"));
    QCOMPARE(database.record(QStringLiteral("main.\"children\"")).count(), 6);
    QVERIFY(database.record(QStringLiteral("missing")).isEmpty());
    QVERIFY(!database.record(QStringLiteral("keyed")).field(QStringLiteral("code")).isAutoValue());

    const QSqlIndex childrenKey = database.primaryIndex(QStringLiteral("children"));
    QCOMPARE(childrenKey.count(), 1);
    QCOMPARE(childrenKey.fieldName(0), QStringLiteral("id"));
    const QSqlIndex linksKey = database.primaryIndex(QStringLiteral("links"));
    QCOMPARE(linksKey.count(), 2);
    QCOMPARE(linksKey.fieldName(0), QStringLiteral("b")); // key order, not column order
    QCOMPARE(linksKey.fieldName(1), QStringLiteral("a"));
    QVERIFY(!database.record(QStringLiteral("links")).field(QStringLiteral("a")).isAutoValue());
    QVERIFY(database.primaryIndex(QStringLiteral("names")).isEmpty());
}

void TstSqlCipherDriver::testEscapeIdentifier()
{
    const QSqlDriver* driver = db().driver();
    QCOMPARE(driver->escapeIdentifier(QStringLiteral("name"), QSqlDriver::FieldName), QStringLiteral("\"name\""));
    QCOMPARE(driver->escapeIdentifier(QStringLiteral("we\"ird"), QSqlDriver::FieldName),
             QStringLiteral("\"we\"\"ird\""));
    QCOMPARE(driver->escapeIdentifier(QStringLiteral("\"done\""), QSqlDriver::FieldName), QStringLiteral("\"done\""));
    QCOMPARE(driver->escapeIdentifier(QStringLiteral("main.children"), QSqlDriver::TableName),
             QStringLiteral("\"main\".\"children\""));

    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE %1 (%2 INTEGER)")
                       .arg(driver->escapeIdentifier(QStringLiteral("select"), QSqlDriver::TableName),
                            driver->escapeIdentifier(QStringLiteral("from \"x\""), QSqlDriver::FieldName))));
    QCOMPARE(db().record(QStringLiteral("select")).fieldName(0), QStringLiteral("from \"x\""));
}

void TstSqlCipherDriver::testFormatValue()
{
    const QSqlDriver* driver = db().driver();
    const auto format = [driver](const QVariant& value) {
        QSqlField field(QStringLiteral("f"), value.metaType());
        field.setValue(value);
        return driver->formatValue(field);
    };
    QCOMPARE(format(QByteArray("\x00\xff", 2)), QStringLiteral("X'00ff'"));
    QCOMPARE(format(QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), QTimeZone(-3600))),
             QStringLiteral("'2024-01-02T04:04:05.000Z'"));
    QCOMPARE(format(true), QStringLiteral("1"));
    QCOMPARE(format(QStringLiteral("it's")), QStringLiteral("'it''s'"));
    QCOMPARE(format(QVariant(QMetaType::fromType<int>())), QStringLiteral("NULL"));

    // The literals mean in SQL what the same values mean bound.
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("SELECT typeof(%1), length(%1)").arg(format(QByteArray("a\0b", 3)))));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("blob"));
    QCOMPARE(q.value(1).toInt(), 3);
}

void TstSqlCipherDriver::testPrecisionPolicy()
{
    QSqlQuery q(db());
    q.setNumericalPrecisionPolicy(QSql::LowPrecisionInt32);
    QVERIFY(q.exec(QStringLiteral("SELECT 7, 2.75, 5000000000")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).metaType(), QMetaType::fromType<int>());
    QCOMPARE(q.value(1).metaType(), QMetaType::fromType<int>());
    QCOMPARE(q.value(1).toInt(), 2);
    QCOMPARE(q.value(2).toLongLong(), 5000000000LL); // does not fit: not truncated

    q.setNumericalPrecisionPolicy(QSql::LowPrecisionDouble);
    QVERIFY(q.exec(QStringLiteral("SELECT 2.75")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).metaType(), QMetaType::fromType<double>());
}

void TstSqlCipherDriver::testQueryModel()
{
    {
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT)")));
        // More rows than QSqlQueryModel fetches at once (255).
        QVERIFY(q.exec(QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 600) "
                                      "INSERT INTO t (label) SELECT 'row ' || x FROM n")));
    }
    QSqlQueryModel model;
    model.setQuery(QStringLiteral("SELECT id, label FROM t ORDER BY id"), db());
    QVERIFY2(!model.lastError().isValid(), qPrintable(model.lastError().text()));
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("label"));
    QVERIFY(model.rowCount() > 0);
    while (model.canFetchMore())
        model.fetchMore();
    QCOMPARE(model.rowCount(), 600);
    QCOMPARE(model.data(model.index(599, 1)).toString(), QStringLiteral("row 600"));
    QCOMPARE(model.data(model.index(0, 1)).toString(), QStringLiteral("row 1")); // back to the start
    QCOMPARE(model.data(model.index(300, 0)).toLongLong(), 301LL);
}

void TstSqlCipherDriver::testTableModelEditing()
{
    {
        QSqlQuery q(db());
        QVERIFY(
            q.exec(QStringLiteral("CREATE TABLE children (id INTEGER PRIMARY KEY, name TEXT NOT NULL, room TEXT)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO children (name, room) VALUES ('Ada', 'Acorns'), "
                                      "('Ben', 'Oaks'), ('Cleo', 'Acorns')")));
    }
    QSqlTableModel model(nullptr, db());
    model.setTable(QStringLiteral("children"));
    model.setEditStrategy(QSqlTableModel::OnManualSubmit);
    model.setSort(0, Qt::AscendingOrder);
    QVERIFY2(model.select(), qPrintable(model.lastError().text()));
    QCOMPARE(model.rowCount(), 3);
    const int nameColumn = model.fieldIndex(QStringLiteral("name"));
    QCOMPARE(nameColumn, 1);
    QCOMPARE(model.data(model.index(1, nameColumn)).toString(), QStringLiteral("Ben"));

    // Edit a row.
    QVERIFY(model.setData(model.index(1, nameColumn), QStringLiteral("Benjamin")));
    QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
    {
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM children WHERE id = 2")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Benjamin"));
    }
    QCOMPARE(count(QStringLiteral("children WHERE name = 'Ben'"), db()), 0);

    // Insert a row: the id comes back from lastInsertId.
    QSqlRecord added = model.record();
    added.setValue(QStringLiteral("name"), QStringLiteral("Dara"));
    added.setValue(QStringLiteral("room"), QStringLiteral("Oaks"));
    added.setGenerated(QStringLiteral("id"), false);
    QVERIFY(model.insertRecord(-1, added));
    QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(count(QStringLiteral("children WHERE name = 'Dara' AND id = 4"), db()), 1);

    // Remove a row, by primary key.
    QVERIFY(model.removeRow(0));
    QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
    QCOMPARE(count(QStringLiteral("children"), db()), 3);
    QCOMPARE(count(QStringLiteral("children WHERE name = 'Ada'"), db()), 0);

    // A change the database refuses shows as an error, and nothing is written.
    QVERIFY(model.setData(model.index(0, nameColumn), QVariant(QMetaType::fromType<QString>())));
    QVERIFY(!model.submitAll());
    QVERIFY(model.lastError().isValid());
    model.revertAll();
    QCOMPARE(count(QStringLiteral("children WHERE name IS NULL"), db()), 0);
}

void TstSqlCipherDriver::testCloseWithLiveQuery()
{
    QSqlQuery q(db());
    QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER)")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (1), (2), (3)")));
    QVERIFY(q.exec(QStringLiteral("SELECT a FROM t")));
    QVERIFY(q.next());

    QSqlDatabase database = db();
    database.close(); // finalises the query's statement first
    QVERIFY(!database.isOpen());
    QVERIFY(!q.next());
    QVERIFY(!q.isActive());

    QVERIFY(database.open());
    QVERIFY(cipherDriver(database)->setKey(m_key));
    QVERIFY2(q.exec(QStringLiteral("SELECT count(*) FROM t")), qPrintable(q.lastError().text()));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3);
}

void TstSqlCipherDriver::testWrongKeyFailsProbe()
{
    {
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER)")));
    }
    removeConnection(MainConnection);

    const SecureBuffer wrongKey = SecureBuffer::random(32);
    {
        const QSqlDatabase wrong = openConnection(OtherConnection, dbPath(), &wrongKey);
        QVERIFY(wrong.isOpen()); // SQLCipher only finds out at the first read
        QSqlQuery q(wrong);
        QVERIFY(!q.exec(ProbeSql));
        QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("26")); // SQLITE_NOTADB
    }
    removeConnection(OtherConnection);

    const QSqlDatabase right = openConnection(OtherConnection, dbPath(), &m_key);
    QVERIFY(right.isOpen());
    QVERIFY(probe(right));
    QVERIFY(right.tables().contains(QStringLiteral("t")));
}

void TstSqlCipherDriver::testRekey()
{
    {
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (7)")));
    }
    const SecureBuffer newKey = SecureBuffer::random(32);
    QVERIFY2(cipherDriver(db())->rekey(newKey), qPrintable(db().lastError().text()));
    QCOMPARE(count(QStringLiteral("t"), db()), 1);
    removeConnection(MainConnection);

    {
        const QSqlDatabase old = openConnection(OtherConnection, dbPath(), &m_key);
        QVERIFY(!probe(old));
    }
    removeConnection(OtherConnection);
    const QSqlDatabase renewed = openConnection(OtherConnection, dbPath(), &newKey);
    QVERIFY(probe(renewed));
    QCOMPARE(count(QStringLiteral("t"), renewed), 1);
}

void TstSqlCipherDriver::testKeyOfWrongSizeRejected()
{
    removeConnection(MainConnection);
    QSqlDatabase database = openConnection(MainConnection, m_dir->filePath(QStringLiteral("other.db")), nullptr);
    QVERIFY(database.isOpen());
    QVERIFY(!cipherDriver(database)->setKey(SecureBuffer::random(16)));
    QVERIFY(database.lastError().isValid());
    QVERIFY(!cipherDriver(database)->setKey(SecureBuffer()));
    QVERIFY(cipherDriver(database)->setKey(SecureBuffer::random(32)));
    QVERIFY(probe(database));
}

void TstSqlCipherDriver::testNoPlaintextOnDisk()
{
    const QString marker = QStringLiteral("ACORN-PLAINTEXT-MARKER-7f3c9e");
    const auto writeMarker = [&](const QSqlDatabase& database) {
        QSqlQuery q(database);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")));
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO notes (body) VALUES (?)")));
        q.addBindValue(marker);
        QVERIFY(q.exec());
    };

    writeMarker(db());
    removeConnection(MainConnection);
    const QByteArray encrypted = allBytesIn(m_dir->path());
    QVERIFY(encrypted.size() >= 4096);
    QVERIFY(!encrypted.contains(marker.toUtf8()));
    QVERIFY(!encrypted.startsWith("SQLite format 3"));

    // The check can see plaintext: the same write without a key leaves the marker readable.
    TestDataDir plainDir;
    {
        const QSqlDatabase plain
            = openConnection(OtherConnection, plainDir.filePath(QStringLiteral("plain.db")), nullptr);
        QVERIFY(plain.isOpen());
        writeMarker(plain);
    }
    removeConnection(OtherConnection);
    const QByteArray plaintext = allBytesIn(plainDir.path());
    QVERIFY(plaintext.contains(marker.toUtf8()));
    QVERIFY(plaintext.startsWith("SQLite format 3"));
}

void TstSqlCipherDriver::testConnectOptions()
{
    {
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER)")));
    }
    removeConnection(MainConnection);

    // NO_CREATE: a missing file is an error, and stays missing.
    const QString missing = m_dir->filePath(QStringLiteral("missing.db"));
    {
        const QSqlDatabase database
            = openConnection(OtherConnection, missing, &m_key, QStringLiteral("ACORN_OPEN_NO_CREATE"));
        QVERIFY(!database.isOpen());
        QCOMPARE(database.lastError().type(), QSqlError::ConnectionError);
        QVERIFY(!database.lastError().nativeErrorCode().isEmpty());
    }
    removeConnection(OtherConnection);
    QVERIFY(!QFile::exists(missing));

    // READONLY: reads work, writes fail.
    {
        const QSqlDatabase database = openConnection(OtherConnection, dbPath(), &m_key,
                                                     QStringLiteral(" ACORN_OPEN_READONLY ; ACORN_OPEN_NO_CREATE;"));
        QVERIFY2(database.isOpen(), qPrintable(database.lastError().text()));
        QVERIFY(probe(database));
        QSqlQuery q(database);
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO t VALUES (1)")));
        QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("8")); // SQLITE_READONLY
    }
    removeConnection(OtherConnection);

    // Unknown or malformed options refuse to open rather than being ignored.
    for (const QString& options : {QStringLiteral("ACORN_OPEN_READ_ONLY"), QStringLiteral("ACORN_BUSY_TIMEOUT=soon"),
                                   QStringLiteral("ACORN_BUSY_TIMEOUT=-1")}) {
        {
            const QSqlDatabase database = openConnection(OtherConnection, dbPath(), &m_key, options);
            QVERIFY2(!database.isOpen(), qPrintable(options));
            QVERIFY(database.lastError().isValid());
        }
        removeConnection(OtherConnection);
    }

    // A password would be a key in a QString: refused.
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::DriverName), OtherConnection);
        database.setDatabaseName(dbPath());
        QVERIFY(!database.open(QString(), QStringLiteral("secret")));
    }
}

void TstSqlCipherDriver::testBusyTimeout()
{
    {
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (a INTEGER)")));
    }
    QSqlDatabase main = db();
    QVERIFY(main.transaction()); // BEGIN IMMEDIATE: holds the write lock

    const QSqlDatabase other
        = openConnection(OtherConnection, dbPath(), &m_key, QStringLiteral("ACORN_BUSY_TIMEOUT=300"));
    QVERIFY(other.isOpen());
    QSqlDatabase otherDb = other;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!otherDb.transaction());
    const qint64 waited = timer.elapsed();
    QCOMPARE(otherDb.lastError().nativeErrorCode(), QStringLiteral("5")); // SQLITE_BUSY
    QVERIFY2(waited >= 250 && waited < 4000, qPrintable(QString::number(waited)));

    QVERIFY(main.commit());
    QVERIFY(otherDb.transaction());
    QVERIFY(otherDb.rollback());
}

QTEST_GUILESS_MAIN(TstSqlCipherDriver)
#include "tst_sqlcipherdriver.moc"
