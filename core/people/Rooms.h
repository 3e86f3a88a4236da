#pragma once

#include "Result.h"
#include "domain/Room.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace Acorn {

class Session;

// Rooms and who works in them. Managers and administrators change them; everyone can list the rooms they see.
class Rooms final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Rooms)
public:
    explicit Rooms(Session& session);

    QList<Room> visible() const;
    [[nodiscard]] Result<Room> create(const QString& name);
    [[nodiscard]] VoidResult rename(const QString& roomId, const QString& name);
    [[nodiscard]] VoidResult setStaffRooms(const QString& staffId, const QStringList& roomIds);
    QStringList roomsOf(const QString& staffId) const;
    QStringList staffIn(const QString& roomId) const;

private:
    Session& m_session;
};

} // namespace Acorn
