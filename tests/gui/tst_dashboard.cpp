// The managers' dashboards on known data: every figure on screen is the one DashboardStats gives, the children not
// observed lately are the right ones, and tapping one opens their journal.

#include "HomePage.h"
#include "MainWindow.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "dashboard/AreaCoveragePanel.h"
#include "dashboard/BarChartView.h"
#include "dashboard/ChildActivityPanel.h"
#include "dashboard/DashboardPage.h"
#include "dashboard/NotObservedPanel.h"
#include "dashboard/PractitionerPanel.h"
#include "dashboard/TurnaroundPanel.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/ChildJournalPage.h"
#include "journal/JournalPage.h"
#include "journal/Observations.h"
#include "lock/LockController.h"
#include "review/DashboardStats.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QBarSet>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTimeZone>

using namespace Acorn;
using Acorn::Test::child;
using Acorn::Test::JournalFixture;

class TestDashboard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testNotObservedListFirst();
    void testTapOpensJournal();
    void testWeeklyChartMatchesStats();
    void testAreaCoverageMatchesStats();
    void testPractitionersAndTurnaroundMatchStats();
    void testRoomLeaderSeesTheirRooms();

private:
    // Published by `author` about `children`, `daysAgo` days before "now", approved `hours` hours after submitting.
    QString publish(const QString& author, const QStringList& children, int daysAgo, const QStringList& tags,
                    int hours = 2);
    void signInAs(const QString& user);
    static QList<int> counts(const QList<DashboardStats::WeekCount>& weeks);

    std::unique_ptr<JournalFixture> m_f;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
    DashboardPage* m_page = nullptr;
    QDateTime m_now;
};

void TestDashboard::initTestCase()
{
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
}

void TestDashboard::init()
{
    m_f = std::make_unique<JournalFixture>();
    QVERIFY(m_f->isValid());
    m_now = m_f->nursery().clock().now();
    // Seedlings: Ava 2 and 5 days ago, Ava with Ben 25 days ago, Ben 20 days ago; Cal never. Saplings: Dot 40 days
    // ago. Approved 1, 3, 2, 10 and 30 hours after submitting.
    QVERIFY(!publish("pia", {m_f->ava}, 2, {"eyfs.cl.speaking"}, 1).isEmpty());
    QVERIFY(!publish("pia", {m_f->ava}, 5, {"eyfs.pd.fine-motor", "eyfs.pd.gross-motor"}, 3).isEmpty());
    QVERIFY(!publish("rita", {m_f->ava, m_f->ben}, 25, {"eyfs.maths.number"}, 2).isEmpty());
    QVERIFY(!publish("pia", {m_f->ben}, 20, {"eyfs.cl.listening"}, 10).isEmpty());
    QVERIFY(!publish("sam", {m_f->dot}, 40, {"eyfs.utw.natural-world"}, 30).isEmpty());
    m_f->nursery().clock().setNow(m_now);
}

void TestDashboard::cleanup()
{
    m_page = nullptr;
    m_window.reset();
    m_lock.reset();
    m_f.reset();
}

QString TestDashboard::publish(const QString& author, const QStringList& children, int daysAgo, const QStringList& tags,
                               int hours)
{
    QString id;
    m_f->nursery().clock().setNow(m_now.addDays(-daysAgo)); // written and submitted on the day
    {
        auto session = m_f->signIn(author);
        Observations observations(*session);
        auto draft = observations.createDraft(children, m_now.addDays(-daysAgo));
        if (!draft)
            return {};
        Observation o = draft.value();
        o.text = QStringLiteral("Observed.");
        for (const QString& tag : tags)
            o.tags.append({QStringLiteral("eyfs-2024"), tag});
        if (!observations.saveDraft(o) || !observations.submit(o.id))
            return {};
        id = o.id;
    }
    m_f->nursery().clock().advanceSecs(qint64(hours) * 3600);
    auto mabel = m_f->signIn("mabel");
    return Observations(*mabel).approve(id) ? id : QString();
}

void TestDashboard::signInAs(const QString& user)
{
    m_lock = std::make_unique<LockController>(m_f->nursery().dataDir(), m_f->nursery().clock());
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    Test::submitSignIn(*m_window, user, QString::fromLatin1(JournalFixture::password()));
    QTRY_VERIFY(m_window->homePage() && m_window->homePage()->isVisible());
    m_page = m_window->homePage()->dashboardPage();
    QVERIFY(m_page);
    m_window->homePage()->tabs()->setCurrentWidget(m_page);
}

QList<int> TestDashboard::counts(const QList<DashboardStats::WeekCount>& weeks)
{
    QList<int> list;
    for (const auto& week : weeks)
        list << week.count;
    return list;
}

void TestDashboard::testNotObservedListFirst()
{
    signInAs("mabel");
    NotObservedPanel* panel = m_page->notObservedPanel();
    QCOMPARE(m_page->section(), DashboardPage::Section::NotObserved);
    QVERIFY(panel->isVisible());
    QCOMPARE(panel->daysSpinBox()->value(), 14);
    const auto ids = [panel] {
        QStringList list;
        for (int i = 0; i < panel->list()->count(); ++i)
            list << panel->list()->item(i)->data(NotObservedPanel::ChildIdRole).toString();
        return list;
    };
    // Never observed first, then the longest gap.
    const auto stats = DashboardStats(*m_lock->session()).notObservedFor(14);
    QStringList expected;
    for (const auto& gap : stats)
        expected << gap.childId;
    QCOMPARE(ids(), expected);
    QCOMPARE(QSet<QString>(expected.cbegin(), expected.cend()), (QSet<QString> {m_f->cal, m_f->dot, m_f->ben}));
    QCOMPARE(ids().first(), m_f->cal); // never observed
    QCOMPARE(ids()[1], m_f->dot); // 40 days
    QCOMPARE(ids()[2], m_f->ben); // 20 days
    QVERIFY(panel->list()->item(0)->text().contains("never observed"));
    QVERIFY(panel->list()->item(1)->text().contains("40 days ago"));
    QCOMPARE(panel->countLabel()->text(), QStringLiteral("3 children"));

    // Fewer days, more children: Ava was last seen 2 days ago.
    panel->daysSpinBox()->setValue(2);
    QVERIFY(ids().contains(m_f->ava));
    panel->daysSpinBox()->setValue(30);
    QCOMPARE(ids(), (QStringList {m_f->cal, m_f->dot}));
    panel->daysSpinBox()->setValue(60);
    QCOMPARE(ids(), QStringList {m_f->cal});
}

void TestDashboard::testTapOpensJournal()
{
    signInAs("mabel");
    QListWidget* list = m_page->notObservedPanel()->list();
    QListWidgetItem* dot = nullptr;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(NotObservedPanel::ChildIdRole).toString() == m_f->dot)
            dot = list->item(i);
    QVERIFY(dot);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(dot).center());
    HomePage* home = m_window->homePage();
    QCOMPARE(home->tabs()->currentWidget(), home->journalPage());
    QCOMPARE(home->journalPage()->currentPage(), home->journalPage()->childJournalPage());
    QCOMPARE(home->journalPage()->childJournalPage()->childId(), m_f->dot);
}

void TestDashboard::testWeeklyChartMatchesStats()
{
    signInAs("mabel");
    QTest::mouseClick(child<QPushButton>(m_page, "perChildSectionButton"), Qt::LeftButton);
    ChildActivityPanel* panel = m_page->childActivityPanel();
    QVERIFY(panel->isVisible());
    DashboardStats stats(*m_lock->session());
    // Everyone first: the group observation counts once.
    const auto all = stats.perWeek({}, m_page->from(), m_page->to());
    QCOMPARE(all.size(), 12);
    QCOMPARE(panel->chartView()->values(), counts(all));
    QCOMPARE(panel->chartView()->categories().size(), 12);
    int total = 0;
    for (int v : counts(all))
        total += v;
    QCOMPARE(total, 5);
    QCOMPARE(panel->totalLabel()->text(), QStringLiteral("5 in 12 weeks"));
    // The bars drawn hold the same numbers.
    QBarSet* bars = panel->chartView()->barSet();
    QCOMPARE(bars->count(), 12);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(int(bars->at(i)), all[i].count);

    // One child.
    panel->childCombo()->setCurrentIndex(panel->childCombo()->findData(m_f->ava));
    const auto ava = stats.perWeek(m_f->ava, m_page->from(), m_page->to());
    QCOMPARE(panel->chartView()->values(), counts(ava));
    QCOMPARE(panel->totalLabel()->text(), QStringLiteral("3 in 12 weeks"));
    // A shorter period: four bars.
    m_page->setPeriod(DashboardPage::Period::Last4Weeks);
    QCOMPARE(panel->chartView()->values(), counts(stats.perWeek(m_f->ava, m_page->from(), m_page->to())));
    QCOMPARE(panel->chartView()->values().size(), 4);
}

void TestDashboard::testAreaCoverageMatchesStats()
{
    signInAs("mabel");
    m_page->showSection(DashboardPage::Section::Areas);
    AreaCoveragePanel* panel = m_page->areaCoveragePanel();
    QVERIFY(panel->isVisible());
    // The EYFS areas, named as the framework names them.
    const FrameworkRegistry registry(m_lock->session()->settings());
    const Framework* eyfs = registry.framework(QStringLiteral("eyfs-2024"));
    QVERIFY(eyfs);
    QStringList labels;
    QStringList ids;
    for (const FrameworkNode& area : eyfs->areas()) {
        labels << area.label;
        ids << area.id;
    }
    QCOMPARE(panel->chartView()->categories(), labels);
    QCOMPARE(panel->areaIds(), ids);

    DashboardStats stats(*m_lock->session());
    const auto check = [&](const QString& childId, const QString& roomId) {
        const auto coverage = stats.coverageByArea(childId, roomId, m_page->from(), m_page->to());
        QList<int> expected;
        for (const QString& id : ids)
            expected << coverage.value(id);
        QCOMPARE(panel->chartView()->values(), expected);
    };
    QCOMPARE(panel->subjectCombo()->currentData().toString(), m_f->saplings); // rooms by name: Saplings first
    check({}, m_f->saplings);
    panel->subjectCombo()->setCurrentIndex(panel->subjectCombo()->findData(m_f->seedlings));
    check({}, m_f->seedlings);
    const QList<int> seedlings = panel->chartView()->values();
    QCOMPARE(seedlings[ids.indexOf("eyfs.cl")], 2);
    QCOMPARE(seedlings[ids.indexOf("eyfs.pd")], 1); // two aspects of one area in one observation count once
    QVERIFY(panel->gapsLabel()->isVisible());
    QVERIFY(panel->gapsLabel()->text().contains(eyfs->node("eyfs.lit")->label));
    QVERIFY(!panel->gapsLabel()->text().contains(eyfs->node("eyfs.cl")->label));

    QTest::mouseClick(child<QPushButton>(panel, "coverageChildButton"), Qt::LeftButton);
    QCOMPARE(panel->scope(), AreaCoveragePanel::Scope::Child);
    panel->subjectCombo()->setCurrentIndex(panel->subjectCombo()->findData(m_f->ben));
    check(m_f->ben, {});
    QCOMPARE(panel->chartView()->values()[ids.indexOf("eyfs.maths")], 1);
}

void TestDashboard::testPractitionersAndTurnaroundMatchStats()
{
    signInAs("mabel");
    m_page->showSection(DashboardPage::Section::PerPractitioner);
    PractitionerPanel* panel = m_page->practitionerPanel();
    DashboardStats stats(*m_lock->session());
    const auto staff = stats.perPractitioner(m_page->from(), m_page->to());
    QStringList names;
    QList<int> values;
    for (const auto& s : staff) {
        names << s.name;
        values << s.count;
    }
    QCOMPARE(panel->chartView()->categories(), names);
    QCOMPARE(panel->chartView()->values(), values);
    QCOMPARE(names, (QStringList {"Pia Nettle", "Rita Cobble", "Sam Burrow"}));
    QCOMPARE(values, (QList<int> {3, 1, 1}));

    m_page->showSection(DashboardPage::Section::Turnaround);
    TurnaroundPanel* turnaround = m_page->turnaroundPanel();
    const auto t = stats.approvalTurnaround(m_page->from(), m_page->to());
    QCOMPARE(t.approvals, 5);
    QCOMPARE(turnaround->approvalsLabel()->text(), QStringLiteral("5"));
    QCOMPARE(turnaround->medianLabel()->text(), TurnaroundPanel::hoursText(t.medianHours));
    QCOMPARE(turnaround->meanLabel()->text(), TurnaroundPanel::hoursText(t.meanHours));
    // 1, 2, 3, 10 and 30 hours: the median 3, the mean 9.2.
    QCOMPARE(turnaround->medianLabel()->text(), QStringLiteral("3.0 hours"));
    QCOMPARE(turnaround->meanLabel()->text(), QStringLiteral("9.2 hours"));
}

void TestDashboard::testRoomLeaderSeesTheirRooms()
{
    signInAs("rita");
    NotObservedPanel* panel = m_page->notObservedPanel();
    QStringList ids;
    for (int i = 0; i < panel->list()->count(); ++i)
        ids << panel->list()->item(i)->data(NotObservedPanel::ChildIdRole).toString();
    QCOMPARE(ids, (QStringList {m_f->cal, m_f->ben})); // not Dot, in Saplings
    m_page->showSection(DashboardPage::Section::PerPractitioner);
    QVERIFY(!m_page->practitionerPanel()->chartView()->categories().contains("Sam Burrow"));
    m_page->showSection(DashboardPage::Section::Areas);
    QCOMPARE(m_page->areaCoveragePanel()->subjectCombo()->count(), 1); // Seedlings only
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
