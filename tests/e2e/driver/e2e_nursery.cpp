// The nursery's side of the portal's end-to-end test, as a program the browser test runs: it sets up a fictional
// nursery in a data folder with Acorn's own core (the same code the desktop app runs), connects it to the test's
// acorn-server, publishes observations (one with a photo of two children, one of whom may not appear in other
// journals), invites a parent, and later approves what the parent sent and answers their reply — all through sync.
// Every name and picture here is made up. Output: one JSON object on stdout.
//
//   e2e_nursery setup DATA_DIR SERVER_URL ENROLMENT_CODE
//   e2e_nursery approve DATA_DIR
//   e2e_nursery photo FILE.png
#include "Clock.h"
#include "auth/NurserySetup.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "demo/DemoPictures.h"
#include "journal/Comments.h"
#include "journal/Contributions.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "people/Children.h"
#include "people/Guardians.h"
#include "people/Rooms.h"
#include "storage/DataDir.h"
#include "storage/Database.h"
#include "sync/PortalInvitations.h"
#include "sync/SyncClient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSqlQuery>

#include <cstdio>

using namespace Acorn;

namespace {
const QByteArray Password = "Quiet-Harbour-81";

int fail(const QString& what)
{
    std::fprintf(stderr, "e2e_nursery: %s\n", qUtf8Printable(what));
    return 1;
}

void print(const QJsonObject& object)
{
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

bool syncOnce(Session& session, QNetworkAccessManager& network, QString* error)
{
    SyncClient client(session, network);
    QEventLoop loop;
    bool ok = false;
    QObject::connect(&client, &SyncClient::finished, &loop, [&](bool done) {
        ok = done;
        loop.quit();
    });
    client.syncNow();
    loop.exec();
    if (!ok)
        *error = client.lastError();
    return ok;
}

int setup(const QString& dir, const QUrl& server, const QString& code)
{
    const DataDir dataDir(dir);
    NurserySetup::Request request;
    request.nurseryName = QStringLiteral("Hazel Lane Test Nursery");
    request.managerDisplayName = QStringLiteral("Poppy Testmanager");
    request.managerUserName = QStringLiteral("poppy");
    request.managerPassword = Password;
    request.policy = PasswordPolicy::Kind::Passphrase;
    if (auto created = NurserySetup::create(dataDir, request, Clock::system()); !created)
        return fail(created.errorMessage());
    auto signedIn = Session::signIn(dataDir, QStringLiteral("poppy"), Password, Clock::system());
    if (!signedIn)
        return fail(signedIn.errorMessage());
    Session& s = *signedIn.value();

    const QString room = Rooms(s).create(QStringLiteral("Bluebells")).value().id;
    Children children(s);
    const auto child = [&](const QString& first, PhotoConsent consent) {
        Child c;
        c.firstName = first;
        c.lastName = QStringLiteral("Testling");
        c.roomId = room;
        c.status = ChildStatus::Active;
        const QString id = children.create(c).value().id;
        if (consent != PhotoConsent::NotRecorded)
            (void)children.setPhotoConsent(id, consent);
        return id;
    };
    const QString cal = child(QStringLiteral("Cal"), PhotoConsent::NotRecorded); // the parent records it
    const QString ben = child(QStringLiteral("Ben"), PhotoConsent::No);
    auto guardian = Guardians(s).create(QStringLiteral("Rosa Example"), QStringLiteral("rosa@example.invalid"));
    if (!guardian)
        return fail(guardian.errorMessage());

    Observations observations(s);
    MediaVault vault(s.dataDir().vaultPath());
    QJsonObject made;
    const auto observe = [&](const QStringList& who, const QString& text, const QString& nextSteps, bool staffOnly,
                             const QList<QStringList>& photos, const QString& key) {
        auto draft = observations.createDraft(who, Clock::system().now());
        Observation o = draft.value();
        o.text = text;
        o.nextSteps = nextSteps;
        o.staffOnly = staffOnly;
        (void)observations.saveDraft(o);
        QJsonArray mediaIds;
        int n = 0;
        for (const QStringList& appearing : photos) {
            auto photo = MediaImporter(vault).importPhotoData(DemoPictures::make(n % 6, 40 + n, 960, 720));
            auto item = ObservationMedia(s).insert(o.id, photo.value(), appearing);
            mediaIds.append(item.value().id);
            ++n;
        }
        (void)observations.submit(o.id);
        if (observations.byId(o.id)->status != ObservationStatus::Published)
            (void)observations.approve(o.id);
        made.insert(key, QJsonObject {{QStringLiteral("id"), o.id}, {QStringLiteral("media"), mediaIds}});
    };
    observe({cal}, QStringLiteral("Cal built a tower of nine blocks and counted them aloud."),
            QStringLiteral("Try counting backwards from ten."), false, {{cal}, {cal, ben}}, QStringLiteral("tower"));
    observe({ben}, QStringLiteral("Ben painted a red boat."), {}, false, {}, QStringLiteral("other_child"));
    observe({cal}, QStringLiteral("Staff only: note for the key person."), {}, true, {}, QStringLiteral("staff_only"));

    QNetworkAccessManager network;
    if (auto enrolled = SyncClient::enrol(s, network, server, code, QStringLiteral("Office laptop")); !enrolled)
        return fail(enrolled.errorMessage());
    QString error;
    if (!syncOnce(s, network, &error))
        return fail(QStringLiteral("sync: ") + error);
    auto invitation = PortalInvitations(s, network).invite(guardian.value().id, {cal}, 14);
    if (!invitation)
        return fail(invitation.errorMessage());
    s.end(Session::EndReason::SignOut);
    made.insert(QStringLiteral("guardian_id"), guardian.value().id);
    made.insert(QStringLiteral("child_id"), cal);
    made.insert(QStringLiteral("other_child_id"), ben);
    made.insert(QStringLiteral("code"), invitation.value().code);
    made.insert(QStringLiteral("link"), invitation.value().link.toString());
    print(made);
    return 0;
}

int approve(const QString& dir)
{
    auto signedIn = Session::signIn(DataDir(dir), QStringLiteral("poppy"), Password, Clock::system());
    if (!signedIn)
        return fail(signedIn.errorMessage());
    Session& s = *signedIn.value();
    QNetworkAccessManager network;
    QString error;
    if (!syncOnce(s, network, &error))
        return fail(QStringLiteral("sync: ") + error);
    Contributions contributions(s);
    QJsonArray approved;
    for (const Observation& o : contributions.awaitingApproval()) {
        if (auto done = contributions.approve(o.id); !done)
            return fail(done.errorMessage());
        approved.append(o.id);
    }
    // Answer every reply a parent wrote.
    QJsonArray answered;
    Observations observations(s);
    Comments comments(s);
    QSqlQuery q(s.database().sql());
    QStringList withParentReplies;
    if (q.exec(QStringLiteral("SELECT DISTINCT observation_id FROM comments WHERE author_guardian_id IS NOT NULL")))
        while (q.next())
            withParentReplies << q.value(0).toString();
    for (const QString& id : std::as_const(withParentReplies)) {
        if (auto added = comments.add(id, QStringLiteral("Thank you for telling us!")); added)
            answered.append(id);
    }
    if (!syncOnce(s, network, &error))
        return fail(QStringLiteral("sync: ") + error);
    const int fetched = SyncClient(s, network).fetchWaitingCount();
    s.end(Session::EndReason::SignOut);
    print({{QStringLiteral("approved"), approved},
           {QStringLiteral("answered"), answered},
           {QStringLiteral("media_still_to_fetch"), fetched}});
    return 0;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
    const QStringList args = app.arguments();
    const QString command = args.value(1);
    if (command == QLatin1String("setup") && args.size() == 5)
        return setup(args.at(2), QUrl(args.at(3)), args.at(4));
    if (command == QLatin1String("approve") && args.size() == 3)
        return approve(args.at(2));
    if (command == QLatin1String("photo") && args.size() == 3) {
        QFile out(args.at(2));
        if (!out.open(QIODevice::WriteOnly))
            return fail(out.errorString());
        // A generated picture saved as PNG (the portal accepts PNG and turns it into a clean JPEG).
        const QImage picture = QImage::fromData(DemoPictures::make(3, 77, 800, 600));
        if (!picture.save(&out, "PNG"))
            return fail(QStringLiteral("could not write the picture"));
        print({{QStringLiteral("photo"), args.at(2)}});
        return 0;
    }
    return fail(QStringLiteral("usage: e2e_nursery setup DIR URL CODE | approve DIR | photo FILE.png"));
}
