// The People tab: children's records and photo consent, rooms, parents and carers with their links and the
// agreement — driven through the real window by object name, checked against what core stored.

#include "HomePage.h"
#include "MainWindow.h"
#include "SignInPage.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "lock/LockController.h"
#include "people/ChildEditorDialog.h"
#include "people/Children.h"
#include "people/ChildrenPanel.h"
#include "people/ChildrenTableModel.h"
#include "people/Guardians.h"
#include "people/GuardiansPanel.h"
#include "people/GuardiansTableModel.h"
#include "people/LinkChildDialog.h"
#include "people/OptionalDateEdit.h"
#include "people/PeoplePage.h"
#include "people/PhotoConsentDialog.h"
#include "people/RoomNameDialog.h"
#include "people/Rooms.h"
#include "people/RoomsPanel.h"
#include "people/RoomsTableModel.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextEdit>

using namespace Acorn;
using Acorn::Test::child;
using Acorn::Test::JournalFixture;

class TestPeoplePage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testAddChild();
    void testChildEditorShowsCoreRefusal();
    void testRecordConsentSaysWhatChanges();
    void testRoomsAddRenameAndWhoWorksThere();
    void testLinkWithoutConsentOffersToRecordIt();
    void testSignatureGivesAccessAndNewVersionTakesItAway();
    void testLockClosesTheDialogs();
    void testOnlyManagersGetThePeopleTab_data();
    void testOnlyManagersGetThePeopleTab();

private:
    void signInAs(const QString& user);
    template<typename T> T* waitForDialog(QWidget* parent, const char* name);
    QString cell(QAbstractItemModel* model, int row, int column) const;

    std::unique_ptr<JournalFixture> m_f;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
    PeoplePage* m_people = nullptr;
};

void TestPeoplePage::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestPeoplePage::init()
{
    m_f = std::make_unique<JournalFixture>();
    QVERIFY(m_f->isValid());
    m_lock = std::make_unique<LockController>(m_f->nursery().dataDir(), m_f->nursery().clock());
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestPeoplePage::cleanup()
{
    m_people = nullptr;
    m_window.reset();
    m_lock.reset();
    m_f.reset();
}

void TestPeoplePage::signInAs(const QString& user)
{
    Test::submitSignIn(*m_window, user, QString::fromLatin1(JournalFixture::password()));
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    m_people = m_window->homePage()->peoplePage();
    if (m_people)
        m_window->homePage()->tabs()->setCurrentWidget(m_people);
}

template<typename T> T* TestPeoplePage::waitForDialog(QWidget* parent, const char* name)
{
    T* dialog = parent->findChild<T*>(QLatin1String(name));
    return dialog && QTest::qWaitForWindowExposed(dialog) ? dialog : nullptr;
}

QString TestPeoplePage::cell(QAbstractItemModel* model, int row, int column) const
{
    return model->index(row, column).data().toString();
}

void TestPeoplePage::testAddChild()
{
    signInAs("mabel");
    QVERIFY(m_people);
    ChildrenPanel* panel = m_people->childrenPanel();
    m_people->sections()->setCurrentWidget(panel);
    const int before = panel->model()->rowCount();

    QTest::mouseClick(child<QPushButton>(panel, "addChildButton"), Qt::LeftButton);
    auto* editor = waitForDialog<ChildEditorDialog>(panel, "childEditorDialog");
    QVERIFY(editor);
    auto* save = child<QPushButton>(editor, "saveChildButton");
    QVERIFY(!save->isEnabled()); // no names yet
    QTest::keyClicks(child<QLineEdit>(editor, "childFirstNameEdit"), QStringLiteral("Finley"));
    QTest::keyClicks(child<QLineEdit>(editor, "childLastNameEdit"), QStringLiteral("Testling"));
    QTest::keyClicks(child<QLineEdit>(editor, "childPreferredNameEdit"), QStringLiteral("Finn"));
    child<OptionalDateEdit>(editor, "childBirthDateEdit")->setValue(QDate(2023, 4, 2));
    auto* room = child<QComboBox>(editor, "childRoomCombo");
    room->setCurrentIndex(room->findData(m_f->saplings));
    auto* keyPerson = child<QComboBox>(editor, "childKeyPersonCombo");
    keyPerson->setCurrentIndex(keyPerson->findData(m_f->sam));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(!panel->findChild<ChildEditorDialog*>());

    // Stored by core as typed, consent not yet recorded...
    const auto all = Children(*m_lock->session()).visible();
    const auto finn = std::find_if(all.cbegin(), all.cend(), [](const Child& c) { return c.firstName == "Finley"; });
    QVERIFY(finn != all.cend());
    QCOMPARE(finn->preferredName, QStringLiteral("Finn"));
    QCOMPARE(finn->roomId, m_f->saplings);
    QCOMPARE(finn->keyPersonId, m_f->sam);
    QCOMPARE(finn->dateOfBirth, QDate(2023, 4, 2));
    QCOMPARE(finn->status, ChildStatus::Enrolling);
    QCOMPARE(finn->photoConsent, PhotoConsent::NotRecorded);
    // ...and shown, selected, with the next step named.
    QCOMPARE(panel->model()->rowCount(), before + 1);
    const int row = panel->model()->rowOf(finn->id);
    QVERIFY(row >= 0);
    QCOMPARE(panel->table()->selectionModel()->selectedRows().value(0).row(), row);
    QCOMPARE(cell(panel->model(), row, ChildrenTableModel::RoomColumn), QStringLiteral("Saplings"));
    QCOMPARE(cell(panel->model(), row, ChildrenTableModel::ConsentColumn), QStringLiteral("Not recorded yet"));
    QVERIFY(child<QLabel>(panel, "childrenStatusLabel")->text().contains("Record photo consent"));
}

void TestPeoplePage::testChildEditorShowsCoreRefusal()
{
    signInAs("mabel");
    ChildrenPanel* panel = m_people->childrenPanel();
    m_people->sections()->setCurrentWidget(panel);
    QTest::mouseClick(child<QPushButton>(panel, "addChildButton"), Qt::LeftButton);
    auto* editor = waitForDialog<ChildEditorDialog>(panel, "childEditorDialog");
    QVERIFY(editor);
    QTest::keyClicks(child<QLineEdit>(editor, "childFirstNameEdit"), QStringLiteral("Future"));
    QTest::keyClicks(child<QLineEdit>(editor, "childLastNameEdit"), QStringLiteral("Testling"));
    child<OptionalDateEdit>(editor, "childBirthDateEdit")->setValue(m_f->nursery().clock().now().date().addDays(3));
    QTest::mouseClick(child<QPushButton>(editor, "saveChildButton"), Qt::LeftButton);
    auto* error = child<QLabel>(editor, "childEditorErrorLabel");
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("The date of birth is in the future."));
    QVERIFY(editor->isVisible());
    const auto all = Children(*m_lock->session()).visible();
    QVERIFY(std::none_of(all.cbegin(), all.cend(), [](const Child& c) { return c.firstName == "Future"; }));
}

void TestPeoplePage::testRecordConsentSaysWhatChanges()
{
    signInAs("mabel");
    ChildrenPanel* panel = m_people->childrenPanel();
    m_people->sections()->setCurrentWidget(panel);
    panel->select(m_f->cal);
    QTest::mouseClick(child<QPushButton>(panel, "recordConsentButton"), Qt::LeftButton);
    auto* dialog = waitForDialog<PhotoConsentDialog>(panel, "photoConsentDialog");
    QVERIFY(dialog);
    QVERIFY(child<QLabel>(dialog, "currentConsentLabel")->text().startsWith("Not recorded yet."));
    auto* yes = child<QPushButton>(dialog, "consentYesButton");
    QCOMPARE(yes->text(), QStringLiteral("Yes \u2014 photos may appear in other children's journals"));
    QCOMPARE(child<QPushButton>(dialog, "consentNoButton")->text(),
             QStringLiteral("No \u2014 only in their own journal"));

    // Choosing is not yet recording: the confirmation says what changes.
    QTest::mouseClick(yes, Qt::LeftButton);
    QCOMPARE(Children(*m_lock->session()).byId(m_f->cal)->photoConsent, PhotoConsent::NotRecorded);
    QVERIFY(child<QLabel>(dialog, "consentConsequenceLabel")
                ->text()
                .startsWith("This applies at once to everything already in the journals"));
    QTest::mouseClick(child<QPushButton>(dialog, "consentBackButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(dialog, "consentNoButton"), Qt::LeftButton);
    QVERIFY(
        child<QLabel>(dialog, "consentConsequenceLabel")->text().contains("hidden from every other child's journal"));
    QTest::mouseClick(child<QPushButton>(dialog, "confirmConsentButton"), Qt::LeftButton);
    QTRY_VERIFY(!panel->findChild<PhotoConsentDialog*>());

    const auto cal = Children(*m_lock->session()).byId(m_f->cal);
    QCOMPARE(cal->photoConsent, PhotoConsent::No);
    QCOMPARE(cal->photoConsentRecordedBy, m_f->mabel);
    QCOMPARE(cal->photoConsentRecordedAt, m_f->nursery().clock().now());
    const int row = panel->model()->rowOf(m_f->cal);
    QCOMPARE(cell(panel->model(), row, ChildrenTableModel::ConsentColumn),
             QStringLiteral("No \u2014 Mabel Quince, 5 Jan 2026"));
}

void TestPeoplePage::testRoomsAddRenameAndWhoWorksThere()
{
    signInAs("mabel");
    RoomsPanel* panel = m_people->roomsPanel();
    m_people->sections()->setCurrentWidget(panel);
    QCOMPARE(panel->model()->rowCount(), 2);

    QTest::mouseClick(child<QPushButton>(panel, "addRoomButton"), Qt::LeftButton);
    auto* dialog = waitForDialog<RoomNameDialog>(panel, "roomNameDialog");
    QVERIFY(dialog);
    QTest::keyClicks(child<QLineEdit>(dialog, "roomNameEdit"), QStringLiteral("Acorns"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveRoomButton"), Qt::LeftButton);
    QTRY_VERIFY(!panel->findChild<RoomNameDialog*>());
    const auto rooms = Rooms(*m_lock->session()).visible();
    const auto acorns = std::find_if(rooms.cbegin(), rooms.cend(), [](const Room& r) { return r.name == "Acorns"; });
    QVERIFY(acorns != rooms.cend());
    QCOMPARE(panel->selectedRoomId(), acorns->id);
    QCOMPARE(cell(panel->model(), panel->model()->rowOf(acorns->id), RoomsTableModel::StaffColumn),
             QStringLiteral("Nobody yet"));

    // Ticking Pia adds this room to hers and keeps her other room.
    QCheckBox* pia = nullptr;
    for (QCheckBox* box : panel->staffCheckBoxes())
        if (box->property("staffId").toString() == m_f->pia)
            pia = box;
    QVERIFY(pia);
    QVERIFY(!pia->isChecked());
    pia->click();
    QStringList piasRooms = Rooms(*m_lock->session()).roomsOf(m_f->pia);
    piasRooms.sort();
    QStringList expected {m_f->seedlings, acorns->id};
    expected.sort();
    QCOMPARE(piasRooms, expected);
    QTRY_COMPARE(cell(panel->model(), panel->model()->rowOf(acorns->id), RoomsTableModel::StaffColumn),
                 QStringLiteral("Pia Nettle"));
    QCOMPARE(child<QLabel>(panel, "roomsStatusLabel")->text(), QStringLiteral("Pia Nettle now works in Acorns."));
    // Managers see every room anyway, so they are not offered.
    for (QCheckBox* box : panel->staffCheckBoxes())
        QVERIFY(box->property("staffId").toString() != m_f->mabel);

    QTest::mouseClick(child<QPushButton>(panel, "renameRoomButton"), Qt::LeftButton);
    dialog = waitForDialog<RoomNameDialog>(panel, "roomNameDialog");
    QVERIFY(dialog);
    auto* name = child<QLineEdit>(dialog, "roomNameEdit");
    QCOMPARE(name->text(), QStringLiteral("Acorns"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("Conkers"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveRoomButton"), Qt::LeftButton);
    QTRY_VERIFY(!panel->findChild<RoomNameDialog*>());
    QCOMPARE(cell(panel->model(), panel->model()->rowOf(acorns->id), RoomsTableModel::NameColumn),
             QStringLiteral("Conkers"));
}

void TestPeoplePage::testLinkWithoutConsentOffersToRecordIt()
{
    signInAs("mabel");
    auto gwen = Guardians(*m_lock->session()).create(QStringLiteral("Gwen Testling"), {});
    QVERIFY(gwen);
    GuardiansPanel* panel = m_people->guardiansPanel();
    m_people->sections()->setCurrentWidget(panel);
    panel->select(gwen.value().id);
    QCOMPARE(cell(panel->model(), panel->model()->rowOf(gwen.value().id), GuardiansTableModel::AccessColumn),
             QStringLiteral("No \u2014 not linked to a child yet"));

    QTest::mouseClick(child<QPushButton>(panel, "linkGuardianButton"), Qt::LeftButton);
    auto* link = waitForDialog<LinkChildDialog>(panel, "linkChildDialog");
    QVERIFY(link);
    auto* childCombo = child<QComboBox>(link, "linkChildCombo");
    childCombo->setCurrentIndex(childCombo->findData(m_f->cal)); // Cal's consent is not recorded
    auto* linkButton = child<QPushButton>(link, "linkChildButton");
    QVERIFY(!linkButton->isEnabled()); // how they are related, first
    QTest::keyClicks(child<QComboBox>(link, "relationshipCombo")->lineEdit(), QStringLiteral("Mother"));
    QVERIFY(linkButton->isEnabled());
    auto* consentButton = child<QPushButton>(link, "recordConsentForLinkButton");
    QVERIFY(consentButton->isHidden());
    QTest::mouseClick(linkButton, Qt::LeftButton);

    // Core refuses, in its own words, and the way on is one button away.
    auto* error = child<QLabel>(link, "linkErrorLabel");
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), Guardians(*m_lock->session()).link(gwen.value().id, m_f->cal, "Mother").errorMessage());
    QVERIFY(error->text().startsWith("First record whether Cal Testling's photo may appear"));
    QVERIFY(Guardians(*m_lock->session()).linksOfChild(m_f->cal).isEmpty());
    QVERIFY(consentButton->isVisible());
    QCOMPARE(consentButton->text(), QStringLiteral("Record photo consent for Cal Testling now"));

    QTest::mouseClick(consentButton, Qt::LeftButton);
    auto* consent = waitForDialog<PhotoConsentDialog>(link, "photoConsentDialog");
    QVERIFY(consent);
    QTest::mouseClick(child<QPushButton>(consent, "consentYesButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(consent, "confirmConsentButton"), Qt::LeftButton);

    // Consent recorded, then the link made, and both dialogs gone.
    QTRY_VERIFY(!panel->findChild<LinkChildDialog*>());
    QCOMPARE(Children(*m_lock->session()).byId(m_f->cal)->photoConsent, PhotoConsent::Yes);
    const auto links = Guardians(*m_lock->session()).linksOfChild(m_f->cal);
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first().guardianId, gwen.value().id);
    QCOMPARE(links.first().relationship, QStringLiteral("Mother"));
    const int row = panel->model()->rowOf(gwen.value().id);
    QCOMPARE(cell(panel->model(), row, GuardiansTableModel::ChildrenColumn), QStringLiteral("Cal Testling (mother)"));
    QCOMPARE(cell(panel->model(), row, GuardiansTableModel::AccessColumn),
             QStringLiteral("No. Has not signed the agreement yet."));
    QVERIFY(child<QLabel>(panel, "guardiansStatusLabel")->text().contains("Photo consent for Cal Testling recorded"));
}

void TestPeoplePage::testSignatureGivesAccessAndNewVersionTakesItAway()
{
    signInAs("mabel");
    Guardians guardians(*m_lock->session());
    const QString gus
        = guardians.create(QStringLiteral("Gus Testling"), QStringLiteral("gus@example.invalid")).value().id;
    QVERIFY(guardians.link(gus, m_f->ava, QStringLiteral("Father")));
    GuardiansPanel* panel = m_people->guardiansPanel();
    m_people->sections()->setCurrentWidget(panel);
    panel->select(gus);
    QVERIFY(!guardians.hasAccess(gus, m_f->ava));

    QTest::mouseClick(child<QPushButton>(panel, "recordSignatureButton"), Qt::LeftButton);
    auto* sign = waitForDialog<QDialog>(panel, "signAgreementDialog");
    QVERIFY(sign);
    QCOMPARE(child<QLabel>(sign, "agreementVersionLabel")->text(), QStringLiteral("The agreement, version 1"));
    QCOMPARE(child<QTextEdit>(sign, "agreementTextView")->toPlainText(), guardians.currentAgreement().text);
    QTest::keyClicks(child<QLineEdit>(sign, "signedNameEdit"), QStringLiteral("G. Testling"));
    QTest::mouseClick(child<QPushButton>(sign, "recordSignatureButton"), Qt::LeftButton);
    QTRY_VERIFY(!panel->findChild<QDialog*>(QStringLiteral("signAgreementDialog")));
    QVERIFY(guardians.hasAccess(gus, m_f->ava));
    QCOMPARE(guardians.byId(gus)->agreementTypedName, QStringLiteral("G. Testling"));
    int row = panel->model()->rowOf(gus);
    QCOMPARE(cell(panel->model(), row, GuardiansTableModel::AccessColumn), QStringLiteral("Yes"));
    QCOMPARE(cell(panel->model(), row, GuardiansTableModel::AgreementColumn),
             QStringLiteral("Version 1 on 5 Jan 2026"));

    // A new version: said plainly beforehand, and access goes until they sign again.
    QTest::mouseClick(child<QPushButton>(panel, "changeAgreementButton"), Qt::LeftButton);
    auto* change = waitForDialog<QDialog>(panel, "agreementTextDialog");
    QVERIFY(change);
    QVERIFY(child<QLabel>(change, "newVersionWarningLabel")
                ->text()
                .startsWith("Saving makes this version 2. Everyone must sign again"));
    auto* save = child<QPushButton>(change, "saveAgreementButton");
    QCOMPARE(save->text(), QStringLiteral("Save as version 2"));
    QVERIFY(!save->isEnabled()); // nothing changed yet
    auto* text = child<QPlainTextEdit>(change, "agreementTextEdit");
    text->setPlainText(QStringLiteral("I agree not to share anything from the journal anywhere, ever, in any way."));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(!panel->findChild<QDialog*>(QStringLiteral("agreementTextDialog")));
    QCOMPARE(guardians.currentAgreement().version, 2);
    QVERIFY(!guardians.hasAccess(gus, m_f->ava));
    row = panel->model()->rowOf(gus);
    QCOMPARE(cell(panel->model(), row, GuardiansTableModel::AccessColumn),
             QStringLiteral("No. Has not signed version 2 yet (signed version 1)."));
    QCOMPARE(child<QLabel>(panel, "agreementSummaryLabel")->text(),
             QStringLiteral("The agreement is at version 2. 0 of 1 parents and carers have signed it."));
}

void TestPeoplePage::testLockClosesTheDialogs()
{
    signInAs("mabel");
    const QString gwen = Guardians(*m_lock->session()).create(QStringLiteral("Gwen Testling"), {}).value().id;
    GuardiansPanel* panel = m_people->guardiansPanel();
    m_people->sections()->setCurrentWidget(panel);
    panel->select(gwen);
    QTest::mouseClick(child<QPushButton>(panel, "linkGuardianButton"), Qt::LeftButton);
    auto* link = waitForDialog<LinkChildDialog>(panel, "linkChildDialog");
    QVERIFY(link);
    auto* childCombo = child<QComboBox>(link, "linkChildCombo");
    childCombo->setCurrentIndex(childCombo->findData(m_f->cal));
    QTest::keyClicks(child<QComboBox>(link, "relationshipCombo")->lineEdit(), QStringLiteral("Mother"));
    QTest::mouseClick(child<QPushButton>(link, "linkChildButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(link, "recordConsentForLinkButton"), Qt::LeftButton);
    QPointer<PhotoConsentDialog> consent = waitForDialog<PhotoConsentDialog>(link, "photoConsentDialog");
    QVERIFY(consent);

    // Two dialogs deep, and the lock still closes everything: nothing waits in a nested event loop.
    m_lock->lock();
    QTRY_COMPARE(m_window->currentPage(), m_window->signInPage());
    QTRY_VERIFY(!consent);
    for (QWidget* window : QApplication::topLevelWidgets())
        QVERIFY2(!window->isVisible() || window == m_window.get(), qPrintable(window->objectName()));
}

void TestPeoplePage::testOnlyManagersGetThePeopleTab_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<bool>("hasTab");
    QTest::newRow("practitioner") << "pia" << false;
    QTest::newRow("room leader") << "rita" << false;
    QTest::newRow("manager") << "mabel" << true;
}

void TestPeoplePage::testOnlyManagersGetThePeopleTab()
{
    QFETCH(QString, user);
    QFETCH(bool, hasTab);
    signInAs(user);
    QCOMPARE(m_window->homePage()->peoplePage() != nullptr, hasTab);
    QTabBar* tabs = m_window->homePage()->tabs()->tabBar();
    bool titled = false;
    for (int i = 0; i < tabs->count(); ++i)
        titled = titled || tabs->tabText(i) == QLatin1String("People");
    QCOMPARE(titled, hasTab);
}

QTEST_MAIN(TestPeoplePage)
#include "tst_peoplepage.moc"
