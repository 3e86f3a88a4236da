#pragma once

#include "Result.h"
#include "reports/ReportSummary.h"

#include <QCoreApplication>
#include <QDate>
#include <QImage>

namespace Acorn {

class ReportProgress;
class Session;

// A child's learning journal as a printable photobook, for a move to another setting or a leaving present: a cover
// with the child's name and dates, then the published observations from oldest to newest (or those of a chosen
// period) with their text, next steps, areas of learning and the photos this child's journal may show — the
// photo-consent rule applied through JournalQuery, as on screen. Staff-only observations are left out unless an
// internal copy is asked for, which says so on every page.
class ChildJournalReport final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::ChildJournalReport)
public:
    struct Options
    {
        QDate from; // inclusive; null: from the first observation
        QDate to; // inclusive; null: to the latest
        bool internalCopy = false; // with staff-only observations: for the setting's files, never for parents
        bool includePhotos = true;
        QImage logo; // null: the nursery's logo from Settings, if one is set
    };

    explicit ChildJournalReport(Session& session);

    // Needs access to the child (staff: the children of their rooms; managers: all).
    [[nodiscard]] Result<ReportSummary> write(const QString& childId, const QString& path, const Options& options,
                                              ReportProgress* progress = nullptr);

private:
    Session& m_session;
};

} // namespace Acorn
