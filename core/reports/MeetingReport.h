#pragma once

#include "Result.h"
#include "reports/ReportSummary.h"

#include <QCoreApplication>
#include <QImage>

namespace Acorn {

class ReportProgress;
class Session;

// The record of a staff meeting: date, attendees, notes, each observation discussed with its outcome, and the
// sign-off. A meeting belongs to no single child, so a photo is printed only if it could be shown in every journal
// (ConsentRules::visibleEverywhere); the others are counted, never drawn. Observations of rooms the reader does not
// work in are named as such, without their content.
class MeetingReport final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::MeetingReport)
public:
    struct Options
    {
        bool includePhotos = true;
        QImage logo; // null: the nursery's logo from Settings, if one is set
    };

    explicit MeetingReport(Session& session);

    // Room leaders and managers (Action::ApproveObservations).
    [[nodiscard]] Result<ReportSummary> write(const QString& meetingId, const QString& path, const Options& options,
                                              ReportProgress* progress = nullptr);

private:
    Session& m_session;
};

} // namespace Acorn
