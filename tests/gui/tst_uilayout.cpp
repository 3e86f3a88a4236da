// Every screen at tablet and laptop sizes, checked for what makes a screen hard to use with one hand: buttons
// smaller than a finger, text too small to read, text cut off, widgets outside the window. With
// ACORN_SCREENSHOT_DIR set, it also saves each screen as a PNG to look at.

#include "ChangePasswordPage.h"
#include "Clock.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "SignInPage.h"
#include "Theme.h"
#include "audit/AuditLogPage.h"
#include "crypto/PasswordKdf.h"
#include "lock/LockController.h"
#include "settings/SettingsPage.h"
#include "setup/SetupWizard.h"
#include "staff/StaffEditorDialog.h"
#include "staff/StaffPage.h"
#include "storage/DataDir.h"

#include "GuiTestSupport.h"
#include "TestDataDir.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace Acorn;
using Acorn::Test::child;

class TestUiLayout final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testScreens_data();
    void testScreens();

private:
    void check(QWidget* window, const QString& screen);

    std::unique_ptr<Test::TestDataDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
    QString m_shotDir;
    QSize m_size;
};

void TestUiLayout::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
    Theme::apply(*qApp);
    m_shotDir = qEnvironmentVariable("ACORN_SCREENSHOT_DIR");
    if (!m_shotDir.isEmpty())
        QVERIFY(QDir().mkpath(m_shotDir));
}

void TestUiLayout::init()
{
    m_dir = std::make_unique<Test::TestDataDir>();
    m_clock = std::make_unique<ManualClock>();
}

void TestUiLayout::cleanup()
{
    m_window.reset();
    m_lock.reset();
    m_dir.reset();
}

void TestUiLayout::check(QWidget* window, const QString& screen)
{
    QApplication::processEvents();
    const QString where = QStringLiteral("%1 at %2x%3").arg(screen).arg(m_size.width()).arg(m_size.height());
    if (!m_shotDir.isEmpty())
        QVERIFY(window->grab().save(
            QStringLiteral("%1/%2-%3x%4.png").arg(m_shotDir, screen).arg(m_size.width()).arg(m_size.height())));

    const QRect inside = window->rect();
    for (QWidget* widget : window->findChildren<QWidget*>()) {
        if (!widget->isVisible() || widget->window() != window)
            continue;
        const QString name = widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                                            : widget->objectName();
        const QString what = where + QStringLiteral(": ") + name;
        const QRect box(widget->mapTo(window, QPoint(0, 0)), widget->size());

        // Inside the window: nothing pushed off the edge by a cramped layout.
        if (!qobject_cast<QTabBar*>(widget->parentWidget())) // tab bar scroll buttons live at its edge
            QVERIFY2(inside.contains(box), qPrintable(what + QStringLiteral(" is outside the window")));

        // Finger-sized targets.
        if (qobject_cast<QPushButton*>(widget))
            QVERIFY2(widget->height() >= Theme::MinimumTargetHeight,
                     qPrintable(what + QStringLiteral(" is %1 px high").arg(widget->height())));
        if (qobject_cast<QCheckBox*>(widget) || qobject_cast<QRadioButton*>(widget) || qobject_cast<QLineEdit*>(widget))
            QVERIFY2(widget->height() >= 40, qPrintable(what + QStringLiteral(" is %1 px high").arg(widget->height())));
        if (auto* tabs = qobject_cast<QTabBar*>(widget))
            for (int i = 0; i < tabs->count(); ++i)
                QVERIFY2(tabs->tabRect(i).height() >= 40, qPrintable(what + QStringLiteral(" tab too low")));

        // Readable text.
        if (qobject_cast<QLabel*>(widget) || qobject_cast<QAbstractButton*>(widget) || qobject_cast<QLineEdit*>(widget))
            QVERIFY2(widget->font().pointSizeF() >= 12.0,
                     qPrintable(what + QStringLiteral(" uses %1 pt").arg(widget->font().pointSizeF())));

        // Text not cut off.
        if (auto* button = qobject_cast<QAbstractButton*>(widget); button && !button->text().isEmpty())
            QVERIFY2(button->width() >= button->minimumSizeHint().width(),
                     qPrintable(what + QStringLiteral(" cuts its text")));
        if (auto* label = qobject_cast<QLabel*>(widget);
            label && !label->wordWrap() && !label->text().isEmpty() && label->textFormat() != Qt::RichText)
            QVERIFY2(label->width()
                         >= label->fontMetrics().horizontalAdvance(label->text().section(QLatin1Char('\n'), 0, 0)),
                     qPrintable(what + QStringLiteral(" cuts its text")));
    }
}

void TestUiLayout::testScreens_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("laptop") << QSize(1280, 800);
    QTest::newRow("tablet") << QSize(1024, 700);
}

void TestUiLayout::testScreens()
{
    QFETCH(QSize, size);
    m_size = size;
    const DataDir dataDir(m_dir->filePath(QStringLiteral("nursery")));
    m_lock = std::make_unique<LockController>(dataDir, *m_clock);
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(size);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    // Set-up.
    SetupWizard* wizard = m_window->setupWizard();
    QVERIFY(wizard);
    wizard->setPrintFunction([](QWidget*, const QString&, const QString&) {});
    check(m_window.get(), QStringLiteral("setup-1-name"));
    QTest::keyClicks(child<QLineEdit>(wizard, "nurseryNameEdit"), Test::nurseryName());
    QTest::mouseClick(child<QAbstractButton>(wizard, "wizardNextButton"), Qt::LeftButton);
    check(m_window.get(), QStringLiteral("setup-2-policy"));
    QTest::mouseClick(child<QAbstractButton>(wizard, "wizardNextButton"), Qt::LeftButton);
    const auto boss = Test::manager();
    QTest::keyClicks(child<QLineEdit>(wizard, "managerNameEdit"), boss.displayName);
    QTest::keyClicks(child<QLineEdit>(wizard, "managerPasswordEdit"), QStringLiteral("Conker"));
    check(m_window.get(), QStringLiteral("setup-3-manager-typing"));
    child<QLineEdit>(wizard, "managerUserNameEdit")->setText(boss.userName);
    QTest::keyClicks(child<QLineEdit>(wizard, "managerPasswordEdit"), QStringLiteral("-Tree-42"));
    QTest::keyClicks(child<QLineEdit>(wizard, "managerConfirmPasswordEdit"), boss.password);
    check(m_window.get(), QStringLiteral("setup-3-manager"));
    QTest::mouseClick(child<QAbstractButton>(wizard, "createNurseryButton"), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(SetupWizard::RecoveryKeyPageId));
    check(m_window.get(), QStringLiteral("setup-4-recovery-key"));
    child<QCheckBox>(wizard, "recoveryKeySavedCheckBox")->click();
    QTest::mouseClick(child<QAbstractButton>(wizard, "wizardFinishButton"), Qt::LeftButton);

    // Sign-in, wrong password, then in.
    QTRY_COMPARE(m_window->currentPage(), m_window->signInPage());
    check(m_window.get(), QStringLiteral("signin"));
    Test::submitSignIn(*m_window, boss.userName, QStringLiteral("Wrong-Guess-1"));
    QTRY_VERIFY(child<QLabel>(m_window->signInPage(), "signInErrorLabel")->isVisible());
    check(m_window.get(), QStringLiteral("signin-wrong-password"));
    Test::submitSignIn(*m_window, boss.userName, boss.password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    HomePage* home = m_window->homePage();
    check(m_window.get(), QStringLiteral("home"));

    home->tabs()->setCurrentWidget(home->staffPage());
    check(m_window.get(), QStringLiteral("staff"));
    QTest::mouseClick(child<QPushButton>(home->staffPage(), "addStaffButton"), Qt::LeftButton);
    auto* editor = child<StaffEditorDialog>(home->staffPage(), "staffEditorDialog");
    QVERIFY(editor);
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    QTest::keyClicks(child<QLineEdit>(editor, "displayNameEdit"), Test::practitioner().displayName);
    QTest::keyClicks(child<QLineEdit>(editor, "userNameEdit"), Test::practitioner().userName);
    QTest::keyClicks(child<QLineEdit>(editor, "temporaryPasswordEdit"), QStringLiteral("Acorn"));
    check(editor, QStringLiteral("staff-editor"));
    QTest::keyClicks(child<QLineEdit>(editor, "temporaryPasswordEdit"), QStringLiteral("-Start-2026"));
    QTest::mouseClick(child<QPushButton>(editor, "saveStaffButton"), Qt::LeftButton);
    QTRY_VERIFY(!home->staffPage()->findChild<StaffEditorDialog*>());
    check(m_window.get(), QStringLiteral("staff-added"));

    home->tabs()->setCurrentWidget(home->auditLogPage());
    check(m_window.get(), QStringLiteral("audit-log"));
    home->tabs()->setCurrentWidget(home->settingsPage());
    check(m_window.get(), QStringLiteral("settings"));

    QTest::mouseClick(child<QPushButton>(home, "changeMyPasswordButton"), Qt::LeftButton);
    QVERIFY(m_window->changePasswordPage());
    QTest::keyClicks(child<QLineEdit>(m_window->changePasswordPage(), "newPasswordEdit"), QStringLiteral("short"));
    check(m_window.get(), QStringLiteral("change-password"));
    QTest::mouseClick(child<QPushButton>(m_window->changePasswordPage(), "cancelChangePasswordButton"), Qt::LeftButton);
    QTRY_VERIFY(m_window->homePage()->isVisible());

    m_lock->lock();
    check(m_window.get(), QStringLiteral("locked"));
}

QTEST_MAIN(TestUiLayout)
#include "tst_uilayout.moc"
