#pragma once

#include "Result.h"

#include <QObject>

#include <atomic>

namespace Acorn {

// How far a report has got, and a way to stop it. The report runs on the thread that owns the Session (its database
// connection is bound to that thread) and checks isCancelled() before every page or entry; cancel() may be called
// from any thread, or from a slot connected to progress() (which the writer emits as it goes).
class ReportProgress final : public QObject
{
    Q_OBJECT
public:
    explicit ReportProgress(QObject* parent = nullptr);

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    void report(int done, int total);

    // For reports: whether to stop now, and what they return when they did.
    static bool stopRequested(const ReportProgress* progress) { return progress && progress->isCancelled(); }
    static Error cancelledError();

signals:
    void progress(int done, int total);

private:
    std::atomic_bool m_cancelled {false};
};

} // namespace Acorn
