#include "JournalFixture.h"

#include "auth/StaffRepository.h"
#include "domain/Ids.h"
#include "people/Children.h"
#include "people/Rooms.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace Acorn::Test {

JournalFixture::JournalFixture()
{
    if (!m_nursery.isValid())
        return;
    if (!m_nursery.addStaff("pia", "Pia Nettle", Role::Practitioner, password())
        || !m_nursery.addStaff("sam", "Sam Burrow", Role::Practitioner, password())
        || !m_nursery.addStaff("rita", "Rita Cobble", Role::RoomLeader, password()))
        return;
    auto session = m_nursery.signIn();
    if (!session)
        return;
    StaffRepository staff(session->database());
    mabel = session->staff().id;
    pia = staff.byUserName("pia")->id;
    sam = staff.byUserName("sam")->id;
    rita = staff.byUserName("rita")->id;

    Rooms rooms(*session);
    seedlings = rooms.create("Seedlings").value().id;
    saplings = rooms.create("Saplings").value().id;
    if (!rooms.setStaffRooms(pia, {seedlings}) || !rooms.setStaffRooms(sam, {saplings})
        || !rooms.setStaffRooms(rita, {seedlings}))
        return;

    Children children(*session);
    const auto add = [&](const char* first, const QString& room, PhotoConsent consent) {
        Child c;
        c.firstName = QString::fromLatin1(first);
        c.lastName = QStringLiteral("Testling");
        c.roomId = room;
        c.status = ChildStatus::Active;
        auto created = children.create(c);
        if (!created)
            return QString();
        if (consent != PhotoConsent::NotRecorded && !children.setPhotoConsent(created.value().id, consent))
            return QString();
        return created.value().id;
    };
    ava = add("Ava", seedlings, PhotoConsent::Yes);
    ben = add("Ben", seedlings, PhotoConsent::No);
    cal = add("Cal", seedlings, PhotoConsent::NotRecorded);
    dot = add("Dot", saplings, PhotoConsent::Yes);
    m_valid = !ava.isEmpty() && !ben.isEmpty() && !cal.isEmpty() && !dot.isEmpty();
}

std::unique_ptr<Session> JournalFixture::signIn(const QString& user)
{
    if (user == QLatin1String("mabel"))
        return m_nursery.signIn();
    return m_nursery.signIn(user, password());
}

bool JournalFixture::addMedia(Session& session, const QString& observationId, const QString& mediaId,
                              const QStringList& appearingChildIds)
{
    const QString now = Ids::toIso(session.clock().now());
    QSqlQuery q(session.database().sql());
    q.prepare("INSERT INTO media_items (id, observation_id, kind, sha256, size, vault_file, file_key, created_at, "
              "updated_at, origin_device) VALUES (?, ?, 'photo', x'00', 1, 'none', x'00', ?, ?, 'test')");
    q.addBindValue(mediaId);
    q.addBindValue(observationId);
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec())
        return false;
    for (const auto& child : appearingChildIds) {
        QSqlQuery c(session.database().sql());
        c.prepare("INSERT INTO media_children (media_id, child_id) VALUES (?, ?)");
        c.addBindValue(mediaId);
        c.addBindValue(child);
        if (!c.exec())
            return false;
    }
    return true;
}

} // namespace Acorn::Test
