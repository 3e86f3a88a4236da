#include "crypto/Keyring.h"

#include "AtomicFile.h"
#include "Logging.h"
#include "crypto/Sodium.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

namespace Acorn {

namespace {
constexpr auto Format = "acorn-keyring";
constexpr int FormatVersion = 1;

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

QByteArray unb64(const QJsonValue& value)
{
    return QByteArray::fromBase64(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
}

Result<QByteArray> sealDatabaseKey(const SecureBuffer& databaseKey, const QByteArray& publicKey)
{
    QByteArray sealed(crypto_box_SEALBYTES + int(databaseKey.size()), Qt::Uninitialized);
    if (crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), databaseKey.data(), databaseKey.size(),
                        reinterpret_cast<const unsigned char*>(publicKey.constData()))
        != 0)
        return Error(Error::Code::Internal, QStringLiteral("crypto_box_seal failed"));
    return sealed;
}

Result<SecureBuffer> openSealed(const QByteArray& sealed, const QByteArray& publicKey, const SecureBuffer& secretKey)
{
    if (sealed.size() != crypto_box_SEALBYTES + Keyring::DatabaseKeySize
        || publicKey.size() != crypto_box_PUBLICKEYBYTES)
        return Error(Error::Code::KeyringDamaged, {});
    SecureBuffer key(Keyring::DatabaseKeySize);
    if (crypto_box_seal_open(key.data(), reinterpret_cast<const unsigned char*>(sealed.constData()),
                             static_cast<unsigned long long>(sealed.size()),
                             reinterpret_cast<const unsigned char*>(publicKey.constData()), secretKey.data())
        != 0)
        return Error(Error::Code::KeyringDamaged, {});
    return key;
}
} // namespace

Keyring::Keyring(QString databaseId)
    : m_databaseId(std::move(databaseId))
{
    Sodium::ensureInitialised();
}

Result<Keyring> Keyring::load(const QString& path)
{
    auto bytes = AtomicFile::read(path, 4 * 1024 * 1024);
    if (!bytes) {
        if (bytes.code() == Error::Code::NotFound)
            return Error(Error::Code::KeyringMissing,
                         tr("The keyring file (%1) is missing, so nobody can sign in on this device. Put it back from "
                            "a backup, or restore the whole nursery with acorn-cli restore.")
                             .arg(path));
        return bytes.error();
    }
    return fromJson(bytes.value());
}

VoidResult Keyring::save(const QString& path) const
{
    return AtomicFile::write(path, toJson());
}

Result<Keyring> Keyring::fromJson(const QByteArray& json)
{
    const Error damaged(Error::Code::KeyringDamaged,
                        tr("The keyring file is damaged or is not an Acorn keyring. Restore it from a backup, or "
                           "use the recovery key."));
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return damaged;
    const auto root = doc.object();
    if (root.value("format").toString() != QLatin1String(Format))
        return damaged;
    if (root.value("version").toInt() > FormatVersion)
        return Error(Error::Code::NewerVersion,
                     tr("The keyring was written by a newer version of Acorn. Update Acorn on this device."));

    Keyring keyring(root.value("databaseId").toString());
    if (keyring.m_databaseId.isEmpty())
        return damaged;
    for (const auto& value : root.value("entries").toArray()) {
        auto e = entryFromJson(value.toObject());
        if (!e)
            return damaged;
        keyring.m_entries.append(e.value());
    }
    const auto recovery = root.value("recovery").toObject();
    if (!recovery.isEmpty()) {
        keyring.m_recoveryPublicKey = unb64(recovery.value("publicKey"));
        keyring.m_recoverySealedKey = unb64(recovery.value("sealedDatabaseKey"));
        if (keyring.m_recoveryPublicKey.size() != crypto_box_PUBLICKEYBYTES
            || keyring.m_recoverySealedKey.size() != crypto_box_SEALBYTES + DatabaseKeySize)
            return damaged;
    }
    return keyring;
}

QJsonObject Keyring::entryToJson(const KeyringEntry& e)
{
    const QJsonObject secret {{"kdf", e.kdf.toJson()},
                              {"salt", b64(e.salt)},
                              {"nonce", b64(e.nonce)},
                              {"ciphertext", b64(e.wrappedSecretKey)}};
    return QJsonObject {{"staffId", e.staffId},         {"userName", e.userName},
                        {"displayName", e.displayName}, {"publicKey", b64(e.publicKey)},
                        {"secretKey", secret},          {"sealedDatabaseKey", b64(e.sealedDatabaseKey)}};
}

Result<KeyringEntry> Keyring::entryFromJson(const QJsonObject& o)
{
    KeyringEntry e;
    e.staffId = o.value("staffId").toString();
    e.userName = o.value("userName").toString();
    e.displayName = o.value("displayName").toString();
    e.publicKey = unb64(o.value("publicKey"));
    const auto secret = o.value("secretKey").toObject();
    e.kdf = KdfParams::fromJson(secret.value("kdf").toObject());
    e.salt = unb64(secret.value("salt"));
    e.nonce = unb64(secret.value("nonce"));
    e.wrappedSecretKey = unb64(secret.value("ciphertext"));
    e.sealedDatabaseKey = unb64(o.value("sealedDatabaseKey"));
    if (e.staffId.isEmpty() || e.userName.isEmpty() || e.publicKey.size() != crypto_box_PUBLICKEYBYTES
        || e.salt.size() != crypto_pwhash_SALTBYTES || !e.kdf.isValid()
        || e.nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
        || e.wrappedSecretKey.size() != crypto_box_SECRETKEYBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES
        || e.sealedDatabaseKey.size() != crypto_box_SEALBYTES + DatabaseKeySize)
        return Error(Error::Code::KeyringDamaged, tr("A keyring entry is incomplete or damaged."));
    return e;
}

void Keyring::putEntry(const KeyringEntry& entry)
{
    for (auto& e : m_entries) {
        if (e.staffId == entry.staffId) {
            e = entry;
            return;
        }
    }
    m_entries.append(entry);
}

QByteArray Keyring::toJson() const
{
    QJsonArray entries;
    for (const auto& e : m_entries)
        entries.append(entryToJson(e));
    QJsonObject root {
        {"format", Format}, {"version", FormatVersion}, {"databaseId", m_databaseId}, {"entries", entries}};
    if (hasRecovery())
        root.insert(
            "recovery",
            QJsonObject {{"publicKey", b64(m_recoveryPublicKey)}, {"sealedDatabaseKey", b64(m_recoverySealedKey)}});
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

const KeyringEntry* Keyring::findUser(const QString& userName) const
{
    for (const auto& e : m_entries)
        if (e.userName.compare(userName.trimmed(), Qt::CaseInsensitive) == 0)
            return &e;
    return nullptr;
}

const KeyringEntry* Keyring::findStaff(const QString& staffId) const
{
    for (const auto& e : m_entries)
        if (e.staffId == staffId)
            return &e;
    return nullptr;
}

VoidResult Keyring::setStaffPassword(const QString& staffId, const QString& userName, const QString& displayName,
                                     const QByteArray& password, const SecureBuffer& databaseKey, const KdfParams& kdf)
{
    if (databaseKey.size() != DatabaseKeySize)
        return Error(Error::Code::Internal, QStringLiteral("database key has the wrong size"));
    if (const auto* other = findUser(userName); other && other->staffId != staffId)
        return Error(Error::Code::AlreadyExists, tr("The user name %1 is already taken.").arg(userName));

    KeyringEntry e;
    e.staffId = staffId;
    e.userName = userName.trimmed();
    e.displayName = displayName;
    e.kdf = kdf;
    e.publicKey.resize(crypto_box_PUBLICKEYBYTES);
    SecureBuffer secretKey(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(reinterpret_cast<unsigned char*>(e.publicKey.data()), secretKey.data());

    e.salt.resize(crypto_pwhash_SALTBYTES);
    randombytes_buf(e.salt.data(), size_t(e.salt.size()));
    auto wrapKey = PasswordKdf::derive(password, e.salt, kdf);
    if (!wrapKey)
        return wrapKey.error();

    e.nonce.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    randombytes_buf(e.nonce.data(), size_t(e.nonce.size()));
    const QByteArray ad = staffId.toUtf8();
    e.wrappedSecretKey.resize(crypto_box_SECRETKEYBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(e.wrappedSecretKey.data()), &written, secretKey.data(), secretKey.size(),
        reinterpret_cast<const unsigned char*>(ad.constData()), static_cast<unsigned long long>(ad.size()), nullptr,
        reinterpret_cast<const unsigned char*>(e.nonce.constData()), wrapKey.value().data());

    auto sealed = sealDatabaseKey(databaseKey, e.publicKey);
    if (!sealed)
        return sealed.error();
    e.sealedDatabaseKey = sealed.take();

    for (auto& existing : m_entries) {
        if (existing.staffId == staffId) {
            existing = e;
            return {};
        }
    }
    m_entries.append(e);
    return {};
}

void Keyring::updateDisplayName(const QString& staffId, const QString& displayName)
{
    for (auto& e : m_entries)
        if (e.staffId == staffId)
            e.displayName = displayName;
}

bool Keyring::removeStaff(const QString& staffId)
{
    return m_entries.removeIf([&](const KeyringEntry& e) { return e.staffId == staffId; }) > 0;
}

VoidResult Keyring::setRecovery(const SecureBuffer& recoverySeed, const SecureBuffer& databaseKey)
{
    if (recoverySeed.size() != crypto_box_SEEDBYTES)
        return Error(Error::Code::Internal, QStringLiteral("recovery seed has the wrong size"));
    QByteArray publicKey(crypto_box_PUBLICKEYBYTES, Qt::Uninitialized);
    SecureBuffer secretKey(crypto_box_SECRETKEYBYTES);
    crypto_box_seed_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), secretKey.data(), recoverySeed.data());
    auto sealed = sealDatabaseKey(databaseKey, publicKey);
    if (!sealed)
        return sealed.error();
    m_recoveryPublicKey = publicKey;
    m_recoverySealedKey = sealed.take();
    return {};
}

Result<SecureBuffer> Keyring::unlock(const QString& userName, const QByteArray& password) const
{
    const Error wrong(Error::Code::WrongPassword,
                      tr("The user name or password is not right. Check Caps Lock and "
                         "try again."));
    const auto* e = findUser(userName);
    if (!e) {
        // Spend the same time as a real attempt so that the delay does not reveal which user names exist.
        const QByteArray salt(crypto_pwhash_SALTBYTES, '\0');
        (void)PasswordKdf::derive(password, salt, KdfParams::defaults());
        return wrong;
    }
    auto wrapKey = PasswordKdf::derive(password, e->salt, e->kdf);
    if (!wrapKey)
        return wrapKey.error();

    SecureBuffer secretKey(crypto_box_SECRETKEYBYTES);
    const QByteArray ad = e->staffId.toUtf8();
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            secretKey.data(), &length, nullptr, reinterpret_cast<const unsigned char*>(e->wrappedSecretKey.constData()),
            static_cast<unsigned long long>(e->wrappedSecretKey.size()),
            reinterpret_cast<const unsigned char*>(ad.constData()), static_cast<unsigned long long>(ad.size()),
            reinterpret_cast<const unsigned char*>(e->nonce.constData()), wrapKey.value().data())
        != 0)
        return wrong;

    auto key = openSealed(e->sealedDatabaseKey, e->publicKey, secretKey);
    if (!key) {
        qCWarning(lcCrypto) << "sealed database key did not open for staff" << e->staffId;
        return Error(Error::Code::KeyringDamaged,
                     tr("Your password is right, but your entry in the keyring is damaged. Ask a manager to reset "
                        "your password."));
    }
    return key;
}

Result<SecureBuffer> Keyring::unlockWithRecovery(const SecureBuffer& recoverySeed) const
{
    if (!hasRecovery())
        return Error(Error::Code::NotFound, tr("This keyring has no recovery key."));
    QByteArray publicKey(crypto_box_PUBLICKEYBYTES, Qt::Uninitialized);
    SecureBuffer secretKey(crypto_box_SECRETKEYBYTES);
    crypto_box_seed_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), secretKey.data(), recoverySeed.data());
    if (publicKey != m_recoveryPublicKey)
        return Error(Error::Code::WrongPassword, tr("This is not the recovery key of this nursery."));
    auto key = openSealed(m_recoverySealedKey, m_recoveryPublicKey, secretKey);
    if (!key)
        return Error(Error::Code::KeyringDamaged, tr("The recovery entry in the keyring is damaged."));
    return key;
}

} // namespace Acorn
