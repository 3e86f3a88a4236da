#include "auth/AuditLog.h"

#include "Clock.h"
#include "domain/Ids.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace Acorn {

namespace {
QVariant orNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}
} // namespace

AuditLog::AuditLog(const Database& database, QString deviceId, const Clock& clock)
    : m_database(database)
    , m_deviceId(std::move(deviceId))
    , m_clock(clock)
{
}

VoidResult AuditLog::append(const QString& action, const QString& actorStaffId, const QString& objectType,
                            const QString& objectId, const QString& detail, const QString& actorLabel,
                            const QDateTime& at)
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("INSERT INTO audit_events (id, at, actor_staff_id, actor_label, action, object_type, "
                             "object_id, device_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(Ids::newId());
    q.addBindValue(Ids::toIso(at.isValid() ? at : m_clock.now()));
    q.addBindValue(orNull(actorStaffId));
    q.addBindValue(orNull(actorLabel));
    q.addBindValue(action);
    q.addBindValue(orNull(objectType));
    q.addBindValue(orNull(objectId));
    q.addBindValue(m_deviceId);
    q.addBindValue(orNull(detail));
    if (!q.exec())
        return Database::describe(q.lastError(), m_database.path());
    return {};
}

QList<AuditEvent> AuditLog::events(const Filter& filter) const
{
    QString sql = QStringLiteral("SELECT seq, id, at, actor_staff_id, actor_label, action, object_type, object_id, "
                                 "device_id, detail FROM audit_events WHERE 1 = 1");
    QVariantList binds;
    if (filter.from.isValid()) {
        sql += QStringLiteral(" AND at >= ?");
        binds << Ids::toIso(filter.from);
    }
    if (filter.to.isValid()) {
        sql += QStringLiteral(" AND at < ?");
        binds << Ids::toIso(filter.to);
    }
    if (!filter.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        binds << filter.action;
    }
    sql += QStringLiteral(" ORDER BY seq DESC LIMIT ?");
    binds << qMax(1, filter.limit);

    QSqlQuery q(m_database.sql());
    q.prepare(sql);
    for (const auto& b : binds)
        q.addBindValue(b);
    QList<AuditEvent> list;
    if (!q.exec())
        return list;
    while (q.next()) {
        AuditEvent e;
        e.seq = q.value(0).toLongLong();
        e.id = q.value(1).toString();
        e.at = Ids::fromIso(q.value(2).toString());
        e.actorStaffId = q.value(3).toString();
        e.actorLabel = q.value(4).toString();
        e.action = q.value(5).toString();
        e.objectType = q.value(6).toString();
        e.objectId = q.value(7).toString();
        e.deviceId = q.value(8).toString();
        e.detail = q.value(9).toString();
        list.append(e);
    }
    return list;
}

QString AuditLog::describeAction(const QString& action)
{
    static const QHash<QString, const char*> texts {
        {NurseryCreated, QT_TR_NOOP("Nursery set up")},
        {SignIn, QT_TR_NOOP("Signed in")},
        {SignInFailed, QT_TR_NOOP("Failed sign-in")},
        {Lock, QT_TR_NOOP("Locked")},
        {Unlock, QT_TR_NOOP("Unlocked")},
        {SignOut, QT_TR_NOOP("Signed out")},
        {AccountCreated, QT_TR_NOOP("Account created")},
        {AccountDeactivated, QT_TR_NOOP("Account deactivated")},
        {AccountReactivated, QT_TR_NOOP("Account reactivated")},
        {AccountChanged, QT_TR_NOOP("Account changed")},
        {PasswordReset, QT_TR_NOOP("Password reset")},
        {PasswordChanged, QT_TR_NOOP("Password changed")},
        {KioskClosed, QT_TR_NOOP("Acorn closed on a kiosk")},
        {PolicyChanged, QT_TR_NOOP("Policy changed")},
        {RecoveryKeyUsed, QT_TR_NOOP("Recovery key used")},
        {BackupCreated, QT_TR_NOOP("Backup made")},
    };
    const auto it = texts.constFind(action);
    return it == texts.cend() ? action : tr(it.value());
}

} // namespace Acorn
