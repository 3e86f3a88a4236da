#include "review/Reviews.h"

#include "Clock.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "domain/Ids.h"
#include "journal/Observations.h"
#include "storage/Database.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>

namespace Acorn {

Reviews::Reviews(Session& session)
    : m_session(session)
{
}

QString Reviews::ratingLabel(int rating)
{
    switch (rating) {
    case 1:
        return tr("Needs work");
    case 2:
        return tr("Adequate");
    case 3:
        return tr("Good");
    case 4:
        return tr("Excellent");
    default:
        return {};
    }
}

QList<Observation> Reviews::matching(const QString& where, const QVariantList& binds, const ReviewFilter& f) const
{
    QList<Observation> list;
    if (!m_session.can(Action::ApproveObservations))
        return list;
    QString sql = QStringLiteral("SELECT o.id FROM observations o WHERE o.deleted = 0 AND ") + where;
    QVariantList values = binds;
    if (!f.authorStaffId.isEmpty()) {
        sql += QStringLiteral(" AND o.author_staff_id = ?");
        values << f.authorStaffId;
    }
    if (!f.childId.isEmpty()) {
        sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM observation_children oc WHERE oc.observation_id = o.id AND "
                              "oc.child_id = ?)");
        values << f.childId;
    }
    if (!f.roomId.isEmpty()) {
        sql += QStringLiteral(
            " AND EXISTS (SELECT 1 FROM observation_children oc JOIN children c ON c.id = oc.child_id "
            "WHERE oc.observation_id = o.id AND c.room_id = ?)");
        values << f.roomId;
    }
    if (f.from.isValid()) {
        sql += QStringLiteral(" AND o.observed_at >= ?");
        values << Ids::toIso(f.from.startOfDay(QTimeZone::utc()));
    }
    if (f.to.isValid()) {
        sql += QStringLiteral(" AND o.observed_at < ?");
        values << Ids::toIso(f.to.addDays(1).startOfDay(QTimeZone::utc()));
    }
    if (!f.areaTag.isEmpty()) {
        sql += QStringLiteral(
            " AND EXISTS (SELECT 1 FROM observation_tags t WHERE t.observation_id = o.id AND (t.tag = ? "
            "OR substr(t.tag, 1, length(?) + 1) = ? || '.'))");
        values << f.areaTag << f.areaTag << f.areaTag;
    }
    sql += QStringLiteral(" ORDER BY o.observed_at DESC");
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const auto& v : values)
        q.addBindValue(v);
    QStringList ids;
    if (q.exec())
        while (q.next())
            ids << q.value(0).toString();
    const ChildAccess access(m_session);
    Observations observations(m_session);
    for (const auto& id : ids)
        if (auto o = observations.load(id); o && access.canSeeAll(o->childIds))
            list.append(*o);
    return list;
}

QList<Observation> Reviews::awaitingApproval(const ReviewFilter& filter) const
{
    return matching(QStringLiteral("o.status = 'submitted'"), {}, filter);
}

QList<Observation> Reviews::notYetReviewed(const ReviewFilter& filter) const
{
    return matching(
        QStringLiteral("o.status = 'published' AND o.author_staff_id IS NOT NULL AND o.review_rating IS NULL"), {},
        filter);
}

VoidResult Reviews::review(const QString& observationId, const QString& note, int rating)
{
    const auto o = Observations(m_session).byId(observationId);
    if (!o)
        return Error(Error::Code::NotFound, tr("This observation no longer exists."));
    if (!m_session.can(Action::ApproveObservations) || !ChildAccess(m_session).canSeeAll(o->childIds))
        return Error(Error::Code::PermissionDenied,
                     tr("Only room leaders (for their rooms) and managers can review observations."));
    if (o->status != ObservationStatus::Published || o->isGuardianContribution())
        return Error(Error::Code::InvalidInput, tr("Only staff observations in the journal can be reviewed."));
    if (rating < MinRating || rating > MaxRating)
        return Error(Error::Code::InvalidInput, tr("Choose a rating from %1 to %2.").arg(MinRating).arg(MaxRating));
    if (note.size() > 4000)
        return Error(Error::Code::InvalidInput, tr("The review note is too long (at most 4,000 characters)."));
    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE observations SET review_note = ?, review_rating = ?, reviewed_by = ?, "
                             "reviewed_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?"));
    const QString now = Ids::toIso(m_session.clock().now());
    q.addBindValue(note.trimmed());
    q.addBindValue(rating);
    q.addBindValue(m_session.staff().id);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(observationId);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (auto h = Observations(m_session).recordChange(observationId, QStringLiteral("reviewed"), {{"rating", rating}});
        !h)
        return h;
    return transaction.commit();
}

std::optional<ObservationReview> Reviews::reviewOf(const QString& observationId) const
{
    const auto o = Observations(m_session).byId(observationId);
    if (!o || !m_session.can(Action::ApproveObservations) || !ChildAccess(m_session).canSeeAll(o->childIds))
        return std::nullopt;
    QSqlQuery q(m_session.database().sql());
    q.prepare(
        QStringLiteral("SELECT review_note, review_rating, reviewed_by, reviewed_at FROM observations WHERE id = ?"));
    q.addBindValue(observationId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    ObservationReview r;
    r.observationId = observationId;
    r.note = q.value(0).toString();
    r.rating = q.value(1).isNull() ? 0 : q.value(1).toInt();
    r.reviewedBy = q.value(2).toString();
    r.reviewedAt = Ids::fromIso(q.value(3).toString());
    return r;
}

VoidResult Reviews::approveAll(const QStringList& observationIds)
{
    Observations observations(m_session);
    for (int i = 0; i < observationIds.size(); ++i) {
        if (auto done = observations.approve(observationIds[i]); !done)
            return Error(
                done.code(),
                tr("Stopped at item %1 of %2: %3").arg(i + 1).arg(observationIds.size()).arg(done.errorMessage()));
    }
    return {};
}

VoidResult Reviews::returnAll(const QStringList& observationIds, const QString& feedback)
{
    Observations observations(m_session);
    for (int i = 0; i < observationIds.size(); ++i) {
        if (auto done = observations.returnToAuthor(observationIds[i], feedback); !done)
            return Error(
                done.code(),
                tr("Stopped at item %1 of %2: %3").arg(i + 1).arg(observationIds.size()).arg(done.errorMessage()));
    }
    return {};
}

QList<Observation> Reviews::sample(const QStringList& staffIds, int perPractitioner, const QDate& from, const QDate& to,
                                   SampleMode mode, quint32 seed) const
{
    QList<Observation> result;
    QRandomGenerator rng(seed);
    for (const auto& staffId : staffIds) {
        ReviewFilter f;
        f.authorStaffId = staffId;
        f.from = from;
        f.to = to;
        auto pool = matching(QStringLiteral("o.status = 'published'"), {}, f); // newest first
        if (mode == SampleMode::Random) {
            for (qsizetype i = pool.size() - 1; i > 0; --i)
                pool.swapItemsAt(i, qsizetype(rng.bounded(quint32(i + 1))));
        }
        result += pool.mid(0, qMax(0, perPractitioner));
    }
    return result;
}

} // namespace Acorn
