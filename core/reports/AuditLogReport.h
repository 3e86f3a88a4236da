#pragma once

#include "Result.h"
#include "reports/ReportSummary.h"

#include <QCoreApplication>
#include <QDate>
#include <QImage>

namespace Acorn {

class ReportProgress;
class Session;

// The audit log for a period as a table — time, who, what, which object, which device — over as many pages as it
// needs, the header row repeated on each, oldest event first. Like the log itself it holds ids, never children's
// data.
class AuditLogReport final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::AuditLogReport)
public:
    static constexpr int MaxEvents = 100000;

    struct Options
    {
        QDate from; // inclusive, local days; null: from the first event
        QDate to; // inclusive; null: to the latest
        QImage logo; // null: the nursery's logo from Settings, if one is set
    };

    explicit AuditLogReport(Session& session);

    // Managers and administrators (Action::ViewAuditLog).
    [[nodiscard]] Result<ReportSummary> write(const QString& path, const Options& options,
                                              ReportProgress* progress = nullptr);

private:
    Session& m_session;
};

} // namespace Acorn
