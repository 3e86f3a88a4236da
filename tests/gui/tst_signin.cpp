// Signing in through the main window: right and wrong passwords, the throttle countdown, the forced password change.

#include "ChangePasswordPage.h"
#include "Clock.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "SignInPage.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "auth/SignInThrottle.h"
#include "auth/StaffAccounts.h"
#include "crypto/PasswordKdf.h"
#include "lock/LockController.h"
#include "setup/SetupWizard.h"
#include "storage/DataDir.h"

#include "GuiTestSupport.h"
#include "TestDataDir.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace Acorn;
using Acorn::Test::child;

class TestSignIn final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testStartsWithSetupWhenNoNursery();
    void testListsStaffFromKeyring();
    void testRightPasswordShowsHome();
    void testTypedUserNameWorks();
    void testWrongPasswordShowsError();
    void testThrottleDisablesButtonWithCountdown();
    void testTemporaryPasswordMustBeChanged();
    void testSignOut();

private:
    void makeWindow();
    QPushButton* signInButton() const { return child<QPushButton>(m_window.get(), "signInButton"); }
    QLabel* errorLabel() const { return child<QLabel>(m_window->signInPage(), "signInErrorLabel"); }
    void waitForSignInToFinish();

    std::unique_ptr<Test::TestDataDir> m_dir;
    std::unique_ptr<DataDir> m_dataDir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
};

void TestSignIn::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestSignIn::init()
{
    m_dir = std::make_unique<Test::TestDataDir>();
    m_dataDir = std::make_unique<DataDir>(m_dir->filePath(QStringLiteral("nursery")));
    m_clock = std::make_unique<ManualClock>();
    QCOMPARE(Test::createNursery(*m_dataDir, *m_clock, {Test::practitioner()}), QString());
}

void TestSignIn::makeWindow()
{
    m_lock = std::make_unique<LockController>(*m_dataDir, *m_clock);
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestSignIn::cleanup()
{
    m_window.reset();
    m_lock.reset();
    m_dataDir.reset();
    m_dir.reset();
}

void TestSignIn::waitForSignInToFinish()
{
    QTRY_VERIFY(!m_lock->isSigningIn());
}

void TestSignIn::testStartsWithSetupWhenNoNursery()
{
    *m_dataDir = DataDir(m_dir->filePath(QStringLiteral("empty")));
    makeWindow();
    QVERIFY(m_window->setupWizard());
    QCOMPARE(m_window->currentPage(), m_window->setupWizard());
    QVERIFY(m_window->setupWizard()->isVisible());
    QVERIFY(!m_window->signInPage()->isVisible());
}

void TestSignIn::testListsStaffFromKeyring()
{
    makeWindow();
    QCOMPARE(m_window->currentPage(), m_window->signInPage());
    auto* combo = child<QComboBox>(m_window.get(), "userNameCombo");
    QVERIFY(combo && combo->isEditable());
    QStringList names;
    for (int i = 0; i < combo->count(); ++i)
        names << combo->itemText(i) + QLatin1Char('=') + combo->itemData(i).toString();
    QCOMPARE(names, (QStringList {QStringLiteral("Maple Hartley=maple"), QStringLiteral("Robin Ashdown=robin")}));
}

void TestSignIn::testRightPasswordShowsHome()
{
    makeWindow();
    QSignalSpy signedIn(m_lock.get(), &LockController::signedIn);
    const auto boss = Test::manager();
    Test::submitSignIn(*m_window, boss.userName, boss.password);
    // The password field is emptied at once; the check runs on a worker thread with a busy indicator.
    QVERIFY(child<QLineEdit>(m_window.get(), "passwordEdit")->text().isEmpty());
    QTRY_COMPARE(signedIn.count(), 1);
    QVERIFY(m_window->homePage());
    QTRY_VERIFY(m_window->homePage()->isVisible());
    QVERIFY(!m_window->signInPage()->isVisible());
    QVERIFY(!child<QProgressBar>(m_window->signInPage(), "signInBusyIndicator")->isVisible());

    auto* who = child<QLabel>(m_window->homePage(), "signedInAsLabel");
    QVERIFY(who);
    QVERIFY2(who->text().contains(boss.displayName), qPrintable(who->text()));
    QCOMPARE(child<QLabel>(m_window->homePage(), "nurseryNameLabel")->text(), Test::nurseryName());
    QVERIFY(child<QPushButton>(m_window->homePage(), "lockButton")->isVisible());
    QVERIFY(child<QPushButton>(m_window->homePage(), "signOutButton")->isVisible());
    // A manager sees the management pages.
    QTabWidget* tabs = m_window->homePage()->tabs();
    QStringList tabTitles;
    for (int i = 0; i < tabs->count(); ++i)
        tabTitles << tabs->tabText(i);
    QCOMPARE(tabTitles,
             (QStringList {QStringLiteral("Journal"), QStringLiteral("Review"), QStringLiteral("Meetings"),
                           QStringLiteral("Dashboards"), QStringLiteral("People"), QStringLiteral("Staff"),
                           QStringLiteral("Audit log"), QStringLiteral("Settings")}));

    QVERIFY(m_lock->session());
    QCOMPARE(m_lock->session()->staff().userName, boss.userName);
}

void TestSignIn::testTypedUserNameWorks()
{
    makeWindow();
    auto* combo = child<QComboBox>(m_window.get(), "userNameCombo");
    combo->setCurrentIndex(-1);
    combo->clearEditText();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("ROBIN"));
    QCOMPARE(m_window->signInPage()->selectedUserName(), QStringLiteral("ROBIN"));
    QTest::keyClicks(child<QLineEdit>(m_window.get(), "passwordEdit"), Test::practitioner().password);
    QTest::mouseClick(signInButton(), Qt::LeftButton);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    QCOMPARE(m_lock->session()->staff().displayName, Test::practitioner().displayName);
    // A practitioner sees no management pages.
    QCOMPARE(m_window->homePage()->tabs()->count(), 1);
    QVERIFY(!m_window->homePage()->staffPage());
    QVERIFY(!m_window->homePage()->settingsPage());
}

void TestSignIn::testWrongPasswordShowsError()
{
    makeWindow();
    QSignalSpy failed(m_lock.get(), &LockController::signInFailed);
    Test::submitSignIn(*m_window, QStringLiteral("maple"), QStringLiteral("Not-The-Password-1"));
    QTRY_COMPARE(failed.count(), 1);
    waitForSignInToFinish();
    QCOMPARE(failed.at(0).at(1).value<Error::Code>(), Error::Code::WrongPassword);
    QVERIFY(errorLabel()->isVisible());
    QCOMPARE(errorLabel()->text(), failed.at(0).at(0).toString());
    QVERIFY(!errorLabel()->text().isEmpty());
    QCOMPARE(m_window->currentPage(), m_window->signInPage());
    QVERIFY(!m_window->homePage());
    QVERIFY(!m_lock->session());
    QVERIFY(signInButton()->isEnabled()); // the first wrong tries are free
    QVERIFY(!child<QLabel>(m_window->signInPage(), "throttleLabel")->isVisible());
    QVERIFY(child<QLineEdit>(m_window.get(), "passwordEdit")->text().isEmpty());

    // An unknown user gets the same answer (no hint which names exist).
    Test::submitSignIn(*m_window, QStringLiteral("nobody"), QStringLiteral("Whatever-123"));
    QTRY_COMPARE(failed.count(), 2);
    QCOMPARE(failed.at(1).at(0).toString(), failed.at(0).at(0).toString());
}

void TestSignIn::testThrottleDisablesButtonWithCountdown()
{
    makeWindow();
    QSignalSpy failed(m_lock.get(), &LockController::signInFailed);
    auto* throttleLabel = child<QLabel>(m_window->signInPage(), "throttleLabel");
    QVERIFY(throttleLabel);
    for (int i = 1; i <= SignInThrottle::FreeAttempts; ++i) {
        QVERIFY2(signInButton()->isEnabled(), qPrintable(QStringLiteral("attempt %1").arg(i)));
        Test::submitSignIn(*m_window, QStringLiteral("maple"), QStringLiteral("Wrong-Password-%1").arg(i));
        QTRY_COMPARE(failed.count(), i);
        waitForSignInToFinish();
    }
    // Now the button waits, and says for how long.
    QVERIFY(!signInButton()->isEnabled());
    QVERIFY(throttleLabel->isVisible());
    const qint64 wait = SignInThrottle::delayAfter(SignInThrottle::FreeAttempts);
    QVERIFY(wait > 1);
    QVERIFY2(throttleLabel->text().contains(QString::number(wait)), qPrintable(throttleLabel->text()));
    QVERIFY(throttleLabel->text().contains(QStringLiteral("wait")));
    // The error keeps only what went wrong; the countdown is the throttle label's.
    QVERIFY2(!errorLabel()->text().contains(QStringLiteral("wait")), qPrintable(errorLabel()->text()));

    // Another person is not held up by maple's mistakes.
    auto* combo = child<QComboBox>(m_window.get(), "userNameCombo");
    combo->setCurrentIndex(combo->findData(QStringLiteral("robin")));
    QVERIFY(signInButton()->isEnabled());
    combo->setCurrentIndex(combo->findData(QStringLiteral("maple")));
    QVERIFY(!signInButton()->isEnabled());

    // The countdown counts down with the clock.
    m_clock->advanceSecs(1);
    QTRY_VERIFY(throttleLabel->text().contains(QString::number(wait - 1)));
    QVERIFY(!signInButton()->isEnabled());
    m_clock->advanceSecs(wait);
    QTRY_VERIFY(signInButton()->isEnabled());
    QVERIFY(!throttleLabel->isVisible());

    // And then the right password works.
    Test::submitSignIn(*m_window, QStringLiteral("maple"), Test::manager().password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    m_lock->signOut();
    // The failed attempts are in the audit log.
    QCOMPARE(Test::auditActions(*m_dataDir, *m_clock).count(QLatin1String(AuditLog::SignInFailed)),
             SignInThrottle::FreeAttempts);
}

void TestSignIn::testTemporaryPasswordMustBeChanged()
{
    // The manager resets Robin's password: Robin must choose a new one before anything else.
    {
        auto session
            = Session::signIn(*m_dataDir, QStringLiteral("maple"), Test::manager().password.toUtf8(), *m_clock);
        QVERIFY(session.ok());
        const QString robinId = session.value()->keyring().findUser(QStringLiteral("robin"))->staffId;
        QVERIFY(StaffAccounts(*session.value()).resetPassword(robinId, QByteArrayLiteral("Hazelnut-Reset-7")).ok());
        session.value()->end(Session::EndReason::SignOut);
    }
    makeWindow();
    Test::submitSignIn(*m_window, QStringLiteral("robin"), QStringLiteral("Hazelnut-Reset-7"));
    QTRY_VERIFY(m_window->changePasswordPage() && m_window->changePasswordPage()->isVisible());
    ChangePasswordPage* page = m_window->changePasswordPage();
    QVERIFY(page->isForced());
    QVERIFY(!m_window->homePage());
    QVERIFY(!child<QPushButton>(page, "cancelChangePasswordButton")); // no way round it, only sign out

    auto* change = child<QPushButton>(page, "changePasswordButton");
    QTest::keyClicks(child<QLineEdit>(page, "currentPasswordEdit"), QStringLiteral("Hazelnut-Reset-7"));
    QTest::keyClicks(child<QLineEdit>(page, "newPasswordEdit"), QStringLiteral("robin12345"));
    QTest::keyClicks(child<QLineEdit>(page, "confirmPasswordEdit"), QStringLiteral("robin12345"));
    QVERIFY(!change->isEnabled()); // no capital, and built on the user name
    for (const char* name : {"currentPasswordEdit", "newPasswordEdit", "confirmPasswordEdit"})
        child<QLineEdit>(page, name)->clear();

    // The wrong current password: core's words, still on the page.
    QTest::keyClicks(child<QLineEdit>(page, "currentPasswordEdit"), QStringLiteral("Not-It-2026"));
    QTest::keyClicks(child<QLineEdit>(page, "newPasswordEdit"), QStringLiteral("Hedgehog-Path-19"));
    QTest::keyClicks(child<QLineEdit>(page, "confirmPasswordEdit"), QStringLiteral("Hedgehog-Path-19"));
    QVERIFY(change->isEnabled());
    QTest::mouseClick(change, Qt::LeftButton);
    auto* error = child<QLabel>(page, "changePasswordErrorLabel");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("current password")), qPrintable(error->text()));
    QCOMPARE(m_window->currentPage(), page);

    QTest::keyClicks(child<QLineEdit>(page, "currentPasswordEdit"), QStringLiteral("Hazelnut-Reset-7"));
    QTest::mouseClick(change, Qt::LeftButton);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    QVERIFY(!m_lock->session()->mustChangePassword());

    m_lock->signOut();
    QCOMPARE(m_window->currentPage(), m_window->signInPage());
    Test::submitSignIn(*m_window, QStringLiteral("robin"), QStringLiteral("Hedgehog-Path-19"));
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
}

void TestSignIn::testSignOut()
{
    makeWindow();
    QSignalSpy signedOut(m_lock.get(), &LockController::signedOut);
    Test::submitSignIn(*m_window, QStringLiteral("maple"), Test::manager().password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    QPointer<HomePage> home = m_window->homePage();
    QTest::mouseClick(child<QPushButton>(home, "signOutButton"), Qt::LeftButton);
    QCOMPARE(signedOut.count(), 1);
    QVERIFY(!m_lock->session());
    QVERIFY(!m_lock->isLocked());
    QCOMPARE(m_window->currentPage(), m_window->signInPage());
    QVERIFY(!m_window->signInPage()->isLockedMode());
    QVERIFY(!home || !home->isVisible());
    QTRY_VERIFY(!home); // the page with the nursery's data is gone, not just hidden
    const QStringList actions = Test::auditActions(*m_dataDir, *m_clock);
    QCOMPARE(actions.mid(actions.size() - 2),
             (QStringList {QLatin1String(AuditLog::SignIn), QLatin1String(AuditLog::SignOut)}));
}

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
