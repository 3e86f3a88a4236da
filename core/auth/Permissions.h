#pragma once

#include "domain/Role.h"

#include <QList>

namespace Acorn {

// What a signed-in staff member may do. Checked in core services, so the GUI, the CLI and the server cannot
// bypass it; the GUI only hides what would be refused anyway.
enum class Action {
    ManageStaffAccounts, // create, deactivate, reset passwords
    ManageAdministrators, // create or change administrator accounts
    ChangePolicy, // password policy, idle lock, approval rule
    ViewAuditLog,
    BackupAndRestore,
    ChangeOwnPassword,
};

class Permissions final
{
public:
    static bool allows(Role role, Action action);
    static QList<Action> allActions();
};

} // namespace Acorn
