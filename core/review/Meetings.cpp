#include "review/Meetings.h"

#include "Clock.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "domain/Ids.h"
#include "journal/ConsentRules.h"
#include "journal/MediaRow.h"
#include "journal/Observations.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Acorn {

namespace {
QString toJson(const QStringList& ids)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
}
} // namespace

Meetings::Meetings(Session& session)
    : m_session(session)
{
}

VoidResult Meetings::checkEditable(const QString& meetingId) const
{
    if (!m_session.can(Action::ApproveObservations))
        return Error(Error::Code::PermissionDenied, tr("Only room leaders and managers can run staff meetings."));
    const auto meeting = byId(meetingId);
    if (!meeting)
        return Error(Error::Code::NotFound, tr("That meeting record no longer exists."));
    if (meeting->isSignedOff())
        return Error(Error::Code::InvalidInput,
                     tr("This meeting has been signed off; its record can no longer change."));
    return {};
}

Result<Meeting> Meetings::create(const QDate& heldOn, const QString& title, const QStringList& attendeeIds)
{
    if (!m_session.can(Action::ApproveObservations))
        return Error(Error::Code::PermissionDenied, tr("Only room leaders and managers can run staff meetings."));
    if (!heldOn.isValid())
        return Error(Error::Code::InvalidInput, tr("Choose the meeting's date."));
    Meeting m;
    m.id = Ids::newId();
    m.heldOn = heldOn;
    m.title = title.trimmed().isEmpty() ? tr("Staff meeting") : title.trimmed();
    m.attendeeIds = attendeeIds;
    const QString now = Ids::toIso(m_session.clock().now());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("INSERT INTO meetings (id, held_on, title, attendees, created_by, created_at, updated_at, "
                             "origin_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(m.id);
    q.addBindValue(heldOn.toString(Qt::ISODate));
    q.addBindValue(m.title);
    q.addBindValue(toJson(attendeeIds));
    q.addBindValue(m_session.staff().id);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(m_session.deviceId());
    if (!q.exec())
        return Database::describe(q.lastError());
    return m;
}

VoidResult Meetings::setItems(const QString& meetingId, const QStringList& observationIds)
{
    if (auto ok = checkEditable(meetingId); !ok)
        return ok;
    Observations observations(m_session);
    for (const auto& id : observationIds)
        if (!observations.byId(id))
            return Error(Error::Code::NotFound, tr("One of the chosen observations is not available to you."));
    Transaction transaction(m_session.database());
    const auto before = byId(meetingId)->items;
    QSqlQuery del(m_session.database().sql());
    del.prepare(QStringLiteral("DELETE FROM meeting_items WHERE meeting_id = ?"));
    del.addBindValue(meetingId);
    if (!del.exec())
        return Database::describe(del.lastError());
    for (int i = 0; i < observationIds.size(); ++i) {
        QString outcome = QStringLiteral(""); // not a null QString: that would bind as NULL
        for (const auto& item : before)
            if (item.observationId == observationIds[i])
                outcome = item.outcome; // keep what was already said
        QSqlQuery q(m_session.database().sql());
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO meeting_items (meeting_id, observation_id, position, outcome) "
                                 "VALUES (?, ?, ?, ?)"));
        q.addBindValue(meetingId);
        q.addBindValue(observationIds[i]);
        q.addBindValue(i);
        q.addBindValue(outcome);
        if (!q.exec())
            return Database::describe(q.lastError());
    }
    return transaction.commit();
}

VoidResult Meetings::setOutcome(const QString& meetingId, const QString& observationId, const QString& outcome)
{
    if (auto ok = checkEditable(meetingId); !ok)
        return ok;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE meeting_items SET outcome = ? WHERE meeting_id = ? AND observation_id = ?"));
    q.addBindValue(outcome.isNull() ? QStringLiteral("") : outcome.trimmed());
    q.addBindValue(meetingId);
    q.addBindValue(observationId);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (q.numRowsAffected() != 1)
        return Error(Error::Code::NotFound, tr("That observation is not part of this meeting."));
    return {};
}

VoidResult Meetings::setNotes(const QString& meetingId, const QString& notes)
{
    if (auto ok = checkEditable(meetingId); !ok)
        return ok;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE meetings SET notes = ?, updated_at = ?, revision = revision + 1 WHERE id = ?"));
    q.addBindValue(notes.isNull() ? QStringLiteral("") : notes);
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(meetingId);
    return q.exec() ? VoidResult {} : VoidResult(Database::describe(q.lastError()));
}

VoidResult Meetings::setAttendees(const QString& meetingId, const QStringList& attendeeIds)
{
    if (auto ok = checkEditable(meetingId); !ok)
        return ok;
    QSqlQuery q(m_session.database().sql());
    q.prepare(
        QStringLiteral("UPDATE meetings SET attendees = ?, updated_at = ?, revision = revision + 1 WHERE id = ?"));
    q.addBindValue(toJson(attendeeIds));
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(meetingId);
    return q.exec() ? VoidResult {} : VoidResult(Database::describe(q.lastError()));
}

VoidResult Meetings::signOff(const QString& meetingId)
{
    if (auto ok = checkEditable(meetingId); !ok)
        return ok;
    if (m_session.staff().role != Role::Manager && m_session.staff().role != Role::Administrator)
        return Error(Error::Code::PermissionDenied, tr("A manager signs off the meeting record."));
    if (byId(meetingId)->attendeeIds.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Record who attended before signing off."));
    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE meetings SET signed_off_by = ?, signed_off_at = ?, updated_at = ?, "
                             "revision = revision + 1 WHERE id = ?"));
    const QString now = Ids::toIso(m_session.clock().now());
    q.addBindValue(m_session.staff().id);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(meetingId);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (auto logged = m_session.audit().append(QStringLiteral("meeting_signed_off"), m_session.staff().id,
                                               QStringLiteral("meeting"), meetingId);
        !logged)
        return logged;
    return transaction.commit();
}

std::optional<Meeting> Meetings::byId(const QString& meetingId) const
{
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT id, held_on, title, attendees, notes, signed_off_by, signed_off_at FROM meetings "
                             "WHERE id = ? AND deleted = 0"));
    q.addBindValue(meetingId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Meeting m;
    m.id = q.value(0).toString();
    m.heldOn = QDate::fromString(q.value(1).toString(), Qt::ISODate);
    m.title = q.value(2).toString();
    for (const auto& v : QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array())
        m.attendeeIds << v.toString();
    m.notes = q.value(4).toString();
    m.signedOffBy = q.value(5).toString();
    m.signedOffAt = Ids::fromIso(q.value(6).toString());
    q.finish();
    QSqlQuery items(m_session.database().sql());
    items.prepare(QStringLiteral("SELECT observation_id, position, outcome FROM meeting_items WHERE meeting_id = ? "
                                 "ORDER BY position"));
    items.addBindValue(meetingId);
    if (items.exec())
        while (items.next())
            m.items.append({items.value(0).toString(), items.value(1).toInt(), items.value(2).toString()});
    return m;
}

QList<Meeting> Meetings::all() const
{
    QList<Meeting> list;
    if (!m_session.can(Action::ApproveObservations))
        return list;
    QSqlQuery q(m_session.database().sql());
    q.exec(QStringLiteral("SELECT id FROM meetings WHERE deleted = 0 ORDER BY held_on DESC"));
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    for (const auto& id : ids)
        if (auto m = byId(id))
            list.append(*m);
    return list;
}

QList<JournalEntry> Meetings::entriesFor(const QStringList& observationIds) const
{
    QList<JournalEntry> entries;
    Observations observations(m_session);
    QHash<QString, int> index;
    for (const auto& id : observationIds) {
        if (index.contains(id))
            continue;
        const auto o = observations.byId(id);
        if (!o)
            continue;
        JournalEntry e;
        e.observation = *o;
        QSqlQuery names(m_session.database().sql());
        names.prepare(QStringLiteral("SELECT coalesce(s.display_name, g.name), (SELECT count(*) FROM comments c WHERE "
                                     "c.observation_id = o.id AND c.deleted = 0) FROM observations o LEFT JOIN staff s "
                                     "ON s.id = o.author_staff_id LEFT JOIN guardians g ON g.id = o.author_guardian_id "
                                     "WHERE o.id = ?"));
        names.addBindValue(id);
        if (names.exec() && names.next()) {
            e.authorName = names.value(0).toString();
            e.commentCount = names.value(1).toInt();
        }
        index.insert(id, int(entries.size()));
        entries.append(e);
    }
    if (entries.isEmpty())
        return entries;

    const QStringList ids = index.keys();
    const QString placeholders = QStringList(QList<QString>(ids.size(), QStringLiteral("?"))).join(QLatin1Char(','));
    QSqlQuery media(m_session.database().sql());
    media.setForwardOnly(true);
    media.prepare(
        QStringLiteral("SELECT %3 FROM media_items m WHERE m.deleted = 0 AND m.observation_id IN (%1) AND %2 "
                       "ORDER BY m.captured_at, m.rowid")
            .arg(placeholders, ConsentRules::sqlVisibleIn(QStringLiteral("m"), QString()), MediaRow::columns()));
    for (const auto& id : ids)
        media.addBindValue(id);
    if (media.exec()) {
        while (media.next()) {
            const MediaItem m = MediaRow::from(media);
            const int i = index.value(m.observationId, -1);
            if (i >= 0)
                entries[i].media.append(m);
        }
    }
    return entries;
}

} // namespace Acorn
