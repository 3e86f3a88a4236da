#pragma once

#include "domain/Role.h"

#include <QDateTime>
#include <QString>

namespace Acorn {

struct StaffMember
{
    QString id;
    QString displayName;
    QString userName;
    Role role = Role::Practitioner;
    bool active = true;
    bool mustChangePassword = false;
    QDateTime passwordChangedAt;
    QDateTime createdAt;
    int revision = 0;
};

} // namespace Acorn
