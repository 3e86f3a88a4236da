#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace Acorn {

class Session;

// Which children a signed-in staff member may see and observe: practitioners and room leaders the children of
// their rooms (the policy: "all staff within the room are able to capture observations for all the children"),
// managers and administrators everyone. Computed once per use; a nursery has hundreds of children, not millions.
class ChildAccess final
{
public:
    explicit ChildAccess(const Session& session);

    bool seesAllRooms() const { return m_all; }
    QStringList roomIds() const { return m_roomIds; }
    bool canSeeChild(const QString& childId) const;
    bool canSeeAll(const QStringList& childIds) const;
    bool canSeeRoom(const QString& roomId) const;
    // The visible, not-deleted children's ids.
    const QSet<QString>& childIds() const { return m_childIds; }

private:
    bool m_all = false;
    QStringList m_roomIds;
    QSet<QString> m_childIds;
};

} // namespace Acorn
