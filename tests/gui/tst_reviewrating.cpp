// The review queues beyond approving one item: the quality rating and review note, ticking several items to approve
// or return them at once, the filters, the "not yet reviewed" queue, and what a room leader is offered — driven
// through the real window by object name and checked against core.

#include "HomePage.h"
#include "MainWindow.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "journal/Observations.h"
#include "lock/LockController.h"
#include "review/RatingButtons.h"
#include "review/ReviewFilterBar.h"
#include "review/ReviewPage.h"
#include "review/Reviews.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTimeZone>

using namespace Acorn;
using Acorn::Test::child;
using Acorn::Test::JournalFixture;

class TestReviewRating final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testRatingAndNoteSaved();
    void testRatingKeysAndApproveWithRating();
    void testBulkApproveThreeTicked();
    void testBulkReturnTicked();
    void testFiltersNarrow();
    void testRoomLeaderSeesOnlyTheirRooms();

private:
    // Submitted by `author` about `children`, observed on `day` with `tags`; returns its id.
    QString submit(const QString& author, const QStringList& children, const QDate& day, const QStringList& tags = {});
    // Submitted, then approved by the manager: in the journal, not rated.
    QString publish(const QString& author, const QStringList& children, const QDate& day, const QStringList& tags = {});
    void signInAs(const QString& user);
    QStringList listedIds() const;

    std::unique_ptr<JournalFixture> m_f;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
    ReviewPage* m_page = nullptr;
};

void TestReviewRating::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestReviewRating::init()
{
    m_f = std::make_unique<JournalFixture>();
    QVERIFY(m_f->isValid());
}

void TestReviewRating::cleanup()
{
    m_page = nullptr;
    m_window.reset();
    m_lock.reset();
    m_f.reset();
}

QString TestReviewRating::submit(const QString& author, const QStringList& children, const QDate& day,
                                 const QStringList& tags)
{
    auto session = m_f->signIn(author);
    if (!session)
        return {};
    Observations observations(*session);
    auto draft = observations.createDraft(children, QDateTime(day, QTime(10, 0), QTimeZone::utc()));
    if (!draft)
        return {};
    Observation o = draft.value();
    o.text = QStringLiteral("Observed on %1.").arg(day.toString(Qt::ISODate));
    for (const QString& tag : tags)
        o.tags.append({QStringLiteral("eyfs-2024"), tag});
    if (!observations.saveDraft(o))
        return {};
    auto submitted = observations.submit(o.id);
    m_f->nursery().clock().advanceSecs(60); // in the order made
    return submitted && submitted.value() == ObservationStatus::Submitted ? o.id : QString();
}

QString TestReviewRating::publish(const QString& author, const QStringList& children, const QDate& day,
                                  const QStringList& tags)
{
    const QString id = submit(author, children, day, tags);
    auto mabel = m_f->signIn("mabel");
    return !id.isEmpty() && Observations(*mabel).approve(id) ? id : QString();
}

void TestReviewRating::signInAs(const QString& user)
{
    m_lock = std::make_unique<LockController>(m_f->nursery().dataDir(), m_f->nursery().clock());
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Test::submitSignIn(*m_window, user, QString::fromLatin1(JournalFixture::password()));
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    m_page = m_window->homePage()->reviewPage();
    QVERIFY(m_page);
    m_window->homePage()->tabs()->setCurrentWidget(m_page);
}

QStringList TestReviewRating::listedIds() const
{
    QStringList ids;
    for (int i = 0; i < m_page->list()->count(); ++i)
        if (const QString id = m_page->list()->item(i)->data(ReviewPage::ObservationIdRole).toString(); !id.isEmpty())
            ids << id;
    return ids;
}

void TestReviewRating::testRatingAndNoteSaved()
{
    const QString first = publish("pia", {m_f->ava}, QDate(2025, 12, 1));
    const QString second = publish("pia", {m_f->ben}, QDate(2025, 12, 2));
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    signInAs("rita");
    auto* queueButton = child<QPushButton>(m_page, "notReviewedQueueButton");
    QCOMPARE(queueButton->text(), QStringLiteral("Not yet reviewed (2)"));
    QTest::mouseClick(queueButton, Qt::LeftButton);
    QCOMPARE(m_page->queue(), ReviewPage::Queue::NotYetReviewed);
    QCOMPARE(listedIds(), (QStringList {second, first})); // newest first
    QVERIFY(m_page->selectObservation(first));

    // Nothing to save until a rating is chosen.
    auto* save = child<QPushButton>(m_page, "saveReviewButton");
    QVERIFY(save->isVisible());
    QVERIFY(!save->isEnabled());
    QVERIFY(!child<QPushButton>(m_page, "approveButton")->isVisible());
    const QString note = QStringLiteral("Clear and specific. Link the next step to what she did.");
    QTest::keyClicks(child<QPlainTextEdit>(m_page, "reviewNoteEdit"), note);
    auto* good = child<QPushButton>(m_page, "ratingButton3");
    QCOMPARE(good->text(), QStringLiteral("3  %1").arg(Reviews::ratingLabel(3)));
    QTest::mouseClick(good, Qt::LeftButton);
    QVERIFY(good->isChecked());
    QCOMPARE(m_page->ratingButtons()->rating(), 3);
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);

    const auto review = Reviews(*m_lock->session()).reviewOf(first);
    QVERIFY(review);
    QCOMPARE(review->rating, 3);
    QCOMPARE(review->note, note);
    QCOMPARE(review->reviewedBy, m_f->rita);
    QCOMPARE(Reviews(*m_lock->session()).reviewOf(second)->rating, 0); // the other one untouched
    QCOMPARE(listedIds(), QStringList {second});
    QCOMPARE(m_page->currentObservationId(), second);
    QCOMPARE(child<QLabel>(m_page, "reviewStatusLabel")->text(),
             QStringLiteral("Saved: the observation of Ava Testling is rated “Good”."));
    // The next one starts with no rating and an empty note.
    QCOMPARE(m_page->ratingButtons()->rating(), 0);
    QVERIFY(child<QPlainTextEdit>(m_page, "reviewNoteEdit")->toPlainText().isEmpty());

    // Keys: 1 then S, without touching the mouse.
    m_page->list()->setFocus();
    QTest::keyClick(m_page->list(), Qt::Key_1);
    QVERIFY(child<QPushButton>(m_page, "ratingButton1")->isChecked());
    QTest::keyClick(m_page->list(), Qt::Key_S);
    QCOMPARE(Reviews(*m_lock->session()).reviewOf(second)->rating, 1);
    QVERIFY(listedIds().isEmpty());
    QVERIFY(child<QLabel>(m_page, "reviewEmptyLabel")->isVisible());
}

void TestReviewRating::testRatingKeysAndApproveWithRating()
{
    const QString id = submit("pia", {m_f->ava}, QDate(2025, 12, 3));
    QVERIFY(!id.isEmpty());
    signInAs("rita");
    QCOMPARE(m_page->queue(), ReviewPage::Queue::AwaitingApproval);
    QVERIFY(m_page->selectObservation(id));
    m_page->list()->setFocus();
    QTest::keyClick(m_page->list(), Qt::Key_4);
    QVERIFY(child<QPushButton>(m_page, "ratingButton4")->isChecked());
    QTest::keyClick(m_page->list(), Qt::Key_2);
    QVERIFY(child<QPushButton>(m_page, "ratingButton2")->isChecked());
    QVERIFY(!child<QPushButton>(m_page, "ratingButton4")->isChecked());
    QCOMPARE(child<QPushButton>(m_page, "approveButton")->text(),
             QStringLiteral("Approve as “%1”").arg(Reviews::ratingLabel(2)));

    // Digits typed into the note are words, not ratings.
    auto* note = child<QPlainTextEdit>(m_page, "reviewNoteEdit");
    note->setFocus();
    QTest::keyClicks(note, QStringLiteral("Counted to 3"));
    QCOMPARE(note->toPlainText(), QStringLiteral("Counted to 3"));
    QCOMPARE(m_page->ratingButtons()->rating(), 2);

    m_page->list()->setFocus();
    QTest::keyClick(m_page->list(), Qt::Key_A);
    QCOMPARE(Observations(*m_lock->session()).byId(id)->status, ObservationStatus::Published);
    const auto review = Reviews(*m_lock->session()).reviewOf(id);
    QCOMPARE(review->rating, 2);
    QCOMPARE(review->note, QStringLiteral("Counted to 3"));
    QVERIFY(child<QLabel>(m_page, "reviewStatusLabel")->text().startsWith("Approved and rated “Adequate”"));
    // Rated as it was approved: not waiting in the other queue.
    QCOMPARE(child<QPushButton>(m_page, "notReviewedQueueButton")->text(), QStringLiteral("Not yet reviewed"));
}

void TestReviewRating::testBulkApproveThreeTicked()
{
    QStringList ids;
    for (int d = 1; d <= 4; ++d)
        ids << submit("pia", {d % 2 ? m_f->ava : m_f->ben}, QDate(2025, 12, d));
    QVERIFY(!ids.contains(QString()));
    signInAs("rita");
    QCOMPARE(listedIds(), ids);
    auto* bar = child<QWidget>(m_page, "reviewBulkBar");
    QVERIFY(!bar->isVisible());

    // Ticked by tapping the boxes (here: as a tap sets them) and by X on the current one.
    m_page->setTicked(ids[0], true);
    m_page->setTicked(ids[2], true);
    QVERIFY(m_page->selectObservation(ids[3]));
    m_page->list()->setFocus();
    QTest::keyClick(m_page->list(), Qt::Key_X);
    QCOMPARE(m_page->tickedIds(), (QStringList {ids[0], ids[2], ids[3]}));
    QVERIFY(bar->isVisible());
    QCOMPARE(child<QLabel>(m_page, "reviewTickedLabel")->text(), QStringLiteral("3 ticked"));
    auto* approve = child<QPushButton>(m_page, "approveTickedButton");
    QCOMPARE(approve->text(), QStringLiteral("Approve 3"));
    QTest::mouseClick(approve, Qt::LeftButton);

    Observations observations(*m_lock->session());
    QCOMPARE(observations.byId(ids[0])->status, ObservationStatus::Published);
    QCOMPARE(observations.byId(ids[2])->status, ObservationStatus::Published);
    QCOMPARE(observations.byId(ids[3])->status, ObservationStatus::Published);
    QCOMPARE(observations.byId(ids[1])->status, ObservationStatus::Submitted); // not ticked: still waiting
    QCOMPARE(listedIds(), QStringList {ids[1]});
    QVERIFY(m_page->tickedIds().isEmpty());
    QVERIFY(!bar->isVisible());
    QCOMPARE(child<QLabel>(m_page, "reviewStatusLabel")->text(),
             QStringLiteral("Approved 3: they are in the journals now."));
    QTabWidget* tabs = m_window->homePage()->tabs();
    QCOMPARE(tabs->tabText(tabs->indexOf(m_page)), QStringLiteral("Review (1)"));
}

void TestReviewRating::testBulkReturnTicked()
{
    const QString a = submit("pia", {m_f->ava}, QDate(2025, 12, 1));
    const QString b = submit("pia", {m_f->cal}, QDate(2025, 12, 2));
    const QString c = submit("pia", {m_f->ben}, QDate(2025, 12, 3));
    signInAs("mabel");
    m_page->setTicked(a, true);
    m_page->setTicked(b, true);
    auto* returnTicked = child<QPushButton>(m_page, "returnTickedButton");
    QCOMPARE(returnTicked->text(), QStringLiteral("Return 2\u2026"));
    QTest::mouseClick(returnTicked, Qt::LeftButton);
    QVERIFY(child<QWidget>(m_page, "feedbackPanel")->isVisible());
    QCOMPARE(child<QLabel>(m_page, "feedbackLabel")->text(),
             QStringLiteral("What should change in these 2? Each author will see this."));
    const QString feedback = QStringLiteral("Say what each child learned.");
    QTest::keyClicks(child<QPlainTextEdit>(m_page, "feedbackEdit"), feedback);
    QTest::mouseClick(child<QPushButton>(m_page, "sendFeedbackButton"), Qt::LeftButton);
    Observations observations(*m_lock->session());
    QCOMPARE(observations.load(a)->status, ObservationStatus::Returned);
    QCOMPARE(observations.load(a)->feedback, feedback);
    QCOMPARE(observations.load(b)->status, ObservationStatus::Returned);
    QCOMPARE(observations.load(c)->status, ObservationStatus::Submitted);
    QCOMPARE(listedIds(), QStringList {c});
}

void TestReviewRating::testFiltersNarrow()
{
    // Seedlings: Pia about Ava (speaking) and Ben (fine motor), Rita about Cal (speaking); Saplings: Sam about Dot.
    const QString piaAva = publish("pia", {m_f->ava}, QDate(2025, 11, 3), {"eyfs.cl.speaking"});
    const QString piaBen = publish("pia", {m_f->ben}, QDate(2025, 11, 20), {"eyfs.pd.fine-motor"});
    const QString ritaCal = publish("rita", {m_f->cal}, QDate(2025, 12, 8), {"eyfs.cl.speaking"});
    const QString samDot = publish("sam", {m_f->dot}, QDate(2025, 12, 9), {"eyfs.maths.number"});
    const QString waiting = submit("sam", {m_f->dot}, QDate(2025, 12, 10), {"eyfs.maths.number"});
    QVERIFY(!piaAva.isEmpty() && !piaBen.isEmpty() && !ritaCal.isEmpty() && !samDot.isEmpty() && !waiting.isEmpty());
    signInAs("mabel");
    m_page->setQueue(ReviewPage::Queue::NotYetReviewed);
    QCOMPARE(listedIds(), (QStringList {samDot, ritaCal, piaBen, piaAva}));

    ReviewFilterBar* bar = m_page->filterBar();
    QVERIFY(!bar->isVisible()); // behind a button until wanted
    auto* filters = child<QPushButton>(m_page, "reviewFiltersButton");
    QTest::mouseClick(filters, Qt::LeftButton);
    QVERIFY(bar->isVisible());
    const auto choose = [](QComboBox* combo, const QString& id) {
        const int index = combo->findData(id);
        QVERIFY(index > 0);
        combo->setCurrentIndex(index);
    };
    QVERIFY(bar->roomCombo()->isVisible()); // a manager sees both rooms
    choose(bar->roomCombo(), m_f->seedlings);
    QCOMPARE(listedIds(), (QStringList {ritaCal, piaBen, piaAva}));
    QVERIFY(child<QPushButton>(bar, "reviewClearFiltersButton")->isVisible());
    choose(bar->staffCombo(), m_f->pia);
    QCOMPARE(listedIds(), (QStringList {piaBen, piaAva}));
    choose(bar->childCombo(), m_f->ben);
    QCOMPARE(listedIds(), QStringList {piaBen});
    // Hidden again, the filters still work, and the button says how many.
    QTest::mouseClick(filters, Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    QCOMPARE(listedIds(), QStringList {piaBen});
    QCOMPARE(filters->text(), QStringLiteral("Filters (3)"));
    bar->clear();
    QCOMPARE(listedIds().size(), 4);
    choose(bar->areaCombo(), QStringLiteral("eyfs.cl"));
    QCOMPARE(listedIds(), (QStringList {ritaCal, piaAva}));
    bar->setPeriod(QDate(2025, 11, 1), QDate(2025, 11, 30));
    QCOMPARE(listedIds(), QStringList {piaAva});
    // The queue button still counts everything.
    QCOMPARE(child<QPushButton>(m_page, "notReviewedQueueButton")->text(), QStringLiteral("Not yet reviewed (4)"));

    // The same filter narrows what awaits approval.
    bar->clear();
    choose(bar->roomCombo(), m_f->saplings);
    m_page->setQueue(ReviewPage::Queue::AwaitingApproval);
    QCOMPARE(listedIds(), QStringList {waiting});
    choose(bar->roomCombo(), m_f->seedlings);
    QVERIFY(listedIds().isEmpty());
    QCOMPARE(child<QLabel>(m_page, "reviewEmptyLabel")->text(),
             QStringLiteral("Nothing waiting for approval matches the filter."));
}

void TestReviewRating::testRoomLeaderSeesOnlyTheirRooms()
{
    const QString ava = publish("pia", {m_f->ava}, QDate(2025, 12, 1));
    const QString dot = publish("sam", {m_f->dot}, QDate(2025, 12, 2));
    const QString dotWaiting = submit("sam", {m_f->dot}, QDate(2025, 12, 3));
    QVERIFY(!ava.isEmpty() && !dot.isEmpty() && !dotWaiting.isEmpty());
    signInAs("rita");
    QVERIFY(listedIds().isEmpty()); // Sam's in Saplings is not hers to approve
    m_page->setQueue(ReviewPage::Queue::NotYetReviewed);
    QCOMPARE(listedIds(), QStringList {ava});
    ReviewFilterBar* bar = m_page->filterBar();
    QTest::mouseClick(child<QPushButton>(m_page, "reviewFiltersButton"), Qt::LeftButton);
    QVERIFY(bar->isVisible() && bar->staffCombo()->isVisible());
    QVERIFY(!bar->roomCombo()->isVisible()); // one room: nothing to choose
    QVERIFY(bar->childCombo()->findData(m_f->dot) < 0);
    QVERIFY(bar->childCombo()->findData(m_f->ava) > 0);
    QVERIFY(bar->staffCombo()->findData(m_f->sam) < 0);
    QVERIFY(bar->staffCombo()->findData(m_f->pia) > 0);
}

QTEST_MAIN(TestReviewRating)
#include "tst_reviewrating.moc"
