// The Journal tab on a nursery with known rooms, children and consent (JournalFixture): who appears on the children
// overview, "New observation" in one tap, a child's timeline (newest first, paged, filtered, searched) and the photo
// consent rule as it shows on screen — a photo of a child without consent is in that child's journal and nowhere
// else.

#include "Clock.h"
#include "HomePage.h"
#include "MainWindow.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "crypto/PasswordKdf.h"
#include "demo/DemoPictures.h"
#include "journal/ChildChips.h"
#include "journal/ChildJournalPage.h"
#include "journal/ChildTile.h"
#include "journal/ChildrenOverviewPage.h"
#include "journal/JournalEntryCard.h"
#include "journal/JournalFilterBar.h"
#include "journal/JournalPage.h"
#include "journal/JournalText.h"
#include "journal/ObservationDetail.h"
#include "journal/ObservationEditor.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "lock/LockController.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "people/Children.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace Acorn;
using Acorn::Test::child;

namespace {
QStringList names(const QList<ChildTile*>& tiles)
{
    QStringList list;
    for (const ChildTile* tile : tiles)
        list << tile->name();
    return list;
}

QStringList excerpts(const ChildJournalPage* page)
{
    QStringList list;
    for (const JournalEntryCard* card : page->cards())
        list << child<QLabel>(card, "entryExcerptLabel")->text();
    return list;
}

// Media ids shown (as thumbnails or placeholders) on every card of the page.
QStringList shownMedia(const ChildJournalPage* page)
{
    QStringList ids;
    for (const JournalEntryCard* card : page->cards())
        ids += card->mediaIds();
    return ids;
}
} // namespace

class TestJournalPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testTilesShowOnlyMyRoomsChildren();
    void testNewObservationIsOneTap();
    void testTimelineNewestFirstAndFilters();
    void testTimelinePages();
    void testPhotoConsentInTheJournals();

private:
    void signIn(const QString& user);
    JournalPage* journal() const;
    ChildJournalPage* openChild(const QString& childId);
    QString observe(const QStringList& children, const QString& text, qint64 secondsAgo,
                    const QList<ObservationTag>& tags = {});
    QString attachPhoto(const QString& observationId, const QStringList& appearing, int kind);

    std::unique_ptr<Test::JournalFixture> m_fixture;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
};

void TestJournalPage::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestJournalPage::init()
{
    m_fixture = std::make_unique<Test::JournalFixture>();
    QVERIFY(m_fixture->isValid());
    m_lock = std::make_unique<LockController>(m_fixture->nursery().dataDir(), m_fixture->nursery().clock());
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestJournalPage::cleanup()
{
    m_window.reset();
    m_lock.reset();
    m_fixture.reset();
}

void TestJournalPage::signIn(const QString& user)
{
    Test::submitSignIn(*m_window, user, QString::fromLatin1(Test::JournalFixture::password()));
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    QVERIFY(journal());
    QCOMPARE(m_window->homePage()->tabs()->currentWidget(), journal()); // the first thing staff see
}

JournalPage* TestJournalPage::journal() const
{
    return m_window->homePage() ? m_window->homePage()->journalPage() : nullptr;
}

ChildJournalPage* TestJournalPage::openChild(const QString& childId)
{
    ChildTile* tile = journal()->overviewPage()->tile(childId);
    if (!tile)
        return nullptr;
    QTest::mouseClick(tile, Qt::LeftButton);
    return journal()->currentPage() == journal()->childJournalPage() ? journal()->childJournalPage() : nullptr;
}

QString TestJournalPage::observe(const QStringList& children, const QString& text, qint64 secondsAgo,
                                 const QList<ObservationTag>& tags)
{
    Session& session = *m_lock->session();
    Observations observations(session);
    auto draft = observations.createDraft(children, session.clock().now().addSecs(-secondsAgo));
    if (!draft)
        return {};
    Observation o = draft.value();
    o.text = text;
    o.tags = tags;
    if (!observations.saveDraft(o) || !observations.submit(o.id))
        return {};
    return o.id;
}

QString TestJournalPage::attachPhoto(const QString& observationId, const QStringList& appearing, int kind)
{
    Session& session = *m_lock->session();
    MediaVault vault(session.dataDir().vaultPath());
    auto photo = MediaImporter(vault).importPhotoData(DemoPictures::make(kind, 7, 800, 600));
    if (!photo)
        return {};
    auto item = ObservationMedia(session).insert(observationId, photo.value(), appearing);
    return item ? item.value().id : QString();
}

void TestJournalPage::testTilesShowOnlyMyRoomsChildren()
{
    signIn(QStringLiteral("pia")); // Seedlings: Ava, Ben, Cal. Dot is in Saplings.
    ChildrenOverviewPage* overview = journal()->overviewPage();
    QCOMPARE(journal()->currentPage(), overview);
    QCOMPARE(names(overview->tiles()), QStringList({"Ava Testling", "Ben Testling", "Cal Testling"}));
    QVERIFY(!overview->tile(m_fixture->dot));
    for (ChildTile* tile : overview->tiles()) {
        QVERIFY(tile->isVisible());
        QVERIFY(tile->height() >= 120);
        QCOMPARE(tile->roomName(), QStringLiteral("Seedlings"));
        QCOMPARE(child<QLabel>(tile, "childTileName")->font().pointSize(), 14);
    }
    // One room: nothing to filter by.
    QVERIFY(!child<QComboBox>(overview, "roomFilterCombo")->isVisible());

    // This week's count.
    QCOMPARE(overview->tile(m_fixture->ava)->thisWeek(), 0);
    QVERIFY(!observe({m_fixture->ava}, QStringLiteral("Ava poured water from jug to cup."), 3600).isEmpty());
    QVERIFY(!observe({m_fixture->ava, m_fixture->ben}, QStringLiteral("Ava and Ben built a den."), 7200).isEmpty());
    QVERIFY(!observe({m_fixture->ava}, QStringLiteral("Last month's paint."), 30 * 24 * 3600).isEmpty());
    overview->refresh();
    QCOMPARE(overview->tile(m_fixture->ava)->thisWeek(), 2);
    QCOMPARE(overview->tile(m_fixture->ben)->thisWeek(), 1);
    QCOMPARE(child<QLabel>(overview->tile(m_fixture->ava), "childTileCount")->text(),
             QStringLiteral("2 observations this week"));

    // Search by name.
    QTest::keyClicks(child<QLineEdit>(overview, "childSearchEdit"), QStringLiteral("be"));
    QCOMPARE(names(overview->visibleTiles()), QStringList({"Ben Testling"}));
    child<QLineEdit>(overview, "childSearchEdit")->clear();
    QCOMPARE(overview->visibleTiles().size(), 3);
    QTest::keyClicks(child<QLineEdit>(overview, "childSearchEdit"), QStringLiteral("zz"));
    QVERIFY(overview->visibleTiles().isEmpty());
    QVERIFY(child<QLabel>(overview, "noChildrenLabel")->isVisible());
}

void TestJournalPage::testNewObservationIsOneTap()
{
    signIn(QStringLiteral("mabel")); // a manager sees every room, and can filter by room
    ChildrenOverviewPage* overview = journal()->overviewPage();
    QCOMPARE(overview->tiles().size(), 4);
    auto* rooms = child<QComboBox>(overview, "roomFilterCombo");
    QVERIFY(rooms->isVisible());
    rooms->setCurrentIndex(rooms->findData(m_fixture->saplings));
    QCOMPARE(names(overview->visibleTiles()), QStringList({"Dot Testling"}));
    rooms->setCurrentIndex(0);

    // From the overview: one tap, and nobody chosen yet.
    QPushButton* newButton = journal()->newObservationButton();
    QVERIFY(newButton->isVisible());
    QVERIFY(newButton->height() >= 56);
    QTest::mouseClick(newButton, Qt::LeftButton);
    ObservationEditor* editor = journal()->editor();
    QVERIFY(editor);
    QCOMPARE(journal()->currentPage(), editor);
    QVERIFY(editor->isVisible());
    QVERIFY(editor->childChips()->selectedIds().isEmpty());
    QVERIFY(!newButton->isVisible()); // writing: no second editor
    QTest::mouseClick(journal()->backButton(), Qt::LeftButton);
    QTRY_VERIFY(!journal()->editor());
    QCOMPARE(journal()->currentPage(), overview);

    // From a child's journal: one tap, and that child is chosen.
    ChildJournalPage* page = openChild(m_fixture->ben);
    QVERIFY(page);
    QVERIFY(newButton->isVisible());
    QTest::mouseClick(newButton, Qt::LeftButton);
    editor = journal()->editor();
    QVERIFY(editor && editor->isVisible());
    QCOMPARE(editor->childChips()->selectedIds(), QStringList({m_fixture->ben}));
    QCOMPARE(child<QLabel>(journal(), "journalTitleLabel")->text(), QStringLiteral("Observation of Ben"));

    // Managers see who changed what.
    QTest::keyClicks(editor->textEdit(), QStringLiteral("Ben hopped on one foot."));
    QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
    QTRY_VERIFY(!journal()->editor());
    QCOMPARE(page->cards().size(), 1);
    QTest::mouseClick(page->cards().first(), Qt::LeftButton);
    ObservationDetail* detail = journal()->detail();
    QVERIFY(detail && detail->showsHistory());
    const QString history = child<QLabel>(detail, "historyLabel")->text();
    QVERIFY2(history.contains(QStringLiteral("Mabel Quince started it")), qPrintable(history));
    QVERIFY2(history.contains(QStringLiteral("Mabel Quince changed the text")), qPrintable(history));
    QVERIFY2(history.contains(QStringLiteral("sent it for approval")), qPrintable(history));
}

void TestJournalPage::testTimelineNewestFirstAndFilters()
{
    signIn(QStringLiteral("pia"));
    const QList<ObservationTag> speaking {{QStringLiteral("eyfs-2024"), QStringLiteral("eyfs.cl.speaking")}};
    const QList<ObservationTag> counting {{QStringLiteral("eyfs-2024"), QStringLiteral("eyfs.maths.number")}};
    // Written out of order on purpose.
    QVERIFY(!observe({m_fixture->ava}, QStringLiteral("Ava counted the blocks to ten."), 3 * 24 * 3600, counting)
                 .isEmpty());
    QVERIFY(!observe({m_fixture->ava}, QStringLiteral("Ava told us about the rainbow."), 3600, speaking).isEmpty());
    QVERIFY(!observe({m_fixture->ava}, QStringLiteral("Ava climbed the frame."), 10 * 24 * 3600).isEmpty());
    QVERIFY(!observe({m_fixture->cal}, QStringLiteral("Cal's own observation."), 60).isEmpty());
    // One published, so that the statuses differ.
    QVERIFY(m_lock->session()->settings().setValue(SettingsStore::Key::ApprovalRequired, false,
                                                   m_lock->session()->staff().id));
    QVERIFY(!observe({m_fixture->ava}, QStringLiteral("Ava planted a seed."), 5 * 24 * 3600).isEmpty());

    ChildJournalPage* page = openChild(m_fixture->ava);
    QVERIFY(page);
    QCOMPARE(child<QLabel>(journal(), "journalTitleLabel")->text(), QStringLiteral("Ava Testling"));
    QCOMPARE(excerpts(page),
             QStringList({"Ava told us about the rainbow.", "Ava counted the blocks to ten.", "Ava planted a seed.",
                          "Ava climbed the frame."}));
    // Each card: date, author, status badge, tags in words.
    JournalEntryCard* first = page->cards().first();
    QCOMPARE(child<QLabel>(first, "entryAuthorLabel")->text(), QStringLiteral("Pia Nettle"));
    QCOMPARE(child<QLabel>(first, "statusBadge")->text(), QStringLiteral("Awaiting approval"));
    QCOMPARE(child<QLabel>(page->cards().at(2), "statusBadge")->text(), QStringLiteral("In the journal"));
    QCOMPARE(child<QLabel>(first, "entryTagLabel")->text(), QStringLiteral("Communication and Language › Speaking"));
    QCOMPARE(child<QLabel>(first, "entryDateLabel")->text(), JournalText::when(first->entry().observation.observedAt));

    JournalFilterBar* filters = page->filterBar();
    // Words.
    QTest::keyClicks(filters->searchEdit(), QStringLiteral("rainb"));
    QTRY_COMPARE(excerpts(page), QStringList({"Ava told us about the rainbow."}));
    QVERIFY(child<QPushButton>(filters, "clearFiltersButton")->isVisible());
    QTest::mouseClick(child<QPushButton>(filters, "clearFiltersButton"), Qt::LeftButton);
    QCOMPARE(page->cards().size(), 4);
    QVERIFY(!child<QPushButton>(filters, "clearFiltersButton")->isVisible());
    // Area of learning, behind "More filters", which counts what is on.
    QVERIFY(!filters->areaCombo()->isVisible());
    QTest::mouseClick(filters->moreFiltersButton(), Qt::LeftButton);
    QVERIFY(filters->areaCombo()->isVisible());
    filters->areaCombo()->setCurrentIndex(filters->areaCombo()->findData(QStringLiteral("eyfs.maths")));
    QCOMPARE(excerpts(page), QStringList({"Ava counted the blocks to ten."}));
    QCOMPARE(filters->moreFiltersButton()->text(), QStringLiteral("More filters (1)"));
    filters->areaCombo()->setCurrentIndex(0);
    // Status.
    filters->statusCombo()->setCurrentIndex(filters->statusCombo()->findData(QStringLiteral("published")));
    QCOMPARE(excerpts(page), QStringList({"Ava planted a seed."}));
    filters->statusCombo()->setCurrentIndex(0);
    // When: the test clock says Monday morning, so "this week" holds only the last hour.
    filters->rangeCombo()->setCurrentIndex(filters->rangeCombo()->findData(int(JournalFilterBar::Range::ThisWeek)));
    QCOMPARE(excerpts(page), QStringList({"Ava told us about the rainbow."}));
    filters->rangeCombo()->setCurrentIndex(filters->rangeCombo()->findData(int(JournalFilterBar::Range::Chosen)));
    QVERIFY(filters->fromDateEdit()->isVisible());
    const QDate today = m_lock->clock().now().toLocalTime().date();
    filters->fromDateEdit()->setDate(today.addDays(-6));
    filters->toDateEdit()->setDate(today.addDays(-2));
    QCOMPARE(excerpts(page), QStringList({"Ava counted the blocks to ten.", "Ava planted a seed."}));
    filters->rangeCombo()->setCurrentIndex(0);
    // Author: someone else wrote none of them.
    filters->authorCombo()->setCurrentIndex(filters->authorCombo()->findData(m_fixture->sam));
    QVERIFY(page->cards().isEmpty());
    QCOMPARE(child<QLabel>(page, "journalCountLabel")->text(), QStringLiteral("Nothing matches. Try fewer filters."));
    filters->authorCombo()->setCurrentIndex(filters->authorCombo()->findData(m_fixture->pia));
    QCOMPARE(page->cards().size(), 4);

    // A card opens the observation.
    QTest::mouseClick(page->cards().first(), Qt::LeftButton);
    QVERIFY(journal()->detail());
    QCOMPARE(journal()->currentPage(), journal()->detail());
    QCOMPARE(child<QLabel>(journal()->detail(), "detailTextLabel")->text(),
             QStringLiteral("Ava told us about the rainbow."));
}

void TestJournalPage::testTimelinePages()
{
    signIn(QStringLiteral("pia"));
    for (int i = 0; i < ChildJournalPage::PageSize + 5; ++i)
        QVERIFY(!observe({m_fixture->cal}, QStringLiteral("Entry %1").arg(i, 2, 10, QLatin1Char('0')), 60 * (i + 1))
                     .isEmpty());
    ChildJournalPage* page = openChild(m_fixture->cal);
    QVERIFY(page);
    QCOMPARE(page->cards().size(), ChildJournalPage::PageSize);
    QVERIFY(page->hasMore());
    QCOMPARE(child<QLabel>(page->cards().first(), "entryExcerptLabel")->text(), QStringLiteral("Entry 00"));
    auto* more = child<QPushButton>(page, "loadMoreButton");
    QVERIFY(!more->isHidden());
    QTest::mouseClick(more, Qt::LeftButton);
    QCOMPARE(page->cards().size(), ChildJournalPage::PageSize + 5);
    QVERIFY(!page->hasMore());
    QVERIFY(more->isHidden());
    QCOMPARE(child<QLabel>(page->cards().last(), "entryExcerptLabel")->text(), QStringLiteral("Entry 34"));
}

void TestJournalPage::testPhotoConsentInTheJournals()
{
    signIn(QStringLiteral("pia"));
    QVERIFY(m_lock->session()->settings().setValue(SettingsStore::Key::ApprovalRequired, false,
                                                   m_lock->session()->staff().id));
    // Ava (consent yes) and Ben (consent no) play together; one photo shows Ben, one shows only Ava.
    const QString together
        = observe({m_fixture->ava, m_fixture->ben}, QStringLiteral("Ava and Ben shared the sand."), 600);
    QVERIFY(!together.isEmpty());
    const QString withBen = attachPhoto(together, {m_fixture->ava, m_fixture->ben}, 3);
    const QString onlyAva = attachPhoto(together, {m_fixture->ava}, 2);
    QVERIFY(!withBen.isEmpty() && !onlyAva.isEmpty());

    // Ava's journal: Ben's photo is not there; Ava's is, and its picture loads.
    ChildJournalPage* page = openChild(m_fixture->ava);
    QVERIFY(page);
    QCOMPARE(page->cards().size(), 1);
    QCOMPARE(shownMedia(page), QStringList({onlyAva}));
    const auto thumbnails = page->cards().first()->thumbnailLabels();
    QCOMPARE(thumbnails.size(), 1);
    QTRY_COMPARE(thumbnails.first()->property("thumbnailOf").toString(), onlyAva);
    QVERIFY(!thumbnails.first()->pixmap().isNull());
    // Nor in the observation opened from Ava's journal.
    QTest::mouseClick(page->cards().first(), Qt::LeftButton);
    ObservationDetail* detail = journal()->detail();
    QVERIFY(detail);
    QCOMPARE(detail->photoLabels().size(), 1);
    QCOMPARE(detail->photoLabels().first()->property("mediaId").toString(), onlyAva);
    QTRY_VERIFY(detail->photoLabels().first()->property("photoShown").toBool());
    QTest::mouseClick(journal()->backButton(), Qt::LeftButton);
    QTest::mouseClick(journal()->backButton(), Qt::LeftButton);
    QCOMPARE(journal()->currentPage(), journal()->overviewPage());

    // Ben's own journal: both.
    page = openChild(m_fixture->ben);
    QVERIFY(page);
    QCOMPARE(page->cards().size(), 1);
    QCOMPARE(shownMedia(page), QStringList({withBen, onlyAva}));
    for (QLabel* label : page->cards().first()->thumbnailLabels())
        QTRY_VERIFY(!label->property("thumbnailOf").toString().isEmpty());
    QTest::mouseClick(page->cards().first(), Qt::LeftButton);
    QVERIFY(journal()->detail());
    QCOMPARE(journal()->detail()->photoLabels().size(), 2);
    QCOMPARE(child<QLabel>(journal(), "journalStatusLabel")->isVisible(), false);
    QVERIFY(!journal()->detail()->showsHistory()); // a practitioner: no edit history

    // Consent given later applies at once.
    {
        auto manager = m_fixture->signIn(QStringLiteral("mabel"));
        QVERIFY(manager);
        QVERIFY(Children(*manager).setPhotoConsent(m_fixture->ben, PhotoConsent::Yes));
        manager->end(Session::EndReason::SignOut);
    }
    QTest::mouseClick(journal()->backButton(), Qt::LeftButton);
    QTest::mouseClick(journal()->backButton(), Qt::LeftButton);
    page = openChild(m_fixture->ava);
    QCOMPARE(shownMedia(page), QStringList({withBen, onlyAva}));
}

QTEST_MAIN(TestJournalPage)
#include "tst_journalpage.moc"
