#include "TestNursery.h"

#include "auth/AuditLog.h"
#include "auth/StaffAccounts.h"
#include "storage/Backup.h"
#include "storage/Database.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTest>

using namespace Acorn;
using Acorn::Test::TestNursery;

class TestBackup : public QObject
{
    Q_OBJECT
private slots:
    void testBackupAndRestoreRoundTrip()
    {
        TestNursery nursery;
        QTemporaryDir out;
        const QString file = out.filePath("nursery.acornbackup");
        {
            auto session = nursery.signIn();
            QVERIFY(session->database().exec("INSERT INTO rooms (id, name, created_at, updated_at, origin_device) "
                                             "VALUES ('r1', 'Before Backup', 'x', 'x', 'd')"));
            auto made = Backup::create(*session, file);
            QVERIFY2(made, qPrintable(made.errorMessage()));
            QVERIFY(session->database().exec("INSERT INTO rooms (id, name, created_at, updated_at, origin_device) "
                                             "VALUES ('r2', 'After Backup', 'x', 'x', 'd')"));
            QCOMPARE(Backup::create(*session, file).code(), Error::Code::AlreadyExists);
        }
        QFile raw(file);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(!raw.readAll().contains("Before Backup")); // encrypted

        // Restore into a fresh folder (a replacement laptop).
        QTemporaryDir fresh;
        const DataDir target(fresh.path());
        QCOMPARE(Backup::restore(target, file, "mabel", "wrong-password", nursery.clock()).code(),
                 Error::Code::WrongPassword);
        QVERIFY(!target.isInitialised());
        auto restored = Backup::restore(target, file, "mabel", TestNursery::ManagerPassword, nursery.clock());
        QVERIFY2(restored, qPrintable(restored.errorMessage()));
        auto session = Session::signIn(target, "mabel", TestNursery::ManagerPassword, nursery.clock());
        QVERIFY2(session, qPrintable(session.errorMessage()));
        QSqlQuery q(session.value()->database().sql());
        QVERIFY(q.exec("SELECT name FROM rooms ORDER BY name"));
        QStringList rooms;
        while (q.next())
            rooms << q.value(0).toString();
        QCOMPARE(rooms, QStringList {"Before Backup"});

        // Restoring over an existing nursery keeps the replaced files aside.
        session.value()->end(Session::EndReason::SignOut);
        QVERIFY(Backup::restore(nursery.dataDir(), file, "mabel", TestNursery::ManagerPassword, nursery.clock()));
        const auto kept = QDir(nursery.path()).entryList({"*.before-restore-*"});
        QCOMPARE(kept.size(), 2);
    }

    void testDamagedBackupIsRefusedAndNothingReplaced()
    {
        TestNursery nursery;
        QTemporaryDir out;
        const QString file = out.filePath("b.acornbackup");
        {
            auto session = nursery.signIn();
            QVERIFY(Backup::create(*session, file));
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(f.size() - 5000);
        f.write(QByteArray(64, '\0'));
        f.close();
        const QByteArray before = [&] {
            QFile db(nursery.dataDir().databasePath());
            db.open(QIODevice::ReadOnly);
            return db.readAll();
        }();
        auto restored
            = Backup::restore(nursery.dataDir(), file, "mabel", TestNursery::ManagerPassword, nursery.clock());
        QVERIFY(!restored);
        QVERIFY2(restored.errorMessage().contains("damaged"), qPrintable(restored.errorMessage()));
        QFile db(nursery.dataDir().databasePath());
        QVERIFY(db.open(QIODevice::ReadOnly));
        QCOMPARE(db.readAll(), before);

        QFile junk(out.filePath("junk"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("hello, this is not a backup");
        junk.close();
        QCOMPARE(Backup::restore(nursery.dataDir(), junk.fileName(), "mabel", "x", nursery.clock()).code(),
                 Error::Code::NotAnAcornDatabase);
    }

    void testBackupWhileAnotherConnectionWrites()
    {
        TestNursery nursery;
        auto writer = nursery.signIn();
        auto reader = nursery.signIn();
        QVERIFY(writer && reader);
        QVERIFY(writer->database().exec("CREATE TABLE IF NOT EXISTS t (x)"));
        Transaction open(writer->database());
        QVERIFY(writer->database().exec("INSERT INTO t VALUES ('uncommitted')"));
        QTemporaryDir out;
        auto made = Backup::create(*reader, out.filePath("b.acornbackup"));
        QVERIFY2(made, qPrintable(made.errorMessage()));
        QVERIFY(open.commit());
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
