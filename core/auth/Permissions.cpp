#include "auth/Permissions.h"

namespace Acorn {

bool Permissions::allows(Role role, Action action)
{
    const bool managerOrAbove = role == Role::Manager || role == Role::Administrator;
    switch (action) {
    case Action::ChangeOwnPassword:
    case Action::ObserveChildren:
        return true;
    case Action::ApproveObservations:
    case Action::ApproveContributions:
        return role != Role::Practitioner;
    case Action::ManageRoomsAndChildren:
    case Action::ManageGuardians:
    case Action::RecordPhotoConsent:
    case Action::ManageStaffAccounts:
    case Action::ChangePolicy:
    case Action::ViewAuditLog:
    case Action::BackupAndRestore:
        return managerOrAbove;
    case Action::ManageAdministrators:
        return role == Role::Administrator;
    }
    return false;
}

QList<Action> Permissions::allActions()
{
    return {Action::ManageStaffAccounts, Action::ManageAdministrators,   Action::ChangePolicy,
            Action::ViewAuditLog,        Action::BackupAndRestore,       Action::ChangeOwnPassword,
            Action::ObserveChildren,     Action::ManageRoomsAndChildren, Action::ManageGuardians,
            Action::RecordPhotoConsent,  Action::ApproveObservations,    Action::ApproveContributions};
}

} // namespace Acorn
