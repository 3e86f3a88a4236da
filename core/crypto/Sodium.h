#pragma once

namespace Acorn::Sodium {

// Calls sodium_init() once; safe from any thread. Aborts if libsodium cannot start (no entropy source).
void ensureInitialised();

} // namespace Acorn::Sodium
