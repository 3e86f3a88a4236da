#include "review/DashboardStats.h"

#include "Clock.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "domain/Ids.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>

namespace Acorn {

namespace {
QString startOf(const QDate& d)
{
    return Ids::toIso(d.startOfDay(QTimeZone::utc()));
}
QString endOf(const QDate& d)
{
    return Ids::toIso(d.addDays(1).startOfDay(QTimeZone::utc()));
}
} // namespace

DashboardStats::DashboardStats(Session& session)
    : m_session(session)
{
}

QString DashboardStats::areaOf(const QString& tag)
{
    const QString base = tag.section(QLatin1Char('@'), 0, 0);
    const QStringList parts = base.split(QLatin1Char('.'));
    return parts.size() >= 2 ? parts[0] + QLatin1Char('.') + parts[1] : base;
}

QList<DashboardStats::WeekCount> DashboardStats::perWeek(const QString& childId, const QDate& from,
                                                         const QDate& to) const
{
    const ChildAccess access(m_session);
    QHash<QDate, int> counts;
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT o.observed_at, oc.child_id, o.id FROM observations o JOIN observation_children oc "
                             "ON oc.observation_id = o.id WHERE o.status = 'published' AND o.deleted = 0 AND "
                             "o.observed_at >= ? AND o.observed_at < ?"));
    q.addBindValue(startOf(from));
    q.addBindValue(endOf(to));
    // An observation of several children counts once in the all-children view: by its id (two observations made at
    // the same minute are still two).
    QSet<QString> seen;
    if (q.exec()) {
        while (q.next()) {
            const QString child = q.value(1).toString();
            if (!access.canSeeChild(child) || (!childId.isEmpty() && child != childId))
                continue;
            const QString observation = q.value(2).toString();
            if (seen.contains(observation))
                continue;
            seen.insert(observation);
            const QDate day = Ids::fromIso(q.value(0).toString()).date();
            counts[day.addDays(1 - day.dayOfWeek())] += 1;
        }
    }
    QList<WeekCount> weeks;
    for (QDate w = from.addDays(1 - from.dayOfWeek()); w <= to; w = w.addDays(7))
        weeks.append({w, counts.value(w)});
    return weeks;
}

QHash<QString, int> DashboardStats::coverageByArea(const QString& childId, const QString& roomId, const QDate& from,
                                                   const QDate& to) const
{
    const ChildAccess access(m_session);
    QHash<QString, int> coverage;
    if ((!childId.isEmpty() && !access.canSeeChild(childId)) || (!roomId.isEmpty() && !access.canSeeRoom(roomId)))
        return coverage;
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT DISTINCT o.id, t.tag FROM observations o JOIN observation_tags t ON t.observation_id = o.id "
        "JOIN observation_children oc ON oc.observation_id = o.id JOIN children c ON c.id = oc.child_id "
        "WHERE o.status = 'published' AND o.deleted = 0 AND o.observed_at >= ? AND o.observed_at < ? "
        "AND (? = '' OR oc.child_id = ?) AND (? = '' OR c.room_id = ?)"));
    q.addBindValue(startOf(from));
    q.addBindValue(endOf(to));
    // A null QString binds as SQL NULL, and NULL = '' is not true: bind empty strings explicitly.
    const QString child = childId.isNull() ? QStringLiteral("") : childId;
    const QString room = roomId.isNull() ? QStringLiteral("") : roomId;
    q.addBindValue(child);
    q.addBindValue(child);
    q.addBindValue(room);
    q.addBindValue(room);
    QSet<QString> counted; // one count per observation and area
    if (q.exec()) {
        while (q.next()) {
            const QString area = areaOf(q.value(1).toString());
            const QString key = q.value(0).toString() + QLatin1Char('|') + area;
            if (counted.contains(key))
                continue;
            counted.insert(key);
            coverage[area] += 1;
        }
    }
    return coverage;
}

QList<DashboardStats::ChildGap> DashboardStats::notObservedFor(int days) const
{
    const ChildAccess access(m_session);
    const QDateTime now = m_session.clock().now();
    QList<ChildGap> gaps;
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT c.id, (SELECT max(o.observed_at) FROM observation_children oc JOIN observations o ON "
                          "o.id = oc.observation_id WHERE oc.child_id = c.id AND o.status = 'published' AND "
                          "o.deleted = 0) FROM children c WHERE c.deleted = 0 AND c.status = 'active'"));
    while (q.next()) {
        const QString child = q.value(0).toString();
        if (!access.canSeeChild(child))
            continue;
        ChildGap gap {child, Ids::fromIso(q.value(1).toString()), -1};
        if (gap.lastObserved.isValid())
            gap.daysSince = int(gap.lastObserved.daysTo(now));
        if (!gap.lastObserved.isValid() || gap.daysSince >= days)
            gaps.append(gap);
    }
    std::sort(gaps.begin(), gaps.end(), [](const ChildGap& a, const ChildGap& b) {
        const int da = a.daysSince < 0 ? INT_MAX : a.daysSince;
        const int db = b.daysSince < 0 ? INT_MAX : b.daysSince;
        return da != db ? da > db : a.childId < b.childId;
    });
    return gaps;
}

QList<DashboardStats::StaffCount> DashboardStats::perPractitioner(const QDate& from, const QDate& to) const
{
    const ChildAccess access(m_session);
    QHash<QString, StaffCount> byStaff;
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT o.id, o.author_staff_id, s.display_name, (SELECT group_concat(child_id) FROM "
                             "observation_children WHERE observation_id = o.id) FROM observations o JOIN staff s ON "
                             "s.id = o.author_staff_id WHERE o.status = 'published' AND o.deleted = 0 AND "
                             "o.observed_at >= ? AND o.observed_at < ?"));
    q.addBindValue(startOf(from));
    q.addBindValue(endOf(to));
    if (q.exec()) {
        while (q.next()) {
            const QStringList children = q.value(3).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
            if (!std::any_of(children.cbegin(), children.cend(),
                             [&](const QString& c) { return access.canSeeChild(c); }))
                continue;
            auto& entry = byStaff[q.value(1).toString()];
            entry.staffId = q.value(1).toString();
            entry.name = q.value(2).toString();
            entry.count += 1;
        }
    }
    QList<StaffCount> list = byStaff.values();
    std::sort(list.begin(), list.end(), [](const StaffCount& a, const StaffCount& b) {
        return a.count != b.count ? a.count > b.count : a.name < b.name;
    });
    return list;
}

DashboardStats::Turnaround DashboardStats::approvalTurnaround(const QDate& from, const QDate& to) const
{
    Turnaround result;
    const ChildAccess access(m_session);
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    // For each approval, the latest submission before it; only observations of children the reader may see (a room
    // leader's turnaround is their rooms').
    q.prepare(QStringLiteral(
        "SELECT a.at, (SELECT max(s.at) FROM observation_history s WHERE s.observation_id = a.observation_id AND "
        "s.change = 'submitted' AND s.at <= a.at), (SELECT group_concat(child_id) FROM observation_children WHERE "
        "observation_id = a.observation_id) FROM observation_history a WHERE a.change = 'approved' AND "
        "a.at >= ? AND a.at < ?"));
    q.addBindValue(startOf(from));
    q.addBindValue(endOf(to));
    QList<double> hours;
    if (q.exec()) {
        while (q.next()) {
            const QStringList children = q.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
            if (!std::any_of(children.cbegin(), children.cend(),
                             [&](const QString& c) { return access.canSeeChild(c); }))
                continue;
            const QDateTime approved = Ids::fromIso(q.value(0).toString());
            const QDateTime submitted = Ids::fromIso(q.value(1).toString());
            if (approved.isValid() && submitted.isValid())
                hours << submitted.secsTo(approved) / 3600.0;
        }
    }
    result.approvals = int(hours.size());
    if (hours.isEmpty())
        return result;
    std::sort(hours.begin(), hours.end());
    result.medianHours
        = hours.size() % 2 ? hours[hours.size() / 2] : (hours[hours.size() / 2 - 1] + hours[hours.size() / 2]) / 2;
    double sum = 0;
    for (double h : hours)
        sum += h;
    result.meanHours = sum / double(hours.size());
    return result;
}

} // namespace Acorn
