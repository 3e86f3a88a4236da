#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>

namespace Acorn {

class DataDir;

// This device's own settings — kiosk mode, where a kiosk may import from, the premises check — kept in
// DATA/device.json (owner-only permissions, written atomically). Not in the encrypted database: they are needed
// before anyone signs in, and they hold nothing about children. Only a manager changes them (Settings → This
// device, or acorn-cli device ... with a manager's password).
struct DeviceSettings
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::DeviceSettings)

public:
    static constexpr auto FileName = "device.json";
    static constexpr int MinKioskIdleMinutes = 1;
    static constexpr int MaxKioskIdleMinutes = 10;

    enum class Premises {
        Off, // no check
        Server, // sign-in only while premisesHost:premisesPort accepts a TCP connection
        Network, // sign-in only while one of this device's addresses is in premisesNetwork (CIDR)
    };

    bool kiosk = false;
    int kioskIdleMinutes = 2; // a kiosk locks after this many idle minutes, or the nursery's setting if shorter
    QString importFolder; // a kiosk imports only from here (and removable media, if allowed); empty: nowhere
    bool allowRemovableMedia = false; // /media/<user>/* and /run/media/<user>/*
    Premises premises = Premises::Off;
    QString premisesHost;
    int premisesPort = 443;
    QString premisesNetwork; // e.g. "192.168.10.0/24"

    // Defaults when the file does not exist. A file that cannot be read or parsed is an error, in plain words
    // (callers fail closed: a kiosk stays a kiosk and the premises check refuses).
    [[nodiscard]] static Result<DeviceSettings> load(const DataDir& dataDir);
    [[nodiscard]] VoidResult save(const DataDir& dataDir) const;

    // Values clamped and tidied (idle minutes into range, port 1–65535, folder made absolute, network checked).
    // An invalid premises target (empty host, malformed CIDR) is an error, not silently "off".
    [[nodiscard]] Result<DeviceSettings> validated() const;

    static QString premisesKey(Premises premises); // "off", "server", "network"
    static bool premisesFromKey(const QString& key, Premises* premises);
};

} // namespace Acorn
