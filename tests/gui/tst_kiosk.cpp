// Kiosk mode on a shared device, in the whole window: it refuses to close or stay minimised without a manager's
// sign-in, lists the staff as name tiles, forces a shorter idle lock, browses no files (only the allowed folder),
// saves nothing out, and — with the premises check — lets people in only while the nursery's server answers (a
// local test server, up and then down). Damaged device settings keep everyone out.
#include "HomePage.h"
#include "MainWindow.h"
#include "SignInPage.h"
#include "Theme.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "crypto/PasswordKdf.h"
#include "demo/DemoPictures.h"
#include "device/DeviceSettings.h"
#include "journal/ChildJournalPage.h"
#include "journal/JournalPage.h"
#include "journal/MediaAttachmentCard.h"
#include "journal/ObservationEditor.h"
#include "kiosk/KioskExitDialog.h"
#include "kiosk/KioskFilePicker.h"
#include "lock/IdleWatcher.h"
#include "lock/LockController.h"
#include "settings/DeviceSettingsPanel.h"
#include "settings/SettingsPage.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Acorn;
using Acorn::Test::child;

namespace {
// Drives the next modal dialog of type T once it is up.
template<typename T> void whenShown(std::function<void(T*)> act)
{
    QTimer::singleShot(0, [act] {
        auto* dialog = qobject_cast<T*>(QApplication::activeModalWidget());
        if (!dialog) {
            qWarning("expected dialog is not up");
            return;
        }
        act(dialog);
    });
}

void chooseUser(QComboBox* combo, const QString& userName)
{
    combo->setCurrentIndex(combo->findData(userName));
}
} // namespace

class TestKiosk final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testRefusesToCloseWithoutAManager();
    void testNameTilesForAFastSwitch();
    void testForcedShorterIdleLock();
    void testImportsOnlyFromTheAllowedFolder();
    void testNothingIsSavedOut();
    void testPremisesCheckUpThenDown();
    void testDamagedDeviceSettingsKeepEveryoneOut();
    void testManagerSetsThisDevice();

private:
    void start(DeviceSettings device);
    bool signIn(const QString& userName);
    void shoot(const QString& name);

    std::unique_ptr<Test::JournalFixture> m_fixture;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
};

void TestKiosk::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
    Theme::apply(*qApp);
}

void TestKiosk::init()
{
    m_fixture = std::make_unique<Test::JournalFixture>();
    QVERIFY(m_fixture->isValid());
}

void TestKiosk::cleanup()
{
    m_window.reset(); // a kiosk window refuses close(), not deletion

    m_lock.reset();
    m_fixture.reset();
}

void TestKiosk::start(DeviceSettings device)
{
    m_lock = std::make_unique<LockController>(m_fixture->nursery().dataDir(), m_fixture->nursery().clock());
    m_lock->setDeviceSettings(device);
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(1280, 800);
    m_window->showForDevice();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

bool TestKiosk::signIn(const QString& userName)
{
    Test::submitSignIn(*m_window, userName, QString::fromLatin1(Test::JournalFixture::password()));
    return QTest::qWaitFor([this] { return m_window->homePage() && m_window->homePage()->isVisible(); }, 10000);
}

void TestKiosk::shoot(const QString& name)
{
    const QString dir = qEnvironmentVariable("ACORN_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(QDir(dir).filePath(QStringLiteral("kiosk-") + name + QStringLiteral(".png"))));
}

void TestKiosk::testRefusesToCloseWithoutAManager()
{
    DeviceSettings device;
    device.kiosk = true;
    start(device);
    QVERIFY(m_window->isKiosk());
    QVERIFY(m_window->windowFlags() & Qt::FramelessWindowHint);
    QTRY_VERIFY(m_window->windowState() & Qt::WindowFullScreen);
    shoot(QStringLiteral("sign-in"));

    // A close event (Alt+F4, the compositor) is refused; so is minimising.
    QVERIFY(!m_window->close());
    QVERIFY(m_window->isVisible());
    m_window->showMinimized();
    QTRY_VERIFY(m_window->windowState() & Qt::WindowFullScreen);
    QVERIFY(m_window->isVisible());

    // A practitioner cannot close it, nor a manager with a wrong password.
    QPushButton* exitButton = m_window->signInPage()->kioskExitButton();
    QVERIFY(exitButton->isVisible());
    QString refusal;
    whenShown<KioskExitDialog>([&](KioskExitDialog* dialog) {
        chooseUser(dialog->userNameCombo(), QStringLiteral("pia"));
        QTest::keyClicks(dialog->passwordEdit(), QString::fromLatin1(Test::JournalFixture::password()));
        QTest::mouseClick(dialog->closeButton(), Qt::LeftButton);
        refusal = dialog->errorLabel()->text();
        chooseUser(dialog->userNameCombo(), QStringLiteral("mabel"));
        QTest::keyClicks(dialog->passwordEdit(), QStringLiteral("not-her-password"));
        QTest::mouseClick(dialog->closeButton(), Qt::LeftButton);
        refusal += QLatin1Char('|') + dialog->errorLabel()->text();
        dialog->reject();
    });
    QTest::mouseClick(exitButton, Qt::LeftButton);
    QVERIFY2(refusal.contains(QLatin1String("Only a manager")), qPrintable(refusal));
    QVERIFY2(refusal.section(QLatin1Char('|'), 1).size() > 0, qPrintable(refusal));
    QVERIFY(!m_window->exitAllowed());
    QVERIFY(m_window->isVisible());
    QVERIFY(!m_lock->session()); // the checks opened no session that stays

    // A manager closes it; that is in the audit log.
    whenShown<KioskExitDialog>([](KioskExitDialog* dialog) {
        chooseUser(dialog->userNameCombo(), QStringLiteral("mabel"));
        QTest::keyClicks(dialog->passwordEdit(), QString::fromLatin1(Test::JournalFixture::password()));
        QTest::mouseClick(dialog->closeButton(), Qt::LeftButton);
    });
    QTest::mouseClick(exitButton, Qt::LeftButton);
    QVERIFY(m_window->exitAllowed());
    QTRY_VERIFY(!m_window->isVisible());
    auto reader = Session::signIn(m_fixture->nursery().dataDir(), QStringLiteral("mabel"),
                                  Test::JournalFixture::password(), m_fixture->nursery().clock());
    QVERIFY(reader);
    const auto events = reader.value()->audit().events();
    QVERIFY(std::any_of(events.cbegin(), events.cend(),
                        [](const AuditEvent& e) { return e.action == QLatin1String(KioskExitDialog::AuditAction); }));
    reader.value()->end(Session::EndReason::SignOut);
}

void TestKiosk::testNameTilesForAFastSwitch()
{
    DeviceSettings device;
    device.kiosk = true;
    start(device);
    SignInPage* page = m_window->signInPage();
    const auto tiles = page->nameTiles();
    QVERIFY(tiles.size() >= 4); // the fixture's staff
    for (QPushButton* tile : tiles) {
        QVERIFY(tile->isVisible());
        QVERIFY(tile->height() >= 56 && tile->width() >= 120);
    }
    QPushButton* pia = child<QPushButton>(page, "nameTile_pia");
    QVERIFY(pia);
    QTest::mouseClick(pia, Qt::LeftButton);
    QCOMPARE(page->selectedUserName(), QStringLiteral("pia"));
    QVERIFY(pia->isChecked());
    auto* password = child<QLineEdit>(page, "passwordEdit");
    QVERIFY(password->hasFocus());
    QTest::keyClicks(password, QString::fromLatin1(Test::JournalFixture::password()));
    QTest::keyClick(password, Qt::Key_Return);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());

    // Locked: someone else taps their own name and signs in.
    m_lock->lock();
    QTRY_VERIFY(m_window->currentPage() == page);
    QVERIFY(child<QPushButton>(page, "nameTile_pia")->isChecked()); // whose session is locked
    QTest::mouseClick(child<QPushButton>(page, "nameTile_sam"), Qt::LeftButton);
    QCOMPARE(page->selectedUserName(), QStringLiteral("sam"));
    QTest::keyClicks(child<QLineEdit>(page, "passwordEdit"), QString::fromLatin1(Test::JournalFixture::password()));
    QTest::keyClick(child<QLineEdit>(page, "passwordEdit"), Qt::Key_Return);
    QTRY_VERIFY(m_lock->session());
    QCOMPARE(m_lock->session()->staff().userName, QStringLiteral("sam"));
}

void TestKiosk::testForcedShorterIdleLock()
{
    DeviceSettings device;
    device.kiosk = true;
    device.kioskIdleMinutes = 1;
    start(device);
    m_lock->idleWatcher().setPollInterval(10);
    QVERIFY(signIn(QStringLiteral("pia")));
    // The nursery says 5 minutes; this kiosk says 1, and the shorter wins.
    QCOMPARE(m_lock->session()->settings().intValue(SettingsStore::Key::IdleLockMinutes), 5);
    QCOMPARE(m_lock->idleWatcher().timeoutMs(), 60 * 1000);
    m_fixture->nursery().clock().advanceSecs(50);
    QTest::qWait(50);
    QVERIFY(m_lock->session());
    m_fixture->nursery().clock().advanceSecs(15);
    QTRY_VERIFY(m_lock->isLocked());

    // Not a kiosk: the nursery's setting stands.
    m_lock->setDeviceSettings(DeviceSettings {});
    QVERIFY(signIn(QStringLiteral("pia")));
    QCOMPARE(m_lock->idleWatcher().timeoutMs(), 5 * 60 * 1000);
}

void TestKiosk::testImportsOnlyFromTheAllowedFolder()
{
    QTemporaryDir allowed;
    QVERIFY(allowed.isValid());
    for (int i = 0; i < 2; ++i) {
        QFile photo(allowed.filePath(QStringLiteral("garden-%1.jpg").arg(i)));
        QVERIFY(photo.open(QIODevice::WriteOnly));
        photo.write(DemoPictures::make(i, i, 640, 480));
    }
    QFile notes(allowed.filePath(QStringLiteral("notes.txt")));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("not a photo");
    notes.close();

    // Nowhere allowed: it says so and offers nothing.
    {
        KioskFilePicker picker(DeviceSettings {}, KioskFilePicker::Kind::Media);
        QCOMPARE(picker.fileList()->count(), 0);
        QVERIFY(child<QLabel>(&picker, "kioskFilePickerEmptyLabel")->text().contains(QLatin1String("switched off")));
    }

    DeviceSettings device;
    device.kiosk = true;
    device.importFolder = allowed.path();
    start(device);
    QVERIFY(signIn(QStringLiteral("pia")));
    JournalPage* journal = m_window->homePage()->journalPage();
    QVERIFY(journal);
    journal->openChild(m_fixture->ava);
    journal->newObservation();
    ObservationEditor* editor = journal->editor();
    QVERIFY(editor);
    int listed = -1;
    whenShown<KioskFilePicker>([&](KioskFilePicker* picker) {
        listed = picker->fileList()->count();
        picker->fileList()->item(0)->setSelected(true);
        QTest::mouseClick(picker->addButton(), Qt::LeftButton);
    });
    QTest::mouseClick(editor->addMediaButton(), Qt::LeftButton); // the kiosk picker, not a file dialog
    QCOMPARE(listed, 2); // the photos, not the text file
    QTRY_COMPARE(editor->attachments().size(), 1);
}

void TestKiosk::testNothingIsSavedOut()
{
    DeviceSettings device;
    device.kiosk = true;
    start(device);
    QVERIFY(signIn(QStringLiteral("mabel")));
    JournalPage* journal = m_window->homePage()->journalPage();
    journal->openChild(m_fixture->ava);
    ChildJournalPage* page = journal->childJournalPage();
    QVERIFY(!page->printJournalButton()->isVisible());
    QVERIFY(!page->progressCheckButton()->isVisible());
    shoot(QStringLiteral("child-journal"));
}

void TestKiosk::testPremisesCheckUpThenDown()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    DeviceSettings device;
    device.premises = DeviceSettings::Premises::Server;
    device.premisesHost = QStringLiteral("127.0.0.1");
    device.premisesPort = server.serverPort();
    start(device);

    // The nursery's server answers: in.
    QVERIFY(signIn(QStringLiteral("pia")));
    m_lock->signOut();
    QTRY_VERIFY(m_window->currentPage() == m_window->signInPage());

    // It does not: nobody gets in, and the screen says why.
    server.close();
    Test::submitSignIn(*m_window, QStringLiteral("pia"), QString::fromLatin1(Test::JournalFixture::password()));
    auto* error = child<QLabel>(m_window->signInPage(), "signInErrorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible() && !error->text().isEmpty(), 15000);
    QVERIFY2(error->text().contains(QLatin1String("at the nursery")), qPrintable(error->text()));
    QVERIFY(!m_lock->session());
    QVERIFY(!m_lock->isSigningIn());
    shoot(QStringLiteral("off-premises"));
}

void TestKiosk::testDamagedDeviceSettingsKeepEveryoneOut()
{
    QFile file(QDir(m_fixture->nursery().dataDir().path()).filePath(QLatin1String(DeviceSettings::FileName)));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ this is not json");
    file.close();
    const auto loaded = DeviceSettings::load(m_fixture->nursery().dataDir());
    QVERIFY(!loaded);
    m_lock = std::make_unique<LockController>(m_fixture->nursery().dataDir(), m_fixture->nursery().clock());
    m_lock->setDeviceProblem(loaded.errorMessage());
    QVERIFY(m_lock->isKiosk()); // fails closed
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->showForDevice();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Test::submitSignIn(*m_window, QStringLiteral("mabel"), QString::fromLatin1(Test::JournalFixture::password()));
    auto* error = child<QLabel>(m_window->signInPage(), "signInErrorLabel");
    QTRY_VERIFY(error->isVisible() && !error->text().isEmpty());
    QVERIFY(!m_lock->session());
}

void TestKiosk::testManagerSetsThisDevice()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    start(DeviceSettings {});
    QVERIFY(signIn(QStringLiteral("mabel")));
    HomePage* home = m_window->homePage();
    auto* settings = home->findChild<SettingsPage*>();
    QVERIFY(settings);
    home->tabs()->setCurrentWidget(settings);
    DeviceSettingsPanel* panel = settings->deviceSettings();
    QVERIFY(panel->saveButton()->isEnabled());

    // A malformed target is refused in words, and nothing is written.
    panel->premisesCombo()->setCurrentIndex(panel->premisesCombo()->findData(int(DeviceSettings::Premises::Network)));
    panel->premisesTargetEdit()->setText(QStringLiteral("not a network"));
    QTest::mouseClick(panel->saveButton(), Qt::LeftButton);
    QVERIFY(!panel->statusLabel()->text().isEmpty());
    QCOMPARE(DeviceSettings::load(m_fixture->nursery().dataDir()).value().premises, DeviceSettings::Premises::Off);

    // The nursery's server: "Check now" against the test server, then saved, and it applies at once.
    panel->premisesCombo()->setCurrentIndex(panel->premisesCombo()->findData(int(DeviceSettings::Premises::Server)));
    panel->premisesTargetEdit()->setText(QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
    panel->kioskCheckBox()->setChecked(true);
    panel->kioskIdleSpinBox()->setValue(3);
    QTest::mouseClick(panel->checkButton(), Qt::LeftButton);
    QTRY_VERIFY2(panel->statusLabel()->text().contains(QLatin1String("passes")),
                 qPrintable(panel->statusLabel()->text()));
    QTest::mouseClick(panel->saveButton(), Qt::LeftButton);
    QVERIFY2(panel->statusLabel()->text().contains(QLatin1String("next time")),
             qPrintable(panel->statusLabel()->text()));
    const auto stored = DeviceSettings::load(m_fixture->nursery().dataDir());
    QVERIFY(stored);
    QVERIFY(stored.value().kiosk);
    QCOMPARE(stored.value().kioskIdleMinutes, 3);
    QCOMPARE(stored.value().premises, DeviceSettings::Premises::Server);
    QCOMPARE(stored.value().premisesPort, int(server.serverPort()));
    QCOMPARE(m_lock->deviceSettings().premises, DeviceSettings::Premises::Server); // at once
    if (auto* sections = child<QTabWidget>(settings, "settingsSectionTabs")) {
        sections->setCurrentWidget(panel);
        shoot(QStringLiteral("this-device"));
    }
    QVERIFY(!m_lock->isKiosk()); // kiosk mode: at the next start

    // A practitioner sees the tab (if at all) switched off.
    m_lock->signOut();
    QVERIFY(signIn(QStringLiteral("pia")));
    if (auto* theirs = m_window->homePage()->findChild<SettingsPage*>())
        QVERIFY(!theirs->deviceSettings()->saveButton()->isEnabled());
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestKiosk test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_kiosk.moc"
