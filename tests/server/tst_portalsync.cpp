// What parents add reaches the nursery, and the nursery's answer reaches them: a nursery device publishes entries to
// a real acorn-server; the portal's journal (server side, in process, on the same data folder while the server is
// stopped) shows a parent only their own child's published entries, with the photo-consent rule applied; the parent
// replies and adds a home observation with a photo; the device pulls both into its approval queue and replies list,
// fetches the photo, approves one contribution and declines another with a reason, replies; the parent then sees
// the approved one in the journal, the declined one with the nursery's reason, and the nursery's reply.
#include "JournalFixture.h"
#include "ServerProcess.h"

#include "Clock.h"
#include "ServerApp.h"
#include "auth/Session.h"
#include "crypto/Sha256.h"
#include "demo/DemoPictures.h"
#include "domain/Ids.h"
#include "journal/Comments.h"
#include "journal/Contributions.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaImporter.h"
#include "media/MediaUploads.h"
#include "media/MediaVault.h"
#include "people/Guardians.h"
#include "portal/PortalJournal.h"
#include "storage/Database.h"
#include "sync/SyncClient.h"

#include <QImage>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Acorn;
using namespace Acorn::Server;
using namespace Acorn::Test;

namespace {
bool syncOnce(SyncClient& client)
{
    QSignalSpy done(&client, &SyncClient::finished);
    client.syncNow();
    return done.wait(20000) && done.first().first().toBool();
}

bool hasEntry(const QList<PortalJournal::Entry>& entries, const QString& id)
{
    return std::any_of(entries.cbegin(), entries.cend(), [&](const PortalJournal::Entry& e) { return e.id == id; });
}
} // namespace

class TestPortalSync final : public QObject
{
    Q_OBJECT

    // The server's store, opened in this process while the server process is stopped.
    struct InProcess
    {
        ServerApp app;
        explicit InProcess(const QString& dir)
            : app(ServerOptions {dir})
        {
        }
    };

private slots:
    void testParentsContributionsAndRepliesTravel()
    {
        ServerProcess server;
        const QString code = server.createSetting(QStringLiteral("Puddle Lane Test Nursery"));
        QVERIFY(!code.isEmpty());
        QVERIFY(server.start());
        QNetworkAccessManager network;

        JournalFixture f;
        QVERIFY(f.isValid());
        auto mabel = f.signIn("mabel");
        QVERIFY(SyncClient::enrol(*mabel, network, server.url(), code, QStringLiteral("Office laptop")));

        // Ava's mother: linked, agreement signed. Entries: one about Ava with a photo of Ava alone and a photo of Ava
        // with Ben (Ben's consent is no: that photo stays out of Ava's journal), a staff-only note about Ava, one
        // about Ben only, and a draft about Ava.
        Guardians guardians(*mabel);
        auto mother = guardians.create(QStringLiteral("Rosa Testparent"), QStringLiteral("rosa@example.invalid"));
        QVERIFY(mother);
        QVERIFY(guardians.link(mother.value().id, f.ava, QStringLiteral("mother")));
        QVERIFY(guardians.recordAgreement(mother.value().id, QStringLiteral("Rosa Testparent")));
        Observations observations(*mabel);
        MediaVault vault(mabel->dataDir().vaultPath());
        const auto write = [&](const QStringList& children, const QString& text, bool staffOnly,
                               const QList<QStringList>& photos, bool submit) {
            auto draft = observations.createDraft(children, mabel->clock().now());
            Observation o = draft.value();
            o.text = text;
            o.staffOnly = staffOnly;
            (void)observations.saveDraft(o);
            QStringList mediaIds;
            for (const QStringList& appearing : photos) {
                auto photo
                    = MediaImporter(vault).importPhotoData(DemoPictures::make(2, int(mediaIds.size()), 640, 480));
                auto item = ObservationMedia(*mabel).insert(o.id, photo.value(), appearing);
                mediaIds << item.value().id;
            }
            if (submit)
                (void)observations.submit(o.id);
            return std::pair {o.id, mediaIds};
        };
        const auto [avaEntry, avaPhotos]
            = write({f.ava}, QStringLiteral("Ava poured water between jugs."), false, {{f.ava}, {f.ava, f.ben}}, true);
        const auto [staffNote, none1]
            = write({f.ava}, QStringLiteral("Staff only: a note for the key person."), true, {}, true);
        const auto [benEntry, none2] = write({f.ben}, QStringLiteral("Ben climbed the frame."), false, {}, true);
        const auto [avaDraft, none3] = write({f.ava}, QStringLiteral("Still a draft."), false, {}, false);
        Q_UNUSED(none1);
        Q_UNUSED(none2);
        Q_UNUSED(none3);
        for (const QString& id : {avaEntry, staffNote, benEntry})
            if (observations.byId(id)->status != ObservationStatus::Published)
                QVERIFY(observations.approve(id));
        SyncClient a(*mabel, network);
        QVERIFY(syncOnce(a));
        QCOMPARE(a.waitingCount(), 0);
        const QString settingId = SyncClient::link(*mabel).value().settingId;
        const GuardianIdentity rosa {settingId, mother.value().id};

        // The parent's side, on the server.
        server.stop();
        QString contributionId;
        QString declinedId;
        QString replyId;
        QByteArray homePhotoSha;
        {
            InProcess s(server.dataDir());
            QVERIFY(s.app.open());
            PortalJournal portal(s.app.store(), Clock::system());
            const auto children = portal.children(rosa);
            QVERIFY(children);
            QCOMPARE(children.value().size(), 1);
            QCOMPARE(children.value().first().id, f.ava);
            const auto page = portal.journal(rosa, f.ava, 0);
            QVERIFY2(page, qPrintable(page.errorMessage()));
            QVERIFY(hasEntry(page.value().entries, avaEntry));
            QVERIFY(!hasEntry(page.value().entries, staffNote));
            QVERIFY(!hasEntry(page.value().entries, benEntry));
            QVERIFY(!hasEntry(page.value().entries, avaDraft));
            const auto& entry = page.value().entries.first();
            QCOMPARE(entry.media.size(), 1); // the photo with Ben is left out
            QCOMPARE(entry.media.first().id, avaPhotos.first());
            QCOMPARE(portal.mayShowMedia(rosa, f.ava, avaPhotos.first()).value(), true);
            QCOMPARE(portal.mayShowMedia(rosa, f.ava, avaPhotos.last()).value(), false);
            // Another child's journal, or a reply under an entry not hers: nothing.
            QCOMPARE(portal.journal(rosa, f.ben, 0).code(), Error::Code::NotFound);
            QCOMPARE(portal.addReply(rosa, benEntry, QStringLiteral("Hello")).code(), Error::Code::NotFound);
            QCOMPARE(portal.addReply(rosa, staffNote, QStringLiteral("Hello")).code(), Error::Code::NotFound);
            QCOMPARE(portal.addContribution(rosa, {f.ben}, QStringLiteral("Not my child"), {}).code(),
                     Error::Code::NotFound);

            auto reply = portal.addReply(rosa, avaEntry, QStringLiteral("She does this at bath time too!"));
            QVERIFY2(reply, qPrintable(reply.errorMessage()));
            replyId = reply.value().id;
            // A home observation with a photo (stored as the server stores any upload), and one to be declined.
            const QByteArray photo = DemoPictures::make(4, 7, 800, 600);
            homePhotoSha = Sha256::hash(photo);
            const QString mediaId = Ids::newId();
            const auto stored
                = s.app.media().storeWhole(DeviceIdentity {QStringLiteral("portal"), settingId}, mediaId, photo);
            QVERIFY2(stored.kind == MediaUploads::Outcome::Kind::Ok, qPrintable(stored.message));
            const QImage image = QImage::fromData(photo);
            auto added = portal.addContribution(rosa, {f.ava}, QStringLiteral("Ava planted beans at home."),
                                                {{mediaId, QStringLiteral("photo"), homePhotoSha, qint64(photo.size()),
                                                  image.width(), image.height(), 0}});
            QVERIFY2(added, qPrintable(added.errorMessage()));
            contributionId = added.value().id;
            auto second = portal.addContribution(rosa, {f.ava}, QStringLiteral("A second one."), {});
            QVERIFY(second);
            declinedId = second.value().id;
            const auto mine = portal.contributions(rosa);
            QCOMPARE(mine.value().size(), 2);
            QCOMPARE(mine.value().first().status, QStringLiteral("pending"));
            // Not in the journal until the nursery approves it.
            QVERIFY(!hasEntry(portal.journal(rosa, f.ava, 0).value().entries, contributionId));
        }
        QVERIFY(server.start());

        // The nursery's device: the contributions wait for approval, the reply is under the entry, the photo arrives.
        QVERIFY(syncOnce(a));
        Contributions contributions(*mabel);
        const auto waiting = contributions.awaitingApproval();
        QCOMPARE(waiting.size(), 2);
        QVERIFY(std::any_of(waiting.cbegin(), waiting.cend(), [&](const Observation& o) {
            return o.id == contributionId && o.authorGuardianId == mother.value().id
                && o.text == QStringLiteral("Ava planted beans at home.");
        }));
        const auto replies = Comments(*mabel).of(avaEntry);
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.first().id, replyId);
        QCOMPARE(replies.first().text, QStringLiteral("She does this at bath time too!"));
        QCOMPARE(a.fetchWaitingCount(), 0);
        const auto contributionMedia = ObservationMedia(*mabel).of(contributionId);
        QCOMPARE(contributionMedia.size(), 1);
        QCOMPARE(Sha256::hash(ObservationMedia(*mabel).content(contributionMedia.first().id).value()), homePhotoSha);
        // Approve one, decline the other, answer the parent.
        QVERIFY(contributions.approve(contributionId));
        QVERIFY(contributions.decline(declinedId, QStringLiteral("Please add a photo next time.")));
        QVERIFY(Comments(*mabel).add(avaEntry, QStringLiteral("Thank you, Rosa!")));
        QVERIFY(syncOnce(a));
        QCOMPARE(a.waitingCount(), 0);
        QCOMPARE(a.conflictCount(), 0);
        server.stop();

        // Back to the parent: the approved one is in Ava's journal with its photo; the declined one says why.
        {
            InProcess s(server.dataDir());
            QVERIFY(s.app.open());
            PortalJournal portal(s.app.store(), Clock::system());
            const auto page = portal.journal(rosa, f.ava, 0);
            QVERIFY(page);
            QVERIFY(hasEntry(page.value().entries, contributionId));
            for (const auto& e : page.value().entries) {
                if (e.id == contributionId) {
                    QCOMPARE(e.media.size(), 1);
                    QVERIFY(e.byMe);
                }
                if (e.id == avaEntry) {
                    QCOMPARE(e.replies.size(), 2);
                    const auto nursery = std::find_if(e.replies.cbegin(), e.replies.cend(),
                                                      [](const PortalJournal::Reply& r) { return r.byNursery; });
                    QVERIFY(nursery != e.replies.cend());
                    QCOMPARE(nursery->text, QStringLiteral("Thank you, Rosa!"));
                    QVERIFY(std::any_of(e.replies.cbegin(), e.replies.cend(), [](const PortalJournal::Reply& r) {
                        return r.byMe && r.authorName == QStringLiteral("Rosa Testparent");
                    }));
                }
            }
            const auto mine = portal.contributions(rosa);
            const auto declined = std::find_if(mine.value().cbegin(), mine.value().cend(),
                                               [&](const PortalJournal::Entry& e) { return e.id == declinedId; });
            QVERIFY(declined != mine.value().cend());
            QCOMPARE(declined->status, QStringLiteral("declined"));
            QCOMPARE(declined->declinedReason, QStringLiteral("Please add a photo next time."));
        }
        mabel->end(Session::EndReason::SignOut);
    }
};

QTEST_GUILESS_MAIN(TestPortalSync)
#include "tst_portalsync.moc"
