#pragma once

#include <QtGlobal>

#include <functional>

namespace Acorn {

// When to try again after a failure: exponential backoff with full jitter (a random wait between 0 and
// min(cap, base · 2^failures)), never sooner than a server's Retry-After. The random source is injectable so that
// tests can pin it.
class Backoff final
{
public:
    using Random = std::function<double()>; // uniform in [0, 1)

    explicit Backoff(qint64 baseMs = 1000, qint64 capMs = 5 * 60 * 1000, Random random = {});

    // The wait before the next try, after one more failure; `retryAfterMs` (from the server, or 0) is a floor.
    qint64 nextDelayMs(qint64 retryAfterMs = 0);
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }
    // The most the next wait can be (for showing "next try within …").
    qint64 ceilingMs() const;

private:
    qint64 m_baseMs;
    qint64 m_capMs;
    Random m_random;
    int m_failures = 0;
};

} // namespace Acorn
