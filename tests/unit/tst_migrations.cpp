#include "crypto/SecureBuffer.h"
#include "storage/Database.h"
#include "storage/Migrator.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Acorn;

namespace {
QList<Migrator::Migration> testMigrations()
{
    return {
        {1, "one", "CREATE TABLE a (id TEXT PRIMARY KEY);"},
        {2, "two", "ALTER TABLE a ADD COLUMN note TEXT;\nINSERT INTO a (id, note) VALUES ('x', 'from v2');"},
        {3, "three",
         "CREATE TABLE b (id TEXT);\nCREATE TRIGGER b_no_delete BEFORE DELETE ON b BEGIN SELECT RAISE(ABORT, 'no'); "
         "END;"},
    };
}

bool hasTable(const Database& db, const QString& name)
{
    QSqlQuery q(db.sql());
    q.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    q.addBindValue(name);
    return q.exec() && q.next() && q.value(0).toInt() == 1;
}
} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_key = SecureBuffer::random(32);
    }

    void testBuiltInFromEmpty()
    {
        auto db = Database::open(m_dir->filePath("j.acorn"), m_key, Database::OpenMode::CreateNew);
        QVERIFY2(db, qPrintable(db.errorMessage()));
        QCOMPARE(db.value()->schemaVersion(), Migrator::latestVersion());
        QVERIFY(Migrator::latestVersion() >= 1);
        // The whole data model of DESIGN.md §4 is there.
        for (const auto* table :
             {"setting", "setting_values", "rooms", "staff", "staff_rooms", "children", "guardians",
              "guardian_children", "observations", "observation_children", "observation_tags", "media_items",
              "media_children", "comments", "audit_events", "drafts", "device_state"})
            QVERIFY2(hasTable(*db.value(), table), table);
        // Every travelling row has a UUID, revision, timestamps and origin device.
        for (const auto* table :
             {"rooms", "staff", "children", "guardians", "observations", "media_items", "comments"}) {
            const auto record = db.value()->sql().record(table);
            for (const auto* column : {"id", "created_at", "updated_at", "revision", "origin_device", "deleted"})
                QVERIFY2(record.indexOf(column) >= 0, qPrintable(QString("%1.%2").arg(table, column)));
        }
    }

    void testAuditLogIsAppendOnly()
    {
        auto db = Database::open(m_dir->filePath("j.acorn"), m_key, Database::OpenMode::CreateNew);
        QVERIFY(db);
        QVERIFY(db.value()->exec("INSERT INTO audit_events (id, at, action, device_id) VALUES ('e1', 't', 'x', 'd')"));
        QVERIFY(!db.value()->exec("UPDATE audit_events SET action = 'y'"));
        QVERIFY(!db.value()->exec("DELETE FROM audit_events"));
        QSqlQuery q(db.value()->sql());
        QVERIFY(q.exec("SELECT action FROM audit_events"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("x"));
    }

    void testFromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("from");
        QTest::newRow("from 0") << 0;
        QTest::newRow("from 1") << 1;
        QTest::newRow("from 2") << 2;
        QTest::newRow("already at 3") << 3;
    }

    void testFromEveryEarlierVersion()
    {
        QFETCH(int, from);
        // A bare keyed database (no built-in schema): open once with Check::None on a fresh file via CreateNew, then
        // drop what the built-in migrations made, so the test migrations start from user_version 0.
        const QString path = m_dir->filePath(QString("m%1.acorn").arg(from));
        auto db = Database::open(path, m_key, Database::OpenMode::CreateNew);
        QVERIFY(db);
        QVERIFY(db.value()->exec("PRAGMA user_version = 0"));
        Migrator first(*db.value(), testMigrations());
        QVERIFY(first.migrate(from));
        QCOMPARE(first.currentVersion(), from);

        Migrator rest(*db.value(), testMigrations());
        auto migrated = rest.migrate();
        QVERIFY2(migrated, qPrintable(migrated.errorMessage()));
        QCOMPARE(rest.currentVersion(), 3);
        QVERIFY(hasTable(*db.value(), "a"));
        QVERIFY(hasTable(*db.value(), "b"));
        QSqlQuery q(db.value()->sql());
        QVERIFY(q.exec("SELECT note FROM a WHERE id = 'x'"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("from v2"));
    }

    void testFailingMigrationRollsBackWholeStep()
    {
        auto db = Database::open(m_dir->filePath("f.acorn"), m_key, Database::OpenMode::CreateNew);
        QVERIFY(db);
        QVERIFY(db.value()->exec("PRAGMA user_version = 0"));
        QList<Migrator::Migration> broken = testMigrations();
        broken[1].sql = "CREATE TABLE half (x);\nTHIS IS NOT SQL;";
        Migrator migrator(*db.value(), broken);
        auto result = migrator.migrate();
        QVERIFY(!result);
        QCOMPARE(migrator.currentVersion(), 1);
        QVERIFY(hasTable(*db.value(), "a"));
        QVERIFY(!hasTable(*db.value(), "half"));
        QVERIFY(!result.errorMessage().contains("THIS IS NOT SQL")); // no raw SQL shown to users
    }

    void testNewerThanKnown()
    {
        auto db = Database::open(m_dir->filePath("n.acorn"), m_key, Database::OpenMode::CreateNew);
        QVERIFY(db);
        QVERIFY(db.value()->exec("PRAGMA user_version = 7"));
        Migrator migrator(*db.value(), testMigrations());
        QCOMPARE(migrator.migrate().code(), Error::Code::NewerVersion);
        QCOMPARE(migrator.currentVersion(), 7);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    SecureBuffer m_key;
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
