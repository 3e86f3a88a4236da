#pragma once

#include <QList>
#include <QString>

namespace Acorn {

// Staff roles, lowest to highest. Stored by their key ("practitioner", ...).
enum class Role { Practitioner, RoomLeader, Manager, Administrator };

QString roleKey(Role role);
bool roleFromKey(const QString& key, Role* role);
QString roleDisplayName(Role role); // translated
QList<Role> allRoles();

} // namespace Acorn
