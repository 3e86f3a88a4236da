// kill -9 during a burst of writes, again and again: every reopen passes the full integrity check and nothing that
// was reported committed is lost.
#include "crypto/SecureBuffer.h"
#include "storage/Database.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Acorn;

class TestCrashSafety : public QObject
{
    Q_OBJECT
private slots:
    void testKillDuringWrites()
    {
        const int rounds = qEnvironmentVariableIntValue("ACORN_CRASH_ROUNDS") > 0
            ? qEnvironmentVariableIntValue("ACORN_CRASH_ROUNDS")
            : 200;
        QTemporaryDir dir;
        const QString path = dir.filePath("journal.acorn");
        const SecureBuffer key = SecureBuffer::random(32);
        {
            auto db = Database::open(path, key, Database::OpenMode::CreateNew);
            QVERIFY(db);
            QVERIFY(db.value()->exec("CREATE TABLE burst (n INTEGER PRIMARY KEY, payload BLOB)"));
        }
        const QByteArray hexKey = QByteArray(reinterpret_cast<const char*>(key.data()), int(key.size())).toHex();
        const QString writer = QString::fromLocal8Bit(qgetenv("ACORN_BINARY_DIR")) + "/tests/unit/crashwriter";
        auto* rng = QRandomGenerator::global();

        qint64 committed = 0;
        int killedMidWrite = 0;
        for (int round = 0; round < rounds; ++round) {
            QProcess p;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert("ACORN_TEST_KEY", QString::fromLatin1(hexKey));
            p.setProcessEnvironment(env);
            p.start(writer, {path, QString::number(committed)});
            QVERIFY2(p.waitForStarted(), qPrintable(p.errorString()));
            // Wait for the first commit, then let it run a random while before the kill.
            QVERIFY2(p.waitForReadyRead(10000), qPrintable(QString::fromLocal8Bit(p.readAllStandardError())));
            QTest::qWait(int(rng->bounded(1, 40)));
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished(5000);
            QCOMPARE(p.exitStatus(), QProcess::CrashExit);
            ++killedMidWrite;

            qint64 reported = committed;
            for (const auto& line : p.readAllStandardOutput().split('\n'))
                if (line.startsWith("committed "))
                    reported = qMax(reported, line.mid(10).toLongLong());

            auto db = Database::open(path, key, Database::OpenMode::Existing,
                                     round % 20 == 0 ? Database::Check::Full : Database::Check::Quick);
            QVERIFY2(db, qPrintable(QString("round %1: %2").arg(round).arg(db.errorMessage())));
            QSqlQuery q(db.value()->sql());
            QVERIFY(q.exec("SELECT count(*), coalesce(max(n), -1) FROM burst"));
            QVERIFY(q.next());
            const qint64 count = q.value(0).toLongLong();
            const qint64 maxN = q.value(1).toLongLong();
            // Rows are written in whole bursts of 20 from 0 upwards: no gaps, nothing half-written.
            QCOMPARE(count, maxN + 1);
            QCOMPARE(count % 20, 0);
            QVERIFY2(
                count >= reported,
                qPrintable(QString("round %1: reported %2 committed, found %3").arg(round).arg(reported).arg(count)));
            committed = count;
        }
        QCOMPARE(killedMidWrite, rounds);
        QVERIFY(committed > 0);
        qInfo("%d kills, %lld rows committed and all present", rounds, committed);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
