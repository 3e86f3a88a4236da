#include "auth/ChildAccess.h"

#include "auth/Session.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace Acorn {

ChildAccess::ChildAccess(const Session& session)
{
    if (!session.isOpen())
        return;
    const Role role = session.staff().role;
    m_all = role == Role::Manager || role == Role::Administrator;
    QSqlQuery rooms(session.database().sql());
    rooms.setForwardOnly(true);
    if (m_all) {
        rooms.exec(QStringLiteral("SELECT id FROM rooms WHERE deleted = 0"));
    } else {
        rooms.prepare(QStringLiteral("SELECT sr.room_id FROM staff_rooms sr JOIN rooms r ON r.id = sr.room_id "
                                     "WHERE sr.staff_id = ? AND r.deleted = 0"));
        rooms.addBindValue(session.staff().id);
        rooms.exec();
    }
    while (rooms.next())
        m_roomIds << rooms.value(0).toString();

    QSqlQuery children(session.database().sql());
    children.setForwardOnly(true);
    if (m_all) {
        children.exec(QStringLiteral("SELECT id FROM children WHERE deleted = 0"));
    } else {
        children.prepare(QStringLiteral("SELECT c.id FROM children c JOIN staff_rooms sr ON sr.room_id = c.room_id "
                                        "WHERE sr.staff_id = ? AND c.deleted = 0"));
        children.addBindValue(session.staff().id);
        children.exec();
    }
    while (children.next())
        m_childIds.insert(children.value(0).toString());
}

bool ChildAccess::canSeeChild(const QString& childId) const
{
    return m_childIds.contains(childId);
}

bool ChildAccess::canSeeAll(const QStringList& childIds) const
{
    return std::all_of(childIds.cbegin(), childIds.cend(), [&](const QString& id) { return canSeeChild(id); });
}

bool ChildAccess::canSeeRoom(const QString& roomId) const
{
    return m_all || m_roomIds.contains(roomId);
}

} // namespace Acorn
