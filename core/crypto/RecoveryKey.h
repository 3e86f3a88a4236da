#pragma once

#include "Result.h"
#include "crypto/SecureBuffer.h"

#include <QString>

namespace Acorn {

// The recovery key shown once at set-up and kept in the nursery safe. 256 random bits written as 14 groups of
// four characters (Crockford base32, so O/0 and I/1/L cannot be confused) with a 20-bit checksum, so a typing
// mistake is caught before anything is tried. The 32 bytes are the seed of a box keypair to which the database
// key is sealed.
class RecoveryKey final
{
public:
    static constexpr int SeedSize = 32;

    // A new random seed.
    static SecureBuffer generateSeed();
    // "ABCD-EFGH-…" (ASCII, in secure memory).
    static SecureBuffer format(const SecureBuffer& seed);
    // Accepts lower case, spaces, dashes and the usual look-alikes.
    [[nodiscard]] static Result<SecureBuffer> parse(const QByteArray& text);
};

} // namespace Acorn
