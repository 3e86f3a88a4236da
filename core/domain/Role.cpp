#include "domain/Role.h"

#include <QCoreApplication>

namespace Acorn {

QString roleKey(Role role)
{
    switch (role) {
    case Role::Practitioner:
        return QStringLiteral("practitioner");
    case Role::RoomLeader:
        return QStringLiteral("room_leader");
    case Role::Manager:
        return QStringLiteral("manager");
    case Role::Administrator:
        return QStringLiteral("administrator");
    }
    return {};
}

bool roleFromKey(const QString& key, Role* role)
{
    for (const auto r : allRoles()) {
        if (roleKey(r) == key) {
            *role = r;
            return true;
        }
    }
    return false;
}

QString roleDisplayName(Role role)
{
    switch (role) {
    case Role::Practitioner:
        return QCoreApplication::translate("Acorn::Role", "Practitioner");
    case Role::RoomLeader:
        return QCoreApplication::translate("Acorn::Role", "Room leader");
    case Role::Manager:
        return QCoreApplication::translate("Acorn::Role", "Manager");
    case Role::Administrator:
        return QCoreApplication::translate("Acorn::Role", "Administrator");
    }
    return {};
}

QList<Role> allRoles()
{
    return {Role::Practitioner, Role::RoomLeader, Role::Manager, Role::Administrator};
}

} // namespace Acorn
