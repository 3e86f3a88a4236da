#include "people/Rooms.h"

#include "Clock.h"
#include "auth/AuditLog.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "domain/Ids.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace Acorn {

Rooms::Rooms(Session& session)
    : m_session(session)
{
}

QList<Room> Rooms::visible() const
{
    const ChildAccess access(m_session);
    QList<Room> list;
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT id, name, revision FROM rooms WHERE deleted = 0 ORDER BY name COLLATE NOCASE"));
    while (q.next()) {
        Room r {q.value(0).toString(), q.value(1).toString(), q.value(2).toInt()};
        if (access.canSeeRoom(r.id))
            list.append(r);
    }
    return list;
}

Result<Room> Rooms::create(const QString& name)
{
    if (!m_session.can(Action::ManageRoomsAndChildren))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can add rooms."));
    const QString clean = name.trimmed();
    if (clean.isEmpty() || clean.size() > 80)
        return Error(Error::Code::InvalidInput, tr("Give the room a name (up to 80 characters)."));
    Room room {Ids::newId(), clean, 1};
    const QString now = Ids::toIso(m_session.clock().now());
    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(
        QStringLiteral("INSERT INTO rooms (id, name, created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(room.id);
    q.addBindValue(room.name);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(m_session.deviceId());
    if (!q.exec())
        return Database::describe(q.lastError());
    if (auto logged = m_session.audit().append(QStringLiteral("room_created"), m_session.staff().id,
                                               QStringLiteral("room"), room.id);
        !logged)
        return logged.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return room;
}

VoidResult Rooms::rename(const QString& roomId, const QString& name)
{
    if (!m_session.can(Action::ManageRoomsAndChildren))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can rename rooms."));
    const QString clean = name.trimmed();
    if (clean.isEmpty() || clean.size() > 80)
        return Error(Error::Code::InvalidInput, tr("Give the room a name (up to 80 characters)."));
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE rooms SET name = ?, updated_at = ?, revision = revision + 1 WHERE id = ?"));
    q.addBindValue(clean);
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(roomId);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (q.numRowsAffected() != 1)
        return Error(Error::Code::NotFound, tr("That room no longer exists."));
    return {};
}

VoidResult Rooms::setStaffRooms(const QString& staffId, const QStringList& roomIds)
{
    if (!m_session.can(Action::ManageRoomsAndChildren))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can change who works where."));
    Transaction transaction(m_session.database());
    QSqlQuery del(m_session.database().sql());
    del.prepare(QStringLiteral("DELETE FROM staff_rooms WHERE staff_id = ?"));
    del.addBindValue(staffId);
    if (!del.exec())
        return Database::describe(del.lastError());
    const QString now = Ids::toIso(m_session.clock().now());
    for (const auto& roomId : roomIds) {
        QSqlQuery q(m_session.database().sql());
        q.prepare(QStringLiteral("INSERT INTO staff_rooms (staff_id, room_id, created_at, origin_device) "
                                 "VALUES (?, ?, ?, ?)"));
        q.addBindValue(staffId);
        q.addBindValue(roomId);
        q.addBindValue(now);
        q.addBindValue(m_session.deviceId());
        if (!q.exec())
            return Database::describe(q.lastError());
    }
    if (auto logged = m_session.audit().append(QStringLiteral("staff_rooms_changed"), m_session.staff().id,
                                               QStringLiteral("staff"), staffId, roomIds.join(QLatin1Char(',')));
        !logged)
        return logged;
    return transaction.commit();
}

QStringList Rooms::roomsOf(const QString& staffId) const
{
    QStringList ids;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT room_id FROM staff_rooms WHERE staff_id = ?"));
    q.addBindValue(staffId);
    if (q.exec())
        while (q.next())
            ids << q.value(0).toString();
    return ids;
}

QStringList Rooms::staffIn(const QString& roomId) const
{
    QStringList ids;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT staff_id FROM staff_rooms WHERE room_id = ?"));
    q.addBindValue(roomId);
    if (q.exec())
        while (q.next())
            ids << q.value(0).toString();
    return ids;
}

} // namespace Acorn
