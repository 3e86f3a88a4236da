// Staff meetings: choosing observations (latest two per practitioner) into a meeting record, presenting it full
// screen with the keys, outcomes and sign-off saved, photo consent while presenting (a meeting shows a photo only if
// every journal could; a child's own journal shows their photos), and a lock ending the presentation.

#include "HomePage.h"
#include "MainWindow.h"
#include "SignInPage.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "demo/DemoPictures.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "lock/LockController.h"
#include "meeting/MeetingRecordPanel.h"
#include "meeting/MeetingSetupPanel.h"
#include "meeting/MeetingSignOffForm.h"
#include "meeting/MeetingsPage.h"
#include "meeting/PresentationSlide.h"
#include "meeting/PresentationWindow.h"
#include "meeting/SlidePhotos.h"
#include "meeting/StaffChips.h"
#include "review/Meetings.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QApplication>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Acorn;
using Acorn::Test::child;
using Acorn::Test::JournalFixture;

class TestMeetingMode final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testSampleLatestTwoPerPractitionerCreatesRecord();
    void testPresentMovesWithKeysAndSavesOutcomes();
    void testSignOffMakesRecordReadOnly();
    void testRoomLeaderCannotSignOff();
    void testPhotoWithoutConsentOnlyInOwnJournalPresentation();
    void testLockEndsPresentation();

private:
    // Published by `author` about `children` on `day`, with a photo in which `inPhoto` appear (if any).
    QString publish(const QString& author, const QStringList& children, const QDate& day,
                    const QStringList& inPhoto = {});
    QString createMeeting(const QStringList& observationIds);
    void signInAs(const QString& user);
    PresentationWindow* present(const QString& meetingId);

    std::unique_ptr<JournalFixture> m_f;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
    MeetingsPage* m_page = nullptr;
    QTemporaryDir m_files;
    int m_pictures = 0;
};

void TestMeetingMode::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
    QVERIFY(m_files.isValid());
}

void TestMeetingMode::init()
{
    m_f = std::make_unique<JournalFixture>();
    QVERIFY(m_f->isValid());
}

void TestMeetingMode::cleanup()
{
    m_page = nullptr;
    m_window.reset();
    m_lock.reset();
    m_f.reset();
}

QString TestMeetingMode::publish(const QString& author, const QStringList& children, const QDate& day,
                                 const QStringList& inPhoto)
{
    QString id;
    {
        auto session = m_f->signIn(author);
        Observations observations(*session);
        auto draft = observations.createDraft(children, QDateTime(day, QTime(10, 0), QTimeZone::utc()));
        if (!draft)
            return {};
        Observation o = draft.value();
        o.text = QStringLiteral("Built a tall tower on %1.").arg(day.toString(Qt::ISODate));
        o.nextSteps = QStringLiteral("Offer bigger blocks.");
        o.tags = {{QStringLiteral("eyfs-2024"), QStringLiteral("eyfs.maths.number")}};
        if (!observations.saveDraft(o))
            return {};
        if (!inPhoto.isEmpty()) {
            const QString path = m_files.filePath(QStringLiteral("photo%1.jpg").arg(++m_pictures));
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(DemoPictures::make(m_pictures % 4, 7, 640, 480)) <= 0)
                return {};
            file.close();
            if (!ObservationMedia(*session).attachFile(o.id, path, inPhoto))
                return {};
        }
        if (!observations.submit(o.id))
            return {};
        id = o.id;
    }
    auto mabel = m_f->signIn("mabel");
    return Observations(*mabel).approve(id) ? id : QString();
}

QString TestMeetingMode::createMeeting(const QStringList& observationIds)
{
    auto mabel = m_f->signIn("mabel");
    Meetings meetings(*mabel);
    auto meeting = meetings.create(QDate(2026, 1, 5), QStringLiteral("January staff meeting"), {m_f->mabel});
    if (!meeting || !meetings.setItems(meeting.value().id, observationIds))
        return {};
    return meeting.value().id;
}

void TestMeetingMode::signInAs(const QString& user)
{
    m_lock = std::make_unique<LockController>(m_f->nursery().dataDir(), m_f->nursery().clock());
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_lock->setPrimaryWindow(m_window.get());
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Test::submitSignIn(*m_window, user, QString::fromLatin1(JournalFixture::password()));
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    m_page = m_window->homePage()->meetingsPage();
    QVERIFY(m_page);
    m_window->homePage()->tabs()->setCurrentWidget(m_page);
}

PresentationWindow* TestMeetingMode::present(const QString& meetingId)
{
    m_page->openMeeting(meetingId);
    QTest::mouseClick(m_page->recordPanel()->presentButton(), Qt::LeftButton);
    PresentationWindow* window = m_page->presentation();
    if (window && !QTest::qWaitForWindowExposed(window))
        return nullptr;
    return window;
}

void TestMeetingMode::testSampleLatestTwoPerPractitionerCreatesRecord()
{
    QStringList pias;
    QStringList sams;
    for (int d = 1; d <= 3; ++d) {
        pias << publish("pia", {m_f->ava}, QDate(2025, 12, d));
        sams << publish("sam", {m_f->dot}, QDate(2025, 12, 10 + d));
    }
    QVERIFY(!pias.contains(QString()) && !sams.contains(QString()));
    const QString outside = publish("pia", {m_f->ben}, QDate(2025, 10, 1)); // before the period
    QVERIFY(!outside.isEmpty());
    signInAs("mabel");
    QTest::mouseClick(child<QPushButton>(m_page, "newMeetingButton"), Qt::LeftButton);
    MeetingSetupPanel* setup = m_page->setupPanel();
    QVERIFY(setup->isVisible());
    setup->fromDateEdit()->setDate(QDate(2025, 11, 15));
    setup->toDateEdit()->setDate(QDate(2025, 12, 31));
    QTest::mouseClick(child<QPushButton>(setup, "sampleLatestButton"), Qt::LeftButton);
    setup->perPractitionerSpinBox()->setValue(2);
    // The two latest of each: Pia's 3rd and 2nd, Sam's 13th and 12th of December.
    const QStringList expected {pias[2], pias[1], sams[2], sams[1]};
    QCOMPARE(setup->tickedObservationIds(), expected);
    QCOMPARE(setup->candidateList()->count(), 4);
    QCOMPARE(child<QLabel>(setup, "chosenCountLabel")->text(), QStringLiteral("4 observations chosen"));
    setup->titleEdit()->setText(QStringLiteral("December review"));
    // Pia is at the meeting too.
    QTest::mouseClick(setup->attendeeChips()->chip(m_f->pia), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(setup, "createMeetingButton"), Qt::LeftButton);

    const QList<Meeting> all = Meetings(*m_lock->session()).all();
    QCOMPARE(all.size(), 1);
    const Meeting& meeting = all.first();
    QCOMPARE(meeting.title, QStringLiteral("December review"));
    QCOMPARE(meeting.heldOn, m_f->nursery().clock().now().date());
    QCOMPARE(meeting.attendeeIds, (QStringList {m_f->mabel, m_f->pia}));
    QStringList items;
    for (const MeetingItem& item : meeting.items)
        items << item.observationId;
    QCOMPARE(items, expected);
    // Its record is open, and it is in the list of meetings.
    QVERIFY(m_page->recordPanel()->isVisible());
    QCOMPARE(m_page->recordPanel()->meetingId(), meeting.id);
    QCOMPARE(m_page->recordPanel()->itemsList()->count(), 4);
    QCOMPARE(m_page->meetingsList()->count(), 1);

    // By hand: nothing is ticked until someone ticks it.
    QTest::mouseClick(child<QPushButton>(m_page, "newMeetingButton"), Qt::LeftButton);
    setup->fromDateEdit()->setDate(QDate(2025, 11, 15));
    QTest::mouseClick(child<QPushButton>(setup, "pickByHandButton"), Qt::LeftButton);
    QCOMPARE(setup->candidateList()->count(), 6);
    QVERIFY(setup->tickedObservationIds().isEmpty());
    QTest::mouseClick(child<QPushButton>(setup, "createMeetingButton"), Qt::LeftButton);
    QCOMPARE(child<QLabel>(setup, "meetingSetupErrorLabel")->text(),
             QStringLiteral("Tick at least one observation to talk about."));
    QCOMPARE(Meetings(*m_lock->session()).all().size(), 1);
}

void TestMeetingMode::testPresentMovesWithKeysAndSavesOutcomes()
{
    const QString a = publish("pia", {m_f->ava}, QDate(2025, 12, 1));
    const QString b = publish("sam", {m_f->dot}, QDate(2025, 12, 2));
    const QString meetingId = createMeeting({a, b});
    QVERIFY(!meetingId.isEmpty());
    signInAs("mabel");
    PresentationWindow* window = present(meetingId);
    QVERIFY(window);
    QVERIFY(window->isFullScreen());
    QVERIFY(window->isActiveWindow() || QApplication::activeWindow() == window);
    QCOMPARE(window->slideCount(), 4); // title, two observations, closing
    QCOMPARE(window->currentIndex(), 0);
    QCOMPARE(window->counterLabel()->text(), QStringLiteral("1 / 4"));
    QVERIFY(window->font().pointSize() >= 24);

    QTest::keyClick(window, Qt::Key_Right);
    QCOMPARE(window->currentIndex(), 1);
    QCOMPARE(window->currentSlide()->observationId(), a);
    QCOMPARE(window->counterLabel()->text(), QStringLiteral("2 / 4"));
    QTest::keyClick(window, Qt::Key_Left);
    QCOMPARE(window->currentIndex(), 0);
    QTest::keyClick(window, Qt::Key_Left); // the start: stays
    QCOMPARE(window->currentIndex(), 0);
    QTest::keyClick(window, Qt::Key_Space);
    QCOMPARE(window->currentIndex(), 1);
    // Large type on the slide.
    QVERIFY(child<QLabel>(window->currentSlide(), "slideTextLabel")->font().pointSizeF() >= 24);
    QVERIFY(child<QLabel>(window->currentSlide(), "slideChildrenLabel")->text().contains("Ava Testling"));

    // Typing an outcome: arrows are the text's while the box has the keyboard.
    QPlainTextEdit* outcome = window->currentSlide()->outcomeEdit();
    QVERIFY(outcome->isVisible() && !outcome->isReadOnly());
    outcome->setFocus();
    QTRY_VERIFY(outcome->hasFocus());
    QTest::keyClicks(outcome, QStringLiteral("Good example: share it"));
    QTest::keyClick(outcome, Qt::Key_Left);
    QCOMPARE(window->currentIndex(), 1);
    QCOMPARE(outcome->toPlainText(), QStringLiteral("Good example: share it"));
    // Esc leaves the box (and saves); then → moves on.
    QTest::keyClick(outcome, Qt::Key_Escape);
    QVERIFY(window->isVisible());
    QVERIFY(!outcome->hasFocus());
    QTest::keyClick(window, Qt::Key_Right);
    QCOMPARE(window->currentIndex(), 2);
    QCOMPARE(Meetings(*m_lock->session()).byId(meetingId)->items[0].outcome, QStringLiteral("Good example: share it"));

    // On the next slide the outcome is saved by itself after a pause; PageDown moves even from inside the box.
    QPlainTextEdit* second = window->currentSlide()->outcomeEdit();
    second->setFocus();
    QTRY_VERIFY(second->hasFocus());
    QTest::keyClicks(second, QStringLiteral("Add next steps"));
    QTRY_COMPARE(Meetings(*m_lock->session()).byId(meetingId)->items[1].outcome, QStringLiteral("Add next steps"));
    QTest::keyClick(second, Qt::Key_PageDown);
    QCOMPARE(window->currentIndex(), 3); // the closing screen
    QVERIFY(window->signOffForm()->isVisible());
    QTest::keyClick(window, Qt::Key_Right); // the end: stays
    QCOMPARE(window->currentIndex(), 3);

    // Esc ends it; the record shows the outcomes.
    QPointer<PresentationWindow> guard(window);
    QTest::keyClick(window, Qt::Key_Escape);
    QTRY_VERIFY(!guard);
    QVERIFY(!m_page->presentation());
    const QListWidget* items = m_page->recordPanel()->itemsList();
    QVERIFY(items->item(0)->text().contains("Outcome: Good example: share it"));
    QVERIFY(items->item(1)->text().contains("Outcome: Add next steps"));
}

void TestMeetingMode::testSignOffMakesRecordReadOnly()
{
    const QString a = publish("pia", {m_f->ava}, QDate(2025, 12, 1));
    const QString meetingId = createMeeting({a});
    QVERIFY(!meetingId.isEmpty());
    signInAs("mabel");
    PresentationWindow* window = present(meetingId);
    QVERIFY(window);
    QTest::keyClick(window, Qt::Key_End);
    MeetingSignOffForm* form = window->signOffForm();
    QVERIFY(form->isVisible());
    QTest::mouseClick(form->attendeeChips()->chip(m_f->pia), Qt::LeftButton);
    QTest::mouseClick(form->attendeeChips()->chip(m_f->rita), Qt::LeftButton);
    form->notesEdit()->setFocus();
    QTest::keyClicks(form->notesEdit(), QStringLiteral("Agreed: photos with every observation."));
    QVERIFY(form->signOffButton()->isEnabled());
    QTest::mouseClick(form->signOffButton(), Qt::LeftButton);

    const auto meeting = Meetings(*m_lock->session()).byId(meetingId);
    QVERIFY(meeting->isSignedOff());
    QCOMPARE(meeting->signedOffBy, m_f->mabel);
    QCOMPARE(meeting->notes, QStringLiteral("Agreed: photos with every observation."));
    QCOMPARE(meeting->attendeeIds, (QStringList {m_f->mabel, m_f->pia, m_f->rita}));
    // Read-only from now on: the form, the outcomes, and core itself.
    QVERIFY(form->notesEdit()->isReadOnly());
    QVERIFY(!form->signOffButton()->isVisible());
    QVERIFY(!form->attendeeChips()->isEnabled());
    QVERIFY(child<QLabel>(form, "signedOffLabel")->text().startsWith("Signed off by Mabel Quince"));
    QVERIFY(window->slides().first()->outcomeEdit()->isReadOnly());
    QCOMPARE(Meetings(*m_lock->session()).setOutcome(meetingId, a, QStringLiteral("later")).code(),
             Error::Code::InvalidInput);

    QTest::keyClick(window, Qt::Key_Escape);
    QTRY_VERIFY(!m_page->presentation());
    // The record page says so, and a new presentation of it cannot change it either.
    MeetingSignOffForm* recordForm = m_page->recordPanel()->signOffForm();
    QVERIFY(recordForm->isReadOnly());
    QVERIFY(recordForm->notesEdit()->isReadOnly());
    QVERIFY(!recordForm->signOffButton()->isVisible());
    QVERIFY(m_page->meetingsList()->item(0)->text().contains("signed off"));
    PresentationWindow* again = present(meetingId);
    QVERIFY(again);
    QTest::keyClick(again, Qt::Key_Right);
    QVERIFY(again->currentSlide()->outcomeEdit()->isReadOnly());
    again->end();
}

void TestMeetingMode::testRoomLeaderCannotSignOff()
{
    const QString a = publish("pia", {m_f->ava}, QDate(2025, 12, 1));
    QString meetingId;
    {
        auto rita = m_f->signIn("rita");
        auto meeting = Meetings(*rita).create(QDate(2026, 1, 5), QStringLiteral("Seedlings"), {m_f->rita});
        QVERIFY(meeting && Meetings(*rita).setItems(meeting.value().id, {a}));
        meetingId = meeting.value().id;
    }
    signInAs("rita");
    m_page->openMeeting(meetingId);
    MeetingSignOffForm* form = m_page->recordPanel()->signOffForm();
    QVERIFY(form->signOffButton()->isVisible());
    QVERIFY(!form->signOffButton()->isEnabled());
    QCOMPARE(child<QLabel>(form, "signOffHintLabel")->text(), QStringLiteral("A manager signs off the record."));
}

void TestMeetingMode::testPhotoWithoutConsentOnlyInOwnJournalPresentation()
{
    // Ben has no photo consent; Ava has.
    const QString ofBen = publish("pia", {m_f->ben}, QDate(2025, 12, 1), {m_f->ben});
    const QString ofAva = publish("pia", {m_f->ava}, QDate(2025, 12, 2), {m_f->ava});
    const QString together = publish("pia", {m_f->ava}, QDate(2025, 12, 3), {m_f->ava, m_f->ben});
    QVERIFY(!ofBen.isEmpty() && !ofAva.isEmpty() && !together.isEmpty());
    const QString meetingId = createMeeting({ofBen, ofAva, together});
    QVERIFY(!meetingId.isEmpty());
    signInAs("mabel");

    // The meeting belongs to no one child: Ben's photo is left out, and the room is told why; Ava's is shown.
    PresentationWindow* window = present(meetingId);
    QVERIFY(window);
    window->goTo(1);
    PresentationSlide* benSlide = window->currentSlide();
    QCOMPARE(benSlide->observationId(), ofBen);
    QVERIFY(benSlide->mediaIds().isEmpty());
    QVERIFY(benSlide->findChildren<QLabel*>(QStringLiteral("presentationPhoto")).isEmpty());
    auto* hidden = child<QLabel>(benSlide, "hiddenMediaLabel");
    QVERIFY(hidden && hidden->isVisible());
    QVERIFY(hidden->text().contains("no photo consent"));
    window->goTo(2);
    PresentationSlide* avaSlide = window->currentSlide();
    QCOMPARE(avaSlide->observationId(), ofAva);
    QCOMPARE(avaSlide->photos()->photoLabels().size(), 1);
    QTRY_VERIFY(avaSlide->photos()->photoLabels().first()->property("photoShown").toBool());
    QVERIFY(!avaSlide->photos()->photoLabels().first()->pixmap().isNull());
    window->goTo(3);
    QCOMPARE(window->currentSlide()->observationId(), together);
    QVERIFY(window->currentSlide()->mediaIds().isEmpty()); // Ben is in it too
    window->end();
    QTRY_VERIFY(!m_page->presentation());

    // Ben's own journal shows his photo.
    PresentationWindow* bens = m_page->presentChildJournal(m_f->ben);
    QVERIFY(bens);
    QVERIFY(QTest::qWaitForWindowExposed(bens));
    QVERIFY(bens->isFullScreen());
    QCOMPARE(bens->slides().size(), 1);
    QTest::keyClick(bens, Qt::Key_Right);
    PresentationSlide* own = bens->currentSlide();
    QCOMPARE(own->observationId(), ofBen);
    QCOMPARE(own->mediaIds().size(), 1);
    QVERIFY(!own->hasOutcome()); // a journal, not a meeting
    QTRY_VERIFY(own->photos()->photoLabels().first()->property("photoShown").toBool());
    QVERIFY(!own->photos()->photoLabels().first()->pixmap().isNull());
    bens->end();
    QTRY_VERIFY(!m_page->presentation());

    // Ava's journal: her own photo, but not the one with Ben in it.
    PresentationWindow* avas = m_page->presentChildJournal(m_f->ava);
    QVERIFY(avas);
    QCOMPARE(avas->slides().size(), 2);
    for (PresentationSlide* slide : avas->slides()) {
        if (slide->observationId() == together)
            QVERIFY(slide->mediaIds().isEmpty());
        else
            QCOMPARE(slide->mediaIds().size(), 1);
    }
    avas->end();
}

void TestMeetingMode::testLockEndsPresentation()
{
    const QString a = publish("pia", {m_f->ava}, QDate(2025, 12, 1), {m_f->ava});
    const QString meetingId = createMeeting({a});
    QVERIFY(!meetingId.isEmpty());
    signInAs("mabel");
    QPointer<PresentationWindow> window = present(meetingId);
    QVERIFY(window);
    QVERIFY(window->isVisible() && window->isFullScreen());
    QTest::keyClick(window, Qt::Key_Right);
    QTRY_VERIFY(window->currentSlide()->photos()->photoLabels().first()->property("photoShown").toBool());
    // Typed just before the lock, before the pause that would save it.
    window->currentSlide()->outcomeEdit()->setFocus();
    QTest::keyClicks(window->currentSlide()->outcomeEdit(), QStringLiteral("Typed as the lock came"));

    m_lock->lock();
    QVERIFY(!window || !window->isVisible());
    QTRY_VERIFY(!window); // ended and gone, its pictures with it
    for (QWidget* top : QApplication::topLevelWidgets())
        QVERIFY2(top == m_window.get() || !top->isVisible(), qPrintable(top->objectName()));
    QCOMPARE(m_window->currentPage(), m_window->signInPage());

    // What was typed was saved as the lock came.
    auto mabel = m_f->signIn("mabel");
    QCOMPARE(Meetings(*mabel).byId(meetingId)->items[0].outcome, QStringLiteral("Typed as the lock came"));
}

QTEST_MAIN(TestMeetingMode)
#include "tst_meetingmode.moc"
