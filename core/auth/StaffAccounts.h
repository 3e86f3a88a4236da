#pragma once

#include "Result.h"
#include "domain/StaffMember.h"

#include <QCoreApplication>

namespace Acorn {

class Session;

// Staff account management with its rules: who may do it (managers and administrators; only administrators
// touch administrator accounts), the password policy, and keeping keyring, database and audit log in step.
// Deactivating keeps the person's entries (they are the nursery's property) and removes their way in.
class StaffAccounts final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::StaffAccounts)
public:
    explicit StaffAccounts(Session& session);

    // The new account must choose its own password at first sign-in.
    [[nodiscard]] Result<StaffMember> create(const QString& displayName, const QString& userName, Role role,
                                             const QByteArray& temporaryPassword);
    [[nodiscard]] VoidResult update(const QString& staffId, const QString& displayName, Role role);
    [[nodiscard]] VoidResult deactivate(const QString& staffId);
    [[nodiscard]] VoidResult reactivate(const QString& staffId, const QByteArray& temporaryPassword);
    [[nodiscard]] VoidResult resetPassword(const QString& staffId, const QByteArray& temporaryPassword);
    // The signed-in person's own password; checks the current one and the history.
    [[nodiscard]] VoidResult changeOwnPassword(const QByteArray& currentPassword, const QByteArray& newPassword);
    // For the recovery session (acorn-cli): set anyone's password without knowing the old one.
    [[nodiscard]] VoidResult setPasswordWithRecovery(const QString& userName, const QByteArray& newPassword);

private:
    VoidResult checkManage(const StaffMember& target, Role newRole) const;
    VoidResult checkPolicy(const StaffMember& target, const QByteArray& password, bool checkHistory) const;
    VoidResult storePassword(const StaffMember& target, const QByteArray& password, bool mustChange,
                             const QString& auditAction);

    Session& m_session;
};

} // namespace Acorn
