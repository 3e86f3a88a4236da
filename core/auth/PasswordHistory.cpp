#include "auth/PasswordHistory.h"

#include "crypto/SecureBuffer.h"
#include "crypto/Sodium.h"

#include <sodium.h>

namespace Acorn {

QString PasswordHistory::fingerprint(const SecureBuffer& databaseKey, const QString& staffId,
                                     const QByteArray& password)
{
    Sodium::ensureInitialised();
    SecureBuffer subkey(crypto_generichash_KEYBYTES);
    crypto_kdf_derive_from_key(subkey.data(), subkey.size(), 1, "acornpwh", databaseKey.data());
    crypto_generichash_state state;
    crypto_generichash_init(&state, subkey.data(), subkey.size(), crypto_generichash_BYTES);
    const QByteArray id = staffId.toUtf8();
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(id.constData()), size_t(id.size()));
    const unsigned char separator = 0;
    crypto_generichash_update(&state, &separator, 1);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(password.constData()),
                              size_t(password.size()));
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash_final(&state, out, sizeof out);
    sodium_memzero(&state, sizeof state);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(out), sizeof out).toBase64());
}

bool PasswordHistory::contains(const QStringList& history, const QString& fingerprint)
{
    const QByteArray needle = fingerprint.toLatin1();
    bool found = false;
    for (const auto& entry : history) {
        const QByteArray e = entry.toLatin1();
        if (e.size() == needle.size() && sodium_memcmp(e.constData(), needle.constData(), size_t(needle.size())) == 0)
            found = true;
    }
    return found;
}

QStringList PasswordHistory::pushed(QStringList history, const QString& fingerprint, int keep)
{
    history.removeAll(fingerprint);
    history.prepend(fingerprint);
    while (history.size() > qMax(1, keep))
        history.removeLast();
    return history;
}

} // namespace Acorn
