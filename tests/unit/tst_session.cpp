// Signing in and out through core: the right and wrong password, throttling, inactive accounts, the audit trail
// and the wiping of the key when the session ends.
#include "TestNursery.h"

#include "auth/AuditLog.h"
#include "auth/SettingsStore.h"
#include "auth/SignInThrottle.h"
#include "auth/StaffAccounts.h"
#include "auth/StaffRepository.h"
#include "storage/Database.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTest>

using namespace Acorn;
using Acorn::Test::TestNursery;

class TestSession : public QObject
{
    Q_OBJECT
private slots:
    void testSignInAndEnd()
    {
        TestNursery nursery;
        QVERIFY2(nursery.isValid(), qPrintable(nursery.errorMessage()));
        auto session = nursery.signIn();
        QVERIFY(session);
        QCOMPARE(session->staff().userName, QStringLiteral("mabel"));
        QCOMPARE(session->staff().role, Role::Manager);
        QVERIFY(!session->mustChangePassword());
        QCOMPARE(session->settings().stringValue(SettingsStore::Key::NurseryName),
                 QStringLiteral("Puddle Lane Test Nursery"));
        const QString connection = session->database().connectionName();
        QVERIFY(QSqlDatabase::connectionNames().contains(connection));

        QSignalSpy ended(session.get(), &Session::ended);
        session->end(Session::EndReason::Lock);
        QCOMPARE(ended.count(), 1);
        QVERIFY(!session->isOpen());
        QVERIFY(session->databaseKey().isEmpty());
        QVERIFY(!QSqlDatabase::connectionNames().contains(connection));
        session->end(Session::EndReason::SignOut); // a second end is harmless
        QCOMPARE(ended.count(), 1);

        auto again = nursery.signIn();
        QVERIFY(again);
        const auto events = again->audit().events();
        QStringList actions;
        for (const auto& e : events)
            actions.prepend(e.action);
        QCOMPARE(actions, (QStringList {"nursery_created", "account_created", "sign_in", "lock", "sign_in"}));
    }

    void testWrongPasswordIsThrottledAndAudited()
    {
        TestNursery nursery;
        QVERIFY(nursery.isValid());
        for (int i = 0; i < SignInThrottle::FreeAttempts; ++i) {
            auto wrong = Session::signIn(nursery.dataDir(), "mabel", "Not-The-Password-1", nursery.clock());
            QCOMPARE(wrong.code(), Error::Code::WrongPassword);
        }
        // Now even the right password must wait.
        auto throttled = Session::signIn(nursery.dataDir(), "mabel", TestNursery::ManagerPassword, nursery.clock());
        QCOMPARE(throttled.code(), Error::Code::Throttled);
        QVERIFY(throttled.errorMessage().contains("wait"));
        nursery.clock().advanceSecs(SignInThrottle::FirstDelaySecs);
        auto session = nursery.signIn();
        QVERIFY(session);
        // The failed attempts made while the database was shut are in the audit log now.
        const auto failed = session->audit().events({{}, {}, AuditLog::SignInFailed, 100});
        QCOMPARE(failed.size(), SignInThrottle::FreeAttempts);
        QCOMPARE(failed.first().actorLabel, QStringLiteral("mabel"));
        // And the counter starts again.
        session->end(Session::EndReason::SignOut);
        QCOMPARE(SignInThrottle(nursery.dataDir().throttlePath(), nursery.clock()).secondsToWait("mabel"), 0);
    }

    void testUnknownUser()
    {
        TestNursery nursery;
        auto result = Session::signIn(nursery.dataDir(), "nobody", "Whatever-123x", nursery.clock());
        QCOMPARE(result.code(), Error::Code::WrongPassword);
    }

    void testNotSetUpAndMissingKeyring()
    {
        QTemporaryDir empty;
        ManualClock clock;
        auto none = Session::signIn(DataDir(empty.path()), "mabel", "x", clock);
        QCOMPARE(none.code(), Error::Code::NotFound);
        QVERIFY(none.errorMessage().contains("No nursery"));

        TestNursery nursery;
        QVERIFY(QFile::remove(nursery.dataDir().keyringPath()));
        auto missing = Session::signIn(nursery.dataDir(), "mabel", TestNursery::ManagerPassword, nursery.clock());
        QCOMPARE(missing.code(), Error::Code::KeyringMissing);
        QVERIFY(missing.errorMessage().contains("keyring"));
    }

    void testDeactivatedAccountCannotSignInButEntriesStay()
    {
        TestNursery nursery;
        QVERIFY(nursery.addStaff("otto", "Otto Fennick", Role::Practitioner, "Lantern-Moth-55"));
        QString ottoId;
        {
            auto otto = nursery.signIn("otto", "Lantern-Moth-55");
            QVERIFY(otto);
            ottoId = otto->staff().id;
        }
        {
            auto manager = nursery.signIn();
            StaffAccounts accounts(*manager);
            QVERIFY(accounts.deactivate(ottoId));
        }
        auto refused = Session::signIn(nursery.dataDir(), "otto", "Lantern-Moth-55", nursery.clock());
        QVERIFY(!refused);
        auto manager = nursery.signIn();
        const auto staff = StaffRepository(manager->database()).byId(ottoId);
        QVERIFY(staff); // the row (and so the person's entries) stays
        QVERIFY(!staff->active);
    }

    void testPasswordExpiryForcesChange()
    {
        TestNursery nursery;
        {
            auto session = nursery.signIn();
            QVERIFY(!session->mustChangePassword());
        }
        nursery.clock().advanceSecs(91LL * 24 * 3600);
        auto session = nursery.signIn();
        QVERIFY(session->mustChangePassword());
        StaffAccounts accounts(*session);
        QVERIFY(accounts.changeOwnPassword(TestNursery::ManagerPassword, "Fresh-Meadow-202"));
        QVERIFY(!session->mustChangePassword());
    }

    void testRecoveryKeyOpensAndIsAudited()
    {
        TestNursery nursery;
        auto session = Session::openWithRecoveryKey(nursery.dataDir(), nursery.recoveryKey(), nursery.clock());
        QVERIFY2(session, qPrintable(session.errorMessage()));
        QVERIFY(session.value()->isRecovery());
        QCOMPARE(session.value()->audit().events().first().action, QString(AuditLog::RecoveryKeyUsed));
        auto wrong = Session::openWithRecoveryKey(nursery.dataDir(), "AAAA-BBBB", nursery.clock());
        QVERIFY(!wrong);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
