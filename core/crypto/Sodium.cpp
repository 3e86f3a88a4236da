#include "crypto/Sodium.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace Acorn::Sodium {

void ensureInitialised()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            std::fputs("acorn: libsodium could not start (no source of randomness?)\n", stderr);
            std::abort();
        }
    });
}

} // namespace Acorn::Sodium
