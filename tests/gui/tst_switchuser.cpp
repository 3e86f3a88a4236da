// A shared tablet: one person locks, another signs in with "Sign in as someone else".

#include "Clock.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "SignInPage.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "lock/IdleWatcher.h"
#include "lock/LockController.h"
#include "staff/StaffEditorDialog.h"
#include "staff/StaffPage.h"
#include "storage/DataDir.h"

#include "GuiTestSupport.h"
#include "TestDataDir.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace Acorn;
using Acorn::Test::child;

class TestSwitchUser final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testLockUnlockThenSomeoneElse();
    void testDraftStaysWithItsOwner();

private:
    void lockWithButton();

    std::unique_ptr<Test::TestDataDir> m_dir;
    std::unique_ptr<DataDir> m_dataDir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
};

namespace {
Test::Person secondManager()
{
    return {QStringLiteral("Hazel Penrose"), QStringLiteral("hazel"), QStringLiteral("Bramble-Gate-31"), Role::Manager};
}
} // namespace

void TestSwitchUser::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestSwitchUser::init()
{
    m_dir = std::make_unique<Test::TestDataDir>();
    m_dataDir = std::make_unique<DataDir>(m_dir->filePath(QStringLiteral("nursery")));
    m_clock = std::make_unique<ManualClock>();
    QCOMPARE(Test::createNursery(*m_dataDir, *m_clock, {Test::practitioner(), secondManager()}), QString());
    m_lock = std::make_unique<LockController>(*m_dataDir, *m_clock);
    m_lock->idleWatcher().setPollInterval(10);
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestSwitchUser::cleanup()
{
    m_window.reset();
    m_lock.reset();
    m_dataDir.reset();
    m_dir.reset();
}

void TestSwitchUser::lockWithButton()
{
    QVERIFY(m_window->homePage());
    QTest::mouseClick(child<QPushButton>(m_window->homePage(), "lockButton"), Qt::LeftButton);
    QVERIFY(m_lock->isLocked());
    QVERIFY(m_window->signInPage()->isLockedMode());
}

void TestSwitchUser::testLockUnlockThenSomeoneElse()
{
    const auto boss = Test::manager();
    const auto robin = Test::practitioner();
    Test::submitSignIn(*m_window, boss.userName, boss.password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    const QString bossId = m_lock->session()->staff().id;

    // Lock and unlock as the same person.
    lockWithButton();
    Test::submitSignIn(*m_window, boss.userName, boss.password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());

    // Lock again; this time someone else takes the tablet.
    lockWithButton();
    SignInPage* page = m_window->signInPage();
    auto* combo = child<QComboBox>(page, "userNameCombo");
    QVERIFY(!combo->isEnabled());
    auto* lockedLabel = child<QLabel>(page, "lockedLabel");
    QVERIFY(lockedLabel->text().contains(boss.displayName));
    auto* switchUser = child<QPushButton>(page, "switchUserButton");
    QVERIFY(switchUser->isVisible());
    QTest::mouseClick(switchUser, Qt::LeftButton);
    QVERIFY(!page->isLockedMode());
    QVERIFY(combo->isEnabled());
    QVERIFY(combo->currentText().isEmpty());
    QVERIFY(!lockedLabel->isVisible());
    QVERIFY(!switchUser->isVisible());

    Test::submitSignIn(*m_window, robin.userName, robin.password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    QCOMPARE(m_lock->session()->staff().userName, robin.userName);
    auto* who = child<QLabel>(m_window->homePage(), "signedInAsLabel");
    QVERIFY2(who->text().contains(robin.displayName), qPrintable(who->text()));
    QVERIFY(!who->text().contains(boss.displayName));
    // Robin is a practitioner: the manager's pages went with the manager.
    QVERIFY(!m_window->homePage()->staffPage());
    QVERIFY(!m_window->homePage()->auditLogPage());
    QVERIFY(!m_lock->isLocked());
    const QString robinId = m_lock->session()->staff().id;

    // Robin locks; the locked screen is now Robin's.
    lockWithButton();
    QVERIFY(lockedLabel->text().contains(robin.displayName));

    // The audit log tells the story, in order.
    QStringList story;
    const auto actions = Test::auditActions(*m_dataDir, *m_clock);
    for (const QString& action : actions)
        if (action == QLatin1String(AuditLog::SignIn) || action == QLatin1String(AuditLog::Lock)
            || action == QLatin1String(AuditLog::Unlock))
            story << action;
    const QStringList expected {QLatin1String(AuditLog::SignIn), QLatin1String(AuditLog::Lock),
                                QLatin1String(AuditLog::Unlock), QLatin1String(AuditLog::Lock),
                                QLatin1String(AuditLog::SignIn), QLatin1String(AuditLog::Lock)};
    QCOMPARE(story.mid(story.size() - expected.size()), expected);

    // ...and who did each.
    auto reader = Session::signIn(*m_dataDir, boss.userName, boss.password.toUtf8(), *m_clock);
    QVERIFY(reader.ok());
    AuditLog::Filter unlocks;
    unlocks.action = QLatin1String(AuditLog::Unlock);
    QCOMPARE(reader.value()->audit().events(unlocks).size(), 1);
    QCOMPARE(reader.value()->audit().events(unlocks).first().actorStaffId, bossId);
    AuditLog::Filter locks;
    locks.action = QLatin1String(AuditLog::Lock);
    QCOMPARE(reader.value()->audit().events(locks).first().actorStaffId, robinId); // newest first
}

void TestSwitchUser::testDraftStaysWithItsOwner()
{
    const auto boss = Test::manager();
    const auto hazel = secondManager();
    Test::submitSignIn(*m_window, boss.userName, boss.password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    HomePage* home = m_window->homePage();
    home->tabs()->setCurrentWidget(home->staffPage());
    QTest::mouseClick(child<QPushButton>(home->staffPage(), "addStaffButton"), Qt::LeftButton);
    QPointer<StaffEditorDialog> dialog = child<StaffEditorDialog>(home->staffPage(), "staffEditorDialog");
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, "displayNameEdit"), QStringLiteral("Juniper Oakes"));
    lockWithButton();
    QTRY_VERIFY(!dialog);

    // Hazel, another manager, signs in: Maple's draft is not hers to see.
    QTest::mouseClick(child<QPushButton>(m_window->signInPage(), "switchUserButton"), Qt::LeftButton);
    Test::submitSignIn(*m_window, hazel.userName, hazel.password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    home = m_window->homePage();
    home->tabs()->setCurrentWidget(home->staffPage());
    QTest::mouseClick(child<QPushButton>(home->staffPage(), "addStaffButton"), Qt::LeftButton);
    dialog = child<StaffEditorDialog>(home->staffPage(), "staffEditorDialog");
    QVERIFY(dialog);
    QVERIFY(!dialog->isOfferingDraft());
    dialog->reject();
    QTRY_VERIFY(!dialog);

    // Maple comes back: it is still there for her.
    m_lock->signOut();
    Test::submitSignIn(*m_window, boss.userName, boss.password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    home = m_window->homePage();
    home->tabs()->setCurrentWidget(home->staffPage());
    QTest::mouseClick(child<QPushButton>(home->staffPage(), "addStaffButton"), Qt::LeftButton);
    dialog = child<StaffEditorDialog>(home->staffPage(), "staffEditorDialog");
    QVERIFY(dialog);
    QVERIFY(dialog->isOfferingDraft());
    // "Start again" throws it away for good.
    QTest::mouseClick(child<QPushButton>(dialog, "discardDraftButton"), Qt::LeftButton);
    QVERIFY(!dialog->isOfferingDraft());
    dialog->reject();
    QTRY_VERIFY(!dialog);
    QTest::mouseClick(child<QPushButton>(home->staffPage(), "addStaffButton"), Qt::LeftButton);
    dialog = child<StaffEditorDialog>(home->staffPage(), "staffEditorDialog");
    QVERIFY(dialog);
    QVERIFY(!dialog->isOfferingDraft());
}

QTEST_MAIN(TestSwitchUser)
#include "tst_switchuser.moc"
