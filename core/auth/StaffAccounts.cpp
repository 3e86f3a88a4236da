#include "auth/StaffAccounts.h"

#include "Clock.h"
#include "Logging.h"
#include "auth/AuditLog.h"
#include "auth/NurserySetup.h"
#include "auth/PasswordHistory.h"
#include "auth/PasswordPolicy.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "auth/StaffRepository.h"
#include "domain/Ids.h"
#include "storage/Database.h"

namespace Acorn {

StaffAccounts::StaffAccounts(Session& session)
    : m_session(session)
{
}

VoidResult StaffAccounts::checkManage(const StaffMember& target, Role newRole) const
{
    if (!m_session.can(Action::ManageStaffAccounts))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can manage staff accounts."));
    if ((target.role == Role::Administrator || newRole == Role::Administrator)
        && !m_session.can(Action::ManageAdministrators))
        return Error(Error::Code::PermissionDenied, tr("Only an administrator can manage administrator accounts."));
    return {};
}

VoidResult StaffAccounts::checkPolicy(const StaffMember& target, const QByteArray& password, bool checkHistory) const
{
    const auto policy = m_session.passwordPolicy();
    const QString text = QString::fromUtf8(password);
    if (!policy.accepts(text, target.userName, target.displayName))
        return Error(Error::Code::PolicyViolation, policy.explainRefusal(text, target.userName, target.displayName));
    if (checkHistory) {
        const auto fingerprint = PasswordHistory::fingerprint(m_session.databaseKey(), target.id, password);
        if (PasswordHistory::contains(StaffRepository(m_session.database()).passwordHistory(target.id), fingerprint))
            return Error(Error::Code::PolicyViolation,
                         policy.historyCount > 1
                             ? tr("You have used this password before. Choose one you have not used in your last %1.")
                                   .arg(policy.historyCount)
                             : tr("Choose a password different from your current one."));
    }
    return {};
}

VoidResult StaffAccounts::storePassword(const StaffMember& target, const QByteArray& password, bool mustChange,
                                        const QString& auditAction)
{
    auto& keyring = m_session.keyring();
    const Keyring before = keyring;
    if (auto set
        = keyring.setStaffPassword(target.id, target.userName, target.displayName, password, m_session.databaseKey());
        !set)
        return set;

    const QDateTime now = m_session.clock().now();
    StaffRepository staff(m_session.database());
    const auto policy = m_session.passwordPolicy();
    const auto history = PasswordHistory::pushed(
        staff.passwordHistory(target.id), PasswordHistory::fingerprint(m_session.databaseKey(), target.id, password),
        policy.historyCount);

    Transaction transaction(m_session.database());
    VoidResult done = staff.setPasswordState(target.id, now, mustChange, history, now);
    if (done && !auditAction.isEmpty())
        done = m_session.audit().append(auditAction, m_session.staff().id, QStringLiteral("staff"), target.id);
    // The keyring is written last but before the commit: if it cannot be saved, the database change is rolled back.
    if (done)
        done = m_session.saveKeyring();
    if (done)
        done = transaction.commit();
    if (!done) {
        keyring = before;
        (void)m_session.saveKeyring();
    }
    return done;
}

Result<StaffMember> StaffAccounts::create(const QString& displayName, const QString& userName, Role role,
                                          const QByteArray& temporaryPassword)
{
    StaffMember member;
    member.id = Ids::newId();
    member.displayName = displayName.trimmed();
    member.userName = userName.trimmed();
    member.role = role;
    member.mustChangePassword = true;
    if (auto allowed = checkManage(member, role); !allowed)
        return allowed.error();
    if (member.displayName.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Type the person's name."));
    if (!NurserySetup::isValidUserName(member.userName))
        return Error(Error::Code::InvalidInput,
                     tr("A user name has 2 to 40 letters or digits (and may contain . - _), with no spaces."));
    StaffRepository staff(m_session.database());
    if (staff.byUserName(member.userName) || m_session.keyring().findUser(member.userName))
        return Error(Error::Code::AlreadyExists,
                     tr("The user name %1 is already taken. Choose another one.").arg(member.userName));
    if (auto ok = checkPolicy(member, temporaryPassword, false); !ok)
        return ok.error();

    const QDateTime now = m_session.clock().now();
    {
        Transaction transaction(m_session.database());
        VoidResult done = staff.insert(member, m_session.deviceId(), now);
        if (done)
            done = m_session.audit().append(AuditLog::AccountCreated, m_session.staff().id, QStringLiteral("staff"),
                                            member.id, QStringLiteral("role=") + roleKey(role));
        if (done)
            done = transaction.commit();
        if (!done)
            return done.error();
    }
    if (auto stored = storePassword(member, temporaryPassword, true, {}); !stored) {
        // No way in without a keyring entry: leave the row, but inactive, so the name can be fixed and retried.
        member.active = false;
        (void)staff.update(member, now);
        return stored.error();
    }
    qCInfo(lcAuth) << "staff account created" << member.id;
    return *staff.byId(member.id);
}

VoidResult StaffAccounts::update(const QString& staffId, const QString& displayName, Role role)
{
    StaffRepository staff(m_session.database());
    auto target = staff.byId(staffId);
    if (!target)
        return Error(Error::Code::NotFound, tr("That staff account no longer exists."));
    if (auto allowed = checkManage(*target, role); !allowed)
        return allowed;
    if (displayName.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Type the person's name."));
    if (staffId == m_session.staff().id && role != target->role)
        return Error(Error::Code::PermissionDenied, tr("You cannot change your own role; ask another manager."));
    const Role oldRole = target->role;
    target->displayName = displayName.trimmed();
    target->role = role;
    Transaction transaction(m_session.database());
    VoidResult done = staff.update(*target, m_session.clock().now());
    if (done)
        done = m_session.audit().append(
            AuditLog::AccountChanged, m_session.staff().id, QStringLiteral("staff"), staffId,
            oldRole != role ? QStringLiteral("role=%1->%2").arg(roleKey(oldRole), roleKey(role)) : QString());
    if (done)
        done = transaction.commit();
    if (done) {
        m_session.keyring().updateDisplayName(staffId, target->displayName);
        (void)m_session.saveKeyring();
    }
    return done;
}

VoidResult StaffAccounts::deactivate(const QString& staffId)
{
    StaffRepository staff(m_session.database());
    auto target = staff.byId(staffId);
    if (!target)
        return Error(Error::Code::NotFound, tr("That staff account no longer exists."));
    if (auto allowed = checkManage(*target, target->role); !allowed)
        return allowed;
    if (staffId == m_session.staff().id)
        return Error(Error::Code::PermissionDenied, tr("You cannot deactivate your own account."));
    if (!target->active)
        return {};
    if ((target->role == Role::Manager || target->role == Role::Administrator)
        && staff.countActive(Role::Manager) + staff.countActive(Role::Administrator) <= 1)
        return Error(Error::Code::PermissionDenied,
                     tr("This is the last manager account. Create another manager before deactivating it."));

    target->active = false;
    auto& keyring = m_session.keyring();
    const Keyring before = keyring;
    keyring.removeStaff(staffId);
    Transaction transaction(m_session.database());
    VoidResult done = staff.update(*target, m_session.clock().now());
    if (done)
        done = m_session.audit().append(AuditLog::AccountDeactivated, m_session.staff().id, QStringLiteral("staff"),
                                        staffId);
    if (done)
        done = m_session.saveKeyring();
    if (done)
        done = transaction.commit();
    if (!done) {
        keyring = before;
        (void)m_session.saveKeyring();
    }
    return done;
}

VoidResult StaffAccounts::reactivate(const QString& staffId, const QByteArray& temporaryPassword)
{
    StaffRepository staff(m_session.database());
    auto target = staff.byId(staffId);
    if (!target)
        return Error(Error::Code::NotFound, tr("That staff account no longer exists."));
    if (auto allowed = checkManage(*target, target->role); !allowed)
        return allowed;
    if (auto ok = checkPolicy(*target, temporaryPassword, false); !ok)
        return ok;
    target->active = true;
    {
        Transaction transaction(m_session.database());
        VoidResult done = staff.update(*target, m_session.clock().now());
        if (done)
            done = m_session.audit().append(AuditLog::AccountReactivated, m_session.staff().id, QStringLiteral("staff"),
                                            staffId);
        if (done)
            done = transaction.commit();
        if (!done)
            return done;
    }
    return storePassword(*target, temporaryPassword, true, AuditLog::PasswordReset);
}

VoidResult StaffAccounts::resetPassword(const QString& staffId, const QByteArray& temporaryPassword)
{
    StaffRepository staff(m_session.database());
    auto target = staff.byId(staffId);
    if (!target)
        return Error(Error::Code::NotFound, tr("That staff account no longer exists."));
    if (auto allowed = checkManage(*target, target->role); !allowed)
        return allowed;
    if (!target->active)
        return Error(Error::Code::AccountInactive, tr("Reactivate the account first."));
    if (auto ok = checkPolicy(*target, temporaryPassword, false); !ok)
        return ok;
    return storePassword(*target, temporaryPassword, true, AuditLog::PasswordReset);
}

VoidResult StaffAccounts::changeOwnPassword(const QByteArray& currentPassword, const QByteArray& newPassword)
{
    if (m_session.isRecovery())
        return Error(Error::Code::PermissionDenied, tr("The recovery key has no password of its own."));
    const auto& me = m_session.staff();
    if (auto check = m_session.keyring().unlock(me.userName, currentPassword); !check)
        return Error(Error::Code::WrongPassword, tr("Your current password is not right."));
    if (auto ok = checkPolicy(me, newPassword, true); !ok)
        return ok;
    auto stored = storePassword(me, newPassword, false, AuditLog::PasswordChanged);
    if (stored)
        m_session.refreshStaff();
    return stored;
}

VoidResult StaffAccounts::setPasswordWithRecovery(const QString& userName, const QByteArray& newPassword)
{
    if (!m_session.isRecovery() && !m_session.can(Action::ManageStaffAccounts))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can reset passwords."));
    StaffRepository staff(m_session.database());
    auto target = staff.byUserName(userName);
    if (!target)
        return Error(Error::Code::NotFound, tr("There is no staff account called %1.").arg(userName));
    if (auto ok = checkPolicy(*target, newPassword, false); !ok)
        return ok;
    if (!target->active) {
        target->active = true;
        if (auto updated = staff.update(*target, m_session.clock().now()); !updated)
            return updated;
    }
    return storePassword(*target, newPassword, true, AuditLog::PasswordReset);
}

} // namespace Acorn
