// The first-run wizard, driven by object names: name, policy, manager, recovery key.

#include "Clock.h"
#include "PasswordFeedback.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "crypto/PasswordKdf.h"
#include "crypto/RecoveryKey.h"
#include "setup/SetupWizard.h"
#include "storage/DataDir.h"

#include "GuiTestSupport.h"
#include "TestDataDir.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTest>

using namespace Acorn;
using Acorn::Test::child;

class TestSetupWizard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testCreatesNurseryEndToEnd();
    void testWeakPasswordBlocksCreate();
    void testMismatchedConfirmationBlocksCreate();
    void testPassphrasePolicy();
    void testCoreErrorShownInPlainWords();

private:
    QAbstractButton* button(const char* name) const { return child<QAbstractButton>(m_wizard.get(), name); }
    void fillNurseryAndPolicy(bool passphrase);
    void fillManager(const QString& name, const QString& userName, const QString& password, const QString& again);

    std::unique_ptr<Test::TestDataDir> m_dir;
    std::unique_ptr<DataDir> m_dataDir;
    ManualClock m_clock;
    std::unique_ptr<SetupWizard> m_wizard;
    int m_printed = 0;
    QString m_printedKey;
    QString m_printedNursery;
};

void TestSetupWizard::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestSetupWizard::init()
{
    m_dir = std::make_unique<Test::TestDataDir>();
    m_dataDir = std::make_unique<DataDir>(m_dir->filePath(QStringLiteral("nursery")));
    m_wizard = std::make_unique<SetupWizard>(*m_dataDir, m_clock);
    m_printed = 0;
    m_printedKey.clear();
    m_wizard->setPrintFunction([this](QWidget*, const QString& nursery, const QString& key) {
        ++m_printed;
        m_printedNursery = nursery;
        m_printedKey = key;
    });
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
}

void TestSetupWizard::cleanup()
{
    m_wizard.reset();
    m_dataDir.reset();
    m_dir.reset();
}

void TestSetupWizard::fillNurseryAndPolicy(bool passphrase)
{
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::NurseryNamePageId));
    QAbstractButton* next = button("wizardNextButton");
    QVERIFY(next);
    QVERIFY(!next->isEnabled()); // a nursery needs a name
    auto* name = child<QLineEdit>(m_wizard.get(), "nurseryNameEdit");
    QVERIFY(name);
    QTest::keyClicks(name, Test::nurseryName());
    QVERIFY(next->isEnabled());
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::PasswordPolicyPageId));

    auto* nurseryRadio = child<QRadioButton>(m_wizard.get(), "nurseryPolicyRadio");
    auto* passphraseRadio = child<QRadioButton>(m_wizard.get(), "passphrasePolicyRadio");
    QVERIFY(nurseryRadio && passphraseRadio);
    QVERIFY(nurseryRadio->isChecked()); // the nursery's own policy is the default
    if (passphrase)
        QTest::mouseClick(passphraseRadio, Qt::LeftButton, {}, QPoint(10, passphraseRadio->height() / 2));
    QCOMPARE(passphraseRadio->isChecked(), passphrase);
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::ManagerAccountPageId));
}

void TestSetupWizard::fillManager(const QString& name, const QString& userName, const QString& password,
                                  const QString& again)
{
    auto* nameEdit = child<QLineEdit>(m_wizard.get(), "managerNameEdit");
    auto* userNameEdit = child<QLineEdit>(m_wizard.get(), "managerUserNameEdit");
    auto* passwordEdit = child<QLineEdit>(m_wizard.get(), "managerPasswordEdit");
    auto* confirmEdit = child<QLineEdit>(m_wizard.get(), "managerConfirmPasswordEdit");
    QVERIFY(nameEdit && userNameEdit && passwordEdit && confirmEdit);
    QTest::keyClicks(nameEdit, name);
    userNameEdit->clear();
    QTest::keyClicks(userNameEdit, userName);
    QTest::keyClicks(passwordEdit, password);
    QTest::keyClicks(confirmEdit, again);
}

void TestSetupWizard::testCreatesNurseryEndToEnd()
{
    fillNurseryAndPolicy(false);
    const auto boss = Test::manager();

    // The user name is suggested from the name until the person types their own.
    auto* nameEdit = child<QLineEdit>(m_wizard.get(), "managerNameEdit");
    QTest::keyClicks(nameEdit, boss.displayName);
    QCOMPARE(child<QLineEdit>(m_wizard.get(), "managerUserNameEdit")->text(), QStringLiteral("maple.hartley"));
    nameEdit->clear();

    fillManager(boss.displayName, boss.userName, boss.password, boss.password);
    auto* feedback = child<PasswordFeedback>(m_wizard.get(), "passwordFeedback");
    QVERIFY(feedback);
    QVERIFY(feedback->isAccepted());
    QAbstractButton* create = button("createNurseryButton");
    QVERIFY(create && create->isVisible());
    QVERIFY(create->isEnabled());
    QVERIFY(!m_dataDir->isInitialised());
    QTest::mouseClick(create, Qt::LeftButton);

    QCOMPARE(m_wizard->currentId(), int(SetupWizard::RecoveryKeyPageId));
    QVERIFY(QFileInfo::exists(m_dataDir->keyringPath()));
    QVERIFY(QFileInfo::exists(m_dataDir->databasePath()));
    QCOMPARE(m_wizard->managerUserName(), boss.userName);
    // No way back to the manager page once the nursery exists.
    QVERIFY(!button("wizardBackButton") || !button("wizardBackButton")->isVisible()
            || !button("wizardBackButton")->isEnabled());
    // The manager's password is not left lying in the form.
    QVERIFY(child<QLineEdit>(m_wizard.get(), "managerPasswordEdit")->text().isEmpty());

    // The key shown is a real recovery key for this nursery.
    auto* keyLabel = child<QLabel>(m_wizard.get(), "recoveryKeyLabel");
    QVERIFY(keyLabel && keyLabel->isVisible());
    const QString shown = keyLabel->text();
    QVERIFY2(shown.count(QLatin1Char('-')) >= 10, qPrintable(shown));
    QVERIFY(RecoveryKey::parse(shown.toLatin1()).ok());
    auto recovered = Session::openWithRecoveryKey(*m_dataDir, shown.toLatin1(), m_clock);
    QVERIFY2(recovered.ok(), qPrintable(recovered.errorMessage()));
    QCOMPARE(recovered.value()->settings().stringValue(SettingsStore::Key::NurseryName), Test::nurseryName());
    QCOMPARE(recovered.value()->settings().stringValue(SettingsStore::Key::PasswordPolicy), QStringLiteral("nursery"));
    recovered.value()->end(Session::EndReason::SignOut);

    // Print goes through the seam, with the same key.
    QCOMPARE(m_printed, 0);
    QTest::mouseClick(button("printRecoveryKeyButton"), Qt::LeftButton);
    QCOMPARE(m_printed, 1);
    QCOMPARE(m_printedNursery, Test::nurseryName());
    QVERIFY(RecoveryKey::parse(m_printedKey.toLatin1()).ok());
    QCOMPARE(QString(m_printedKey).remove(QLatin1Char('-')),
             QString(shown).remove(QLatin1Char('-')).remove(QLatin1Char('\n')));

    // Finish only once the key is kept.
    QAbstractButton* finish = button("wizardFinishButton");
    QVERIFY(finish && finish->isVisible());
    QVERIFY(!finish->isEnabled());
    auto* saved = child<QCheckBox>(m_wizard.get(), "recoveryKeySavedCheckBox");
    QVERIFY(saved);
    saved->click();
    QVERIFY(finish->isEnabled());
    saved->click();
    QVERIFY(!finish->isEnabled());
    saved->click();
    QTest::mouseClick(finish, Qt::LeftButton);
    QCOMPARE(m_wizard->result(), int(QDialog::Accepted));
    QVERIFY(!m_wizard->isVisible());
    QVERIFY(keyLabel->text().isEmpty()); // shown once

    // The manager can sign in with the password chosen here, with nothing to change first.
    auto session = Session::signIn(*m_dataDir, boss.userName, boss.password.toUtf8(), m_clock);
    QVERIFY2(session.ok(), qPrintable(session.errorMessage()));
    QVERIFY(!session.value()->mustChangePassword());
    QCOMPARE(session.value()->staff().role, Role::Manager);
}

void TestSetupWizard::testWeakPasswordBlocksCreate()
{
    fillNurseryAndPolicy(false);
    fillManager(QStringLiteral("Maple Hartley"), QStringLiteral("maple"), QStringLiteral("password"),
                QStringLiteral("password"));
    auto* feedback = child<PasswordFeedback>(m_wizard.get(), "passwordFeedback");
    QVERIFY(feedback);
    QVERIFY(!feedback->isAccepted());
    // The rules that are not met are shown with a cross, in words.
    bool sawCross = false;
    bool sawLength = false;
    for (int i = 0; i < feedback->rules().size(); ++i) {
        auto* label = child<QLabel>(feedback, qPrintable(QStringLiteral("passwordRule%1").arg(i)));
        QVERIFY(label && label->isVisible());
        if (!feedback->rules().at(i).met) {
            QVERIFY2(label->text().startsWith(QStringLiteral("\u2717")), qPrintable(label->text()));
            sawCross = true;
        }
        sawLength = sawLength || label->text().contains(QStringLiteral("10 characters"));
    }
    QVERIFY(sawCross);
    QVERIFY(sawLength);
    QVERIFY(!button("createNurseryButton")->isEnabled());

    // Typing on turns the crosses into ticks, live.
    auto* passwordEdit = child<QLineEdit>(m_wizard.get(), "managerPasswordEdit");
    auto* confirmEdit = child<QLineEdit>(m_wizard.get(), "managerConfirmPasswordEdit");
    passwordEdit->clear();
    confirmEdit->clear();
    QTest::keyClicks(passwordEdit, QStringLiteral("Conker-Tree-42"));
    QVERIFY(feedback->isAccepted());
    QVERIFY(child<QLabel>(feedback, "passwordRule0")->text().startsWith(QStringLiteral("\u2713")));
    QVERIFY(!button("createNurseryButton")->isEnabled()); // not confirmed yet
    QTest::keyClicks(confirmEdit, QStringLiteral("Conker-Tree-42"));
    QVERIFY(button("createNurseryButton")->isEnabled());
    QVERIFY(!m_dataDir->isInitialised());
}

void TestSetupWizard::testMismatchedConfirmationBlocksCreate()
{
    fillNurseryAndPolicy(false);
    fillManager(QStringLiteral("Maple Hartley"), QStringLiteral("maple"), QStringLiteral("Conker-Tree-42"),
                QStringLiteral("Conker-Tree-43"));
    QVERIFY(child<PasswordFeedback>(m_wizard.get(), "passwordFeedback")->isAccepted());
    QVERIFY(!button("createNurseryButton")->isEnabled());
    auto* match = child<QLabel>(m_wizard.get(), "passwordMatchLabel");
    QVERIFY(match && match->isVisible());
    QVERIFY(match->text().contains(QStringLiteral("not the same")));
}

void TestSetupWizard::testPassphrasePolicy()
{
    fillNurseryAndPolicy(true);
    auto* feedback = child<PasswordFeedback>(m_wizard.get(), "passwordFeedback");
    QVERIFY(feedback);
    // No case or digit rules for a passphrase, but a longer minimum.
    for (const auto& rule : feedback->rules())
        QVERIFY2(!rule.text.contains(QStringLiteral("upper-case")), qPrintable(rule.text));
    QVERIFY(feedback->rules().constFirst().text.contains(QStringLiteral("15")));

    fillManager(QStringLiteral("Maple Hartley"), QStringLiteral("maple"), QStringLiteral("Conker-Tree-42"),
                QStringLiteral("Conker-Tree-42"));
    QVERIFY(!feedback->isAccepted()); // 14 characters
    QVERIFY(!button("createNurseryButton")->isEnabled());
    const QString passphrase = QStringLiteral("otter lantern pebble meadow");
    child<QLineEdit>(m_wizard.get(), "managerPasswordEdit")->clear();
    child<QLineEdit>(m_wizard.get(), "managerConfirmPasswordEdit")->clear();
    QTest::keyClicks(child<QLineEdit>(m_wizard.get(), "managerPasswordEdit"), passphrase);
    QTest::keyClicks(child<QLineEdit>(m_wizard.get(), "managerConfirmPasswordEdit"), passphrase);
    QVERIFY(feedback->isAccepted());
    QTest::mouseClick(button("createNurseryButton"), Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::RecoveryKeyPageId));

    auto session = Session::signIn(*m_dataDir, QStringLiteral("maple"), passphrase.toUtf8(), m_clock);
    QVERIFY2(session.ok(), qPrintable(session.errorMessage()));
    QCOMPARE(session.value()->settings().stringValue(SettingsStore::Key::PasswordPolicy), QStringLiteral("passphrase"));
}

void TestSetupWizard::testCoreErrorShownInPlainWords()
{
    // Someone set up a nursery in this folder meanwhile: core refuses, the page says so and stays.
    QCOMPARE(Test::createNursery(*m_dataDir, m_clock), QString());
    fillNurseryAndPolicy(false);
    const auto boss = Test::manager();
    fillManager(QStringLiteral("Hazel Other"), QStringLiteral("hazel"), boss.password, boss.password);
    QTest::mouseClick(button("createNurseryButton"), Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(SetupWizard::ManagerAccountPageId));
    auto* error = child<QLabel>(m_wizard.get(), "setupErrorLabel");
    QVERIFY(error && error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("already set up")), qPrintable(error->text()));
    QVERIFY(!m_wizard->isNurseryCreated());
}

QTEST_MAIN(TestSetupWizard)
#include "tst_setupwizard.moc"
