#include "journal/Observations.h"

#include "Clock.h"
#include "auth/AuditLog.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "domain/Ids.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Acorn {

namespace {
const QString Columns = QStringLiteral(
    "id, author_staff_id, author_guardian_id, observed_at, text, next_steps, staff_only, status, feedback, "
    "reviewed_by, reviewed_at, created_at, updated_at, revision");

QVariant orNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QJsonArray toJson(const QList<ObservationTag>& tags)
{
    QJsonArray a;
    for (const auto& t : tags)
        a.append(t.tag);
    return a;
}
} // namespace

Observations::Observations(Session& session)
    : m_session(session)
{
}

std::optional<Observation> Observations::load(const QString& observationId) const
{
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT %1 FROM observations WHERE id = ? AND deleted = 0").arg(Columns));
    q.addBindValue(observationId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Observation o;
    o.id = q.value(0).toString();
    o.authorStaffId = q.value(1).toString();
    o.authorGuardianId = q.value(2).toString();
    o.observedAt = Ids::fromIso(q.value(3).toString());
    o.text = q.value(4).toString();
    o.nextSteps = q.value(5).toString();
    o.staffOnly = q.value(6).toBool();
    observationStatusFromKey(q.value(7).toString(), &o.status);
    o.feedback = q.value(8).toString();
    o.reviewedBy = q.value(9).toString();
    o.reviewedAt = Ids::fromIso(q.value(10).toString());
    o.createdAt = Ids::fromIso(q.value(11).toString());
    o.updatedAt = Ids::fromIso(q.value(12).toString());
    o.revision = q.value(13).toInt();
    q.finish();

    QSqlQuery c(m_session.database().sql());
    c.prepare(QStringLiteral("SELECT child_id FROM observation_children WHERE observation_id = ? ORDER BY rowid"));
    c.addBindValue(o.id);
    if (c.exec())
        while (c.next())
            o.childIds << c.value(0).toString();
    QSqlQuery t(m_session.database().sql());
    t.prepare(QStringLiteral("SELECT framework, tag FROM observation_tags WHERE observation_id = ? ORDER BY rowid"));
    t.addBindValue(o.id);
    if (t.exec())
        while (t.next())
            o.tags.append({t.value(0).toString(), t.value(1).toString()});
    return o;
}

bool Observations::canSee(const Observation& o) const
{
    if (o.status == ObservationStatus::Draft && o.authorStaffId != m_session.staff().id)
        return false;
    const ChildAccess access(m_session);
    return std::any_of(o.childIds.cbegin(), o.childIds.cend(),
                       [&](const QString& id) { return access.canSeeChild(id); });
}

std::optional<Observation> Observations::byId(const QString& observationId) const
{
    auto o = load(observationId);
    if (!o || !canSee(*o))
        return std::nullopt;
    return o;
}

VoidResult Observations::checkChildren(const QStringList& childIds) const
{
    if (childIds.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Choose at least one child."));
    if (!m_session.can(Action::ObserveChildren) || !ChildAccess(m_session).canSeeAll(childIds))
        return Error(Error::Code::PermissionDenied,
                     tr("You can observe only the children of your rooms. Ask a manager if a child is missing."));
    return {};
}

VoidResult Observations::recordChange(const QString& observationId, const QString& change, const QJsonObject& fields)
{
    // Autosave edits every few seconds; the history keeps one "edited" entry per sitting (same person, nothing else
    // in between, within 30 minutes), holding the first "from" and the latest "to" of each field.
    if (change == QLatin1String("edited")) {
        QSqlQuery last(m_session.database().sql());
        last.prepare(QStringLiteral("SELECT id, at, staff_id, change, fields FROM observation_history "
                                    "WHERE observation_id = ? ORDER BY at DESC, rowid DESC LIMIT 1"));
        last.addBindValue(observationId);
        if (last.exec() && last.next() && last.value(3).toString() == change
            && last.value(2).toString() == m_session.staff().id
            && Ids::fromIso(last.value(1).toString()).secsTo(m_session.clock().now()) < 30 * 60) {
            const QString id = last.value(0).toString();
            QJsonObject merged = QJsonDocument::fromJson(last.value(4).toString().toUtf8()).object();
            last.finish();
            for (auto it = fields.begin(); it != fields.end(); ++it) {
                QJsonObject entry = it.value().toObject();
                if (merged.contains(it.key()))
                    entry.insert(QStringLiteral("from"),
                                 merged.value(it.key()).toObject().value(QStringLiteral("from")));
                merged.insert(it.key(), entry);
            }
            QSqlQuery update(m_session.database().sql());
            update.prepare(QStringLiteral("UPDATE observation_history SET at = ?, fields = ?, revision = "
                                          "(SELECT revision FROM observations WHERE id = ?) WHERE id = ?"));
            update.addBindValue(Ids::toIso(m_session.clock().now()));
            update.addBindValue(QString::fromUtf8(QJsonDocument(merged).toJson(QJsonDocument::Compact)));
            update.addBindValue(observationId);
            update.addBindValue(id);
            if (!update.exec())
                return Database::describe(update.lastError());
            return {};
        }
    }
    QSqlQuery q(m_session.database().sql());
    q.prepare(
        QStringLiteral("INSERT INTO observation_history (id, observation_id, at, staff_id, change, fields, revision) "
                       "VALUES (?, ?, ?, ?, ?, ?, (SELECT revision FROM observations WHERE id = ?))"));
    q.addBindValue(Ids::newId());
    q.addBindValue(observationId);
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(orNull(m_session.staff().id));
    q.addBindValue(change);
    q.addBindValue(QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)));
    q.addBindValue(observationId);
    if (!q.exec())
        return Database::describe(q.lastError());
    return {};
}

Result<Observation> Observations::createDraft(const QStringList& childIds, const QDateTime& observedAt)
{
    if (auto ok = checkChildren(childIds); !ok)
        return ok.error();
    Observation o;
    o.id = Ids::newId();
    o.authorStaffId = m_session.staff().id;
    o.observedAt = observedAt.isValid() ? observedAt.toUTC() : m_session.clock().now();
    o.status = ObservationStatus::Draft;
    o.childIds = childIds;
    o.revision = 1;
    o.createdAt = o.updatedAt = m_session.clock().now();
    const QString now = Ids::toIso(o.createdAt);

    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("INSERT INTO observations (id, author_staff_id, observed_at, status, created_at, "
                             "updated_at, origin_device) VALUES (?, ?, ?, 'draft', ?, ?, ?)"));
    q.addBindValue(o.id);
    q.addBindValue(o.authorStaffId);
    q.addBindValue(Ids::toIso(o.observedAt));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(m_session.deviceId());
    if (!q.exec())
        return Database::describe(q.lastError());
    for (const auto& child : childIds) {
        QSqlQuery c(m_session.database().sql());
        c.prepare(
            QStringLiteral("INSERT OR IGNORE INTO observation_children (observation_id, child_id) VALUES (?, ?)"));
        c.addBindValue(o.id);
        c.addBindValue(child);
        if (!c.exec())
            return Database::describe(c.lastError());
    }
    if (auto h = recordChange(o.id, QStringLiteral("created")); !h)
        return h.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return o;
}

VoidResult Observations::saveDraft(const Observation& edited)
{
    auto current = load(edited.id);
    if (!current)
        return Error(Error::Code::NotFound, tr("This observation no longer exists."));
    if (current->authorStaffId != m_session.staff().id)
        return Error(Error::Code::PermissionDenied,
                     tr("Only the author can edit an observation before it is published."));
    if (current->status != ObservationStatus::Draft && current->status != ObservationStatus::Returned)
        return Error(Error::Code::InvalidInput,
                     tr("This observation has been submitted and can no longer be edited here."));
    if (auto ok = checkChildren(edited.childIds); !ok)
        return ok;
    if (edited.text.size() > 20000 || edited.nextSteps.size() > 5000)
        return Error(Error::Code::InvalidInput, tr("The text is too long (at most 20,000 characters)."));

    QJsonObject changed;
    const auto note = [&](const char* field, const QJsonValue& from, const QJsonValue& to) {
        if (from != to)
            changed.insert(QLatin1String(field), QJsonObject {{"from", from}, {"to", to}});
    };
    note("text", current->text, edited.text);
    note("next_steps", current->nextSteps, edited.nextSteps);
    note("observed_at", Ids::toIso(current->observedAt), Ids::toIso(edited.observedAt));
    note("staff_only", current->staffOnly, edited.staffOnly);
    note("children", QJsonArray::fromStringList(current->childIds), QJsonArray::fromStringList(edited.childIds));
    note("tags", toJson(current->tags), toJson(edited.tags));
    if (changed.isEmpty())
        return {};

    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE observations SET observed_at = ?, text = ?, next_steps = ?, staff_only = ?, "
                             "updated_at = ?, revision = revision + 1 WHERE id = ?"));
    q.addBindValue(Ids::toIso(edited.observedAt.isValid() ? edited.observedAt : current->observedAt));
    // Null QStrings bind as SQL NULL; these columns are NOT NULL.
    q.addBindValue(edited.text.isNull() ? QStringLiteral("") : edited.text);
    q.addBindValue(edited.nextSteps.isNull() ? QStringLiteral("") : edited.nextSteps);
    q.addBindValue(edited.staffOnly ? 1 : 0);
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(edited.id);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (changed.contains(QLatin1String("children"))) {
        QSqlQuery d(m_session.database().sql());
        d.prepare(QStringLiteral("DELETE FROM observation_children WHERE observation_id = ?"));
        d.addBindValue(edited.id);
        if (!d.exec())
            return Database::describe(d.lastError());
        for (const auto& child : edited.childIds) {
            QSqlQuery c(m_session.database().sql());
            c.prepare(
                QStringLiteral("INSERT OR IGNORE INTO observation_children (observation_id, child_id) VALUES (?, ?)"));
            c.addBindValue(edited.id);
            c.addBindValue(child);
            if (!c.exec())
                return Database::describe(c.lastError());
        }
    }
    if (changed.contains(QLatin1String("tags"))) {
        QSqlQuery d(m_session.database().sql());
        d.prepare(QStringLiteral("DELETE FROM observation_tags WHERE observation_id = ?"));
        d.addBindValue(edited.id);
        if (!d.exec())
            return Database::describe(d.lastError());
        for (const auto& tag : edited.tags) {
            QSqlQuery t(m_session.database().sql());
            t.prepare(QStringLiteral(
                "INSERT OR IGNORE INTO observation_tags (observation_id, framework, tag) VALUES (?, ?, ?)"));
            t.addBindValue(edited.id);
            t.addBindValue(tag.framework);
            t.addBindValue(tag.tag);
            if (!t.exec())
                return Database::describe(t.lastError());
        }
    }
    if (auto h = recordChange(edited.id, QStringLiteral("edited"), changed); !h)
        return h;
    return transaction.commit();
}

VoidResult Observations::setStatus(const Observation& o, ObservationStatus status, const QString& feedback,
                                   const QString& change)
{
    const bool review = status == ObservationStatus::Published || status == ObservationStatus::Returned
        || status == ObservationStatus::Declined;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE observations SET status = ?, feedback = ?, reviewed_by = CASE WHEN ? THEN ? ELSE "
                             "reviewed_by END, reviewed_at = CASE WHEN ? THEN ? ELSE reviewed_at END, updated_at = ?, "
                             "revision = revision + 1 WHERE id = ? AND revision = ?"));
    const QString now = Ids::toIso(m_session.clock().now());
    q.addBindValue(observationStatusKey(status));
    q.addBindValue(orNull(feedback));
    q.addBindValue(review ? 1 : 0);
    q.addBindValue(orNull(m_session.staff().id));
    q.addBindValue(review ? 1 : 0);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(o.id);
    q.addBindValue(o.revision);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (q.numRowsAffected() != 1)
        return Error(Error::Code::InvalidInput, tr("Someone else changed this observation just now. Open it again."));
    QJsonObject fields {{"status", observationStatusKey(status)}};
    if (!feedback.isEmpty())
        fields.insert(QStringLiteral("feedback"), feedback);
    return recordChange(o.id, change, fields);
}

Result<ObservationStatus> Observations::submit(const QString& observationId)
{
    auto o = load(observationId);
    if (!o)
        return Error(Error::Code::NotFound, tr("This observation no longer exists."));
    if (o->authorStaffId != m_session.staff().id)
        return Error(Error::Code::PermissionDenied, tr("Only the author can submit an observation."));
    if (o->status != ObservationStatus::Draft && o->status != ObservationStatus::Returned)
        return Error(Error::Code::InvalidInput, tr("This observation has already been submitted."));
    if (o->text.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Write what you saw before submitting."));
    if (auto ok = checkChildren(o->childIds); !ok)
        return ok.error();
    const bool approval = m_session.settings().boolValue(SettingsStore::Key::ApprovalRequired);
    const auto next = approval ? ObservationStatus::Submitted : ObservationStatus::Published;
    Transaction transaction(m_session.database());
    if (auto set = setStatus(*o, next, {}, approval ? QStringLiteral("submitted") : QStringLiteral("published")); !set)
        return set.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return next;
}

VoidResult Observations::approve(const QString& observationId)
{
    auto o = byId(observationId);
    if (!o)
        return Error(Error::Code::NotFound, tr("This observation no longer exists."));
    if (!m_session.can(Action::ApproveObservations) || !ChildAccess(m_session).canSeeAll(o->childIds))
        return Error(Error::Code::PermissionDenied,
                     tr("Only room leaders (for their rooms) and managers can approve observations."));
    if (o->status != ObservationStatus::Submitted)
        return Error(Error::Code::InvalidInput, tr("Only observations awaiting approval can be approved."));
    Transaction transaction(m_session.database());
    if (auto set = setStatus(*o, ObservationStatus::Published, {}, QStringLiteral("approved")); !set)
        return set;
    return transaction.commit();
}

VoidResult Observations::returnToAuthor(const QString& observationId, const QString& feedback)
{
    auto o = byId(observationId);
    if (!o)
        return Error(Error::Code::NotFound, tr("This observation no longer exists."));
    if (!m_session.can(Action::ApproveObservations) || !ChildAccess(m_session).canSeeAll(o->childIds))
        return Error(Error::Code::PermissionDenied,
                     tr("Only room leaders (for their rooms) and managers can return observations."));
    if (o->status != ObservationStatus::Submitted)
        return Error(Error::Code::InvalidInput, tr("Only observations awaiting approval can be returned."));
    if (feedback.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Say what should change, so the author knows what to do."));
    Transaction transaction(m_session.database());
    if (auto set = setStatus(*o, ObservationStatus::Returned, feedback.trimmed(), QStringLiteral("returned")); !set)
        return set;
    return transaction.commit();
}

VoidResult Observations::discardDraft(const QString& observationId)
{
    auto o = load(observationId);
    if (!o || o->authorStaffId != m_session.staff().id || o->status != ObservationStatus::Draft)
        return Error(Error::Code::NotFound, tr("There is no draft of yours to discard."));
    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(
        QStringLiteral("UPDATE observations SET deleted = 1, updated_at = ?, revision = revision + 1 WHERE id = ?"));
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(observationId);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (auto h = recordChange(observationId, QStringLiteral("discarded")); !h)
        return h;
    return transaction.commit();
}

QList<Observation> Observations::myDrafts() const
{
    QList<Observation> list;
    QSqlQuery q(m_session.database().sql());
    q.prepare(
        QStringLiteral("SELECT id FROM observations WHERE author_staff_id = ? AND status IN ('draft', 'returned') "
                       "AND deleted = 0 ORDER BY updated_at DESC"));
    q.addBindValue(m_session.staff().id);
    QStringList ids;
    if (q.exec())
        while (q.next())
            ids << q.value(0).toString();
    for (const auto& id : ids)
        if (auto o = load(id))
            list.append(*o);
    return list;
}

QList<Observation> Observations::awaitingApproval() const
{
    QList<Observation> list;
    if (!m_session.can(Action::ApproveObservations))
        return list;
    const ChildAccess access(m_session);
    QSqlQuery q(m_session.database().sql());
    q.exec(
        QStringLiteral("SELECT id FROM observations WHERE status = 'submitted' AND deleted = 0 ORDER BY updated_at"));
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    for (const auto& id : ids)
        if (auto o = load(id); o && access.canSeeAll(o->childIds))
            list.append(*o);
    return list;
}

QList<ObservationChange> Observations::history(const QString& observationId) const
{
    QList<ObservationChange> list;
    if (!byId(observationId))
        return list;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT at, staff_id, guardian_id, change, fields, revision FROM observation_history "
                             "WHERE observation_id = ? ORDER BY at, rowid"));
    q.addBindValue(observationId);
    if (q.exec())
        while (q.next())
            list.append({Ids::fromIso(q.value(0).toString()), q.value(1).toString(), q.value(2).toString(),
                         q.value(3).toString(), QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object(),
                         q.value(5).toInt()});
    return list;
}

} // namespace Acorn
