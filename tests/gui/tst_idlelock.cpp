// The idle auto-lock: a manual clock makes five idle minutes pass in milliseconds. Locking closes the session and
// the database, hides every window with the nursery's data, keeps the open editor's work as a draft — and any
// input at all keeps it from happening.

#include "Clock.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "SignInPage.h"
#include "auth/AuditLog.h"
#include "auth/DraftStore.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "lock/IdleWatcher.h"
#include "lock/LockController.h"
#include "lock/ScreenLockListener.h"
#include "settings/SettingsPage.h"
#include "staff/StaffEditorDialog.h"
#include "staff/StaffPage.h"
#include "storage/DataDir.h"
#include "storage/Database.h"

#include "GuiTestSupport.h"
#include "TestDataDir.h"

#include <QApplication>
#include <QComboBox>
#include <QFrame>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPointingDevice>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QWindow>

using namespace Acorn;
using Acorn::Test::child;

namespace {
constexpr qint64 Minute = 60;

// A dialog that tries to veto being closed.
class StubbornDialog final : public QDialog
{
public:
    using QDialog::QDialog;
    void reject() override { ++refusals; }
    int refusals = 0;
};

std::unique_ptr<QPointingDevice> makeStylus()
{
    return std::make_unique<QPointingDevice>(
        QStringLiteral("test stylus"), 4242, QInputDevice::DeviceType::Stylus, QPointingDevice::PointerType::Pen,
        QInputDevice::Capability::Position | QInputDevice::Capability::Pressure, 1, 2);
}
} // namespace

class TestIdleLock final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testEveryKindOfInputCounts_data();
    void testEveryKindOfInputCounts();
    void testIdleLockClosesEverythingAndKeepsDraft();
    void testInputKeepsItUnlocked_data();
    void testInputKeepsItUnlocked();
    void testNothingVetoesLock();
    void testIdleMinutesSettingApplies();
    void testScreenLockAndLockButton();

private:
    void signInAsManager();
    StaffEditorDialog* openAddStaffDialog();
    void sendInput(const QString& kind);

    std::unique_ptr<Test::TestDataDir> m_dir;
    std::unique_ptr<DataDir> m_dataDir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
};

void TestIdleLock::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestIdleLock::init()
{
    m_dir = std::make_unique<Test::TestDataDir>();
    m_dataDir = std::make_unique<DataDir>(m_dir->filePath(QStringLiteral("nursery")));
    m_clock = std::make_unique<ManualClock>();
    QCOMPARE(Test::createNursery(*m_dataDir, *m_clock), QString());
    m_lock = std::make_unique<LockController>(*m_dataDir, *m_clock);
    m_lock->idleWatcher().setPollInterval(10);
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestIdleLock::cleanup()
{
    m_window.reset();
    m_lock.reset();
    m_dataDir.reset();
    m_dir.reset();
}

void TestIdleLock::signInAsManager()
{
    Test::submitSignIn(*m_window, Test::manager().userName, Test::manager().password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    QVERIFY(m_lock->idleWatcher().isRunning());
}

StaffEditorDialog* TestIdleLock::openAddStaffDialog()
{
    HomePage* home = m_window->homePage();
    if (!home)
        return nullptr;
    home->tabs()->setCurrentWidget(home->staffPage());
    QTest::mouseClick(child<QPushButton>(home->staffPage(), "addStaffButton"), Qt::LeftButton);
    auto* dialog = child<StaffEditorDialog>(home->staffPage(), "staffEditorDialog");
    if (dialog)
        (void)QTest::qWaitForWindowExposed(dialog);
    return dialog;
}

void TestIdleLock::testEveryKindOfInputCounts_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("counts");
    const std::pair<const char*, QEvent::Type> inputs[] = {
        {"mouse move", QEvent::MouseMove},
        {"mouse press", QEvent::MouseButtonPress},
        {"mouse release", QEvent::MouseButtonRelease},
        {"double click", QEvent::MouseButtonDblClick},
        {"key press", QEvent::KeyPress},
        {"key release", QEvent::KeyRelease},
        {"wheel", QEvent::Wheel},
        {"touch begin", QEvent::TouchBegin},
        {"touch update", QEvent::TouchUpdate},
        {"touch end", QEvent::TouchEnd},
        {"tablet press", QEvent::TabletPress},
        {"tablet move", QEvent::TabletMove},
        {"tablet release", QEvent::TabletRelease},
        {"input method", QEvent::InputMethod},
    };
    for (const auto& [name, type] : inputs)
        QTest::newRow(name) << int(type) << true;
    // Things that happen without anyone there must not keep the app unlocked.
    QTest::newRow("paint") << int(QEvent::Paint) << false;
    QTest::newRow("timer") << int(QEvent::Timer) << false;
    QTest::newRow("hover") << int(QEvent::HoverMove) << false;
    QTest::newRow("window activate") << int(QEvent::WindowActivate) << false;
}

void TestIdleLock::testEveryKindOfInputCounts()
{
    // Each real event object, sent to a plain object: the application-wide filter sees exactly this one event.
    QFETCH(int, type);
    QFETCH(bool, counts);
    const auto eventType = QEvent::Type(type);
    ManualClock clock;
    IdleWatcher watcher(clock);
    watcher.start();
    clock.advanceSecs(3 * Minute);
    QCOMPARE(watcher.idleMs(), 3 * Minute * 1000);

    const QPointF at(5, 5);
    std::unique_ptr<QEvent> event;
    auto stylus = makeStylus();
    switch (eventType) {
    case QEvent::MouseMove:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
        event = std::make_unique<QMouseEvent>(eventType, at, at, Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
        break;
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
        event = std::make_unique<QKeyEvent>(eventType, Qt::Key_A, Qt::NoModifier, QStringLiteral("a"));
        break;
    case QEvent::Wheel:
        event = std::make_unique<QWheelEvent>(at, at, QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                                              Qt::NoScrollPhase, false);
        break;
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
        event = std::make_unique<QTouchEvent>(
            eventType, QTest::createTouchDevice(), Qt::NoModifier,
            QList<QEventPoint> {QEventPoint(
                1, eventType == QEvent::TouchEnd ? QEventPoint::State::Released : QEventPoint::State::Pressed, at,
                at)});
        break;
    case QEvent::TabletPress:
    case QEvent::TabletMove:
    case QEvent::TabletRelease:
        event = std::make_unique<QTabletEvent>(eventType, stylus.get(), at, at, 0.5, 0.f, 0.f, 0.f, 0., 0.f,
                                               Qt::NoModifier, Qt::LeftButton, Qt::LeftButton);
        break;
    case QEvent::InputMethod:
        event = std::make_unique<QInputMethodEvent>(QStringLiteral("é"), QList<QInputMethodEvent::Attribute> {});
        break;
    case QEvent::HoverMove:
        event = std::make_unique<QHoverEvent>(eventType, at, at, at);
        break;
    default:
        event = std::make_unique<QEvent>(eventType);
        break;
    }
    QObject receiver;
    QCoreApplication::sendEvent(&receiver, event.get());
    QCOMPARE(watcher.idleMs(), counts ? 0 : 3 * Minute * 1000);
}

void TestIdleLock::testIdleLockClosesEverythingAndKeepsDraft()
{
    signInAsManager();
    QCOMPARE(m_lock->idleWatcher().timeoutMs(), 5 * Minute * 1000); // the nursery's default
    const QString managerId = m_lock->session()->staff().id;

    // Half-way through adding someone...
    QPointer<StaffEditorDialog> dialog = openAddStaffDialog();
    QVERIFY(dialog && dialog->isVisible());
    QTest::keyClicks(child<QLineEdit>(dialog, "displayNameEdit"), QStringLiteral("Juniper Oakes"));
    QTest::keyClicks(child<QLineEdit>(dialog, "userNameEdit"), QStringLiteral("juniper"));
    auto* role = child<QComboBox>(dialog, "roleCombo");
    role->setCurrentIndex(role->findData(QStringLiteral("room_leader")));
    QTest::keyClicks(child<QLineEdit>(dialog, "temporaryPasswordEdit"), QStringLiteral("Secret-Pass-77"));
    // ...with another window open too.
    QWidget other;
    other.setWindowTitle(QStringLiteral("another window"));
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));

    const QString connection = m_lock->session()->database().connectionName();
    QVERIFY(QSqlDatabase::connectionNames().contains(connection));
    QPointer<HomePage> home = m_window->homePage();
    QSignalSpy locked(m_lock.get(), &LockController::locked);

    // Not yet...
    m_clock->advanceSecs(5 * Minute - 1);
    QTest::qWait(60);
    QCOMPARE(locked.count(), 0);
    QVERIFY(m_lock->session());
    // ...now.
    m_clock->advanceSecs(2);
    QTRY_COMPARE(locked.count(), 1);

    // The session is over and the database closed.
    QVERIFY(!m_lock->session());
    QVERIFY(m_lock->isLocked());
    QVERIFY(!QSqlDatabase::connectionNames().contains(connection));
    QVERIFY(!m_lock->idleWatcher().isRunning());
    // Nothing with the nursery's data is on screen.
    QVERIFY(!home || !home->isVisible());
    QVERIFY(!dialog || !dialog->isVisible());
    QVERIFY(!other.isVisible());
    QTRY_VERIFY(!home); // thrown away, not just hidden
    QTRY_VERIFY(!dialog); // the editor too
    for (QWidget* window : QApplication::topLevelWidgets())
        QVERIFY2(window == m_window.get() || !window->isVisible(), qPrintable(window->objectName()));
    // The locked screen says whose session it is.
    SignInPage* signIn = m_window->signInPage();
    QCOMPARE(m_window->currentPage(), signIn);
    QVERIFY(signIn->isVisible());
    QVERIFY(signIn->isLockedMode());
    auto* lockedLabel = child<QLabel>(signIn, "lockedLabel");
    QVERIFY(lockedLabel->isVisible());
    QVERIFY2(lockedLabel->text().contains(Test::manager().displayName), qPrintable(lockedLabel->text()));
    QVERIFY(!child<QComboBox>(signIn, "userNameCombo")->isEnabled());
    QCOMPARE(signIn->selectedUserName(), Test::manager().userName);
    QVERIFY(child<QPushButton>(signIn, "switchUserButton")->isVisible());

    // Unlock as the same person: back home, and the audit log has both.
    QSignalSpy signedIn(m_lock.get(), &LockController::signedIn);
    Test::submitSignIn(*m_window, Test::manager().userName, Test::manager().password);
    QTRY_COMPARE(signedIn.count(), 1);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    QVERIFY(m_lock->idleWatcher().isRunning());
    QCOMPARE(m_lock->session()->staff().id, managerId);

    // The draft kept the typing but never the password.
    const auto draft = DraftStore(m_lock->session()->database(), managerId, *m_clock)
                           .load(QLatin1String(StaffEditorDialog::DraftKind), QStringLiteral("new"));
    QVERIFY(draft);
    QVERIFY(draft->contains("Juniper Oakes"));
    QVERIFY(!draft->contains("Secret-Pass-77"));

    // Opening the editor again offers it back.
    QPointer<StaffEditorDialog> again = openAddStaffDialog();
    QVERIFY(again);
    QVERIFY(again->isOfferingDraft());
    QVERIFY(child<QFrame>(again, "draftBanner")->isVisible());
    QVERIFY(child<QLineEdit>(again, "displayNameEdit")->text().isEmpty());
    QTest::mouseClick(child<QPushButton>(again, "continueDraftButton"), Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(again, "displayNameEdit")->text(), QStringLiteral("Juniper Oakes"));
    QCOMPARE(child<QLineEdit>(again, "userNameEdit")->text(), QStringLiteral("juniper"));
    QCOMPARE(child<QComboBox>(again, "roleCombo")->currentData().toString(), QStringLiteral("room_leader"));
    QVERIFY(child<QLineEdit>(again, "temporaryPasswordEdit")->text().isEmpty());
    QVERIFY(!child<QFrame>(again, "draftBanner")->isVisible());

    // Finishing the job removes the draft.
    QTest::keyClicks(child<QLineEdit>(again, "temporaryPasswordEdit"), QStringLiteral("Secret-Pass-77"));
    QTest::mouseClick(child<QPushButton>(again, "saveStaffButton"), Qt::LeftButton);
    QTRY_VERIFY(!again);
    QVERIFY(!DraftStore(m_lock->session()->database(), managerId, *m_clock)
                 .load(QLatin1String(StaffEditorDialog::DraftKind), QStringLiteral("new")));

    m_lock->signOut();
    const QStringList actions = Test::auditActions(*m_dataDir, *m_clock);
    const int lockAt = int(actions.lastIndexOf(QLatin1String(AuditLog::Lock)));
    QVERIFY(lockAt >= 0);
    QCOMPARE(actions.value(lockAt + 1), QLatin1String(AuditLog::Unlock));
    QVERIFY(actions.contains(QLatin1String(AuditLog::AccountCreated)));
}

void TestIdleLock::sendInput(const QString& kind)
{
    HomePage* home = m_window->homePage();
    QWindow* window = m_window->windowHandle();
    const QPoint at(40, 40);
    if (kind == QLatin1String("mouse move")) {
        QTest::mouseMove(home, at);
        QTest::mouseMove(home, at + QPoint(5, 5));
    } else if (kind == QLatin1String("mouse click")) {
        QTest::mouseClick(home, Qt::LeftButton, {}, at);
    } else if (kind == QLatin1String("key")) {
        QTest::keyClick(home, Qt::Key_Shift);
    } else if (kind == QLatin1String("wheel")) {
        QWheelEvent wheel(at, home->mapToGlobal(QPointF(at)), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(home, &wheel);
    } else if (kind == QLatin1String("touch")) {
        // What the platform does: a touch goes to the window first.
        QPointingDevice* screen = QTest::createTouchDevice();
        QTouchEvent touch(QEvent::TouchBegin, screen, Qt::NoModifier,
                          {QEventPoint(1, QEventPoint::State::Pressed, QPointF(at), home->mapToGlobal(QPointF(at)))});
        QApplication::sendEvent(window, &touch);
    } else if (kind == QLatin1String("tablet")) {
        auto stylus = makeStylus();
        QTabletEvent tablet(QEvent::TabletMove, stylus.get(), QPointF(at), home->mapToGlobal(QPointF(at)), 0.3, 0.f,
                            0.f, 0.f, 0., 0.f, Qt::NoModifier, Qt::NoButton, Qt::NoButton);
        QApplication::sendEvent(home, &tablet);
    } else if (kind == QLatin1String("input method")) {
        QInputMethodEvent text(QString(), {});
        text.setCommitString(QStringLiteral("ü"));
        QApplication::sendEvent(home, &text);
    } else {
        QFAIL("unknown input kind");
    }
}

void TestIdleLock::testInputKeepsItUnlocked_data()
{
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"mouse move", "mouse click", "key", "wheel", "touch", "tablet", "input method"})
        QTest::newRow(kind) << QString::fromLatin1(kind);
}

void TestIdleLock::testInputKeepsItUnlocked()
{
    QFETCH(QString, kind);
    signInAsManager();
    QSignalSpy locked(m_lock.get(), &LockController::locked);

    m_clock->advanceSecs(4 * Minute);
    sendInput(kind);
    QCOMPARE(m_lock->idleWatcher().idleMs(), 0);
    m_clock->advanceSecs(4 * Minute); // eight minutes since sign-in, four since the input
    QTest::qWait(80);
    QCOMPARE(locked.count(), 0);
    QVERIFY(m_lock->session());
    QVERIFY(m_window->homePage()->isVisible());

    // The idle time counts from the input: five minutes after it, the lock comes.
    m_clock->advanceSecs(Minute + 1);
    QTRY_COMPARE(locked.count(), 1);
}

void TestIdleLock::testNothingVetoesLock()
{
    signInAsManager();
    // A modal dialog in its own event loop, and one that refuses to be rejected: both end.
    StubbornDialog stubborn(m_window.get());
    stubborn.setObjectName(QStringLiteral("stubbornDialog"));
    QDialog modal(m_window.get());
    modal.setObjectName(QStringLiteral("modalDialog"));
    QTimer::singleShot(0, &stubborn, [&] { stubborn.show(); });
    QTimer::singleShot(50, m_lock.get(), [this] { m_clock->advanceSecs(6 * Minute); });
    QTimer watchdog;
    watchdog.setSingleShot(true);
    connect(&watchdog, &QTimer::timeout, &modal, [&] { modal.done(42); });
    watchdog.start(5000);
    const int result = modal.exec();
    QCOMPARE(result, int(QDialog::Rejected)); // ended by the lock, not by the watchdog
    QVERIFY(m_lock->isLocked());
    QVERIFY(!stubborn.isVisible());
    QVERIFY(stubborn.refusals >= 1);
}

void TestIdleLock::testIdleMinutesSettingApplies()
{
    signInAsManager();
    HomePage* home = m_window->homePage();
    SettingsPage* settings = home->settingsPage();
    QVERIFY(settings);
    home->tabs()->setCurrentWidget(settings);
    auto* minutes = child<QSpinBox>(settings, "idleLockMinutesSpinBox");
    QVERIFY(minutes && minutes->isVisible());
    QCOMPARE(minutes->value(), 5);
    QCOMPARE(minutes->minimum(), 1);
    QCOMPARE(minutes->maximum(), 60);
    auto* save = child<QPushButton>(settings, "saveSettingsButton");
    QVERIFY(!save->isEnabled()); // nothing changed yet
    minutes->setValue(2);
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(m_lock->idleWatcher().timeoutMs(), 2 * Minute * 1000);

    QSignalSpy locked(m_lock.get(), &LockController::locked);
    m_clock->advanceSecs(2 * Minute + 1);
    QTRY_COMPARE(locked.count(), 1);

    // Audited, with the key that changed.
    Test::submitSignIn(*m_window, Test::manager().userName, Test::manager().password);
    QTRY_VERIFY(m_lock->session());
    AuditLog::Filter filter;
    filter.action = QLatin1String(AuditLog::PolicyChanged);
    const auto events = m_lock->session()->audit().events(filter);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().detail, QStringLiteral("keys=lock.idle_minutes"));
    // And still two minutes after signing in again.
    QCOMPARE(m_lock->idleWatcher().timeoutMs(), 2 * Minute * 1000);
}

void TestIdleLock::testScreenLockAndLockButton()
{
    signInAsManager();
    // The system says the screen locked (or it is going to sleep).
    QSignalSpy locked(m_lock.get(), &LockController::locked);
    emit m_lock->screenLockListener().lockRequested();
    QCOMPARE(locked.count(), 1);
    QVERIFY(m_lock->isLocked());

    // A wrong password leaves it locked.
    QSignalSpy failed(m_lock.get(), &LockController::signInFailed);
    Test::submitSignIn(*m_window, Test::manager().userName, QStringLiteral("Not-The-One-1"));
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(m_lock->isLocked());
    QVERIFY(!m_window->homePage());
    QVERIFY(m_window->signInPage()->isLockedMode());

    Test::submitSignIn(*m_window, Test::manager().userName, Test::manager().password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());

    // The big Lock button.
    QTest::mouseClick(child<QPushButton>(m_window->homePage(), "lockButton"), Qt::LeftButton);
    QCOMPARE(locked.count(), 2);
    QVERIFY(m_window->signInPage()->isVisible());
}

QTEST_MAIN(TestIdleLock)
#include "tst_idlelock.moc"
