#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Acorn {

class Database;
class Clock;

struct AuditEvent
{
    qint64 seq = 0;
    QString id;
    QDateTime at;
    QString actorStaffId;
    QString actorLabel; // who, in words, when there is no staff id (a failed sign-in's typed user name)
    QString action;
    QString objectType;
    QString objectId;
    QString deviceId;
    QString detail; // ids and settings only: never children's data or secrets
};

// The append-only audit log (the table refuses UPDATE and DELETE).
class AuditLog final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::AuditLog)
public:
    // Actions, as stored.
    static constexpr auto NurseryCreated = "nursery_created";
    static constexpr auto SignIn = "sign_in";
    static constexpr auto SignInFailed = "sign_in_failed";
    static constexpr auto Lock = "lock";
    static constexpr auto Unlock = "unlock";
    static constexpr auto SignOut = "sign_out";
    static constexpr auto AccountCreated = "account_created";
    static constexpr auto AccountDeactivated = "account_deactivated";
    static constexpr auto AccountReactivated = "account_reactivated";
    static constexpr auto AccountChanged = "account_changed";
    static constexpr auto PasswordReset = "password_reset";
    static constexpr auto PasswordChanged = "password_changed";
    static constexpr auto KioskClosed = "kiosk_closed"; // a manager closed Acorn on a kiosk device
    static constexpr auto PolicyChanged = "policy_changed";
    static constexpr auto RecoveryKeyUsed = "recovery_key_used";
    static constexpr auto BackupCreated = "backup_created";

    AuditLog(const Database& database, QString deviceId, const Clock& clock);

    [[nodiscard]] VoidResult append(const QString& action, const QString& actorStaffId, const QString& objectType = {},
                                    const QString& objectId = {}, const QString& detail = {},
                                    const QString& actorLabel = {}, const QDateTime& at = {});

    struct Filter
    {
        QDateTime from;
        QDateTime to;
        QString action;
        int limit = 1000;
    };
    QList<AuditEvent> events(const Filter& filter) const;
    QList<AuditEvent> events() const { return events(Filter {}); }

    static QString describeAction(const QString& action); // translated

private:
    const Database& m_database;
    QString m_deviceId;
    const Clock& m_clock;
};

} // namespace Acorn
