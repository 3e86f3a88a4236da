// Manager review, sampling for staff meetings, meeting records and the dashboards' figures, on a known data set.
#include "JournalFixture.h"

#include "auth/SettingsStore.h"
#include "journal/JournalQuery.h"
#include "journal/Observations.h"
#include "review/DashboardStats.h"
#include "review/Meetings.h"
#include "review/Reviews.h"

#include <QTest>
#include <QTimeZone>

using namespace Acorn;
using Acorn::Test::JournalFixture;

class TestReviews : public QObject
{
    Q_OBJECT
private:
    // Publishes an observation by `user` about `children`, observed on `day` with `tags`.
    QString publish(const QString& user, const QStringList& children, const QDate& day, const QStringList& tags)
    {
        QString id;
        {
            auto author = m_f->signIn(user);
            Observations obs(*author);
            auto o = obs.createDraft(children, QDateTime(day, QTime(10, 0), QTimeZone::utc())).value();
            o.text = "Observed.";
            for (const auto& t : tags)
                o.tags.append({"eyfs-2024", t});
            if (!obs.saveDraft(o) || !obs.submit(o.id))
                return {};
            id = o.id;
        }
        m_f->nursery().clock().advanceSecs(2 * 3600); // approved two hours later
        auto mabel = m_f->signIn("mabel");
        return Observations(*mabel).approve(id) ? id : QString();
    }

private slots:
    void init()
    {
        m_f = std::make_unique<JournalFixture>();
        QVERIFY(m_f->isValid());
    }

    void testReviewRatingAndQueue()
    {
        const QString a = publish("pia", {m_f->ava}, QDate(2026, 1, 2), {"eyfs.cl.speaking"});
        const QString b = publish("sam", {m_f->dot}, QDate(2026, 1, 3), {"eyfs.pd.fine-motor"});
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        auto rita = m_f->signIn("rita"); // room leader of Seedlings only
        Reviews reviews(*rita);
        QCOMPARE(reviews.notYetReviewed().size(), 1); // Ava's, not Dot's (other room)
        QCOMPARE(reviews.review(b, "Good detail.", 3).code(), Error::Code::NotFound);
        QCOMPARE(reviews.review(a, "", 9).code(), Error::Code::InvalidInput);
        QVERIFY(reviews.review(a, "Clear and specific; link to next steps.", 3));
        QVERIFY(reviews.notYetReviewed().isEmpty());
        auto pia = m_f->signIn("pia");
        QCOMPARE(Reviews(*pia).review(a, "x", 2).code(), Error::Code::PermissionDenied);
        QVERIFY(Reviews(*pia).notYetReviewed().isEmpty()); // practitioners see no queue
        auto mabel = m_f->signIn("mabel");
        QCOMPARE(Reviews(*mabel).notYetReviewed().size(), 1); // Dot's
        ReviewFilter room;
        room.roomId = m_f->seedlings;
        QCOMPARE(Reviews(*mabel).notYetReviewed(room).size(), 0);
    }

    void testBulkApproveAndReturn()
    {
        QStringList ids;
        {
            auto pia = m_f->signIn("pia");
            Observations obs(*pia);
            for (int i = 0; i < 3; ++i) {
                auto o = obs.createDraft({m_f->ava}).value();
                o.text = QString("Item %1").arg(i);
                QVERIFY(obs.saveDraft(o));
                QVERIFY(obs.submit(o.id));
                ids << o.id;
            }
        }
        auto mabel = m_f->signIn("mabel");
        Reviews reviews(*mabel);
        QCOMPARE(reviews.awaitingApproval().size(), 3);
        QVERIFY(reviews.approveAll(ids.mid(0, 2)));
        QCOMPARE(reviews.returnAll({ids[2]}, "").code(), Error::Code::InvalidInput);
        QVERIFY(reviews.returnAll({ids[2]}, "Add what it shows."));
        QVERIFY(reviews.awaitingApproval().isEmpty());
        const auto again = reviews.approveAll(ids);
        QVERIFY(!again);
        QVERIFY(again.errorMessage().contains("item 1 of 3"));
    }

    void testSampling()
    {
        for (int d = 1; d <= 6; ++d)
            QVERIFY(!publish("pia", {m_f->ava}, QDate(2026, 1, d), {"eyfs.cl.speaking"}).isEmpty());
        for (int d = 1; d <= 2; ++d)
            QVERIFY(!publish("sam", {m_f->dot}, QDate(2026, 1, d), {"eyfs.cl.speaking"}).isEmpty());
        auto mabel = m_f->signIn("mabel");
        Reviews reviews(*mabel);
        const auto latest = reviews.sample({m_f->pia, m_f->sam}, 3, QDate(2026, 1, 1), QDate(2026, 1, 31),
                                           Reviews::SampleMode::Latest);
        QCOMPARE(latest.size(), 5); // 3 of Pia's, both of Sam's
        QCOMPARE(latest[0].observedAt.date(), QDate(2026, 1, 6));
        QCOMPARE(latest[2].observedAt.date(), QDate(2026, 1, 4));
        const auto r1 = reviews.sample({m_f->pia}, 3, {}, {}, Reviews::SampleMode::Random, 7);
        const auto r2 = reviews.sample({m_f->pia}, 3, {}, {}, Reviews::SampleMode::Random, 7);
        QCOMPARE(r1.size(), 3);
        QStringList i1, i2;
        for (int i = 0; i < 3; ++i) {
            i1 << r1[i].id;
            i2 << r2[i].id;
        }
        QCOMPARE(i1, i2); // the same seed gives the same sample
        const auto window
            = reviews.sample({m_f->pia}, 10, QDate(2026, 1, 2), QDate(2026, 1, 3), Reviews::SampleMode::Latest);
        QCOMPARE(window.size(), 2);
    }

    void testMeetingRecord()
    {
        const QString a = publish("pia", {m_f->ava}, QDate(2026, 1, 2), {"eyfs.cl.speaking"});
        const QString b = publish("pia", {m_f->ben}, QDate(2026, 1, 3), {"eyfs.cl.speaking"});
        auto mabel = m_f->signIn("mabel");
        Meetings meetings(*mabel);
        auto m = meetings.create(QDate(2026, 1, 9), "January staff meeting", {});
        QVERIFY(m);
        QVERIFY(meetings.setItems(m.value().id, {a, b}));
        const auto outcome = meetings.setOutcome(m.value().id, a, "Good example for the team.");
        QVERIFY2(outcome, qPrintable(outcome.errorMessage()));
        QVERIFY(meetings.setItems(m.value().id, {b, a})); // reorder keeps outcomes
        QCOMPARE(meetings.byId(m.value().id)->items[1].outcome, QStringLiteral("Good example for the team."));
        QCOMPARE(meetings.signOff(m.value().id).code(), Error::Code::InvalidInput); // no attendees yet
        QVERIFY(meetings.setAttendees(m.value().id, {m_f->mabel, m_f->pia, m_f->rita}));
        QVERIFY(meetings.signOff(m.value().id));
        QCOMPARE(meetings.setOutcome(m.value().id, b, "changed later").code(), Error::Code::InvalidInput);
        QVERIFY(meetings.byId(m.value().id)->isSignedOff());
        auto pia = m_f->signIn("pia");
        QCOMPARE(Meetings(*pia).create(QDate(2026, 1, 9), "x", {}).code(), Error::Code::PermissionDenied);
    }

    void testReviewOf()
    {
        const QString a = publish("pia", {m_f->ava}, QDate(2026, 1, 2), {"eyfs.cl.speaking"});
        QVERIFY(!a.isEmpty());
        auto rita = m_f->signIn("rita");
        Reviews reviews(*rita);
        QCOMPARE(reviews.reviewOf(a)->rating, 0); // approved, not rated
        QVERIFY(reviews.review(a, "  Names the skill; add the next step.  ", 4));
        const auto r = reviews.reviewOf(a);
        QVERIFY(r);
        QCOMPARE(r->rating, 4);
        QCOMPARE(r->note, QStringLiteral("Names the skill; add the next step."));
        QCOMPARE(r->reviewedBy, m_f->rita);
        auto pia = m_f->signIn("pia");
        QVERIFY(!Reviews(*pia).reviewOf(a)); // reviewers only
        auto sam = m_f->signIn("sam");
        QVERIFY(!Reviews(*sam).reviewOf(a));
    }

    void testMeetingEntriesApplyConsentForEveryJournal()
    {
        // Ben has no photo consent, Cal's is not recorded; Ava's is yes.
        const QString ofBen = publish("pia", {m_f->ben}, QDate(2026, 1, 2), {});
        const QString ofAva = publish("pia", {m_f->ava}, QDate(2026, 1, 3), {});
        const QString ofSam = publish("sam", {m_f->dot}, QDate(2026, 1, 3), {});
        QVERIFY(!ofBen.isEmpty() && !ofAva.isEmpty() && !ofSam.isEmpty());
        auto mabel = m_f->signIn("mabel");
        QVERIFY(JournalFixture::addMedia(*mabel, ofBen, "m-ben", {m_f->ben}));
        QVERIFY(JournalFixture::addMedia(*mabel, ofAva, "m-ava", {m_f->ava}));
        QVERIFY(JournalFixture::addMedia(*mabel, ofAva, "m-ava-cal", {m_f->ava, m_f->cal}));

        const auto entries = Meetings(*mabel).entriesFor({ofAva, ofBen, ofAva});
        QCOMPARE(entries.size(), 2); // in the order given, once each
        QCOMPARE(entries[0].observation.id, ofAva);
        QCOMPARE(entries[0].authorName, QStringLiteral("Pia Nettle"));
        QCOMPARE(entries[0].media.size(), 1);
        QCOMPARE(entries[0].media[0].id, QStringLiteral("m-ava"));
        QCOMPARE(entries[1].observation.id, ofBen);
        QVERIFY(entries[1].media.isEmpty()); // Ben's photo stays out of a meeting...
        const auto own = JournalQuery(*mabel).timeline(m_f->ben);
        QCOMPARE(own.size(), 1);
        QCOMPARE(own[0].media.size(), 1); // ...but is in Ben's own journal

        // A room leader's meeting has only what she may see.
        auto rita = m_f->signIn("rita");
        QCOMPARE(Meetings(*rita).entriesFor({ofSam, ofBen}).size(), 1);
    }

    void testDashboardFiguresOnKnownData()
    {
        // Week of Mon 5 Jan: Ava ×2 (speaking; fine motor), Ben ×1 (speaking). Week of Mon 12 Jan: Ava ×1 (number).
        QVERIFY(!publish("pia", {m_f->ava}, QDate(2026, 1, 5), {"eyfs.cl.speaking"}).isEmpty());
        QVERIFY(
            !publish("pia", {m_f->ava}, QDate(2026, 1, 7), {"eyfs.pd.fine-motor", "eyfs.pd.gross-motor"}).isEmpty());
        QVERIFY(!publish("rita", {m_f->ben}, QDate(2026, 1, 8), {"eyfs.cl.listening"}).isEmpty());
        QVERIFY(!publish("pia", {m_f->ava}, QDate(2026, 1, 13), {"eyfs.maths.number"}).isEmpty());
        auto mabel = m_f->signIn("mabel");
        DashboardStats stats(*mabel);
        const auto weeks = stats.perWeek(m_f->ava, QDate(2026, 1, 5), QDate(2026, 1, 18));
        QCOMPARE(weeks.size(), 2);
        QCOMPARE(weeks[0].weekStart, QDate(2026, 1, 5));
        QCOMPARE(weeks[0].count, 2);
        QCOMPARE(weeks[1].count, 1);
        const auto all = stats.perWeek({}, QDate(2026, 1, 5), QDate(2026, 1, 11));
        QCOMPARE(all[0].count, 3);

        const auto avaAreas = stats.coverageByArea(m_f->ava, {}, QDate(2026, 1, 1), QDate(2026, 1, 31));
        QCOMPARE(avaAreas.value("eyfs.cl"), 1);
        QCOMPARE(avaAreas.value("eyfs.pd"), 1); // two aspects of one area in one observation count once
        QCOMPARE(avaAreas.value("eyfs.maths"), 1);
        QCOMPARE(avaAreas.value("eyfs.lit"), 0);
        const auto roomAreas = stats.coverageByArea({}, m_f->seedlings, QDate(2026, 1, 1), QDate(2026, 1, 31));
        QCOMPARE(roomAreas.value("eyfs.cl"), 2);

        const auto staff = stats.perPractitioner(QDate(2026, 1, 1), QDate(2026, 1, 31));
        QCOMPARE(staff.size(), 2);
        QCOMPARE(staff[0].staffId, m_f->pia);
        QCOMPARE(staff[0].count, 3);
        QCOMPARE(staff[1].count, 1);

        const auto turnaround = stats.approvalTurnaround(QDate(2025, 1, 1), QDate(2027, 1, 1));
        QCOMPARE(turnaround.approvals, 4);
        QCOMPARE(turnaround.medianHours, 2.0);

        // Not observed for 7 days, as of the fixture's clock: Cal and Dot never; Ava and Ben long ago.
        m_f->nursery().clock().setNow(QDateTime(QDate(2026, 1, 16), QTime(12, 0), QTimeZone::utc()));
        auto later = m_f->signIn("mabel");
        const auto gaps = DashboardStats(*later).notObservedFor(7);
        QStringList ids;
        for (const auto& g : gaps)
            ids << g.childId;
        QVERIFY(ids.contains(m_f->ben)); // last seen 8 Jan
        QVERIFY(!ids.contains(m_f->ava)); // seen 13 Jan
        QCOMPARE(gaps.first().daysSince, -1); // never observed come first
        // A practitioner's dashboard covers only her rooms.
        auto sam = m_f->signIn("sam");
        QCOMPARE(DashboardStats(*sam).perPractitioner(QDate(2026, 1, 1), QDate(2026, 1, 31)).size(), 0);
        // ...and so does the approval turnaround: all four were of Seedlings children.
        QCOMPARE(DashboardStats(*sam).approvalTurnaround(QDate(2025, 1, 1), QDate(2027, 1, 1)).approvals, 0);
    }

    void testPerWeekCountsObservationsMadeAtTheSameTimeApart()
    {
        // Two observations of different children at the same minute, and one of both children: three in all.
        QVERIFY(!publish("pia", {m_f->ava}, QDate(2026, 1, 6), {}).isEmpty());
        QVERIFY(!publish("pia", {m_f->ben}, QDate(2026, 1, 6), {}).isEmpty());
        QVERIFY(!publish("pia", {m_f->ava, m_f->ben}, QDate(2026, 1, 7), {}).isEmpty());
        auto mabel = m_f->signIn("mabel");
        DashboardStats stats(*mabel);
        QCOMPARE(stats.perWeek({}, QDate(2026, 1, 5), QDate(2026, 1, 11)).first().count, 3);
        QCOMPARE(stats.perWeek(m_f->ava, QDate(2026, 1, 5), QDate(2026, 1, 11)).first().count, 2);
        QCOMPARE(stats.perPractitioner(QDate(2026, 1, 5), QDate(2026, 1, 11)).first().count, 3);
    }

    void testAreaOf()
    {
        QCOMPARE(DashboardStats::areaOf("eyfs.cl.speaking"), QStringLiteral("eyfs.cl"));
        QCOMPARE(DashboardStats::areaOf("eyfs.cl.speaking@eyfs.dm.elg"), QStringLiteral("eyfs.cl"));
        QCOMPARE(DashboardStats::areaOf("eyfs.cl"), QStringLiteral("eyfs.cl"));
    }

private:
    std::unique_ptr<JournalFixture> m_f;
};

QTEST_GUILESS_MAIN(TestReviews)
#include "tst_reviews.moc"
