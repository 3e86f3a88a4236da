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
#include "dashboard/DashboardPage.h"
#include "demo/DemoNursery.h"
#include "demo/DemoPictures.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/ChildChips.h"
#include "journal/ChildJournalPage.h"
#include "journal/ChildTile.h"
#include "journal/ChildrenOverviewPage.h"
#include "journal/JournalEntryCard.h"
#include "journal/JournalPage.h"
#include "journal/JournalQuery.h"
#include "journal/MediaAttachmentCard.h"
#include "journal/ObservationDetail.h"
#include "journal/ObservationEditor.h"
#include "journal/ObservationMedia.h"
#include "journal/TagPicker.h"
#include "journal/ThumbnailLoader.h"
#include "lock/LockController.h"
#include "meeting/MeetingRecordPanel.h"
#include "meeting/MeetingSetupPanel.h"
#include "meeting/MeetingSignOffForm.h"
#include "meeting/MeetingsPage.h"
#include "meeting/PresentationSlide.h"
#include "meeting/PresentationWindow.h"
#include "meeting/SlidePhotos.h"
#include "people/Children.h"
#include "people/ChildrenPanel.h"
#include "people/GuardiansPanel.h"
#include "people/PeoplePage.h"
#include "people/RoomsPanel.h"
#include "review/RatingButtons.h"
#include "review/ReviewFilterBar.h"
#include "review/ReviewPage.h"
#include "review/Reviews.h"
#include "settings/FrameworksSettings.h"
#include "settings/SettingsPage.h"
#include "setup/SetupWizard.h"
#include "staff/StaffEditorDialog.h"
#include "staff/StaffPage.h"
#include "storage/DataDir.h"

#include "GuiTestSupport.h"
#include "TestDataDir.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

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
    void testPeopleAndReviewScreens_data();
    void testPeopleAndReviewScreens();
    void testJournalScreens_data();
    void testJournalScreens();
    void testManagerReviewScreens_data();
    void testManagerReviewScreens();

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

        // Inside the window: nothing pushed off the edge by a cramped layout. What scrolls is clipped by its
        // viewport on purpose: only the part the viewport shows counts.
        QRect shown = box;
        for (QWidget* up = widget->parentWidget(); up && up != window; up = up->parentWidget())
            if (auto* area = qobject_cast<QAbstractScrollArea*>(up->parentWidget()); area && area->viewport() == up)
                shown &= QRect(up->mapTo(window, QPoint(0, 0)), up->size());
        if (!qobject_cast<QTabBar*>(widget->parentWidget()) && !shown.isEmpty()) // tab bar scroll buttons: at its edge
            QVERIFY2(inside.contains(shown), qPrintable(what + QStringLiteral(" is outside the window")));

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

void TestUiLayout::testPeopleAndReviewScreens_data()
{
    testScreens_data();
}

// People, the approval queue and frameworks, on the demo nursery: enough rows, photos and waiting items to judge.
void TestUiLayout::testPeopleAndReviewScreens()
{
    QFETCH(QSize, size);
    m_size = size;
    const DataDir dataDir(m_dir->filePath(QStringLiteral("demo")));
    auto accounts = DemoNursery::create(dataDir, *m_clock);
    QVERIFY2(accounts, qPrintable(accounts.errorMessage()));
    const DemoNursery::Account manager = accounts.value().first();
    m_lock = std::make_unique<LockController>(dataDir, *m_clock);
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(size);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Test::submitSignIn(*m_window, manager.userName, manager.password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    HomePage* home = m_window->homePage();
    const auto openDialog = [](QWidget* parent, const char* name) {
        auto* dialog = parent->findChild<QDialog*>(QLatin1String(name));
        return dialog && QTest::qWaitForWindowExposed(dialog) ? dialog : nullptr;
    };

    // The approval queue, then the feedback box open.
    ReviewPage* review = home->reviewPage();
    QVERIFY(review);
    QVERIFY(review->count() > 0);
    home->tabs()->setCurrentWidget(review);
    const QString withPhotos = [&] {
        for (int i = 0; i < review->list()->count(); ++i) {
            const QString id = review->list()->item(i)->data(ReviewPage::ObservationIdRole).toString();
            if (!id.isEmpty() && !ObservationMedia(*m_lock->session()).of(id).isEmpty())
                return id;
        }
        return QString();
    }();
    QVERIFY(review->selectObservation(withPhotos));
    QVERIFY(child<QLabel>(review, "reviewThumbnail"));
    QVERIFY(!child<QLabel>(review, "reviewThumbnail")->pixmap().isNull());
    check(m_window.get(), QStringLiteral("review"));
    QTest::mouseClick(child<QPushButton>(review, "feedbackButton"), Qt::LeftButton);
    check(m_window.get(), QStringLiteral("review-return"));
    QTest::mouseClick(child<QPushButton>(review, "cancelFeedbackButton"), Qt::LeftButton);
    QVERIFY(review->selectObservation(
        review->list()->item(review->list()->count() - 1)->data(ReviewPage::ObservationIdRole).toString()));
    check(m_window.get(), QStringLiteral("review-from-home"));

    // Children, the photo-consent question and its confirmation, the editor.
    PeoplePage* people = home->peoplePage();
    QVERIFY(people);
    home->tabs()->setCurrentWidget(people);
    people->sections()->setCurrentWidget(people->childrenPanel());
    people->childrenPanel()->table()->selectRow(0);
    check(m_window.get(), QStringLiteral("people-children"));
    QTest::mouseClick(child<QPushButton>(people->childrenPanel(), "recordConsentButton"), Qt::LeftButton);
    QDialog* consent = openDialog(people->childrenPanel(), "photoConsentDialog");
    QVERIFY(consent);
    check(consent, QStringLiteral("people-consent"));
    QTest::mouseClick(child<QPushButton>(consent, "consentNoButton"), Qt::LeftButton);
    check(consent, QStringLiteral("people-consent-confirm"));
    consent->reject();
    QTest::mouseClick(child<QPushButton>(people->childrenPanel(), "editChildButton"), Qt::LeftButton);
    QDialog* editor = openDialog(people->childrenPanel(), "childEditorDialog");
    QVERIFY(editor);
    check(editor, QStringLiteral("people-child-editor"));
    editor->reject();

    // Rooms and who works in them.
    people->sections()->setCurrentWidget(people->roomsPanel());
    check(m_window.get(), QStringLiteral("people-rooms"));

    // Parents and carers: the list, a link refused for want of consent, the signature, a new agreement version.
    GuardiansPanel* guardians = people->guardiansPanel();
    people->sections()->setCurrentWidget(guardians);
    guardians->table()->selectRow(0);
    check(m_window.get(), QStringLiteral("people-guardians"));
    QTest::mouseClick(child<QPushButton>(guardians, "linkGuardianButton"), Qt::LeftButton);
    QDialog* link = openDialog(guardians, "linkChildDialog");
    QVERIFY(link);
    auto* childCombo = child<QComboBox>(link, "linkChildCombo");
    const int enrolling = [&] { // the demo's one child whose consent is not recorded yet
        for (int i = 0; i < childCombo->count(); ++i) {
            const auto c = Children(*m_lock->session()).byId(childCombo->itemData(i).toString());
            if (c && c->photoConsent == PhotoConsent::NotRecorded)
                return i;
        }
        return -1;
    }();
    QVERIFY(enrolling >= 0);
    childCombo->setCurrentIndex(enrolling);
    child<QComboBox>(link, "relationshipCombo")->setCurrentIndex(0);
    QTest::mouseClick(child<QPushButton>(link, "linkChildButton"), Qt::LeftButton);
    QVERIFY(child<QPushButton>(link, "recordConsentForLinkButton")->isVisible());
    check(link, QStringLiteral("people-link-needs-consent"));
    link->reject();
    QTest::mouseClick(child<QPushButton>(guardians, "recordSignatureButton"), Qt::LeftButton);
    QDialog* sign = openDialog(guardians, "signAgreementDialog");
    QVERIFY(sign);
    check(sign, QStringLiteral("people-sign-agreement"));
    sign->reject();
    QTest::mouseClick(child<QPushButton>(guardians, "changeAgreementButton"), Qt::LeftButton);
    QDialog* agreement = openDialog(guardians, "agreementTextDialog");
    QVERIFY(agreement);
    check(agreement, QStringLiteral("people-agreement-text"));
    agreement->reject();

    // Frameworks, with one of the setting's own.
    {
        FrameworkRegistry registry(m_lock->session()->settings());
        QVERIFY(registry.importCustom(R"({"id": "forest-school", "name": "Forest School", "kind": "custom",
            "areas": [{"id": "custom.forest-school.shelter", "label": "Shelter"}]})",
                                      m_lock->session()->staff().id));
    }
    home->tabs()->setCurrentWidget(home->settingsPage());
    child<QTabWidget>(home->settingsPage(), "settingsSectionTabs")
        ->setCurrentWidget(home->settingsPage()->frameworksSettings());
    check(m_window.get(), QStringLiteral("settings-frameworks"));
}

void TestUiLayout::testJournalScreens_data()
{
    testScreens_data();
}

// The journal as a practitioner sees it, on the demo nursery: the children, a journal with photos, an observation
// with a reply, the editor with a photo and the photo-consent warning, My drafts.
void TestUiLayout::testJournalScreens()
{
    QFETCH(QSize, size);
    m_size = size;
    const DataDir dataDir(m_dir->filePath(QStringLiteral("journal")));
    auto accounts = DemoNursery::create(dataDir, *m_clock);
    QVERIFY2(accounts, qPrintable(accounts.errorMessage()));
    const DemoNursery::Account practitioner = accounts.value().at(2);
    QCOMPARE(practitioner.role, QStringLiteral("practitioner"));
    m_lock = std::make_unique<LockController>(dataDir, *m_clock);
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(size);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Test::submitSignIn(*m_window, practitioner.userName, practitioner.password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    JournalPage* journal = m_window->homePage()->journalPage();
    QVERIFY(journal);
    QCOMPARE(m_window->homePage()->tabs()->currentWidget(), journal);
    check(m_window.get(), QStringLiteral("journal-children"));

    // The child with the most photos (and photo consent, for the warning below).
    Session& session = *m_lock->session();
    QString photographed;
    int most = -1;
    for (ChildTile* tile : journal->overviewPage()->tiles()) {
        const auto c = Children(session).byId(tile->childId());
        const int photos = int(JournalQuery(session).mediaInJournalOf(tile->childId()).size());
        if (c && c->photoConsent == PhotoConsent::Yes && photos > most) {
            most = photos;
            photographed = tile->childId();
        }
    }
    QVERIFY(most > 0);
    QTest::mouseClick(journal->overviewPage()->tile(photographed), Qt::LeftButton);
    ChildJournalPage* page = journal->childJournalPage();
    QCOMPARE(journal->currentPage(), page);
    // Scrolled to the first entry with photos, their thumbnails loaded as they came into view.
    JournalEntryCard* withPhotos = nullptr;
    for (JournalEntryCard* card : page->cards())
        if (!withPhotos && !card->entry().media.isEmpty()
            && card->entry().observation.status == ObservationStatus::Published)
            withPhotos = card;
    QVERIFY(withPhotos);
    child<QScrollArea>(page, "journalTimelineScroll")->ensureWidgetVisible(withPhotos, 0, 120);
    QTest::qWait(100);
    QTRY_COMPARE(page->thumbnailLoader()->pendingCount(), 0);
    QVERIFY(!withPhotos->thumbnailLabels().first()->pixmap().isNull());
    check(m_window.get(), QStringLiteral("journal-child"));

    // That observation in full, after a reply.
    QTest::mouseClick(withPhotos, Qt::LeftButton);
    ObservationDetail* detail = journal->detail();
    QVERIFY(detail);
    QTest::keyClicks(detail->replyEdit(), QStringLiteral("Lovely! We talked about this at home-time too."));
    QTest::mouseClick(detail->replyButton(), Qt::LeftButton);
    QVERIFY(detail->commentCount() >= 1);
    QTRY_VERIFY(detail->photoLabels().first()->property("photoShown").toBool());
    check(m_window.get(), QStringLiteral("journal-detail"));
    child<QScrollArea>(detail, "detailScroll")->ensureWidgetVisible(detail->replyButton(), 0, 0);
    check(m_window.get(), QStringLiteral("journal-detail-replies"));
    QTest::mouseClick(journal->backButton(), Qt::LeftButton);

    // Writing: a group with a child whose photo may not go into other journals, and a photo of both.
    QTest::mouseClick(journal->newObservationButton(), Qt::LeftButton);
    ObservationEditor* editor = journal->editor();
    QVERIFY(editor);
    QString noConsent;
    for (const Child& c : Children(session).visible())
        if (noConsent.isEmpty() && c.photoConsent != PhotoConsent::Yes && c.id != photographed)
            noConsent = c.id;
    QVERIFY(!noConsent.isEmpty());
    QTest::mouseClick(editor->childChips()->chip(noConsent), Qt::LeftButton);
    QTest::keyClicks(editor->textEdit(),
                     QStringLiteral("Built a bridge for the toy cars out of the big blocks, "
                                    "testing it with the heaviest lorry first."));
    editor->tagPicker()->itemFor(QStringLiteral("eyfs.ead.creating-with-materials"))->setCheckState(0, Qt::Checked);
    editor->tagPicker()->itemFor(QStringLiteral("eyfs.maths.numerical-patterns"))->setCheckState(0, Qt::Checked);
    QTemporaryDir files;
    const QString picture = files.filePath(QStringLiteral("bridge.jpg"));
    {
        QFile file(picture);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(DemoPictures::make(0, 42));
    }
    editor->setFilePicker([picture](QWidget*) { return QStringList {picture}; });
    QTest::mouseClick(editor->addMediaButton(), Qt::LeftButton);
    QCOMPARE(editor->attachments().size(), 1);
    // The editor shows the new photo by itself.
    QTRY_VERIFY(!editor->attachments().first()->thumbnailLabel()->pixmap().isNull());
    QTest::qWait(100);
    check(m_window.get(), QStringLiteral("journal-editor-photo"));
    child<QScrollArea>(editor, "editorScroll")->ensureWidgetVisible(editor->tagPicker(), 0, 0);
    QTest::keyClicks(editor->tagPicker()->searchEdit(), QStringLiteral("num"));
    check(m_window.get(), QStringLiteral("journal-editor-tags"));
    child<QScrollArea>(editor, "editorScroll")->ensureVisible(0, 0);
    check(m_window.get(), QStringLiteral("journal-editor"));
    QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
    QVERIFY(child<QWidget>(editor, "consentWarningPanel")->isVisible());
    check(m_window.get(), QStringLiteral("journal-editor-consent"));

    // Kept as a draft; My drafts.
    QTest::mouseClick(journal->backButton(), Qt::LeftButton);
    QTRY_VERIFY(!journal->editor());
    QTest::mouseClick(journal->myDraftsButton(), Qt::LeftButton);
    check(m_window.get(), QStringLiteral("journal-drafts"));
}

void TestUiLayout::testManagerReviewScreens_data()
{
    testScreens_data();
}

// Manager review on the demo nursery: the review queues with a rating, the meetings (set-up, record, the projector
// at 1920x1080 and 1280x800, the sign-off, a child's journal), and each dashboard.
void TestUiLayout::testManagerReviewScreens()
{
    QFETCH(QSize, size);
    m_size = size;
    const DataDir dataDir(m_dir->filePath(QStringLiteral("review")));
    auto accounts = DemoNursery::create(dataDir, *m_clock);
    QVERIFY2(accounts, qPrintable(accounts.errorMessage()));
    const DemoNursery::Account manager = accounts.value().first();
    m_lock = std::make_unique<LockController>(dataDir, *m_clock);
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_lock->setPrimaryWindow(m_window.get());
    m_window->resize(size);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Test::submitSignIn(*m_window, manager.userName, manager.password);
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    HomePage* home = m_window->homePage();

    // The queues: a rating chosen as it is approved, several ticked, the not-yet-reviewed queue with a note.
    ReviewPage* review = home->reviewPage();
    home->tabs()->setCurrentWidget(review);
    QVERIFY(review->count() > 0);
    QTest::keyClick(review->list(), Qt::Key_3);
    QVERIFY(review->ratingButtons()->rating() == 3);
    check(m_window.get(), QStringLiteral("review-rating"));
    const QStringList waiting = [&] {
        QStringList ids;
        for (int i = 0; i < review->list()->count(); ++i)
            if (const QString id = review->list()->item(i)->data(ReviewPage::ObservationIdRole).toString();
                !id.isEmpty())
                ids << id;
        return ids;
    }();
    QVERIFY(waiting.size() >= 3);
    for (int i = 0; i < 3; ++i)
        review->setTicked(waiting[i], true);
    check(m_window.get(), QStringLiteral("review-ticked"));
    QTest::mouseClick(child<QPushButton>(review, "untickAllButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(review, "notReviewedQueueButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(review, "reviewFiltersButton"), Qt::LeftButton);
    review->filterBar()->setPeriod(m_clock->now().date().addDays(-30), m_clock->now().date());
    check(m_window.get(), QStringLiteral("review-filters"));
    QTest::keyClicks(child<QPlainTextEdit>(review, "reviewNoteEdit"),
                     QStringLiteral("Specific and dated. Say which next step follows from it."));
    QTest::mouseClick(child<QPushButton>(review, "ratingButton4"), Qt::LeftButton);
    check(m_window.get(), QStringLiteral("review-not-reviewed"));

    // A new meeting: the latest two per practitioner.
    MeetingsPage* meetings = home->meetingsPage();
    QVERIFY(meetings);
    home->tabs()->setCurrentWidget(meetings);
    check(m_window.get(), QStringLiteral("meetings"));
    QTest::mouseClick(child<QPushButton>(meetings, "newMeetingButton"), Qt::LeftButton);
    MeetingSetupPanel* setup = meetings->setupPanel();
    QVERIFY(setup->tickedObservationIds().size() >= 4);
    check(m_window.get(), QStringLiteral("meeting-setup"));
    QTest::mouseClick(child<QPushButton>(setup, "createMeetingButton"), Qt::LeftButton);
    QVERIFY(meetings->recordPanel()->isVisible());
    const QString meetingId = meetings->recordPanel()->meetingId();
    check(m_window.get(), QStringLiteral("meeting-record"));

    // On the projector, at two projector sizes: the title, a slide with a photo and an outcome, the sign-off.
    PresentationWindow* show = meetings->presentMeeting(meetingId);
    QVERIFY(show);
    QVERIFY(QTest::qWaitForWindowExposed(show));
    PresentationSlide* withPhoto = nullptr;
    for (PresentationSlide* slide : show->slides())
        if (!withPhoto && !slide->photos()->photoLabels().isEmpty())
            withPhoto = slide;
    QVERIFY(withPhoto);
    const QSize laptop = m_size;
    for (const QSize projector : {QSize(1920, 1080), QSize(1280, 800)}) {
        show->showNormal();
        show->resize(projector);
        QTRY_COMPARE(show->size(), projector);
        m_size = projector;
        show->goTo(0);
        check(show, QStringLiteral("presentation-title"));
        show->goTo(show->slides().indexOf(withPhoto) + 1);
        QTRY_VERIFY(withPhoto->photos()->photoLabels().first()->property("photoShown").toBool());
        withPhoto->outcomeEdit()->setPlainText(QStringLiteral("A good example for everyone: the words say what the "
                                                              "photo cannot. Share it at the next parents' evening."));
        check(show, QStringLiteral("presentation-slide"));
        show->goTo(show->slideCount() - 1);
        check(show, QStringLiteral("presentation-signoff"));
        // Large type for the back of the room, on every screen of it.
        for (int i = 0; i < show->slideCount(); ++i) {
            show->goTo(i);
            QStringList small;
            for (QWidget* widget : show->findChildren<QWidget*>())
                if (widget->isVisible()
                    && (qobject_cast<QLabel*>(widget) || qobject_cast<QAbstractButton*>(widget)
                        || qobject_cast<QPlainTextEdit*>(widget))
                    && widget->font().pointSizeF() < PresentationWindow::BasePointSize)
                    small << QStringLiteral("%1 (%2 pt)").arg(widget->objectName()).arg(widget->font().pointSizeF());
            QVERIFY2(small.isEmpty(), qPrintable(small.join(QStringLiteral(", "))));
        }
    }
    MeetingSignOffForm* signOff = show->signOffForm();
    for (QPushButton* chip : signOff->findChildren<QPushButton*>(QStringLiteral("attendeeChip")))
        if (!chip->isChecked())
            QTest::mouseClick(chip, Qt::LeftButton);
    QTest::keyClicks(child<QPlainTextEdit>(signOff, "meetingNotesEdit"),
                     QStringLiteral("Next steps in every observation from now on. Photos of group play: check "
                                    "consent before tagging."));
    QTest::mouseClick(child<QPushButton>(signOff, "signOffButton"), Qt::LeftButton);
    check(show, QStringLiteral("presentation-signed-off"));
    m_size = laptop;
    show->end();
    QTRY_VERIFY(!meetings->presentation());
    check(m_window.get(), QStringLiteral("meeting-record-signed-off"));

    // A child's own journal on the projector.
    QString photographed;
    for (const Child& c : Children(*m_lock->session()).visible())
        if (photographed.isEmpty() && c.photoConsent != PhotoConsent::Yes
            && !JournalQuery(*m_lock->session()).mediaInJournalOf(c.id).isEmpty())
            photographed = c.id;
    QVERIFY(!photographed.isEmpty());
    PresentationWindow* journal = meetings->presentChildJournal(photographed);
    QVERIFY(journal);
    QVERIFY(QTest::qWaitForWindowExposed(journal));
    journal->showNormal();
    journal->resize(1024, 768); // an older projector
    QTRY_COMPARE(journal->size(), QSize(1024, 768));
    PresentationSlide* ownPhoto = nullptr;
    for (PresentationSlide* slide : journal->slides())
        if (!ownPhoto && !slide->photos()->photoLabels().isEmpty())
            ownPhoto = slide;
    QVERIFY(ownPhoto);
    journal->goTo(journal->slides().indexOf(ownPhoto) + 1);
    QTRY_VERIFY(ownPhoto->photos()->photoLabels().first()->property("photoShown").toBool());
    m_size = QSize(1024, 768);
    check(journal, QStringLiteral("presentation-child-journal"));
    m_size = laptop;
    journal->end();
    QTRY_VERIFY(!meetings->presentation());

    // The dashboards, each section.
    DashboardPage* dashboards = home->dashboardPage();
    QVERIFY(dashboards);
    home->tabs()->setCurrentWidget(dashboards);
    check(m_window.get(), QStringLiteral("dashboard-not-observed"));
    dashboards->showSection(DashboardPage::Section::PerChild);
    check(m_window.get(), QStringLiteral("dashboard-per-week"));
    dashboards->showSection(DashboardPage::Section::Areas);
    check(m_window.get(), QStringLiteral("dashboard-areas"));
    dashboards->showSection(DashboardPage::Section::PerPractitioner);
    check(m_window.get(), QStringLiteral("dashboard-practitioners"));
    dashboards->showSection(DashboardPage::Section::Turnaround);
    check(m_window.get(), QStringLiteral("dashboard-turnaround"));
}

QTEST_MAIN(TestUiLayout)
#include "tst_uilayout.moc"
