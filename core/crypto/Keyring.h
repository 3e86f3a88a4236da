#pragma once

#include "Result.h"
#include "crypto/PasswordKdf.h"
#include "crypto/SecureBuffer.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Acorn {

// One staff member's way into the database key (DESIGN.md §5): a box keypair whose secret half is wrapped with
// Argon2id(password), and the database key sealed to the public half.
struct KeyringEntry
{
    QString staffId;
    QString userName;
    QString displayName; // shown on the sign-in screen before the database is open
    QByteArray publicKey;
    QByteArray salt;
    KdfParams kdf;
    QByteArray nonce;
    QByteArray wrappedSecretKey; // XChaCha20-Poly1305, associated data = staff id
    QByteArray sealedDatabaseKey; // crypto_box_seal to publicKey
};

// The device keyring file: not secret in itself (everything in it is wrapped or sealed), but it is the only way
// into the database, so it is written atomically and checked strictly when read.
class Keyring final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Keyring)
public:
    static constexpr int DatabaseKeySize = 32;

    explicit Keyring(QString databaseId = {});

    [[nodiscard]] static Result<Keyring> load(const QString& path);
    [[nodiscard]] VoidResult save(const QString& path) const;
    [[nodiscard]] static Result<Keyring> fromJson(const QByteArray& json);
    QByteArray toJson() const;

    QString databaseId() const { return m_databaseId; }
    const QList<KeyringEntry>& entries() const { return m_entries; }
    const KeyringEntry* findUser(const QString& userName) const; // user names compare case-insensitively
    const KeyringEntry* findStaff(const QString& staffId) const;
    bool hasRecovery() const { return !m_recoveryPublicKey.isEmpty(); }

    // Adds or replaces the staff member's entry: a new keypair, its secret wrapped with Argon2id(password) and
    // the database key sealed to it. Used for new accounts, password changes and resets alike.
    [[nodiscard]] VoidResult setStaffPassword(const QString& staffId, const QString& userName,
                                              const QString& displayName, const QByteArray& password,
                                              const SecureBuffer& databaseKey,
                                              const KdfParams& kdf = KdfParams::defaults());
    void updateDisplayName(const QString& staffId, const QString& displayName);
    // One entry as it is kept in the file (and as it travels between a nursery's devices: everything in it is
    // wrapped or sealed), and back, checked strictly.
    static QJsonObject entryToJson(const KeyringEntry& entry);
    [[nodiscard]] static Result<KeyringEntry> entryFromJson(const QJsonObject& json);
    // Adds the entry, or replaces the one of the same staff member (an entry synced from another device).
    void putEntry(const KeyringEntry& entry);
    bool removeStaff(const QString& staffId);
    [[nodiscard]] VoidResult setRecovery(const SecureBuffer& recoverySeed, const SecureBuffer& databaseKey);

    // Sign-in: derive, unwrap, open. A wrong password and an unknown user give the same WrongPassword error.
    [[nodiscard]] Result<SecureBuffer> unlock(const QString& userName, const QByteArray& password) const;
    [[nodiscard]] Result<SecureBuffer> unlockWithRecovery(const SecureBuffer& recoverySeed) const;

private:
    QString m_databaseId;
    QList<KeyringEntry> m_entries;
    QByteArray m_recoveryPublicKey;
    QByteArray m_recoverySealedKey;
};

} // namespace Acorn
