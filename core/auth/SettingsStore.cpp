#include "auth/SettingsStore.h"

#include "Clock.h"
#include "domain/Ids.h"
#include "storage/Database.h"

#include <QJsonDocument>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QSqlQuery>

namespace Acorn {

SettingsStore::SettingsStore(const Database& database, QString deviceId, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_deviceId(std::move(deviceId))
    , m_clock(clock)
{
}

QString SettingsStore::keyName(Key key)
{
    switch (key) {
    case Key::NurseryName:
        return QStringLiteral("nursery.name");
    case Key::IdleLockMinutes:
        return QStringLiteral("lock.idle_minutes");
    case Key::PasswordPolicy:
        return QStringLiteral("password.policy");
    case Key::PasswordMinLength:
        return QStringLiteral("password.min_length");
    case Key::PasswordExpiryDays:
        return QStringLiteral("password.expiry_days");
    case Key::PasswordHistoryCount:
        return QStringLiteral("password.history_count");
    case Key::ApprovalRequired:
        return QStringLiteral("journal.approval_required");
    case Key::AgreementVersion:
        return QStringLiteral("guardians.agreement_version");
    case Key::EnabledFrameworks:
        return QStringLiteral("frameworks.enabled");
    case Key::CustomFrameworks:
        return QStringLiteral("frameworks.custom");
    case Key::MaxVideoSeconds:
        return QStringLiteral("capture.max_video_seconds");
    case Key::NurseryLogo:
        return QStringLiteral("nursery.logo_png");
    case Key::AgreementText:
        return QStringLiteral("guardians.agreement_text");
    case Key::PortalWatermark:
        return QStringLiteral("portal.watermark");
    }
    return {};
}

QVariant SettingsStore::defaultValue(Key key)
{
    switch (key) {
    case Key::NurseryName:
        return QString();
    case Key::IdleLockMinutes:
        return 5;
    case Key::PasswordPolicy:
        return QStringLiteral("nursery");
    case Key::PasswordMinLength:
        return 10;
    case Key::PasswordExpiryDays:
        return 90;
    case Key::PasswordHistoryCount:
        return 5;
    case Key::ApprovalRequired:
        return true;
    case Key::AgreementVersion:
        return 1;
    case Key::EnabledFrameworks:
        return QStringLiteral("eyfs-2024,coel");
    case Key::CustomFrameworks:
        return QStringLiteral("[]");
    case Key::MaxVideoSeconds:
        return 120;
    case Key::NurseryLogo:
        return QStringLiteral("");
    case Key::AgreementText:
        return QStringLiteral("");
    case Key::PortalWatermark:
        return false;
    }
    return {};
}

QVariant SettingsStore::sanitise(Key key, const QVariant& value)
{
    switch (key) {
    case Key::IdleLockMinutes:
        return qBound(1, value.toInt(), 60);
    case Key::PasswordPolicy:
        return value.toString() == QLatin1String("passphrase") ? QStringLiteral("passphrase")
                                                               : QStringLiteral("nursery");
    case Key::PasswordMinLength:
        return qBound(8, value.toInt(), 64);
    case Key::PasswordExpiryDays:
        return qBound(0, value.toInt(), 730);
    case Key::PasswordHistoryCount:
        return qBound(0, value.toInt(), 24);
    case Key::ApprovalRequired:
        return value.toBool();
    case Key::AgreementVersion:
        return qMax(1, value.toInt());
    case Key::MaxVideoSeconds:
        return qBound(10, value.toInt(), 600);
    case Key::NurseryName:
        return value.toString().trimmed().left(200);
    case Key::AgreementText:
        return value.toString().trimmed().left(20000);
    case Key::PortalWatermark:
        return value.toBool();
    case Key::NurseryLogo: {
        // Only a PNG of sensible size (it is drawn on every report page); anything else reads as "no logo".
        const QString text = value.toString();
        const QByteArray bytes = QByteArray::fromBase64(text.toLatin1());
        const bool ok = text.size() <= MaxLogoBase64 && bytes.startsWith("\x89PNG\r\n\x1a\n");
        return ok ? text : QStringLiteral("");
    }
    case Key::EnabledFrameworks: {
        // Only well-formed framework ids, each once; which ids exist is the framework registry's business.
        static const QRegularExpression frameworkId(QStringLiteral("^[a-z0-9][a-z0-9-]{0,63}$"));
        QStringList ids;
        for (const QString& part : value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString id = part.trimmed();
            if (frameworkId.match(id).hasMatch() && !ids.contains(id))
                ids << id;
        }
        // Empty, not null: "none enabled" is a stored choice (the column is NOT NULL).
        return ids.isEmpty() ? QStringLiteral("") : ids.join(QLatin1Char(','));
    }
    case Key::CustomFrameworks: {
        // Anything but a JSON array of definitions reads as "no custom frameworks"; the registry validates each one.
        const QJsonDocument doc = QJsonDocument::fromJson(value.toString().toUtf8());
        return doc.isArray() ? QString::fromUtf8(doc.toJson(QJsonDocument::Compact)) : QStringLiteral("[]");
    }
    }
    return value;
}

QVariant SettingsStore::value(Key key) const
{
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral("SELECT value FROM setting_values WHERE key = ?"));
    q.addBindValue(keyName(key));
    if (q.exec() && q.next()) {
        const QVariant stored = q.value(0).toString();
        const auto type = defaultValue(key).metaType();
        QVariant converted = stored;
        if (type.id() == QMetaType::Bool)
            converted = stored.toString() == QLatin1String("true") || stored.toString() == QLatin1String("1");
        else if (converted.canConvert(type))
            converted.convert(type);
        return sanitise(key, converted);
    }
    return defaultValue(key);
}

VoidResult SettingsStore::setValue(Key key, const QVariant& value, const QString& byStaffId)
{
    const QVariant clean = sanitise(key, value);
    const QString text = clean.metaType().id() == QMetaType::Bool
        ? (clean.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
        : clean.toString();
    const QString now = Ids::toIso(m_clock.now());
    QSqlQuery q(m_database.sql());
    q.prepare(QStringLiteral(
        "INSERT INTO setting_values (key, value, updated_by, created_at, updated_at, revision, origin_device) "
        "VALUES (:key, :value, :by, :now, :now, 1, :device) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at, revision = revision + 1, origin_device = excluded.origin_device"));
    q.bindValue(QStringLiteral(":key"), keyName(key));
    q.bindValue(QStringLiteral(":value"), text);
    q.bindValue(QStringLiteral(":by"), byStaffId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : byStaffId);
    q.bindValue(QStringLiteral(":now"), now);
    q.bindValue(QStringLiteral(":device"), m_deviceId);
    if (!q.exec())
        return Database::describe(q.lastError(), m_database.path());
    emit changed(key);
    return {};
}

} // namespace Acorn
