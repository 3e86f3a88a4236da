#include "people/Children.h"

#include "Clock.h"
#include "auth/AuditLog.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "domain/Ids.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace Acorn {

namespace {
const QString Columns = QStringLiteral(
    "id, first_name, last_name, preferred_name, date_of_birth, start_date, leave_date, room_id, key_person_id, status, "
    "photo_consent, photo_consent_recorded_at, photo_consent_recorded_by, revision");

Child fromQuery(const QSqlQuery& q)
{
    Child c;
    c.id = q.value(0).toString();
    c.firstName = q.value(1).toString();
    c.lastName = q.value(2).toString();
    c.preferredName = q.value(3).toString();
    c.dateOfBirth = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    c.startDate = QDate::fromString(q.value(5).toString(), Qt::ISODate);
    c.leaveDate = QDate::fromString(q.value(6).toString(), Qt::ISODate);
    c.roomId = q.value(7).toString();
    c.keyPersonId = q.value(8).toString();
    c.status = childStatusFromKey(q.value(9).toString());
    c.photoConsent = photoConsentFromKey(q.value(10).toString());
    c.photoConsentRecordedAt = Ids::fromIso(q.value(11).toString());
    c.photoConsentRecordedBy = q.value(12).toString();
    c.revision = q.value(13).toInt();
    return c;
}

QVariant dateOrNull(const QDate& d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(QMetaType::fromType<QString>());
}

QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}
} // namespace

Children::Children(Session& session)
    : m_session(session)
{
}

QList<Child> Children::visible(bool includeLeft) const
{
    const ChildAccess access(m_session);
    QList<Child> list;
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT %1 FROM children WHERE deleted = 0 ORDER BY coalesce(preferred_name, first_name) "
                          "COLLATE NOCASE, last_name COLLATE NOCASE")
               .arg(Columns));
    while (q.next()) {
        Child c = fromQuery(q);
        if (!access.canSeeChild(c.id))
            continue;
        if (!includeLeft && (c.status == ChildStatus::Left || c.status == ChildStatus::AwaitingDeletion))
            continue;
        list.append(c);
    }
    return list;
}

std::optional<Child> Children::byId(const QString& id) const
{
    if (!ChildAccess(m_session).canSeeChild(id))
        return std::nullopt;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT %1 FROM children WHERE id = ? AND deleted = 0").arg(Columns));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

VoidResult Children::validate(const Child& child) const
{
    if (child.firstName.trimmed().isEmpty() || child.lastName.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Type the child's first and family names."));
    if (child.dateOfBirth.isValid() && child.dateOfBirth > m_session.clock().now().date())
        return Error(Error::Code::InvalidInput, tr("The date of birth is in the future."));
    if (child.leaveDate.isValid() && child.startDate.isValid() && child.leaveDate < child.startDate)
        return Error(Error::Code::InvalidInput, tr("The leaving date is before the start date."));
    if (!child.roomId.isEmpty()) {
        QSqlQuery q(m_session.database().sql());
        q.prepare(QStringLiteral("SELECT count(*) FROM rooms WHERE id = ? AND deleted = 0"));
        q.addBindValue(child.roomId);
        if (!q.exec() || !q.next() || q.value(0).toInt() != 1)
            return Error(Error::Code::NotFound, tr("That room no longer exists."));
    }
    return {};
}

Result<Child> Children::create(const Child& input)
{
    if (!m_session.can(Action::ManageRoomsAndChildren))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can add children."));
    if (auto ok = validate(input); !ok)
        return ok.error();
    Child child = input;
    child.id = Ids::newId();
    child.revision = 1;
    const QString now = Ids::toIso(m_session.clock().now());
    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral(
        "INSERT INTO children (id, first_name, last_name, preferred_name, date_of_birth, start_date, leave_date, "
        "room_id, key_person_id, status, created_at, updated_at, origin_device) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(child.id);
    q.addBindValue(child.firstName.trimmed());
    q.addBindValue(child.lastName.trimmed());
    q.addBindValue(textOrNull(child.preferredName.trimmed()));
    q.addBindValue(dateOrNull(child.dateOfBirth));
    q.addBindValue(dateOrNull(child.startDate));
    q.addBindValue(dateOrNull(child.leaveDate));
    q.addBindValue(textOrNull(child.roomId));
    q.addBindValue(textOrNull(child.keyPersonId));
    q.addBindValue(childStatusKey(child.status));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(m_session.deviceId());
    if (!q.exec())
        return Database::describe(q.lastError());
    if (auto logged = m_session.audit().append(QStringLiteral("child_created"), m_session.staff().id,
                                               QStringLiteral("child"), child.id);
        !logged)
        return logged.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    // Consent is recorded on its own, with who and when.
    child.photoConsent = PhotoConsent::NotRecorded;
    return child;
}

VoidResult Children::update(const Child& child)
{
    if (!m_session.can(Action::ManageRoomsAndChildren))
        return Error(Error::Code::PermissionDenied,
                     tr("Only managers and administrators can change children's records."));
    if (auto ok = validate(child); !ok)
        return ok;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral(
        "UPDATE children SET first_name = ?, last_name = ?, preferred_name = ?, date_of_birth = ?, start_date = ?, "
        "leave_date = ?, room_id = ?, key_person_id = ?, status = ?, updated_at = ?, revision = revision + 1 "
        "WHERE id = ? AND deleted = 0"));
    q.addBindValue(child.firstName.trimmed());
    q.addBindValue(child.lastName.trimmed());
    q.addBindValue(textOrNull(child.preferredName.trimmed()));
    q.addBindValue(dateOrNull(child.dateOfBirth));
    q.addBindValue(dateOrNull(child.startDate));
    q.addBindValue(dateOrNull(child.leaveDate));
    q.addBindValue(textOrNull(child.roomId));
    q.addBindValue(textOrNull(child.keyPersonId));
    q.addBindValue(childStatusKey(child.status));
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(child.id);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (q.numRowsAffected() != 1)
        return Error(Error::Code::NotFound, tr("That child's record no longer exists."));
    return m_session.audit().append(QStringLiteral("child_changed"), m_session.staff().id, QStringLiteral("child"),
                                    child.id);
}

VoidResult Children::setPhotoConsent(const QString& childId, PhotoConsent consent)
{
    if (!m_session.can(Action::RecordPhotoConsent))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can record photo consent."));
    if (consent == PhotoConsent::NotRecorded)
        return Error(Error::Code::InvalidInput, tr("Record yes or no."));
    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE children SET photo_consent = ?, photo_consent_recorded_at = ?, "
                             "photo_consent_recorded_by = ?, updated_at = ?, revision = revision + 1 "
                             "WHERE id = ? AND deleted = 0"));
    const QString now = Ids::toIso(m_session.clock().now());
    q.addBindValue(photoConsentKey(consent));
    q.addBindValue(now);
    q.addBindValue(m_session.staff().id);
    q.addBindValue(now);
    q.addBindValue(childId);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (q.numRowsAffected() != 1)
        return Error(Error::Code::NotFound, tr("That child's record no longer exists."));
    if (auto logged = m_session.audit().append(QStringLiteral("photo_consent_recorded"), m_session.staff().id,
                                               QStringLiteral("child"), childId, photoConsentKey(consent));
        !logged)
        return logged;
    return transaction.commit();
}

} // namespace Acorn
