#include "Clock.h"
#include "auth/SignInThrottle.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Acorn;

class TestSignInThrottle : public QObject
{
    Q_OBJECT
private slots:
    void testDelaysGrow()
    {
        QCOMPARE(SignInThrottle::delayAfter(0), 0);
        QCOMPARE(SignInThrottle::delayAfter(SignInThrottle::FreeAttempts - 1), 0);
        qint64 previous = 0;
        for (int n = SignInThrottle::FreeAttempts; n < SignInThrottle::FreeAttempts + 6; ++n) {
            const qint64 d = SignInThrottle::delayAfter(n);
            QVERIFY2(d > previous, qPrintable(QString("failure %1: %2 s").arg(n).arg(d)));
            previous = d;
        }
        QCOMPARE(SignInThrottle::delayAfter(100), SignInThrottle::MaxDelaySecs);
    }

    void testWaitAndSurviveRestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("t.json");
        ManualClock clock;
        {
            SignInThrottle throttle(path, clock);
            for (int i = 0; i < SignInThrottle::FreeAttempts; ++i) {
                QCOMPARE(throttle.secondsToWait("anna"), 0);
                QVERIFY(throttle.recordFailure("anna"));
            }
            QCOMPARE(throttle.secondsToWait("anna"), SignInThrottle::FirstDelaySecs);
            QCOMPARE(throttle.secondsToWait("ben"), 0); // per user
        }
        // A restart does not reset the delay.
        SignInThrottle reloaded(path, clock);
        QCOMPARE(reloaded.failures("ANNA"), SignInThrottle::FreeAttempts);
        QCOMPARE(reloaded.secondsToWait("anna"), SignInThrottle::FirstDelaySecs);
        clock.advanceSecs(2);
        QCOMPARE(reloaded.secondsToWait("anna"), SignInThrottle::FirstDelaySecs - 2);
        clock.advanceSecs(SignInThrottle::FirstDelaySecs);
        QCOMPARE(reloaded.secondsToWait("anna"), 0);
        QVERIFY(reloaded.recordFailure("anna"));
        QCOMPARE(reloaded.secondsToWait("anna"), SignInThrottle::delayAfter(SignInThrottle::FreeAttempts + 1));
        QVERIFY(reloaded.waitMessage(reloaded.secondsToWait("anna")).contains("wait"));

        QVERIFY(reloaded.recordSuccess("anna"));
        QCOMPARE(SignInThrottle(path, clock).secondsToWait("anna"), 0);
    }

    void testClockSetBackwardsStillWaits()
    {
        QTemporaryDir dir;
        ManualClock clock;
        SignInThrottle throttle(dir.filePath("t.json"), clock);
        for (int i = 0; i < 5; ++i)
            QVERIFY(throttle.recordFailure("anna"));
        clock.setNow(clock.now().addDays(-1));
        QCOMPARE(throttle.secondsToWait("anna"), SignInThrottle::delayAfter(5));
    }

    void testPendingAuditQueue()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("t.json");
        ManualClock clock;
        {
            SignInThrottle throttle(path, clock);
            QVERIFY(throttle.recordFailure("anna"));
            clock.advanceSecs(10);
            QVERIFY(throttle.recordFailure("who?"));
        }
        SignInThrottle throttle(path, clock);
        const auto pending = throttle.pending();
        QCOMPARE(pending.size(), 2);
        QCOMPARE(pending[0].userName, QStringLiteral("anna"));
        QCOMPARE(pending[0].at.secsTo(pending[1].at), 10);
        QVERIFY(throttle.clearPending());
        QVERIFY(SignInThrottle(path, clock).pending().isEmpty());
    }

    void testManyNamesAreBounded()
    {
        QTemporaryDir dir;
        ManualClock clock;
        SignInThrottle throttle(dir.filePath("t.json"), clock);
        for (int i = 0; i < SignInThrottle::MaxTrackedNames + 50; ++i) {
            clock.advanceSecs(1);
            QVERIFY(throttle.recordFailure(QString("user%1").arg(i)));
        }
        QCOMPARE(throttle.failures(QString("user%1").arg(SignInThrottle::MaxTrackedNames + 49)), 1);
        QCOMPARE(throttle.failures("user0"), 0);
    }
};

QTEST_GUILESS_MAIN(TestSignInThrottle)
#include "tst_signinthrottle.moc"
