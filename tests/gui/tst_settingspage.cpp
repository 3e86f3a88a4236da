// The manager's settings page: what Save writes, and what it records.

#include "Clock.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "auth/AuditLog.h"
#include "auth/PasswordPolicy.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "crypto/PasswordKdf.h"
#include "lock/LockController.h"
#include "settings/SettingsPage.h"
#include "storage/DataDir.h"

#include "GuiTestSupport.h"
#include "TestDataDir.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

using namespace Acorn;
using Acorn::Test::child;

class TestSettingsPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testSavesChangedKeysWithOneAuditEvent();
    void testPolicyChoiceAppliesItsPreset();
    void testBigStepButtons();

private:
    QList<AuditEvent> policyEvents() const;

    std::unique_ptr<Test::TestDataDir> m_dir;
    std::unique_ptr<DataDir> m_dataDir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
    SettingsPage* m_page = nullptr;
};

void TestSettingsPage::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestSettingsPage::init()
{
    m_dir = std::make_unique<Test::TestDataDir>();
    m_dataDir = std::make_unique<DataDir>(m_dir->filePath(QStringLiteral("nursery")));
    m_clock = std::make_unique<ManualClock>();
    QCOMPARE(Test::createNursery(*m_dataDir, *m_clock), QString());
    m_lock = std::make_unique<LockController>(*m_dataDir, *m_clock);
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Test::submitSignIn(*m_window, Test::manager().userName, Test::manager().password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    m_page = m_window->homePage()->settingsPage();
    QVERIFY(m_page);
    m_window->homePage()->tabs()->setCurrentWidget(m_page);
}

void TestSettingsPage::cleanup()
{
    m_page = nullptr;
    m_window.reset();
    m_lock.reset();
    m_dataDir.reset();
    m_dir.reset();
}

QList<AuditEvent> TestSettingsPage::policyEvents() const
{
    AuditLog::Filter filter;
    filter.action = QLatin1String(AuditLog::PolicyChanged);
    return m_lock->session()->audit().events(filter);
}

void TestSettingsPage::testSavesChangedKeysWithOneAuditEvent()
{
    using Key = SettingsStore::Key;
    SettingsStore& settings = m_lock->session()->settings();
    auto* approval = child<QCheckBox>(m_page, "approvalRequiredCheckBox");
    auto* minutes = child<QSpinBox>(m_page, "idleLockMinutesSpinBox");
    auto* save = child<QPushButton>(m_page, "saveSettingsButton");
    QVERIFY(approval && minutes && save);
    QVERIFY(approval->isChecked()); // the default: a manager approves before parents see
    QVERIFY(!save->isEnabled());

    approval->click();
    minutes->setValue(12);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(settings.boolValue(Key::ApprovalRequired), false);
    QCOMPARE(settings.intValue(Key::IdleLockMinutes), 12);
    QVERIFY(child<QLabel>(m_page, "settingsStatusLabel")->isVisible());
    QVERIFY(!save->isEnabled());
    const auto events = policyEvents();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().detail, QStringLiteral("keys=lock.idle_minutes,journal.approval_required"));
    QCOMPARE(events.first().actorStaffId, m_lock->session()->staff().id);
}

void TestSettingsPage::testPolicyChoiceAppliesItsPreset()
{
    using Key = SettingsStore::Key;
    SettingsStore& settings = m_lock->session()->settings();
    QVERIFY(child<QRadioButton>(m_page, "nurseryPolicyRadio")->isChecked());
    child<QRadioButton>(m_page, "passphrasePolicyRadio")->click();
    QTest::mouseClick(child<QPushButton>(m_page, "saveSettingsButton"), Qt::LeftButton);
    QCOMPARE(settings.stringValue(Key::PasswordPolicy), QStringLiteral("passphrase"));
    QCOMPARE(m_lock->session()->passwordPolicy().kind, PasswordPolicy::Kind::Passphrase);
    QCOMPARE(m_lock->session()->passwordPolicy().expiryDays, 0);

    // And back: the nursery policy's 90 days return with it.
    child<QRadioButton>(m_page, "nurseryPolicyRadio")->click();
    QTest::mouseClick(child<QPushButton>(m_page, "saveSettingsButton"), Qt::LeftButton);
    const auto policy = m_lock->session()->passwordPolicy();
    QCOMPARE(policy.kind, PasswordPolicy::Kind::Nursery);
    QCOMPARE(policy.expiryDays, 90);
    QCOMPARE(policy.historyCount, 5);
    QCOMPARE(policy.minLength, 10);
    const auto events = policyEvents();
    QCOMPARE(events.size(), 2);
    QVERIFY2(events.first().detail.contains(QStringLiteral("password.policy")), qPrintable(events.first().detail));
    QVERIFY2(events.first().detail.contains(QStringLiteral("password.expiry_days")), qPrintable(events.first().detail));
}

void TestSettingsPage::testBigStepButtons()
{
    auto* minutes = child<QSpinBox>(m_page, "idleLockMinutesSpinBox");
    QCOMPARE(minutes->value(), 5);
    QTest::mouseClick(child<QPushButton>(m_page, "idleLockMoreMinutesButton"), Qt::LeftButton);
    QCOMPARE(minutes->value(), 6);
    for (int i = 0; i < 10; ++i)
        QTest::mouseClick(child<QPushButton>(m_page, "idleLockFewerMinutesButton"), Qt::LeftButton);
    QCOMPARE(minutes->value(), 1); // never below a minute
}

QTEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
