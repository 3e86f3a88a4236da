#pragma once

#include "Result.h"
#include "auth/Permissions.h"
#include "crypto/Keyring.h"
#include "crypto/SecureBuffer.h"
#include "domain/StaffMember.h"
#include "storage/DataDir.h"

#include <QObject>

#include <memory>

namespace Acorn {

class AuditLog;
class Clock;
class Database;
class PasswordPolicy;
class SettingsStore;

// One signed-in staff member with the database open. Ending the session (lock, sign-out, exit) writes the audit
// event, closes the database and wipes the database key; nothing can veto it.
class Session final : public QObject
{
    Q_OBJECT
public:
    enum class Purpose { SignIn, Unlock };
    enum class EndReason { Lock, SignOut, Exit };

    ~Session() override;

    // Checks the throttle, derives the key from the password (Argon2id), opens and checks the database, checks that
    // the account is active, and records the sign-in (and any failed attempts queued while the database was shut).
    [[nodiscard]] static Result<std::unique_ptr<Session>> signIn(const DataDir& dataDir, const QString& userName,
                                                                 const QByteArray& password, const Clock& clock,
                                                                 Purpose purpose = Purpose::SignIn);
    // For IT staff (acorn-cli): opens with the recovery key, with administrator rights, and records that it did.
    [[nodiscard]] static Result<std::unique_ptr<Session>>
    openWithRecoveryKey(const DataDir& dataDir, const QByteArray& recoveryKey, const Clock& clock);

    void end(EndReason reason);
    bool isOpen() const;

    const StaffMember& staff() const { return m_staff; }
    bool isRecovery() const { return m_recovery; }
    bool can(Action action) const;
    // Whether the staff member must choose a new password before doing anything else (reset, or expired).
    bool mustChangePassword() const;
    PasswordPolicy passwordPolicy() const;

    const DataDir& dataDir() const { return m_dataDir; }
    Database& database() const { return *m_database; }
    SettingsStore& settings() const { return *m_settings; }
    AuditLog& audit() const { return *m_audit; }
    Keyring& keyring() { return m_keyring; }
    const Clock& clock() const { return m_clock; }
    QString deviceId() const { return m_deviceId; }
    const SecureBuffer& databaseKey() const { return m_databaseKey; }

    void refreshStaff();
    [[nodiscard]] VoidResult saveKeyring() const;

    static QString readDeviceId(const Database& database);

signals:
    void ended(Acorn::Session::EndReason reason);

private:
    Session(const DataDir& dataDir, const Clock& clock, Keyring keyring, SecureBuffer databaseKey,
            std::unique_ptr<Database> database);

    DataDir m_dataDir;
    const Clock& m_clock;
    Keyring m_keyring;
    SecureBuffer m_databaseKey;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SettingsStore> m_settings;
    std::unique_ptr<AuditLog> m_audit;
    QString m_deviceId;
    StaffMember m_staff;
    bool m_recovery = false;
};

} // namespace Acorn
