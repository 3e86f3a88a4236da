#pragma once

#include "Result.h"

#include <QObject>
#include <QString>
#include <QVariant>

namespace Acorn {

class Database;
class Clock;

// Setting-wide policy, as typed keys in the encrypted database (not per-user QSettings): one table of keys with
// their defaults, read and written through here, with changed(key) for whoever shows or applies them.
class SettingsStore final : public QObject
{
    Q_OBJECT
public:
    enum class Key {
        NurseryName,
        IdleLockMinutes,
        PasswordPolicy, // "nursery" (mixed case + digits, 90-day expiry, history) or "passphrase" (NCSC style)
        PasswordMinLength,
        PasswordExpiryDays, // 0 = never
        PasswordHistoryCount,
        ApprovalRequired, // staff observations need a manager's approval before parents see them
        AgreementVersion,
        EnabledFrameworks, // comma-separated framework ids, e.g. "eyfs-2024,coel"
        CustomFrameworks, // JSON array of the custom framework definitions a manager imported
        MaxVideoSeconds, // longest video recording; keeps files small and sync quick
        NurseryLogo, // base64 PNG (at most MaxLogoSide pixels a side) for printed reports; empty: none
        AgreementText, // the current agreement's text (version AgreementVersion), for the parent portal; empty: default
        PortalWatermark, // the parent portal writes the parent's name across every photo it shows them
    };
    Q_ENUM(Key)

    SettingsStore(const Database& database, QString deviceId, const Clock& clock, QObject* parent = nullptr);

    static constexpr int MaxLogoSide = 1000;
    static constexpr int MaxLogoBase64 = 2 * 1024 * 1024;

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);
    // Values are clamped to what makes sense (idle lock 1–60 minutes...).
    static QVariant sanitise(Key key, const QVariant& value);

    QVariant value(Key key) const;
    int intValue(Key key) const { return value(key).toInt(); }
    bool boolValue(Key key) const { return value(key).toBool(); }
    QString stringValue(Key key) const { return value(key).toString(); }

    // Stores without permission checks: callers (services) check first. `byStaffId` is kept with the value.
    [[nodiscard]] VoidResult setValue(Key key, const QVariant& value, const QString& byStaffId);

signals:
    void changed(Acorn::SettingsStore::Key key);

private:
    const Database& m_database;
    QString m_deviceId;
    const Clock& m_clock;
};

} // namespace Acorn
