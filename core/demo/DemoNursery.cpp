#include "demo/DemoNursery.h"

#include "Clock.h"
#include "auth/NurserySetup.h"
#include "auth/Session.h"
#include "auth/StaffAccounts.h"
#include "auth/StaffRepository.h"
#include "demo/DemoPictures.h"
#include "domain/Ids.h"
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

#include <QRandomGenerator>
#include <QUuid>

#include <vector>

namespace Acorn {

namespace {
// Invented names only.
const QStringList FirstNames {QStringLiteral("Tilly"),   QStringLiteral("Ozzie"),   QStringLiteral("Wren"),
                              QStringLiteral("Bramble"), QStringLiteral("Juniper"), QStringLiteral("Pip"),
                              QStringLiteral("Clover"),  QStringLiteral("Fennel"),  QStringLiteral("Sorrel"),
                              QStringLiteral("Teasel"),  QStringLiteral("Linden"),  QStringLiteral("Marigold")};
const QStringList LastNames {QStringLiteral("Mossbank"),   QStringLiteral("Puddleby"), QStringLiteral("Fernwhistle"),
                             QStringLiteral("Hollowtree"), QStringLiteral("Quillsby"), QStringLiteral("Dewberry")};
const QStringList GuardianFirstNames {QStringLiteral("Ada"),    QStringLiteral("Bryn"),  QStringLiteral("Cleo"),
                                      QStringLiteral("Dara"),   QStringLiteral("Emrys"), QStringLiteral("Fia"),
                                      QStringLiteral("Gethin"), QStringLiteral("Hallie")};

struct Activity
{
    const char* text;
    const char* nextSteps;
    const char* tag;
    int picture; // DemoPictures kind
};
// What a nursery would write, in general terms, about no one in particular.
const Activity Activities[] = {
    {"%1 built a tower of seven blocks, counting each one aloud, and laughed when it toppled.",
     "Offer blocks of different sizes and talk about taller and shorter.", "eyfs.maths.number", 0},
    {"%1 mixed red and yellow paint and announced \"I made orange!\" before covering the page in swirls.",
     "Provide more colours to mix and name together.", "eyfs.ead.creating-with-materials", 1},
    {"%1 collected leaves in the garden and sorted them into big and small piles.",
     "Go on a leaf hunt and compare shapes.", "eyfs.utw.natural-world", 2},
    {"%1 filled and emptied buckets in the sand tray, predicting which would be heavier.",
     "Introduce balance scales in the sand area.", "eyfs.maths.numerical-patterns", 3},
    {"%1 waited for a turn on the slide and said \"you go first\" to a friend.",
     "Praise turn-taking; play simple board games.", "eyfs.psed.building-relationships", -1},
    {"%1 listened to the whole story of the hungry caterpillar and joined in with the repeated lines.",
     "Read more stories with repeating refrains.", "eyfs.cl.listening", -1},
    {"%1 put on a coat independently and tried the zip three times before it worked.",
     "Practise fastenings with the dressing-up clothes.", "eyfs.psed.managing-self", -1},
    {"%1 used scissors to snip along a line drawn on card, holding them correctly.",
     "Offer thicker card and curved lines.", "eyfs.pd.fine-motor", 1},
    {"%1 balanced along the low beam with arms out, then jumped off with both feet.",
     "Set up an obstacle course with stepping stones.", "eyfs.pd.gross-motor", -1},
    {"%1 told a long story about a dragon who lives under the slide, using \"because\" and \"then\".",
     "Encourage storytelling with puppets.", "eyfs.cl.speaking", 0},
};
const char* Replies[]
    = {"Lovely to see this!", "We noticed the same at home last week.", "Great next step — let's try it on Thursday."};
} // namespace

Result<QList<DemoNursery::Account>> DemoNursery::create(const DataDir& dataDir, const Clock& clock)
{
    QList<Account> accounts {
        {QStringLiteral("Poppy Fieldfare"), QStringLiteral("poppy"), QStringLiteral("Blue-Otter-47"),
         QStringLiteral("manager")},
        {QStringLiteral("Hazel Brambleworth"), QStringLiteral("hazel"), QStringLiteral("Green-Kite-58"),
         QStringLiteral("room_leader")},
        {QStringLiteral("Rowan Thistledown"), QStringLiteral("rowan"), QStringLiteral("Amber-Heron-63"),
         QStringLiteral("practitioner")},
    };

    NurserySetup::Request request;
    request.nurseryName = QStringLiteral("Little Acorns Demo Nursery");
    request.managerDisplayName = accounts[0].displayName;
    request.managerUserName = accounts[0].userName;
    request.managerPassword = accounts[0].password.toUtf8();
    auto created = NurserySetup::create(dataDir, request, clock);
    if (!created)
        return created.error();

    auto signedIn = Session::signIn(dataDir, accounts[0].userName, accounts[0].password.toUtf8(), clock);
    if (!signedIn)
        return signedIn.error();
    auto manager = signedIn.take();

    QStringList staffIds {manager->staff().id};
    StaffAccounts staffAccounts(*manager);
    for (int i = 1; i < accounts.size(); ++i) {
        Role role = Role::Practitioner;
        roleFromKey(accounts[i].role, &role);
        auto member
            = staffAccounts.create(accounts[i].displayName, accounts[i].userName, role, accounts[i].password.toUtf8());
        if (!member)
            return member.error();
        staffIds << member.value().id;
    }
    // Demo sign-ins should not start with a forced password change.
    if (auto ok = manager->database().exec(QStringLiteral("UPDATE staff SET must_change_password = 0")); !ok)
        return ok.error();

    Rooms rooms(*manager);
    QStringList roomIds;
    for (const auto& name : {QStringLiteral("Seedlings"), QStringLiteral("Saplings"), QStringLiteral("Oak Room")}) {
        auto room = rooms.create(name);
        if (!room)
            return room.error();
        roomIds << room.value().id;
    }
    if (auto ok = rooms.setStaffRooms(staffIds[1], {roomIds[1], roomIds[2]}); !ok)
        return ok.error();
    if (auto ok = rooms.setStaffRooms(staffIds[2], {roomIds[1]}); !ok)
        return ok.error();

    QRandomGenerator rng(20261129);
    const QDate today = clock.now().date();
    Children children(*manager);
    Guardians guardians(*manager);
    QStringList childIds;
    QHash<QString, QString> childRoom;
    QList<std::pair<QString, QString>> guardianOfChild;
    for (int i = 0; i < 24; ++i) {
        Child c;
        c.firstName = FirstNames[i % FirstNames.size()];
        c.lastName = LastNames[(i * 7 + i / 12) % LastNames.size()];
        c.dateOfBirth = today.addDays(-(300 + i * 53));
        c.startDate = today.addDays(-(200 + i * 5));
        c.roomId = roomIds[i % roomIds.size()];
        c.status = i == 23 ? ChildStatus::Enrolling : ChildStatus::Active;
        auto child = children.create(c);
        if (!child)
            return child.error();
        childIds << child.value().id;
        childRoom.insert(child.value().id, c.roomId);
        if (i == 23)
            continue; // enrolling: consent not recorded yet, so no parent can be linked
        if (auto ok = children.setPhotoConsent(child.value().id, i % 5 == 0 ? PhotoConsent::No : PhotoConsent::Yes);
            !ok)
            return ok.error();
        auto guardian
            = guardians.create(GuardianFirstNames[i % GuardianFirstNames.size()] + QLatin1Char(' ') + c.lastName,
                               QStringLiteral("family%1@example.invalid").arg(i));
        if (!guardian)
            return guardian.error();
        if (auto ok = guardians.link(guardian.value().id, child.value().id,
                                     i % 2 ? QStringLiteral("father") : QStringLiteral("mother"));
            !ok)
            return ok.error();
        if (i % 4 != 3) {
            if (auto ok = guardians.recordAgreement(guardian.value().id, guardian.value().name); !ok)
                return ok.error();
            guardianOfChild.append({guardian.value().id, child.value().id});
        }
    }

    // A few hundred observations by each member of staff, in their own rooms, with generated pictures.
    std::vector<QByteArray> pictures;
    for (int i = 0; i < 12; ++i)
        pictures.push_back(DemoPictures::make(i % DemoPictures::Kinds, rng.generate()));
    MediaVault vault(dataDir.vaultPath());
    MediaImporter importer(vault);
    int made = 0;
    for (int author = 0; author < accounts.size(); ++author) {
        std::unique_ptr<Session> owned;
        Session* session = manager.get();
        if (author > 0) {
            auto s = Session::signIn(dataDir, accounts[author].userName, accounts[author].password.toUtf8(), clock);
            if (!s)
                return s.error();
            owned = s.take();
            session = owned.get();
        }
        const QStringList mine = [&] {
            QStringList ids;
            for (const auto& c : Children(*session).visible())
                ids << c.id;
            return ids;
        }();
        Observations observations(*session);
        ObservationMedia media(*session);
        Transaction batch(session->database());
        for (int n = 0; n < 100 && !mine.isEmpty(); ++n, ++made) {
            QStringList group {mine[int(rng.bounded(int(mine.size())))]};
            if (n % 9 == 0) {
                const QString other = mine[int(rng.bounded(int(mine.size())))];
                if (!group.contains(other) && childRoom.value(other) == childRoom.value(group.first()))
                    group << other;
            }
            const QDateTime when = clock.now().addSecs(-qint64(rng.bounded(180 * 24)) * 3600 - 3600);
            auto draft = observations.createDraft(group, when);
            if (!draft)
                return draft.error();
            const Activity& a = Activities[(n + author * 3) % int(std::size(Activities))];
            Observation o = draft.value();
            o.text = QString::fromUtf8(a.text).arg(Children(*session).byId(group.first())->firstName);
            o.nextSteps = QString::fromUtf8(a.nextSteps);
            o.tags = {{QStringLiteral("eyfs-2024"), QString::fromLatin1(a.tag)}};
            if (n % 4 == 0)
                o.tags.append({QStringLiteral("coel"), QStringLiteral("coel.playing-exploring")});
            if (auto ok = observations.saveDraft(o); !ok)
                return ok.error();
            if (a.picture >= 0 && n % 2 == 0) {
                auto photo = importer.importPhotoData(pictures[size_t((n + a.picture) % int(pictures.size()))]);
                if (!photo)
                    return photo.error();
                if (auto item = media.insert(o.id, photo.value(), group); !item)
                    return item.error();
            }
            if (n % 25 == 7)
                continue; // left as a draft
            if (auto ok = observations.submit(o.id); !ok)
                return ok.error();
        }
        if (auto ok = batch.commit(); !ok)
            return ok.error();
    }

    // The manager approves most of what is waiting, returns one, and replies to a few.
    Observations review(*manager);
    Comments comments(*manager);
    const auto waiting = review.awaitingApproval();
    {
        Transaction approvals(manager->database());
        for (int i = 0; i < waiting.size(); ++i) {
            if (i % 20 == 5)
                continue; // still awaiting approval
            if (i == 3) {
                if (auto ok = review.returnToAuthor(waiting[i].id,
                                                    QStringLiteral("Please add what this shows about "
                                                                   "their learning."));
                    !ok)
                    return ok.error();
                continue;
            }
            if (auto ok = review.approve(waiting[i].id); !ok)
                return ok.error();
            if (i % 15 == 0)
                (void)comments.add(waiting[i].id, QString::fromUtf8(Replies[i % int(std::size(Replies))]));
        }
        if (auto ok = approvals.commit(); !ok)
            return ok.error();
    }

    // Contributions from home, waiting for staff.
    Contributions contributions(*manager);
    for (int i = 0; i < 6 && i < guardianOfChild.size(); ++i) {
        Contributions::Input in;
        in.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        in.guardianId = guardianOfChild[i].first;
        in.childIds = {guardianOfChild[i].second};
        in.observedAt = clock.now().addDays(-1 - i);
        in.text = QStringLiteral("At the weekend we planted seeds in pots and watered them every morning.");
        if (auto ok = contributions.receive(in); !ok)
            return ok.error();
    }
    manager->end(Session::EndReason::SignOut);
    return accounts;
}

} // namespace Acorn
