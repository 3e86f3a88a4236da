// The sync outbox (migration 0004 and Outbox/SyncEntities): every change that may travel is queued in the same
// transaction by the database itself, drafts and their media are not until they leave draft, repeated edits
// coalesce into one pending change, a change made after the client read a row is queued again under a new number,
// refused changes park without blocking, rows written from the server are not queued back, and a row read for the
// wire leaves the device's own keys behind.
#include "JournalFixture.h"

#include "auth/Session.h"
#include "journal/Observations.h"
#include "people/Rooms.h"
#include "storage/Database.h"
#include "sync/Backoff.h"
#include "sync/Outbox.h"
#include "sync/SyncEntities.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Acorn;
using namespace Acorn::Test;

class TestOutbox final : public QObject
{
    Q_OBJECT

    std::unique_ptr<JournalFixture> m_f;

    static QStringList pendingOf(const Outbox& outbox, const QString& entity)
    {
        QStringList ids;
        for (const auto& e : outbox.pending(100000))
            if (e.entity == entity)
                ids << e.entityId;
        return ids;
    }

private slots:
    void init()
    {
        m_f = std::make_unique<JournalFixture>();
        QVERIFY(m_f->isValid());
    }

    void testSetUpIsQueued()
    {
        // Everything the fixture made (rooms, staff, children, settings) waits to go.
        auto mabel = m_f->signIn("mabel");
        Outbox outbox(mabel->database());
        QVERIFY(pendingOf(outbox, "room").contains(m_f->seedlings));
        QVERIFY(pendingOf(outbox, "staff").contains(m_f->pia));
        QVERIFY(pendingOf(outbox, "child").contains(m_f->ava));
        // One pending mark per row, however often it changed.
        QCOMPARE(pendingOf(outbox, "staff").count(m_f->pia), 1);
    }

    void testDraftsStayUntilSent()
    {
        auto pia = m_f->signIn("pia");
        Outbox outbox(pia->database());
        Observations observations(*pia);
        auto draft = observations.createDraft({m_f->ava}, pia->clock().now());
        QVERIFY(draft);
        Observation o = draft.value();
        o.text = QStringLiteral("Ava sorted the shells.");
        QVERIFY(observations.saveDraft(o));
        QVERIFY(JournalFixture::addMedia(*pia, o.id, QStringLiteral("media-1"), {m_f->ava}));
        QVERIFY(!pendingOf(outbox, "observation").contains(o.id));
        QVERIFY(!pendingOf(outbox, "media_item").contains(QStringLiteral("media-1")));
        auto row = SyncEntities(pia->database()).read(QStringLiteral("observation"), o.id);
        QVERIFY(row && row.value().isDraft);

        QVERIFY(observations.submit(o.id));
        QVERIFY(pendingOf(outbox, "observation").contains(o.id));
        QVERIFY(pendingOf(outbox, "media_item").contains(QStringLiteral("media-1")));
        row = SyncEntities(pia->database()).read(QStringLiteral("observation"), o.id);
        QVERIFY(row);
        QVERIFY(!row.value().isDraft);
        QCOMPARE(row.value().data.value("text").toString(), QStringLiteral("Ava sorted the shells."));
        QCOMPARE(row.value().data.value("children").toArray().size(), 1);
    }

    void testMediaLeavesItsKeysBehind()
    {
        auto pia = m_f->signIn("pia");
        Observations observations(*pia);
        auto draft = observations.createDraft({m_f->ava}, pia->clock().now());
        QVERIFY(draft
                && JournalFixture::addMedia(*pia, draft.value().id, QStringLiteral("media-2"), {m_f->ava, m_f->ben}));
        const auto row = SyncEntities(pia->database()).read(QStringLiteral("media_item"), QStringLiteral("media-2"));
        QVERIFY(row);
        for (const char* local : {"file_key", "vault_file", "thumbnail_file", "thumbnail_key"})
            QVERIFY2(!row.value().data.contains(QLatin1String(local)), local);
        QVERIFY(row.value().data.contains("sha256"));
        QCOMPARE(row.value().data.value("children").toArray().size(), 2);
    }

    void testDoneParkAndChangedSinceRead()
    {
        auto mabel = m_f->signIn("mabel");
        Outbox outbox(mabel->database());
        const int before = outbox.pendingCount();
        QVERIFY(before > 0);
        // The server took the room as read: done.
        auto entries = outbox.pending(100000);
        auto room = std::find_if(entries.begin(), entries.end(),
                                 [&](const OutboxEntry& e) { return e.entityId == m_f->seedlings; });
        QVERIFY(room != entries.end());
        QVERIFY(outbox.markDone(*room));
        QCOMPARE(outbox.pendingCount(), before - 1);
        QVERIFY(!pendingOf(outbox, "room").contains(m_f->seedlings));

        // Read for a push, then changed before the answer came: queued again under a new number.
        entries = outbox.pending(100000);
        auto other = std::find_if(entries.begin(), entries.end(),
                                  [&](const OutboxEntry& e) { return e.entityId == m_f->saplings; });
        QVERIFY(other != entries.end());
        const OutboxEntry read = *other;
        QVERIFY(Rooms(*mabel).rename(m_f->saplings, QStringLiteral("Saplings and Oaks")));
        QVERIFY(outbox.markDone(read));
        const auto after = outbox.pending(100000);
        auto again = std::find_if(after.begin(), after.end(),
                                  [&](const OutboxEntry& e) { return e.entityId == m_f->saplings; });
        QVERIFY(again != after.end());
        QVERIFY(again->deviceSeq > read.deviceSeq);

        // A refused change parks and stops blocking; it can be put back.
        QVERIFY(outbox.park(*again, QStringLiteral("rejected: test")));
        QCOMPARE(outbox.parkedCount(), 1);
        QVERIFY(!pendingOf(outbox, "room").contains(m_f->saplings));
        QVERIFY(outbox.retryParked(again->deviceSeq));
        QCOMPARE(outbox.parkedCount(), 0);
        QVERIFY(pendingOf(outbox, "room").contains(m_f->saplings));
    }

    void testAppliedFromServerIsNotQueuedBack()
    {
        auto pia = m_f->signIn("pia");
        Observations observations(*pia);
        auto draft = observations.createDraft({m_f->ava}, pia->clock().now());
        QVERIFY(draft);
        Observation o = draft.value();
        o.text = QStringLiteral("Ava counted the steps.");
        QVERIFY(observations.saveDraft(o));
        QVERIFY(observations.submit(o.id));
        Outbox outbox(pia->database());
        for (const auto& e : outbox.pending(100000))
            QVERIFY(outbox.markDone(e));
        QCOMPARE(outbox.pendingCount(), 0);

        SyncEntities entities(pia->database());
        auto row = entities.read(QStringLiteral("observation"), draft.value().id);
        QVERIFY(row);
        QJsonObject data = row.value().data;
        data.insert("text", QStringLiteral("Changed on another device."));
        data.insert("revision", data.value("revision").toInt() + 1);
        data.insert("tags", QJsonArray {QJsonObject {{"framework", "eyfs-2024"}, {"tag", "eyfs.cl.speaking"}}});
        {
            Transaction transaction(pia->database());
            Outbox::Applying applying(pia->database());
            QVERIFY(applying.isActive());
            QVERIFY(entities.apply(QStringLiteral("observation"), draft.value().id, false, data));
            QVERIFY(transaction.commit());
        }
        QCOMPARE(outbox.pendingCount(), 0); // not queued to go back
        const auto back = entities.read(QStringLiteral("observation"), draft.value().id);
        QVERIFY(back);
        QCOMPARE(back.value().data.value("text").toString(), QStringLiteral("Changed on another device."));
        QCOMPARE(back.value().data.value("tags").toArray().size(), 1);

        // And a local change afterwards is queued as usual.
        QSqlQuery q(pia->database().sql());
        QVERIFY(q.exec(QStringLiteral("UPDATE observations SET next_steps = 'More shells' WHERE id = '%1'")
                           .arg(draft.value().id)));
        QCOMPARE(outbox.pendingCount(), 1);
    }

    void testStaffRoomsSurviveTheRoundTrip()
    {
        // A staff member's rooms travel folded into the staff row; applying it must put them back as they were.
        auto mabel = m_f->signIn("mabel");
        SyncEntities entities(mabel->database());
        const auto before = entities.read(QStringLiteral("staff"), m_f->pia);
        QVERIFY(before);
        QCOMPARE(before.value().data.value("rooms").toArray(), QJsonArray {m_f->seedlings});
        {
            Transaction transaction(mabel->database());
            Outbox::Applying applying(mabel->database());
            QVERIFY(entities.apply(QStringLiteral("staff"), m_f->pia, false, before.value().data));
            QVERIFY(transaction.commit());
        }
        const auto after = entities.read(QStringLiteral("staff"), m_f->pia);
        QVERIFY(after);
        QCOMPARE(after.value().data.value("rooms").toArray(), QJsonArray {m_f->seedlings});
    }

    void testBackoffWithFullJitter()
    {
        // The random source pinned at its top: the waits are the ceilings, doubling up to the cap.
        Backoff top(1000, 10000, [] { return 0.999999; });
        QList<qint64> waits;
        for (int i = 0; i < 6; ++i)
            waits << top.nextDelayMs();
        QCOMPARE(waits, (QList<qint64> {999, 1999, 3999, 7999, 9999, 9999}));
        // At the bottom: no wait at all (full jitter), unless the server said how long.
        Backoff bottom(1000, 10000, [] { return 0.0; });
        QCOMPARE(bottom.nextDelayMs(), qint64(0));
        QCOMPARE(bottom.nextDelayMs(30000), qint64(30000)); // Retry-After is a floor, beyond the cap
        QCOMPARE(bottom.failures(), 2);
        bottom.reset();
        QCOMPARE(bottom.ceilingMs(), qint64(1000));
        // Real randomness stays inside [0, ceiling].
        Backoff real(100, 1000);
        for (int i = 0; i < 50; ++i) {
            const qint64 ceiling = real.ceilingMs();
            const qint64 wait = real.nextDelayMs();
            QVERIFY(wait >= 0 && wait <= ceiling);
        }
    }

    void testKnownRevisionsAndSettingIds()
    {
        auto mabel = m_f->signIn("mabel");
        Outbox outbox(mabel->database());
        QVERIFY(!outbox.knownRevision("room", m_f->seedlings));
        QVERIFY(outbox.setKnownRevision("room", m_f->seedlings, 3));
        QCOMPARE(*outbox.knownRevision("room", m_f->seedlings), 3);
        QVERIFY(outbox.setKnownRevision("room", m_f->seedlings, 4));
        QCOMPARE(*outbox.knownRevision("room", m_f->seedlings), 4);
        // The same name gives the same id on every device; different names differ.
        QCOMPARE(SyncEntities::settingValueId("journal.approval_required"),
                 SyncEntities::settingValueId("journal.approval_required"));
        QVERIFY(SyncEntities::settingValueId("a") != SyncEntities::settingValueId("b"));
        QVERIFY(!SyncEntities::isKnown("audit_event"));
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
