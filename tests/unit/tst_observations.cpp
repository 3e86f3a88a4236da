// The observation lifecycle and who may do what, by role and by room.
#include "JournalFixture.h"

#include "auth/ChildAccess.h"
#include "auth/SettingsStore.h"
#include "journal/Comments.h"
#include "journal/JournalQuery.h"
#include "journal/Observations.h"

#include <QTest>
#include <QTimeZone>

using namespace Acorn;
using Acorn::Test::JournalFixture;

class TestObservations : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_f = std::make_unique<JournalFixture>();
        QVERIFY(m_f->isValid());
    }

    void testDraftSubmitApprovePublish()
    {
        QString id;
        {
            auto pia = m_f->signIn("pia");
            Observations obs(*pia);
            auto draft = obs.createDraft({m_f->ava});
            QVERIFY2(draft, qPrintable(draft.errorMessage()));
            id = draft.value().id;
            QCOMPARE(obs.submit(id).code(), Error::Code::InvalidInput); // nothing written yet
            Observation o = draft.value();
            o.text = "Ava stacked six blocks and counted them.";
            o.nextSteps = "Offer larger blocks.";
            o.tags = {{"eyfs-2024", "eyfs.m.number"}};
            QVERIFY(obs.saveDraft(o));
            // Another practitioner does not see somebody else's draft.
            auto sam = m_f->signIn("sam");
            QVERIFY(!Observations(*sam).byId(id));
            auto submitted = obs.submit(id);
            QVERIFY(submitted);
            QCOMPARE(submitted.value(), ObservationStatus::Submitted); // approval required by default
            o = *obs.byId(id);
            o.text = "changed after submitting";
            QCOMPARE(obs.saveDraft(o).code(), Error::Code::InvalidInput);
            QCOMPARE(obs.approve(id).code(), Error::Code::PermissionDenied); // practitioners cannot approve
        }
        {
            auto rita = m_f->signIn("rita"); // room leader of Seedlings
            Observations obs(*rita);
            QCOMPARE(obs.awaitingApproval().size(), 1);
            QVERIFY(obs.approve(id));
            QCOMPARE(obs.byId(id)->status, ObservationStatus::Published);
            QCOMPARE(obs.byId(id)->reviewedBy, rita->staff().id);
        }
        auto mabel = m_f->signIn("mabel");
        QStringList changes;
        for (const auto& h : Observations(*mabel).history(id))
            changes << h.change;
        QCOMPARE(changes, (QStringList {"created", "edited", "submitted", "approved"}));
        const auto edit = Observations(*mabel).history(id)[1];
        QVERIFY(edit.fields.contains("text"));
        QVERIFY(edit.fields.contains("tags"));
        QCOMPARE(edit.staffId, m_f->pia);
    }

    void testAutosavesMergeIntoOneHistoryEntryPerSitting()
    {
        auto pia = m_f->signIn("pia");
        Observations obs(*pia);
        auto o = obs.createDraft({m_f->ava}).value();
        for (const char* text : {"A", "Av", "Ava", "Ava r", "Ava ran"}) {
            o.text = text;
            QVERIFY(obs.saveDraft(o));
            m_f->nursery().clock().advanceSecs(5);
        }
        auto history = obs.history(o.id);
        QCOMPARE(history.size(), 2); // created, edited
        const auto text = history[1].fields.value("text").toObject();
        QCOMPARE(text.value("from").toString(), QString());
        QCOMPARE(text.value("to").toString(), QStringLiteral("Ava ran"));
        // After a long pause, a new sitting gets its own entry.
        m_f->nursery().clock().advanceSecs(3600);
        o.text = "Ava ran fast";
        QVERIFY(obs.saveDraft(o));
        QCOMPARE(obs.history(o.id).size(), 3);
    }

    void testReturnWithFeedbackThenResubmit()
    {
        auto pia = m_f->signIn("pia");
        Observations mine(*pia);
        auto draft = mine.createDraft({m_f->ben});
        Observation o = draft.value();
        o.text = "Ben played.";
        QVERIFY(mine.saveDraft(o));
        QVERIFY(mine.submit(o.id));
        auto mabel = m_f->signIn("mabel");
        Observations review(*mabel);
        QCOMPARE(review.returnToAuthor(o.id, "  ").code(), Error::Code::InvalidInput);
        QVERIFY(review.returnToAuthor(o.id, "Say what he played and what it shows."));
        auto back = mine.byId(o.id);
        QCOMPARE(back->status, ObservationStatus::Returned);
        QCOMPARE(back->feedback, QStringLiteral("Say what he played and what it shows."));
        QCOMPARE(mine.myDrafts().size(), 1); // returned ones come back to the author's list
        back->text = "Ben built a ramp and rolled cars down it, comparing which went furthest.";
        QVERIFY(mine.saveDraft(*back));
        QCOMPARE(mine.submit(o.id).value(), ObservationStatus::Submitted);
    }

    void testNoApprovalSettingPublishesOnSubmit()
    {
        {
            auto mabel = m_f->signIn("mabel");
            QVERIFY(mabel->settings().setValue(SettingsStore::Key::ApprovalRequired, false, mabel->staff().id));
        }
        auto pia = m_f->signIn("pia");
        Observations obs(*pia);
        auto o = obs.createDraft({m_f->ava}).value();
        o.text = "Ava sang.";
        QVERIFY(obs.saveDraft(o));
        QCOMPARE(obs.submit(o.id).value(), ObservationStatus::Published);
    }

    void testRoomsLimitWhoCanBeObserved_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("child");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("practitioner, own room") << "pia"
                                                << "ava" << true;
        QTest::newRow("practitioner, other room") << "pia"
                                                  << "dot" << false;
        QTest::newRow("other practitioner, own room") << "sam"
                                                      << "dot" << true;
        QTest::newRow("other practitioner, other room") << "sam"
                                                        << "ben" << false;
        QTest::newRow("room leader, own room") << "rita"
                                               << "cal" << true;
        QTest::newRow("room leader, other room") << "rita"
                                                 << "dot" << false;
        QTest::newRow("manager, any room") << "mabel"
                                           << "dot" << true;
    }

    void testRoomsLimitWhoCanBeObserved()
    {
        QFETCH(QString, user);
        QFETCH(QString, child);
        QFETCH(bool, allowed);
        const QHash<QString, QString> ids {{"ava", m_f->ava}, {"ben", m_f->ben}, {"cal", m_f->cal}, {"dot", m_f->dot}};
        auto session = m_f->signIn(user);
        QVERIFY(session);
        auto draft = Observations(*session).createDraft({ids.value(child)});
        QCOMPARE(draft.ok(), allowed);
        if (!allowed)
            QCOMPARE(draft.code(), Error::Code::PermissionDenied);
        // Reading follows the same rule: a published observation of the child is listed only for those allowed.
        {
            auto mabel = m_f->signIn("mabel");
            Observations obs(*mabel);
            auto o = obs.createDraft({ids.value(child)}).value();
            o.text = "Played in the sand.";
            QVERIFY(obs.saveDraft(o));
            QVERIFY(obs.submit(o.id));
            QVERIFY(obs.approve(o.id));
        }
        // Allowed: the published one and this person's own draft from above. Not allowed: nothing at all.
        QCOMPARE(JournalQuery(*session).timeline(ids.value(child)).size(), allowed ? 2 : 0);
        QCOMPARE(ChildAccess(*session).canSeeChild(ids.value(child)), allowed);
    }

    void testGroupObservationAcrossRoomsNeedsAccessToAll()
    {
        auto pia = m_f->signIn("pia");
        QCOMPARE(Observations(*pia).createDraft({m_f->ava, m_f->dot}).code(), Error::Code::PermissionDenied);
        auto mabel = m_f->signIn("mabel");
        auto group = Observations(*mabel).createDraft({m_f->ava, m_f->dot});
        QVERIFY(group);
        QCOMPARE(group.value().childIds.size(), 2);
    }

    void testCommentsOnlyOnSubmittedObservations()
    {
        auto pia = m_f->signIn("pia");
        Observations obs(*pia);
        auto o = obs.createDraft({m_f->ava}).value();
        Comments comments(*pia);
        QCOMPARE(comments.add(o.id, "hello").code(), Error::Code::InvalidInput);
        o.text = "Ava painted.";
        QVERIFY(obs.saveDraft(o));
        QVERIFY(obs.submit(o.id));
        QVERIFY(comments.add(o.id, "Lovely colours."));
        QCOMPARE(comments.add(o.id, QString(Comments::MaxLength + 1, 'x')).code(), Error::Code::InvalidInput);
        QCOMPARE(comments.of(o.id).size(), 1);
        QCOMPARE(comments.of(o.id).first().authorName, QStringLiteral("Pia Nettle"));
        auto sam = m_f->signIn("sam");
        QCOMPARE(Comments(*sam).add(o.id, "not my room").code(), Error::Code::NotFound);
    }

    void testSearchCoversTextNextStepsAndComments()
    {
        auto pia = m_f->signIn("pia");
        Observations obs(*pia);
        auto o = obs.createDraft({m_f->ava}).value();
        o.text = "Ava threaded beads onto a lace.";
        o.nextSteps = "Offer smaller buttons for threading.";
        QVERIFY(obs.saveDraft(o));
        QVERIFY(obs.submit(o.id));
        QVERIFY(Comments(*pia).add(o.id, "Her grandmother knits with her at home."));
        JournalQuery query(*pia);
        QCOMPARE(query.search("beads").size(), 1); // text
        QCOMPARE(query.search("buttons").size(), 1); // next steps
        QCOMPARE(query.search("grandmoth").size(), 1); // comments, prefix of the last word
        QCOMPARE(query.search("knits beads").size(), 1); // words from different fields
        QCOMPARE(query.search("giraffe").size(), 0);
        QCOMPARE(query.search("\"; DROP TABLE observations; --").size(), 0); // typed text is never SQL
        JournalFilter filter;
        filter.text = "threading";
        QCOMPARE(query.timeline(m_f->ava, filter).size(), 1);
        filter.text = "giraffe";
        QCOMPARE(query.timeline(m_f->ava, filter).size(), 0);
        // Another room's practitioner finds nothing.
        auto sam = m_f->signIn("sam");
        QCOMPARE(JournalQuery(*sam).search("beads").size(), 0);
    }

    void testFiltersNarrowTheTimeline()
    {
        auto pia = m_f->signIn("pia");
        Observations obs(*pia);
        const QDateTime base(QDate(2026, 3, 10), QTime(10, 0), QTimeZone::utc());
        for (int i = 0; i < 3; ++i) {
            auto o = obs.createDraft({m_f->ava}, base.addDays(i * 10)).value();
            o.text = QString("Entry %1").arg(i);
            o.tags = {{"eyfs-2024", i == 1 ? "eyfs.pd.fine-motor" : "eyfs.cl.speaking"}};
            QVERIFY(obs.saveDraft(o));
            QVERIFY(obs.submit(o.id));
        }
        JournalQuery query(*pia);
        const auto all = query.timeline(m_f->ava);
        QCOMPARE(all.size(), 3);
        QVERIFY(all[0].observation.observedAt > all[1].observation.observedAt); // newest first
        JournalFilter area;
        area.areaTag = "eyfs.pd";
        QCOMPARE(query.timeline(m_f->ava, area).size(), 1);
        JournalFilter dates;
        dates.from = QDate(2026, 3, 15);
        dates.to = QDate(2026, 3, 25);
        QCOMPARE(query.timeline(m_f->ava, dates).size(), 1);
        JournalFilter status;
        status.status = ObservationStatus::Published;
        QCOMPARE(query.timeline(m_f->ava, status).size(), 0); // all still awaiting approval
        JournalFilter author;
        author.authorStaffId = m_f->sam;
        QCOMPARE(query.timeline(m_f->ava, author).size(), 0);
    }

    void testDiscardDraft()
    {
        auto pia = m_f->signIn("pia");
        Observations obs(*pia);
        auto o = obs.createDraft({m_f->ava}).value();
        QVERIFY(obs.discardDraft(o.id));
        QVERIFY(!obs.byId(o.id));
        QVERIFY(!obs.discardDraft(o.id));
    }

private:
    std::unique_ptr<JournalFixture> m_f;
};

QTEST_GUILESS_MAIN(TestObservations)
#include "tst_observations.moc"
