#pragma once

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace Acorn {

class Session;

// The figures behind the managers' dashboards, computed in SQL from the journal and limited to what the signed-in
// person may see. Only observations in the journal (published) count, unless said otherwise.
class DashboardStats final
{
public:
    struct WeekCount
    {
        QDate weekStart; // Monday
        int count = 0;
    };
    struct ChildGap
    {
        QString childId;
        QDateTime lastObserved; // null: never observed
        int daysSince = -1; // -1: never
    };
    struct StaffCount
    {
        QString staffId;
        QString name;
        int count = 0;
    };
    struct Turnaround
    {
        int approvals = 0;
        double medianHours = 0;
        double meanHours = 0;
    };

    explicit DashboardStats(Session& session);

    // Observations per week for a child (or for everyone visible when childId is empty).
    QList<WeekCount> perWeek(const QString& childId, const QDate& from, const QDate& to) const;
    // Count per area of learning ("eyfs.cl", "eyfs.pd", ...) for a child or a room (one of them set).
    QHash<QString, int> coverageByArea(const QString& childId, const QString& roomId, const QDate& from,
                                       const QDate& to) const;
    // Active children with no observation in the last `days` days, longest gap first (never observed first).
    QList<ChildGap> notObservedFor(int days) const;
    QList<StaffCount> perPractitioner(const QDate& from, const QDate& to) const;
    // Time from submitting to approval, from the edit history.
    Turnaround approvalTurnaround(const QDate& from, const QDate& to) const;

    // The area id a tag belongs to: the first two parts ("eyfs.cl.speaking@3-4" -> "eyfs.cl").
    static QString areaOf(const QString& tag);

private:
    Session& m_session;
};

} // namespace Acorn
