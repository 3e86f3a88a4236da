#include "crypto/PasswordKdf.h"

#include "crypto/Sodium.h"

#include <QCoreApplication>

#include <sodium.h>

namespace Acorn {

namespace {
KdfParams g_defaults = KdfParams::standard();
}

KdfParams KdfParams::standard()
{
    // 3 passes over 256 MiB: ~0.4 s on the 2-core reference machine (bench_signin prints the figure).
    return {3, 256ull * 1024 * 1024};
}

KdfParams KdfParams::fastForTests()
{
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

KdfParams KdfParams::defaults()
{
    return g_defaults;
}

void KdfParams::setDefaultsForTests(const KdfParams& params)
{
    g_defaults = params;
}

bool KdfParams::isValid() const
{
    return opsLimit >= crypto_pwhash_OPSLIMIT_MIN && opsLimit <= 64 && memLimit >= crypto_pwhash_MEMLIMIT_MIN
        && memLimit <= 4ull * 1024 * 1024 * 1024;
}

QJsonObject KdfParams::toJson() const
{
    return {{"algorithm", "argon2id13"}, {"opslimit", double(opsLimit)}, {"memlimit", double(memLimit)}};
}

KdfParams KdfParams::fromJson(const QJsonObject& object)
{
    if (object.value("algorithm").toString() != QLatin1String("argon2id13"))
        return {};
    return {quint64(object.value("opslimit").toDouble()), quint64(object.value("memlimit").toDouble())};
}

Result<SecureBuffer> PasswordKdf::derive(const QByteArray& password, const QByteArray& salt, const KdfParams& params)
{
    Sodium::ensureInitialised();
    if (salt.size() != crypto_pwhash_SALTBYTES || !params.isValid())
        return Error(Error::Code::KeyringDamaged,
                     QCoreApplication::translate("Acorn::PasswordKdf",
                                                 "The keyring holds settings this version of Acorn does not accept."));
    SecureBuffer key(KeySize);
    if (crypto_pwhash(key.data(), key.size(), password.constData(), static_cast<unsigned long long>(password.size()),
                      reinterpret_cast<const unsigned char*>(salt.constData()), params.opsLimit,
                      static_cast<size_t>(params.memLimit), crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return Error(Error::Code::Internal,
                     QCoreApplication::translate("Acorn::PasswordKdf",
                                                 "There is not enough free memory to check the password. Close "
                                                 "other programs and try again."));
    return key;
}

} // namespace Acorn
