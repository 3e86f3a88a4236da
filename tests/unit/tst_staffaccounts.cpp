// Staff account rules in core: every role × action (table-driven), password resets and changes, history.
#include "TestNursery.h"

#include "auth/AuditLog.h"
#include "auth/Permissions.h"
#include "auth/SettingsStore.h"
#include "auth/StaffAccounts.h"
#include "auth/StaffRepository.h"
#include "storage/Backup.h"

#include <QTest>

using namespace Acorn;
using Acorn::Test::TestNursery;

Q_DECLARE_METATYPE(Acorn::Role)
Q_DECLARE_METATYPE(Acorn::Action)

class TestStaffAccounts : public QObject
{
    Q_OBJECT
private slots:
    void testPermissionTable_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<Action>("action");
        QTest::addColumn<bool>("allowed");
        struct Row
        {
            Action action;
            const char* name;
            bool practitioner, roomLeader, manager, administrator;
        };
        const Row rows[] = {
            {Action::ManageStaffAccounts, "manage staff", false, false, true, true},
            {Action::ManageAdministrators, "manage administrators", false, false, false, true},
            {Action::ChangePolicy, "change policy", false, false, true, true},
            {Action::ViewAuditLog, "view audit log", false, false, true, true},
            {Action::BackupAndRestore, "backup", false, false, true, true},
            {Action::ChangeOwnPassword, "own password", true, true, true, true},
            {Action::ObserveChildren, "observe (own rooms)", true, true, true, true},
            {Action::ManageRoomsAndChildren, "rooms and children", false, false, true, true},
            {Action::ManageGuardians, "guardians", false, false, true, true},
            {Action::RecordPhotoConsent, "photo consent", false, false, true, true},
            {Action::ApproveObservations, "approve observations", false, true, true, true},
            {Action::ApproveContributions, "approve contributions", false, true, true, true},
        };
        QCOMPARE(int(std::size(rows)), Permissions::allActions().size()); // every action has a row
        for (const auto& r : rows) {
            QTest::addRow("practitioner / %s", r.name) << Role::Practitioner << r.action << r.practitioner;
            QTest::addRow("room leader / %s", r.name) << Role::RoomLeader << r.action << r.roomLeader;
            QTest::addRow("manager / %s", r.name) << Role::Manager << r.action << r.manager;
            QTest::addRow("administrator / %s", r.name) << Role::Administrator << r.action << r.administrator;
        }
    }

    void testPermissionTable()
    {
        QFETCH(Role, role);
        QFETCH(Action, action);
        QFETCH(bool, allowed);
        QCOMPARE(Permissions::allows(role, action), allowed);
    }

    // The services refuse, not only the table: a practitioner's session is turned away by each of them.
    void testServicesEnforcePermissions()
    {
        TestNursery nursery;
        QVERIFY(nursery.addStaff("pat", "Pat Hollins", Role::Practitioner, "Kettle-Drum-808"));
        auto session = nursery.signIn("pat", "Kettle-Drum-808");
        QVERIFY(session);
        StaffAccounts accounts(*session);
        QCOMPARE(accounts.create("New Person", "newp", Role::Practitioner, "Kettle-Drum-909").code(),
                 Error::Code::PermissionDenied);
        const QString managerId = StaffRepository(session->database()).byUserName("mabel")->id;
        QCOMPARE(accounts.deactivate(managerId).code(), Error::Code::PermissionDenied);
        QCOMPARE(accounts.resetPassword(managerId, "Kettle-Drum-909").code(), Error::Code::PermissionDenied);
        QCOMPARE(accounts.update(managerId, "X", Role::Practitioner).code(), Error::Code::PermissionDenied);
        QTemporaryDir dir;
        QCOMPARE(Backup::create(*session, dir.filePath("b.acornbackup")).code(), Error::Code::PermissionDenied);
        QVERIFY(!session->can(Action::ChangePolicy));
    }

    void testManagerCannotTouchAdministrators()
    {
        TestNursery nursery;
        auto session = nursery.signIn();
        StaffAccounts accounts(*session);
        QCOMPARE(accounts.create("Ada Admin", "ada", Role::Administrator, "Kettle-Drum-909").code(),
                 Error::Code::PermissionDenied);
        auto pat = accounts.create("Pat Hollins", "pat", Role::Practitioner, "Kettle-Drum-909");
        QVERIFY(pat);
        QCOMPARE(accounts.update(pat.value().id, "Pat Hollins", Role::Administrator).code(),
                 Error::Code::PermissionDenied);
    }

    void testCreateRequiresPasswordChangeAtFirstSignIn()
    {
        TestNursery nursery;
        {
            auto session = nursery.signIn();
            StaffAccounts accounts(*session);
            QCOMPARE(accounts.create("Pat Hollins", "pat", Role::Practitioner, "short").code(),
                     Error::Code::PolicyViolation);
            QCOMPARE(accounts.create("Pat Hollins", "bad name", Role::Practitioner, "Kettle-Drum-909").code(),
                     Error::Code::InvalidInput);
            QVERIFY(accounts.create("Pat Hollins", "pat", Role::Practitioner, "Kettle-Drum-909"));
            QCOMPARE(accounts.create("Other Pat", "PAT", Role::Practitioner, "Kettle-Drum-909").code(),
                     Error::Code::AlreadyExists);
        }
        auto pat = nursery.signIn("pat", "Kettle-Drum-909");
        QVERIFY(pat);
        QVERIFY(pat->mustChangePassword());
        StaffAccounts own(*pat);
        // The temporary password cannot be kept.
        QCOMPARE(own.changeOwnPassword("Kettle-Drum-909", "Kettle-Drum-909").code(), Error::Code::PolicyViolation);
        QCOMPARE(own.changeOwnPassword("Wrong-Current-1", "Brand-New-Otter-3").code(), Error::Code::WrongPassword);
        QVERIFY(own.changeOwnPassword("Kettle-Drum-909", "Brand-New-Otter-3"));
        QVERIFY(!pat->mustChangePassword());
        pat->end(Session::EndReason::SignOut);
        QVERIFY(nursery.signIn("pat", "Brand-New-Otter-3"));
        QVERIFY(!Session::signIn(nursery.dataDir(), "pat", "Kettle-Drum-909", nursery.clock()));
    }

    void testNoneOfTheLastFiveReused()
    {
        TestNursery nursery;
        auto session = nursery.signIn();
        StaffAccounts accounts(*session);
        QByteArray current = TestNursery::ManagerPassword;
        QList<QByteArray> used {current};
        for (int i = 1; i <= 5; ++i) {
            const QByteArray next = "Rotating-Pass-" + QByteArray::number(i) + "x";
            auto changed = accounts.changeOwnPassword(current, next);
            QVERIFY2(changed, qPrintable(changed.errorMessage()));
            current = next;
            used << next;
        }
        // The last five (including the current one) are refused; the sixth-oldest is allowed again.
        for (int i = 1; i <= 5; ++i)
            QCOMPARE(accounts.changeOwnPassword(current, used[i]).code(), Error::Code::PolicyViolation);
        QVERIFY(accounts.changeOwnPassword(current, used[0]));
    }

    void testResetPasswordByManager()
    {
        TestNursery nursery;
        QVERIFY(nursery.addStaff("pat", "Pat Hollins", Role::Practitioner, "Kettle-Drum-808"));
        {
            auto session = nursery.signIn();
            StaffAccounts accounts(*session);
            const auto pat = StaffRepository(session->database()).byUserName("pat");
            QVERIFY(accounts.resetPassword(pat->id, "Temporary-Owl-77"));
            const auto events = session->audit().events({{}, {}, AuditLog::PasswordReset, 10});
            QCOMPARE(events.first().objectId, pat->id);
        }
        QVERIFY(!Session::signIn(nursery.dataDir(), "pat", "Kettle-Drum-808", nursery.clock()));
        auto pat = nursery.signIn("pat", "Temporary-Owl-77");
        QVERIFY(pat);
        QVERIFY(pat->mustChangePassword());
    }

    void testLastManagerCannotBeDeactivatedNorSelf()
    {
        TestNursery nursery;
        auto session = nursery.signIn();
        StaffAccounts accounts(*session);
        QCOMPARE(accounts.deactivate(session->staff().id).code(), Error::Code::PermissionDenied);
        auto other = accounts.create("Second Manager", "second", Role::Manager, "Kettle-Drum-909");
        QVERIFY(other);
        QVERIFY(accounts.deactivate(other.value().id));
        QVERIFY(accounts.reactivate(other.value().id, "Kettle-Drum-919"));
        QVERIFY(nursery.signIn("second", "Kettle-Drum-919"));
    }

    void testRecoveryResetsAForgottenPassword()
    {
        TestNursery nursery;
        auto session = Session::openWithRecoveryKey(nursery.dataDir(), nursery.recoveryKey(), nursery.clock());
        QVERIFY(session);
        StaffAccounts accounts(*session.value());
        QVERIFY(accounts.setPasswordWithRecovery("mabel", "Recovered-Badger-5"));
        session.value()->end(Session::EndReason::SignOut);
        auto mabel = nursery.signIn("mabel", "Recovered-Badger-5");
        QVERIFY(mabel);
        QVERIFY(mabel->mustChangePassword());
    }

    void testPolicyChoiceAtSetup()
    {
        TestNursery nursery(PasswordPolicy::Kind::Passphrase);
        auto session = nursery.signIn();
        QCOMPARE(session->passwordPolicy().kind, PasswordPolicy::Kind::Passphrase);
        StaffAccounts accounts(*session);
        // No forced expiry under the passphrase policy.
        nursery.clock().advanceSecs(400LL * 24 * 3600);
        QVERIFY(!session->mustChangePassword());
        QCOMPARE(accounts.create("Pat Hollins", "pat", Role::Practitioner, "Kettle-Drum-9").code(),
                 Error::Code::PolicyViolation);
        QVERIFY(accounts.create("Pat Hollins", "pat", Role::Practitioner, "kettle drum river stone"));
    }
};

QTEST_GUILESS_MAIN(TestStaffAccounts)
#include "tst_staffaccounts.moc"
