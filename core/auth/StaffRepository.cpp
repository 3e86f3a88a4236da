#include "auth/StaffRepository.h"

#include "domain/Ids.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Acorn {

namespace {
const QString Columns = QStringLiteral(
    "id, display_name, user_name, role, active, must_change_password, password_changed_at, created_at, revision");

StaffMember fromQuery(const QSqlQuery& q)
{
    StaffMember s;
    s.id = q.value(0).toString();
    s.displayName = q.value(1).toString();
    s.userName = q.value(2).toString();
    roleFromKey(q.value(3).toString(), &s.role);
    s.active = q.value(4).toBool();
    s.mustChangePassword = q.value(5).toBool();
    s.passwordChangedAt = Ids::fromIso(q.value(6).toString());
    s.createdAt = Ids::fromIso(q.value(7).toString());
    s.revision = q.value(8).toInt();
    return s;
}
} // namespace

StaffRepository::StaffRepository(const Database& database)
    : m_database(database)
{
}

QList<StaffMember> StaffRepository::all() const
{
    QList<StaffMember> list;
    QSqlQuery q(m_database.sql());
    if (!q.exec(
            QStringLiteral("SELECT %1 FROM staff WHERE deleted = 0 ORDER BY active DESC, display_name COLLATE NOCASE")
                .arg(Columns)))
        return list;
    while (q.next())
        list.append(fromQuery(q));
    return list;
}

std::optional<StaffMember> StaffRepository::byId(const QString& id) const
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("SELECT %1 FROM staff WHERE id = ? AND deleted = 0").arg(Columns));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

std::optional<StaffMember> StaffRepository::byUserName(const QString& userName) const
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("SELECT %1 FROM staff WHERE user_name = ? AND deleted = 0").arg(Columns));
    q.addBindValue(userName.trimmed());
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

int StaffRepository::countActive(Role role) const
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("SELECT count(*) FROM staff WHERE role = ? AND active = 1 AND deleted = 0"));
    q.addBindValue(roleKey(role));
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

VoidResult StaffRepository::insert(const StaffMember& staff, const QString& deviceId, const QDateTime& now)
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral(
        "INSERT INTO staff (id, display_name, user_name, role, active, must_change_password, password_changed_at, "
        "created_at, updated_at, revision, origin_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"));
    q.addBindValue(staff.id);
    q.addBindValue(staff.displayName);
    q.addBindValue(staff.userName.trimmed());
    q.addBindValue(roleKey(staff.role));
    q.addBindValue(staff.active ? 1 : 0);
    q.addBindValue(staff.mustChangePassword ? 1 : 0);
    q.addBindValue(Ids::toIso(staff.passwordChangedAt.isValid() ? staff.passwordChangedAt : now));
    q.addBindValue(Ids::toIso(now));
    q.addBindValue(Ids::toIso(now));
    q.addBindValue(deviceId);
    if (!q.exec())
        return Database::describe(q.lastError(), m_database.path());
    return {};
}

VoidResult StaffRepository::update(const StaffMember& staff, const QDateTime& now)
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("UPDATE staff SET display_name = ?, role = ?, active = ?, updated_at = ?, "
                             "revision = revision + 1 WHERE id = ?"));
    q.addBindValue(staff.displayName);
    q.addBindValue(roleKey(staff.role));
    q.addBindValue(staff.active ? 1 : 0);
    q.addBindValue(Ids::toIso(now));
    q.addBindValue(staff.id);
    if (!q.exec())
        return Database::describe(q.lastError(), m_database.path());
    return {};
}

VoidResult StaffRepository::setPasswordState(const QString& id, const QDateTime& changedAt, bool mustChange,
                                             const QStringList& history, const QDateTime& now)
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("UPDATE staff SET password_changed_at = ?, must_change_password = ?, "
                             "password_history = ?, updated_at = ?, revision = revision + 1 WHERE id = ?"));
    q.addBindValue(Ids::toIso(changedAt));
    q.addBindValue(mustChange ? 1 : 0);
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(history)).toJson(QJsonDocument::Compact)));
    q.addBindValue(Ids::toIso(now));
    q.addBindValue(id);
    if (!q.exec())
        return Database::describe(q.lastError(), m_database.path());
    return {};
}

QStringList StaffRepository::passwordHistory(const QString& id) const
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("SELECT password_history FROM staff WHERE id = ?"));
    q.addBindValue(id);
    QStringList list;
    if (q.exec() && q.next())
        for (const auto& v : QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array())
            list << v.toString();
    return list;
}

} // namespace Acorn
