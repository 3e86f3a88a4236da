#pragma once

#include <QDateTime>
#include <QTimeZone>

namespace Acorn {

// Injected wherever time decides something (idle lock, throttling, password expiry), so tests can make
// "five minutes idle" take milliseconds.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // wall clock, UTC
    virtual qint64 monotonicMs() const = 0; // for durations; never goes backwards

    static Clock& system();
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
    qint64 monotonicMs() const override;
};

// A clock that moves only when told to.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 1, 5), QTime(9, 0), QTimeZone::utc()));
    QDateTime now() const override { return m_now; }
    qint64 monotonicMs() const override { return m_monotonic; }
    void advanceMs(qint64 ms);
    void advanceSecs(qint64 s) { advanceMs(s * 1000); }
    void setNow(const QDateTime& now) { m_now = now.toUTC(); }

private:
    QDateTime m_now;
    qint64 m_monotonic = 1'000'000;
};

} // namespace Acorn
