// The approval queue: what a room leader sees from their rooms' staff and from home, and what approving, returning
// and declining store — driven through the real window by object name, checked against core.

#include "HomePage.h"
#include "MainWindow.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "journal/Contributions.h"
#include "journal/Observations.h"
#include "lock/LockController.h"
#include "people/Guardians.h"
#include "review/ReviewPage.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QUuid>

using namespace Acorn;
using Acorn::Test::child;
using Acorn::Test::JournalFixture;

class TestReviewQueue final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testSubmittedObservationAppearsForRoomLeader();
    void testApprovePublishes();
    void testReturnNeedsFeedbackAndAuthorSeesIt();
    void testContributionDeclineNeedsReason();
    void testContributionApproved();
    void testKeyboard();
    void testRefreshesWhenShown();
    void testPractitionerHasNoApprovalTab();

private:
    // Submitted by `author` (through core, as the journal's editor would) about `childId`; returns its id.
    QString submitObservation(const QString& author, const QString& childId, const QString& text);
    QString receiveContribution(const QString& childId, const QString& text);
    void signInAs(const QString& user);
    int itemCount() const;

    std::unique_ptr<JournalFixture> m_f;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
    ReviewPage* m_page = nullptr;
};

void TestReviewQueue::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestReviewQueue::init()
{
    m_f = std::make_unique<JournalFixture>();
    QVERIFY(m_f->isValid());
}

void TestReviewQueue::cleanup()
{
    m_page = nullptr;
    m_window.reset();
    m_lock.reset();
    m_f.reset();
}

QString TestReviewQueue::submitObservation(const QString& author, const QString& childId, const QString& text)
{
    auto session = m_f->signIn(author);
    if (!session)
        return {};
    Observations observations(*session);
    auto draft = observations.createDraft({childId});
    if (!draft)
        return {};
    Observation o = draft.value();
    o.text = text;
    o.nextSteps = QStringLiteral("Offer more of the same.");
    if (!observations.saveDraft(o))
        return {};
    auto submitted = observations.submit(o.id);
    session->end(Session::EndReason::SignOut);
    return submitted && submitted.value() == ObservationStatus::Submitted ? o.id : QString();
}

QString TestReviewQueue::receiveContribution(const QString& childId, const QString& text)
{
    auto session = m_f->signIn("mabel");
    if (!session)
        return {};
    Guardians guardians(*session);
    auto guardian = guardians.create(QStringLiteral("Hattie Testling"), {});
    if (!guardian || !guardians.link(guardian.value().id, childId, QStringLiteral("mother"))
        || !guardians.recordAgreement(guardian.value().id, QStringLiteral("Hattie Testling")))
        return {};
    Contributions::Input in;
    in.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    in.guardianId = guardian.value().id;
    in.childIds = {childId};
    in.observedAt = m_f->nursery().clock().now().addDays(-1);
    in.text = text;
    auto received = Contributions(*session).receive(in);
    session->end(Session::EndReason::SignOut);
    return received ? received.value().id : QString();
}

void TestReviewQueue::signInAs(const QString& user)
{
    m_lock = std::make_unique<LockController>(m_f->nursery().dataDir(), m_f->nursery().clock());
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Test::submitSignIn(*m_window, user, QString::fromLatin1(JournalFixture::password()));
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    m_page = m_window->homePage()->reviewPage();
    if (m_page)
        m_window->homePage()->tabs()->setCurrentWidget(m_page);
}

int TestReviewQueue::itemCount() const
{
    int n = 0;
    for (int i = 0; i < m_page->list()->count(); ++i)
        n += m_page->list()->item(i)->data(ReviewPage::ObservationIdRole).toString().isEmpty() ? 0 : 1;
    return n;
}

void TestReviewQueue::testSubmittedObservationAppearsForRoomLeader()
{
    const QString pias = submitObservation("pia", m_f->ava, QStringLiteral("Ava counted the ducks: five!"));
    const QString sams = submitObservation("sam", m_f->dot, QStringLiteral("Dot climbed the frame."));
    QVERIFY(!pias.isEmpty() && !sams.isEmpty());
    signInAs("rita");
    QVERIFY(m_page);
    QTabWidget* tabs = m_window->homePage()->tabs();
    QCOMPARE(tabs->tabText(tabs->indexOf(m_page)), QStringLiteral("Review (1)"));
    // Rita leads Seedlings: Pia's observation of Ava, not Sam's of Dot in Saplings.
    QCOMPARE(itemCount(), 1);
    QCOMPARE(m_page->currentObservationId(), pias);
    QCOMPARE(child<QLabel>(m_page, "reviewChildrenLabel")->text(), QStringLiteral("Ava Testling"));
    QVERIFY(child<QLabel>(m_page, "reviewMetaLabel")->text().contains("by Pia Nettle"));
    QVERIFY(child<QTextBrowser>(m_page, "reviewTextView")->toPlainText().contains("Ava counted the ducks: five!"));
    QVERIFY(child<QTextBrowser>(m_page, "reviewTextView")->toPlainText().contains("Offer more of the same."));
    QVERIFY(!m_page->selectObservation(sams));
}

void TestReviewQueue::testApprovePublishes()
{
    const QString id = submitObservation("pia", m_f->ava, QStringLiteral("Ava sorted the buttons by colour."));
    QVERIFY(!id.isEmpty());
    signInAs("rita");
    QVERIFY(m_page->selectObservation(id));
    QTest::mouseClick(child<QPushButton>(m_page, "approveButton"), Qt::LeftButton);
    const auto o = Observations(*m_lock->session()).byId(id);
    QCOMPARE(o->status, ObservationStatus::Published);
    QCOMPARE(o->reviewedBy, m_f->rita);
    QCOMPARE(itemCount(), 0);
    QTabWidget* tabs = m_window->homePage()->tabs();
    QCOMPARE(tabs->tabText(tabs->indexOf(m_page)), QStringLiteral("Review"));
    QVERIFY(child<QLabel>(m_page, "reviewStatusLabel")->text().startsWith("Approved"));
    QVERIFY(child<QLabel>(m_page, "reviewEmptyLabel")->isVisible());
}

void TestReviewQueue::testReturnNeedsFeedbackAndAuthorSeesIt()
{
    const QString id = submitObservation("pia", m_f->ava, QStringLiteral("Ava played."));
    QVERIFY(!id.isEmpty());
    signInAs("rita");
    QVERIFY(m_page->selectObservation(id));
    auto* feedbackButton = child<QPushButton>(m_page, "feedbackButton");
    QCOMPARE(feedbackButton->text(), QStringLiteral("Return with feedback\u2026"));
    QTest::mouseClick(feedbackButton, Qt::LeftButton);
    auto* panel = child<QWidget>(m_page, "feedbackPanel");
    QVERIFY(panel->isVisible());
    QCOMPARE(child<QLabel>(m_page, "feedbackLabel")->text(),
             QStringLiteral("What should Pia Nettle change? They will see this."));

    // Nothing typed: core refuses and says why; nothing changes.
    auto* send = child<QPushButton>(m_page, "sendFeedbackButton");
    QTest::mouseClick(send, Qt::LeftButton);
    auto* error = child<QLabel>(m_page, "reviewErrorLabel");
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("Say what should change, so the author knows what to do."));
    QCOMPARE(Observations(*m_lock->session()).byId(id)->status, ObservationStatus::Submitted);
    QCOMPARE(itemCount(), 1);

    const QString feedback = QStringLiteral("Please say what Ava learned while playing.");
    QTest::keyClicks(child<QPlainTextEdit>(m_page, "feedbackEdit"), feedback);
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(Observations(*m_lock->session()).byId(id)->status, ObservationStatus::Returned);
    QVERIFY(!error->isVisible());
    QCOMPARE(itemCount(), 0);
    QCOMPARE(child<QLabel>(m_page, "reviewStatusLabel")->text(),
             QStringLiteral("Returned to Pia Nettle with your feedback."));

    // The author finds it among their own to work on, with the feedback.
    m_lock->signOut();
    auto pia = m_f->signIn("pia");
    QVERIFY(pia);
    const auto mine = Observations(*pia).myDrafts();
    const auto it = std::find_if(mine.cbegin(), mine.cend(), [&](const Observation& o) { return o.id == id; });
    QVERIFY(it != mine.cend());
    QCOMPARE(it->status, ObservationStatus::Returned);
    QCOMPARE(it->feedback, feedback);
}

void TestReviewQueue::testContributionDeclineNeedsReason()
{
    const QString id = receiveContribution(m_f->ava, QStringLiteral("We baked bread at the weekend."));
    QVERIFY(!id.isEmpty());
    signInAs("rita");
    QTabWidget* tabs = m_window->homePage()->tabs();
    QCOMPARE(tabs->tabText(tabs->indexOf(m_page)), QStringLiteral("Review (1)"));
    QVERIFY(m_page->selectObservation(id));
    QCOMPARE(child<QLabel>(m_page, "reviewKindLabel")->text(), QStringLiteral("From home"));
    QVERIFY(child<QLabel>(m_page, "reviewMetaLabel")->text().startsWith("Sent by Hattie Testling (mother)"));
    QVERIFY(child<QTextBrowser>(m_page, "reviewTextView")->toPlainText().contains("We baked bread"));

    auto* decline = child<QPushButton>(m_page, "feedbackButton");
    QCOMPARE(decline->text(), QStringLiteral("Decline\u2026"));
    QTest::mouseClick(decline, Qt::LeftButton);
    QCOMPARE(child<QLabel>(m_page, "feedbackLabel")->text(),
             QStringLiteral("Why is it declined? The family will see this reason."));
    auto* send = child<QPushButton>(m_page, "sendFeedbackButton");
    QTest::keyClicks(child<QPlainTextEdit>(m_page, "feedbackEdit"), QStringLiteral("   "));
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(child<QLabel>(m_page, "reviewErrorLabel")->text(),
             QStringLiteral("Give the family a reason; they will see it."));
    QCOMPARE(Observations(*m_lock->session()).load(id)->status, ObservationStatus::Pending);

    const QString reason = QStringLiteral("Photos of other families' children cannot go in the journal.");
    child<QPlainTextEdit>(m_page, "feedbackEdit")->setPlainText(reason);
    QTest::mouseClick(send, Qt::LeftButton);
    const auto o = Observations(*m_lock->session()).load(id);
    QCOMPARE(o->status, ObservationStatus::Declined);
    QCOMPARE(o->feedback, reason);
    QCOMPARE(itemCount(), 0);
    QCOMPARE(tabs->tabText(tabs->indexOf(m_page)), QStringLiteral("Review"));
}

void TestReviewQueue::testContributionApproved()
{
    const QString id = receiveContribution(m_f->ava, QStringLiteral("Ava fed the ducks."));
    QVERIFY(!id.isEmpty());
    signInAs("mabel");
    QVERIFY(m_page->selectObservation(id));
    QTest::mouseClick(child<QPushButton>(m_page, "approveButton"), Qt::LeftButton);
    QCOMPARE(Observations(*m_lock->session()).load(id)->status, ObservationStatus::Published);
    QCOMPARE(itemCount(), 0);
}

void TestReviewQueue::testKeyboard()
{
    const QString first = submitObservation("pia", m_f->ava, QStringLiteral("First."));
    m_f->nursery().clock().advanceSecs(60);
    const QString second = submitObservation("pia", m_f->ben, QStringLiteral("Second."));
    const QString home = receiveContribution(m_f->ben, QStringLiteral("From home."));
    QVERIFY(!first.isEmpty() && !second.isEmpty() && !home.isEmpty());
    signInAs("rita");
    QCOMPARE(itemCount(), 3);
    m_page->list()->setFocus();
    QCOMPARE(m_page->currentObservationId(), first);
    QTest::keyClick(m_page->list(), Qt::Key_J);
    QCOMPARE(m_page->currentObservationId(), second);
    QTest::keyClick(m_page->list(), Qt::Key_J); // over the section title
    QCOMPARE(m_page->currentObservationId(), home);
    QTest::keyClick(m_page->list(), Qt::Key_J); // the end: stays
    QCOMPARE(m_page->currentObservationId(), home);
    QTest::keyClick(m_page->list(), Qt::Key_K);
    QCOMPARE(m_page->currentObservationId(), second);

    // A approves the one shown; the next takes its place.
    QTest::keyClick(m_page->list(), Qt::Key_A);
    QCOMPARE(Observations(*m_lock->session()).byId(second)->status, ObservationStatus::Published);
    QCOMPARE(m_page->currentObservationId(), home);

    // R opens the reason box; letters typed there are text, not shortcuts.
    QTest::keyClick(m_page->list(), Qt::Key_R);
    auto* edit = child<QPlainTextEdit>(m_page, "feedbackEdit");
    QVERIFY(edit->isVisible());
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, QStringLiteral("a jar"));
    QCOMPARE(edit->toPlainText(), QStringLiteral("a jar"));
    QCOMPARE(Observations(*m_lock->session()).load(home)->status, ObservationStatus::Pending);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(Observations(*m_lock->session()).load(home)->status, ObservationStatus::Declined);
    QCOMPARE(Observations(*m_lock->session()).load(home)->feedback, QStringLiteral("a jar"));
    QCOMPARE(itemCount(), 1);
}

void TestReviewQueue::testRefreshesWhenShown()
{
    signInAs("rita");
    QTabWidget* tabs = m_window->homePage()->tabs();
    QCOMPARE(itemCount(), 0);
    QVERIFY(child<QLabel>(m_page, "reviewEmptyLabel")->isVisible());
    tabs->setCurrentIndex(0);

    // Pia submits on another device meanwhile (here: another session on the same database).
    const QString id = submitObservation("pia", m_f->ben, QStringLiteral("Ben built a bridge."));
    QVERIFY(!id.isEmpty());
    QCOMPARE(itemCount(), 0);
    tabs->setCurrentWidget(m_page);
    QCOMPARE(itemCount(), 1);
    QCOMPARE(m_page->currentObservationId(), id);
    QCOMPARE(tabs->tabText(tabs->indexOf(m_page)), QStringLiteral("Review (1)"));
}

void TestReviewQueue::testPractitionerHasNoApprovalTab()
{
    QVERIFY(!submitObservation("pia", m_f->ava, QStringLiteral("Waiting.")).isEmpty());
    signInAs("pia");
    QVERIFY(!m_page);
    QTabWidget* tabs = m_window->homePage()->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        QVERIFY(!tabs->tabText(i).startsWith("Review"));
        QVERIFY(tabs->tabText(i) != "Meetings" && tabs->tabText(i) != "Dashboards");
    }
    QVERIFY(!m_window->homePage()->meetingsPage() && !m_window->homePage()->dashboardPage());
}

QTEST_MAIN(TestReviewQueue)
#include "tst_reviewqueue.moc"
