#include "sync/Backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Acorn {

Backoff::Backoff(qint64 baseMs, qint64 capMs, Random random)
    : m_baseMs(qMax<qint64>(1, baseMs))
    , m_capMs(qMax(m_baseMs, capMs))
    , m_random(random ? std::move(random) : Random([] { return QRandomGenerator::global()->generateDouble(); }))
{
}

qint64 Backoff::ceilingMs() const
{
    // 2^failures without overflow: past 40 doublings the cap has long been reached.
    const int shift = std::min(m_failures, 40);
    const double ceiling = double(m_baseMs) * double(qint64(1) << shift);
    return qint64(std::min(double(m_capMs), ceiling));
}

qint64 Backoff::nextDelayMs(qint64 retryAfterMs)
{
    const qint64 ceiling = ceilingMs();
    ++m_failures;
    const qint64 jittered = qint64(m_random() * double(ceiling));
    return std::max(jittered, qMax<qint64>(0, retryAfterMs));
}

} // namespace Acorn
