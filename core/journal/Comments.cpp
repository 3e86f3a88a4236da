#include "journal/Comments.h"

#include "Clock.h"
#include "auth/Session.h"
#include "domain/Ids.h"
#include "journal/Observations.h"
#include "people/Guardians.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace Acorn {

Comments::Comments(Session& session)
    : m_session(session)
{
}

Result<Comment> Comments::insert(const QString& observationId, const QString& staffId, const QString& guardianId,
                                 const QString& text)
{
    const QString clean = text.trimmed();
    if (clean.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Write a reply first."));
    if (clean.size() > MaxLength)
        return Error(Error::Code::InvalidInput, tr("A reply can be at most %1 characters.").arg(MaxLength));
    Comment c {Ids::newId(), observationId, staffId, guardianId, {}, clean, m_session.clock().now()};
    const QString now = Ids::toIso(c.createdAt);
    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("INSERT INTO comments (id, observation_id, author_staff_id, author_guardian_id, text, "
                             "created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(c.id);
    q.addBindValue(observationId);
    q.addBindValue(staffId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(staffId));
    q.addBindValue(guardianId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(guardianId));
    q.addBindValue(clean);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(m_session.deviceId());
    if (!q.exec())
        return Database::describe(q.lastError());
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return c;
}

Result<Comment> Comments::add(const QString& observationId, const QString& text)
{
    const auto o = Observations(m_session).byId(observationId);
    if (!o)
        return Error(Error::Code::NotFound, tr("This observation no longer exists."));
    if (o->status == ObservationStatus::Draft)
        return Error(Error::Code::InvalidInput, tr("Replies can be added once the observation is submitted."));
    return insert(observationId, m_session.staff().id, {}, text);
}

Result<Comment> Comments::addFromGuardian(const QString& observationId, const QString& guardianId, const QString& text)
{
    const auto o = Observations(m_session).load(observationId);
    if (!o || o->status != ObservationStatus::Published || o->staffOnly)
        return Error(Error::Code::NotFound, tr("This observation is not in the journal."));
    Guardians guardians(m_session);
    const bool linked = std::any_of(o->childIds.cbegin(), o->childIds.cend(),
                                    [&](const QString& child) { return guardians.hasAccess(guardianId, child); });
    if (!linked)
        return Error(Error::Code::PermissionDenied, tr("This parent or carer has no access to this journal."));
    return insert(observationId, {}, guardianId, text);
}

QList<Comment> Comments::of(const QString& observationId) const
{
    QList<Comment> list;
    if (!Observations(m_session).byId(observationId))
        return list;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT c.id, c.author_staff_id, c.author_guardian_id, coalesce(s.display_name, g.name), "
                             "c.text, c.created_at FROM comments c LEFT JOIN staff s ON s.id = c.author_staff_id "
                             "LEFT JOIN guardians g ON g.id = c.author_guardian_id WHERE c.observation_id = ? AND "
                             "c.deleted = 0 ORDER BY c.created_at, c.rowid"));
    q.addBindValue(observationId);
    if (q.exec())
        while (q.next())
            list.append({q.value(0).toString(), observationId, q.value(1).toString(), q.value(2).toString(),
                         q.value(3).toString(), q.value(4).toString(), Ids::fromIso(q.value(5).toString())});
    return list;
}

} // namespace Acorn
