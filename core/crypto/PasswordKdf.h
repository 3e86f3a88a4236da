#pragma once

#include "Result.h"
#include "crypto/SecureBuffer.h"

#include <QByteArray>
#include <QJsonObject>

namespace Acorn {

// Argon2id (libsodium crypto_pwhash) turning a staff password into a 256-bit wrapping key.
// The parameters travel with each wrapped secret, so they can be raised later without breaking old entries.
struct KdfParams
{
    quint64 opsLimit = 0;
    quint64 memLimit = 0; // bytes

    // Tuned on the reference machine (2 cores) to ~0.3–0.5 s per derivation; see tests/bench/bench_signin.
    static KdfParams standard();
    // Libsodium's minimum: for tests only, so that a test suite signs in hundreds of times in seconds.
    static KdfParams fastForTests();

    // The parameters new keyring entries get. Tests lower them with setDefaultForTests().
    static KdfParams defaults();
    static void setDefaultsForTests(const KdfParams& params);

    bool isValid() const;
    QJsonObject toJson() const;
    static KdfParams fromJson(const QJsonObject& object);
};

class PasswordKdf final
{
public:
    static constexpr int SaltSize = 16;
    static constexpr int KeySize = 32;

    // Derives a KeySize-byte key. `password` is the UTF-8 password; the caller wipes it.
    [[nodiscard]] static Result<SecureBuffer> derive(const QByteArray& password, const QByteArray& salt,
                                                     const KdfParams& params);
};

} // namespace Acorn
