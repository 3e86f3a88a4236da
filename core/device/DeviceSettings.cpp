#include "device/DeviceSettings.h"

#include "AtomicFile.h"
#include "Logging.h"
#include "storage/DataDir.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace Acorn {

namespace {
constexpr int FormatVersion = 1;
constexpr qint64 MaxFileSize = 64 * 1024;

QString filePath(const DataDir& dataDir)
{
    return QDir(dataDir.path()).filePath(QString::fromLatin1(DeviceSettings::FileName));
}

bool isInteger(const QJsonValue& value)
{
    return value.isDouble() && std::trunc(value.toDouble()) == value.toDouble();
}
} // namespace

Result<DeviceSettings> DeviceSettings::load(const DataDir& dataDir)
{
    const QString path = filePath(dataDir);
    const QString where = QDir::toNativeSeparators(path);
    if (!QFileInfo::exists(path))
        return DeviceSettings {};
    auto bytes = AtomicFile::read(path, MaxFileSize);
    if (!bytes)
        return Error(bytes.code() == Error::Code::InvalidInput ? Error::Code::InvalidInput : Error::Code::Io,
                     tr("This device's settings could not be read (%1). A manager can set them again with "
                        "acorn-cli device set.")
                         .arg(bytes.errorMessage()));

    // Every problem below means the same to the reader: the file is damaged and nothing in it can be trusted.
    const auto damaged = [&where](const QString& what) {
        return Error(Error::Code::InvalidInput,
                     tr("This device's settings file %1 cannot be used. %2 A manager can set them again with "
                        "acorn-cli device set.")
                         .arg(where, what));
    };
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(bytes.value(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return damaged(
            tr("It is not valid JSON (%1, at character %2).").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return damaged(tr("It does not hold one JSON object."));
    const auto root = doc.object();

    const auto version = root.value("version");
    if (!isInteger(version) || version.toInt() < 1)
        return damaged(tr("'version' must be 1."));
    if (version.toInt() > FormatVersion)
        return Error(Error::Code::NewerVersion,
                     tr("This device's settings file %1 was written by a newer version of Acorn. Update Acorn on "
                        "this device.")
                         .arg(where));

    // A key that is absent keeps its default; a key that is there must have the right type.
    DeviceSettings s;
    const auto readBool = [&root](const char* key, bool* value) {
        const auto v = root.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return false;
        *value = v.toBool();
        return true;
    };
    const auto readInt = [&root](const char* key, int* value) {
        const auto v = root.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!isInteger(v) || std::abs(v.toDouble()) > 1e9)
            return false;
        *value = v.toInt();
        return true;
    };
    const auto readString = [&root](const char* key, QString* value) {
        const auto v = root.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isString())
            return false;
        *value = v.toString();
        return true;
    };
    if (!readBool("kiosk", &s.kiosk))
        return damaged(tr("'kiosk' must be true or false."));
    if (!readInt("kioskIdleMinutes", &s.kioskIdleMinutes))
        return damaged(tr("'kioskIdleMinutes' must be a whole number."));
    if (!readString("importFolder", &s.importFolder))
        return damaged(tr("'importFolder' must be text."));
    if (!readBool("allowRemovableMedia", &s.allowRemovableMedia))
        return damaged(tr("'allowRemovableMedia' must be true or false."));
    QString premises = premisesKey(s.premises);
    if (!readString("premises", &premises) || !premisesFromKey(premises, &s.premises))
        return damaged(tr("'premises' must be \"off\", \"server\" or \"network\"."));
    if (!readString("premisesHost", &s.premisesHost))
        return damaged(tr("'premisesHost' must be text."));
    if (!readInt("premisesPort", &s.premisesPort))
        return damaged(tr("'premisesPort' must be a whole number."));
    if (!readString("premisesNetwork", &s.premisesNetwork))
        return damaged(tr("'premisesNetwork' must be text."));

    // Out-of-range values are tidied; a premises check that cannot be carried out is as damaged as bad JSON.
    auto valid = s.validated();
    if (!valid)
        return damaged(valid.errorMessage());
    return valid;
}

VoidResult DeviceSettings::save(const DataDir& dataDir) const
{
    auto valid = validated();
    if (!valid)
        return valid.error();
    const DeviceSettings& s = valid.value();
    if (!QFileInfo::exists(dataDir.path()) && !dataDir.ensureExists())
        return Error(Error::Code::Io,
                     tr("The folder %1 could not be created, so this device's settings were not "
                        "saved.")
                         .arg(QDir::toNativeSeparators(dataDir.path())));
    QJsonObject root {
        {"version", FormatVersion},
        {"kiosk", s.kiosk},
        {"kioskIdleMinutes", s.kioskIdleMinutes},
        {"importFolder", s.importFolder},
        {"allowRemovableMedia", s.allowRemovableMedia},
        {"premises", premisesKey(s.premises)},
        {"premisesHost", s.premisesHost},
        {"premisesPort", s.premisesPort},
        {"premisesNetwork", s.premisesNetwork},
    };
    if (auto written = AtomicFile::write(filePath(dataDir), QJsonDocument(root).toJson()); !written)
        return written;
    qCInfo(lcDevice) << "device settings saved; kiosk" << s.kiosk << "premises" << premisesKey(s.premises);
    return {};
}

Result<DeviceSettings> DeviceSettings::validated() const
{
    DeviceSettings s = *this;
    s.kioskIdleMinutes = qBound(MinKioskIdleMinutes, s.kioskIdleMinutes, MaxKioskIdleMinutes);
    s.importFolder = s.importFolder.trimmed();
    if (!s.importFolder.isEmpty())
        s.importFolder = QDir::cleanPath(QFileInfo(s.importFolder).absoluteFilePath());
    s.premisesHost = s.premisesHost.trimmed();
    s.premisesNetwork = s.premisesNetwork.trimmed();

    const bool portInRange = s.premisesPort >= 1 && s.premisesPort <= 65535;
    switch (s.premises) {
    case Premises::Off:
        break;
    case Premises::Server:
        if (s.premisesHost.isEmpty())
            return Error(Error::Code::InvalidInput,
                         tr("The premises check needs the address of the nursery's server (for example acorn.local)."));
        if (s.premisesHost.contains(QRegularExpression(QStringLiteral("[\\s/]"))))
            return Error(Error::Code::InvalidInput,
                         tr("\"%1\" is not a server address: write a name like acorn.local or an address like "
                            "192.168.10.5, without spaces or slashes.")
                             .arg(s.premisesHost));
        if (!portInRange)
            return Error(Error::Code::InvalidInput,
                         tr("The server's port must be a number from 1 to 65535 (it is often 443)."));
        break;
    case Premises::Network: {
        const QString example = tr("Write the nursery's network as an address and a prefix length, like "
                                   "192.168.10.0/24.");
        if (s.premisesNetwork.isEmpty())
            return Error(Error::Code::InvalidInput,
                         tr("The premises check needs the nursery's network. %1").arg(example));
        // Qt also reads "192.168.10.5" as one single address (/32); ask for the slash so that nobody does by mistake.
        const auto subnet = QHostAddress::parseSubnet(s.premisesNetwork);
        if (!s.premisesNetwork.contains(QLatin1Char('/')) || subnet.first.isNull())
            return Error(Error::Code::InvalidInput, tr("\"%1\" is not a network. %2").arg(s.premisesNetwork, example));
        if (subnet.second == 0)
            return Error(Error::Code::InvalidInput,
                         tr("\"%1\" would match every network, so it would not check anything. %2")
                             .arg(s.premisesNetwork, example));
        s.premisesNetwork = QStringLiteral("%1/%2").arg(subnet.first.toString()).arg(subnet.second);
        break;
    }
    }
    // Unused by the other modes; kept in range so that the file always holds a port that could be used.
    if (!portInRange)
        s.premisesPort = qBound(1, s.premisesPort, 65535);
    return s;
}

QString DeviceSettings::premisesKey(Premises premises)
{
    switch (premises) {
    case Premises::Off:
        break;
    case Premises::Server:
        return QStringLiteral("server");
    case Premises::Network:
        return QStringLiteral("network");
    }
    return QStringLiteral("off");
}

bool DeviceSettings::premisesFromKey(const QString& key, Premises* premises)
{
    for (const auto p : {Premises::Off, Premises::Server, Premises::Network}) {
        if (key == premisesKey(p)) {
            if (premises)
                *premises = p;
            return true;
        }
    }
    return false;
}

} // namespace Acorn
