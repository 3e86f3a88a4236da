#pragma once

#include "Result.h"
#include "reports/ReportSummary.h"

#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QImage>

namespace Acorn {

class ReportProgress;
class Session;

// The EYFS progress check at age two, as a form to share with parents: the child's details and age in months, then
// for each prime area (Communication and Language; Physical Development; Personal, Social and Emotional
// Development) what the journal shows in the chosen period — the observations tagged to that area in any enabled
// framework, with photos this child's journal may show — and the practitioner's words. Fields left empty are
// printed as lines to write on. Staff-only observations never appear: the check is for parents.
class ProgressCheckReport final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::ProgressCheckReport)
public:
    static constexpr int DefaultPeriodMonths = 3;

    struct Options
    {
        QDate checkDate; // null: today
        QDate from; // null: DefaultPeriodMonths before the check
        QDate to; // null: the check date
        QString completedBy; // null: the signed-in member of staff
        QHash<QString, QString> areaSummaries; // EYFS area id ("eyfs.cl", "eyfs.pd", "eyfs.psed") → summary
        QString strengths;
        QString nextSteps;
        QString parentComments;
        bool includePhotos = true;
        QImage logo; // null: the nursery's logo from Settings, if one is set
    };

    explicit ProgressCheckReport(Session& session);

    // Needs access to the child (staff: the children of their rooms; managers: all).
    [[nodiscard]] Result<ReportSummary> write(const QString& childId, const QString& path, const Options& options,
                                              ReportProgress* progress = nullptr);

    // Whole months from `born` to `on` (a child born on 20 January 2024 is 24 months old on 20 January 2026).
    static int ageInMonths(const QDate& born, const QDate& on);

private:
    Session& m_session;
};

} // namespace Acorn
