// Frameworks in Settings: switching built-in ones on and off, importing a setting's own (with core's message when a
// file is wrong) and removing it — through the real window, checked against what the registry stored.

#include "HomePage.h"
#include "MainWindow.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "frameworks/FrameworkParser.h"
#include "frameworks/FrameworkRegistry.h"
#include "lock/LockController.h"
#include "settings/FrameworksSettings.h"
#include "settings/SettingsPage.h"

#include "GuiTestSupport.h"
#include "TestNursery.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Acorn;
using Acorn::Test::child;
using Acorn::Test::TestNursery;

namespace {
const QByteArray ForestSchool = R"({
    "id": "forest-school",
    "name": "Forest School",
    "kind": "custom",
    "areas": [
        {"id": "custom.forest-school.shelter", "label": "Shelter", "aspects": [
            {"id": "custom.forest-school.shelter.dens", "label": "Den building"}
        ]},
        {"id": "custom.forest-school.fire", "label": "Fire safety"}
    ]
})";
// An item id outside the framework's own namespace: the parser names the entry and the rule.
const QByteArray Broken = R"({"id": "forest", "name": "Forest", "kind": "custom",
                              "areas": [{"id": "eyfs.cl", "label": "Talking"}]})";
} // namespace

class TestFrameworksSettings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testEnableAndDisablePersist();
    void testBrokenFileShowsCoreMessage();
    void testValidFileAppearsAndCanBeRemoved();

private:
    void signIn();
    QString writeFile(const QString& name, const QByteArray& content);
    FrameworkRegistry registry() const { return FrameworkRegistry(m_lock->session()->settings()); }

    std::unique_ptr<TestNursery> m_nursery;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_files;
    FrameworksSettings* m_page = nullptr;
    QString m_picked;
    int m_picks = 0;
};

void TestFrameworksSettings::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
    QVERIFY(m_files.isValid());
}

void TestFrameworksSettings::init()
{
    m_nursery = std::make_unique<TestNursery>();
    QVERIFY2(m_nursery->isValid(), qPrintable(m_nursery->errorMessage()));
    m_lock = std::make_unique<LockController>(m_nursery->dataDir(), m_nursery->clock());
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    signIn();
    m_picked.clear();
    m_picks = 0;
}

void TestFrameworksSettings::cleanup()
{
    m_page = nullptr;
    m_window.reset();
    m_lock.reset();
    m_nursery.reset();
}

void TestFrameworksSettings::signIn()
{
    Test::submitSignIn(*m_window, QString::fromLatin1(TestNursery::ManagerUser),
                       QString::fromLatin1(TestNursery::ManagerPassword));
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    SettingsPage* settings = m_window->homePage()->settingsPage();
    QVERIFY(settings);
    m_window->homePage()->tabs()->setCurrentWidget(settings);
    m_page = settings->frameworksSettings();
    QVERIFY(m_page);
    child<QTabWidget>(settings, "settingsSectionTabs")->setCurrentWidget(m_page);
    QVERIFY(m_page->isVisible());
    m_page->setFilePicker([this](QWidget*) {
        ++m_picks;
        return m_picked;
    });
}

QString TestFrameworksSettings::writeFile(const QString& name, const QByteArray& content)
{
    QFile file(m_files.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return file.fileName();
}

void TestFrameworksSettings::testEnableAndDisablePersist()
{
    auto* montessori = child<QCheckBox>(m_page, "frameworkCheckBox_montessori");
    auto* coel = child<QCheckBox>(m_page, "frameworkCheckBox_coel");
    QVERIFY(montessori && coel);
    QVERIFY(!montessori->isChecked());
    QVERIFY(coel->isChecked()); // on by default
    QCOMPARE(FrameworkRegistry::builtIns().size(), m_page->findChildren<QCheckBox*>().size());

    montessori->click();
    coel->click();
    QCOMPARE(registry().enabledIds(), (QStringList {"eyfs-2024", "montessori"}));
    QCOMPARE(child<QLabel>(m_page, "frameworksStatusLabel")->text(),
             QStringLiteral("Characteristics of Effective Learning is switched off."));
    AuditLog::Filter filter;
    filter.action = QLatin1String(AuditLog::PolicyChanged);
    const auto events = m_lock->session()->audit().events(filter);
    QCOMPARE(events.size(), 2);
    QVERIFY(events.at(0).detail.endsWith("disabled=coel") || events.at(1).detail.endsWith("disabled=coel"));

    // A new session on the same encrypted database shows what was stored.
    m_lock->signOut();
    signIn();
    QVERIFY(child<QCheckBox>(m_page, "frameworkCheckBox_montessori")->isChecked());
    QVERIFY(!child<QCheckBox>(m_page, "frameworkCheckBox_coel")->isChecked());
    QVERIFY(child<QCheckBox>(m_page, "frameworkCheckBox_eyfs-2024")->isChecked());
}

void TestFrameworksSettings::testBrokenFileShowsCoreMessage()
{
    auto* import = child<QPushButton>(m_page, "importFrameworkButton");
    auto* error = child<QLabel>(m_page, "frameworksErrorLabel");

    // Changing one's mind imports nothing and says nothing.
    QTest::mouseClick(import, Qt::LeftButton);
    QCOMPARE(m_picks, 1);
    QVERIFY(!error->isVisible());

    m_picked = writeFile(QStringLiteral("broken.json"), Broken);
    QTest::mouseClick(import, Qt::LeftButton);
    const QString coreMessage = FrameworkParser::parse(Broken, FrameworkParser::Origin::Custom).errorMessage();
    QVERIFY(coreMessage.startsWith("At entry 'areas[0]'"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("broken.json was not added. ") + coreMessage);

    m_picked = writeFile(QStringLiteral("notes.json"), "these are my notes, not a framework");
    QTest::mouseClick(import, Qt::LeftButton);
    QCOMPARE(error->text(),
             QStringLiteral("notes.json was not added. ")
                 + FrameworkParser::parse("these are my notes, not a framework", FrameworkParser::Origin::Custom)
                       .errorMessage());
    QVERIFY(registry().customs().isEmpty());
    QVERIFY(!m_page->findChild<QCheckBox*>(QStringLiteral("frameworkCheckBox_forest")));
}

void TestFrameworksSettings::testValidFileAppearsAndCanBeRemoved()
{
    QVERIFY(child<QLabel>(m_page, "noCustomFrameworksLabel"));
    m_picked = writeFile(QStringLiteral("forest-school.json"), ForestSchool);
    QTest::mouseClick(child<QPushButton>(m_page, "importFrameworkButton"), Qt::LeftButton);
    QVERIFY(!child<QLabel>(m_page, "frameworksErrorLabel")->isVisible());
    QCOMPARE(child<QLabel>(m_page, "frameworksStatusLabel")->text(),
             QStringLiteral("Forest School added. Tick it to let staff use it."));
    QCOMPARE(registry().customs().size(), 1);

    auto* forest = child<QCheckBox>(m_page, "frameworkCheckBox_forest-school");
    QVERIFY(forest);
    QTRY_VERIFY(forest->isVisible());
    QVERIFY(!forest->isChecked()); // importing does not switch it on
    QVERIFY(!child<QLabel>(m_page, "noCustomFrameworksLabel"));
    forest->click();
    QVERIFY(registry().isEnabled("forest-school"));

    // Removing asks first, then switches it off and takes it away.
    QTest::mouseClick(child<QPushButton>(m_page, "removeFrameworkButton_forest-school"), Qt::LeftButton);
    auto* box = m_page->findChild<QMessageBox*>(QStringLiteral("confirmRemoveFrameworkBox"));
    QVERIFY(box);
    QVERIFY(QTest::qWaitForWindowExposed(box));
    QVERIFY(box->text().startsWith("Remove Forest School?"));
    QTest::mouseClick(child<QPushButton>(box, "confirmRemoveFrameworkButton"), Qt::LeftButton);
    QTRY_VERIFY(registry().customs().isEmpty());
    QVERIFY(!registry().isEnabled("forest-school"));
    QTRY_VERIFY(!m_page->findChild<QCheckBox*>(QStringLiteral("frameworkCheckBox_forest-school")));
    QCOMPARE(child<QLabel>(m_page, "frameworksStatusLabel")->text(), QStringLiteral("Forest School removed."));
}

QTEST_MAIN(TestFrameworksSettings)
#include "tst_frameworkssettings.moc"
