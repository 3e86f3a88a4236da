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
    ObserveChildren, // record observations — scoped to the children of one's rooms (ChildAccess)
    ManageRoomsAndChildren, // rooms, staff in rooms, children's records
    ManageGuardians, // parents and carers, their links, the agreement text
    RecordPhotoConsent,
    ApproveObservations, // publish or return staff observations — room leaders for their rooms
    ApproveContributions, // approve or decline what parents add — room leaders for their rooms
};

class Permissions final
{
public:
    static bool allows(Role role, Action action);
    static QList<Action> allActions();
};

} // namespace Acorn
