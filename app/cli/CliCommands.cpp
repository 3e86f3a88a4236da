#include "CliCommands.h"

#include "Clock.h"
#include "PasswordPrompt.h"
#include "auth/AuditLog.h"
#include "auth/NurserySetup.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "auth/StaffAccounts.h"
#include "crypto/Keyring.h"
#include "crypto/SecureBuffer.h"
#include "device/DeviceSettings.h"
#include "device/PremisesCheck.h"
#include "journal/Contributions.h"
#include "storage/Backup.h"
#include "storage/DataDir.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>

#include <cstdio>

namespace Acorn::Cli {

namespace {
// Wipes a password buffer when it goes out of scope.
struct PasswordHolder
{
    QByteArray bytes;
    ~PasswordHolder() { wipeBytes(bytes); }
};

QCommandLineOption userOption()
{
    return {QStringList {QStringLiteral("user"), QStringLiteral("u")},
            QCoreApplication::translate("Acorn::Cli::CliCommands", "Staff user name to sign in as."),
            QStringLiteral("USER")};
}

// "on"/"off" (and the usual synonyms scripts write); false when it is neither.
bool parseOnOff(const QString& text, bool* value)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("on") || t == QLatin1String("yes") || t == QLatin1String("true"))
        *value = true;
    else if (t == QLatin1String("off") || t == QLatin1String("no") || t == QLatin1String("false"))
        *value = false;
    else
        return false;
    return true;
}

// HOST, HOST:PORT or [IPv6]:PORT; the port defaults to 443.
bool parseHostPort(const QString& text, QString* host, int* port)
{
    QString h = text.trimmed();
    QString p;
    if (h.startsWith(QLatin1Char('['))) {
        const int close = h.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        p = h.mid(close + 1);
        h = h.mid(1, close - 1);
        if (!p.isEmpty() && !p.startsWith(QLatin1Char(':')))
            return false;
        p = p.mid(1);
    } else if (h.count(QLatin1Char(':')) == 1) {
        p = h.section(QLatin1Char(':'), 1);
        h = h.section(QLatin1Char(':'), 0, 0);
    }
    if (h.isEmpty())
        return false;
    bool ok = true;
    const int n = p.isEmpty() ? 443 : p.toInt(&ok);
    if (!ok || n < 1 || n > 65535)
        return false;
    *host = h;
    *port = n;
    return true;
}

void printDeviceSettings(QTextStream& out, const DeviceSettings& s)
{
    using C = CliCommands;
    out << C::tr("Kiosk mode:      %1").arg(s.kiosk ? C::tr("on") : C::tr("off")) << Qt::endl;
    out << C::tr("Kiosk idle lock: %1 minutes").arg(s.kioskIdleMinutes) << Qt::endl;
    out << C::tr("Import folder:   %1")
               .arg(s.importFolder.isEmpty() ? C::tr("none") : QDir::toNativeSeparators(s.importFolder))
        << Qt::endl;
    out << C::tr("Removable media: %1").arg(s.allowRemovableMedia ? C::tr("allowed") : C::tr("not allowed"))
        << Qt::endl;
    switch (s.premises) {
    case DeviceSettings::Premises::Off:
        out << C::tr("Premises check:  off") << Qt::endl;
        break;
    case DeviceSettings::Premises::Server:
        out << C::tr("Premises check:  server %1, port %2").arg(s.premisesHost).arg(s.premisesPort) << Qt::endl;
        break;
    case DeviceSettings::Premises::Network:
        out << C::tr("Premises check:  network %1").arg(s.premisesNetwork) << Qt::endl;
        break;
    }
}
} // namespace

CliCommands::CliCommands(QString dataDir)
    : m_dataDir(std::move(dataDir))
    , m_out(stdout)
    , m_err(stderr)
{
}

Result<std::unique_ptr<Session>> CliCommands::signIn(const QString& userName)
{
    PasswordHolder password;
    password.bytes = PasswordPrompt::read(tr("Password: "));
    return Session::signIn(DataDir(m_dataDir), userName, password.bytes, Clock::system());
}

int CliCommands::fail(const QString& message)
{
    m_err << tr("acorn-cli: %1").arg(message) << Qt::endl;
    return 1;
}

int CliCommands::usage(const QString& message)
{
    m_err << tr("acorn-cli: %1").arg(message) << Qt::endl << tr("Run acorn-cli --help for the commands.") << Qt::endl;
    return 2;
}

int CliCommands::run(const QStringList& arguments)
{
    if (arguments.isEmpty())
        return usage(tr("name a command: init, info, verify, change-password, backup, restore, reset-password, "
                        "import-contribution, device, sync, portal."));
    const QString command = arguments.first();
    const QStringList args = QStringList {QStringLiteral("acorn-cli ") + command} + arguments.mid(1);
    if (command == QLatin1String("init"))
        return init(args);
    if (command == QLatin1String("verify"))
        return verify(args);
    if (command == QLatin1String("info"))
        return info(args);
    if (command == QLatin1String("change-password"))
        return changePassword(args);
    if (command == QLatin1String("backup"))
        return backup(args);
    if (command == QLatin1String("restore"))
        return restore(args);
    if (command == QLatin1String("reset-password"))
        return resetPassword(args);
    if (command == QLatin1String("import-contribution"))
        return importContribution(args);
    if (command == QLatin1String("device"))
        return device(args);
    if (command == QLatin1String("sync"))
        return sync(args);
    if (command == QLatin1String("portal"))
        return portal(args);
    return usage(tr("unknown command \"%1\".").arg(command));
}

int CliCommands::init(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption nursery(QStringLiteral("nursery"), tr("The nursery's name."), QStringLiteral("NAME"));
    const QCommandLineOption manager(QStringLiteral("manager"), tr("The first manager's user name."),
                                     QStringLiteral("USER"));
    const QCommandLineOption managerName(QStringLiteral("manager-name"), tr("The first manager's full name."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption policy(QStringLiteral("policy"),
                                    tr("Password policy: nursery (default: mixed case and digits, 90-day changes) or "
                                       "passphrase (NCSC: long passphrase, no forced changes)."),
                                    QStringLiteral("POLICY"), QStringLiteral("nursery"));
    parser.addOptions({nursery, manager, managerName, policy});
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.isSet(nursery) || !parser.isSet(manager))
        return usage(tr("init needs --nursery NAME and --manager USER."));
    const QString policyName = parser.value(policy);
    if (policyName != QLatin1String("nursery") && policyName != QLatin1String("passphrase"))
        return usage(tr("--policy is nursery or passphrase."));

    PasswordHolder password;
    password.bytes = PasswordPrompt::read(tr("Password for %1: ").arg(parser.value(manager)));
    if (PasswordPrompt::isInteractive()) {
        PasswordHolder again;
        again.bytes = PasswordPrompt::read(tr("Type it again: "));
        if (again.bytes != password.bytes)
            return fail(tr("The two passwords are not the same. Nothing was created."));
    }

    NurserySetup::Request request;
    request.nurseryName = parser.value(nursery);
    request.managerUserName = parser.value(manager);
    request.managerDisplayName = parser.isSet(managerName) ? parser.value(managerName) : parser.value(manager);
    request.managerPassword = password.bytes;
    request.policy
        = policyName == QLatin1String("passphrase") ? PasswordPolicy::Kind::Passphrase : PasswordPolicy::Kind::Nursery;
    auto recovery = NurserySetup::create(DataDir(m_dataDir), request, Clock::system());
    wipeBytes(request.managerPassword);
    if (!recovery)
        return fail(recovery.errorMessage());

    m_out << tr("Created the nursery \"%1\" in %2.").arg(request.nurseryName, QDir::toNativeSeparators(m_dataDir))
          << Qt::endl
          << Qt::endl
          << tr("RECOVERY KEY (shown only this once). Print it or write it down, and keep it in the nursery safe:")
          << Qt::endl
          << Qt::endl;
    m_out.flush();
    std::fwrite(recovery.value().data(), 1, recovery.value().size(), stdout);
    std::fputs("\n\n", stdout);
    std::fflush(stdout);
    m_out << tr("Anyone with this key can open the journal. Without it, a forgotten manager password cannot be "
                "recovered.")
          << Qt::endl;
    return 0;
}

int CliCommands::verify(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(userOption());
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.isSet(QStringLiteral("user")))
        return usage(tr("verify needs --user USER."));
    auto session = signIn(parser.value(QStringLiteral("user")));
    if (!session)
        return fail(session.errorMessage());
    if (auto checked = session.value()->database().checkIntegrity(Database::Check::Full); !checked)
        return fail(checked.errorMessage());
    m_out << tr("OK: the password is right, the journal opens and passes the full integrity check.") << Qt::endl;
    session.value()->end(Session::EndReason::SignOut);
    return 0;
}

int CliCommands::info(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(userOption());
    if (!parser.parse(args))
        return usage(parser.errorText());
    const DataDir dataDir(m_dataDir);
    m_out << tr("Data folder:   %1").arg(QDir::toNativeSeparators(dataDir.path())) << Qt::endl;
    if (!dataDir.isInitialised()) {
        m_out << tr("No nursery is set up here. Create one with: acorn-cli --data-dir DIR init --nursery NAME "
                    "--manager USER")
              << Qt::endl;
        return 0;
    }
    const QFileInfo db(dataDir.databasePath());
    m_out << tr("Journal:       %1 (%2 KiB, encrypted)").arg(db.fileName()).arg(db.size() / 1024) << Qt::endl;
    auto keyring = Keyring::load(dataDir.keyringPath());
    if (!keyring)
        return fail(keyring.errorMessage());
    m_out << tr("Keyring:       %1 staff can sign in on this device; recovery key %2")
                 .arg(keyring.value().entries().size())
                 .arg(keyring.value().hasRecovery() ? tr("set") : tr("NOT set"))
          << Qt::endl;
    for (const auto& entry : keyring.value().entries())
        m_out << QStringLiteral("               %1 (%2)").arg(entry.userName, entry.displayName) << Qt::endl;

    if (!parser.isSet(QStringLiteral("user")))
        return 0;
    auto session = signIn(parser.value(QStringLiteral("user")));
    if (!session)
        return fail(session.errorMessage());
    auto& s = *session.value();
    m_out << tr("Nursery:       %1").arg(s.settings().stringValue(SettingsStore::Key::NurseryName)) << Qt::endl;
    m_out << tr("Format:        schema version %1").arg(s.database().schemaVersion()) << Qt::endl;
    m_out << tr("Device id:     %1").arg(s.deviceId()) << Qt::endl;
    m_out << tr("Password rule: %1").arg(s.passwordPolicy().summary()) << Qt::endl;
    m_out << tr("Idle lock:     %1 minutes").arg(s.settings().intValue(SettingsStore::Key::IdleLockMinutes))
          << Qt::endl;
    for (const auto& [label, table] :
         {std::pair {tr("Staff:"), "staff"}, std::pair {tr("Rooms:"), "rooms"}, std::pair {tr("Children:"), "children"},
          std::pair {tr("Observations:"), "observations"}}) {
        QSqlQuery q(s.database().sql());
        if (q.exec(QStringLiteral("SELECT count(*) FROM %1 WHERE deleted = 0").arg(QLatin1String(table))) && q.next())
            m_out << label.leftJustified(15) << q.value(0).toLongLong() << Qt::endl;
    }
    s.end(Session::EndReason::SignOut);
    return 0;
}

int CliCommands::changePassword(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(userOption());
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.isSet(QStringLiteral("user")))
        return usage(tr("change-password needs --user USER."));
    PasswordHolder current, next;
    current.bytes = PasswordPrompt::read(tr("Current password: "));
    next.bytes = PasswordPrompt::read(tr("New password: "));
    if (PasswordPrompt::isInteractive()) {
        PasswordHolder again;
        again.bytes = PasswordPrompt::read(tr("Type the new password again: "));
        if (again.bytes != next.bytes)
            return fail(tr("The two new passwords are not the same. Nothing was changed."));
    }
    auto session
        = Session::signIn(DataDir(m_dataDir), parser.value(QStringLiteral("user")), current.bytes, Clock::system());
    if (!session)
        return fail(session.errorMessage());
    StaffAccounts accounts(*session.value());
    if (auto changed = accounts.changeOwnPassword(current.bytes, next.bytes); !changed)
        return fail(changed.errorMessage());
    m_out << tr("Password changed.") << Qt::endl;
    return 0;
}

int CliCommands::backup(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(userOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("Where to write the backup."));
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.isSet(QStringLiteral("user")) || parser.positionalArguments().size() != 1)
        return usage(tr("backup needs FILE and --user USER (a manager or administrator)."));
    auto session = signIn(parser.value(QStringLiteral("user")));
    if (!session)
        return fail(session.errorMessage());
    const QString file = parser.positionalArguments().first();
    if (auto made = Backup::create(*session.value(), file); !made)
        return fail(made.errorMessage());
    m_out << tr("Backup written to %1 (encrypted; it opens with the same passwords or the recovery key).")
                 .arg(QDir::toNativeSeparators(file))
          << Qt::endl;
    return 0;
}

int CliCommands::restore(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(userOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The backup to restore."));
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.isSet(QStringLiteral("user")) || parser.positionalArguments().size() != 1)
        return usage(tr("restore needs FILE and --user USER (someone who could sign in when the backup was made)."));
    PasswordHolder password;
    password.bytes = PasswordPrompt::read(tr("Password: "));
    const QString file = parser.positionalArguments().first();
    if (auto restored = Backup::restore(DataDir(m_dataDir), file, parser.value(QStringLiteral("user")), password.bytes,
                                        Clock::system());
        !restored)
        return fail(restored.errorMessage());
    m_out << tr("Restored from %1. The files it replaced were kept beside it, named *.before-restore-*.")
                 .arg(QDir::toNativeSeparators(file))
          << Qt::endl;
    return 0;
}

int CliCommands::resetPassword(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(userOption());
    const QCommandLineOption recovery(QStringLiteral("recovery"),
                                      tr("Use the nursery's recovery key (read from standard input first)."));
    parser.addOption(recovery);
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.isSet(QStringLiteral("user")) || !parser.isSet(recovery))
        return usage(tr("reset-password needs --user USER and --recovery."));
    PasswordHolder key, next;
    key.bytes = PasswordPrompt::read(tr("Recovery key: "));
    next.bytes = PasswordPrompt::read(tr("New temporary password for %1: ").arg(parser.value(QStringLiteral("user"))));
    auto session = Session::openWithRecoveryKey(DataDir(m_dataDir), key.bytes, Clock::system());
    if (!session)
        return fail(session.errorMessage());
    StaffAccounts accounts(*session.value());
    if (auto reset = accounts.setPasswordWithRecovery(parser.value(QStringLiteral("user")), next.bytes); !reset)
        return fail(reset.errorMessage());
    m_out
        << tr("Password reset. %1 must choose a new one at the next sign-in.").arg(parser.value(QStringLiteral("user")))
        << Qt::endl;
    return 0;
}

int CliCommands::importContribution(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(userOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The contribution file (docs/contribution-format.md)."));
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.isSet(QStringLiteral("user")) || parser.positionalArguments().size() != 1)
        return usage(tr("import-contribution needs FILE and --user USER."));
    // Check the file before asking for a password: a typing mistake should not cost a sign-in.
    auto input = Contributions::parseFile(parser.positionalArguments().first());
    if (!input)
        return fail(input.errorMessage());
    auto session = signIn(parser.value(QStringLiteral("user")));
    if (!session)
        return fail(session.errorMessage());
    Contributions contributions(*session.value());
    auto received = contributions.receive(input.value());
    if (!received)
        return fail(received.errorMessage());
    m_out << tr("Received: it waits in \"Awaiting approval\" until staff approve it (id %1).").arg(received.value().id)
          << Qt::endl;
    return 0;
}

int CliCommands::device(const QStringList& args)
{
    const QString sub = args.value(1);
    const QStringList subArgs = QStringList {args.first() + QLatin1Char(' ') + sub} + args.mid(2);
    if (sub == QLatin1String("show"))
        return deviceShow(subArgs);
    if (sub == QLatin1String("set"))
        return deviceSet(subArgs);
    if (sub == QLatin1String("check"))
        return deviceCheck(subArgs);
    return usage(sub.isEmpty() ? tr("device needs show, set or check.")
                               : tr("device needs show, set or check, not \"%1\".").arg(sub));
}

int CliCommands::deviceShow(const QStringList& args)
{
    QCommandLineParser parser;
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return usage(tr("device show takes no arguments."));
    // No password: these settings hold nothing secret, and a locked-out manager needs to see them.
    const DataDir dataDir(m_dataDir);
    auto settings = DeviceSettings::load(dataDir);
    if (!settings)
        return fail(settings.errorMessage());
    const QString path = QDir(dataDir.path()).filePath(QString::fromLatin1(DeviceSettings::FileName));
    m_out << tr("Settings file:   %1%2")
                 .arg(QDir::toNativeSeparators(path),
                      QFileInfo::exists(path) ? QString() : tr(" (not written yet: these are the defaults)"))
          << Qt::endl;
    printDeviceSettings(m_out, settings.value());
    return 0;
}

int CliCommands::deviceSet(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(userOption());
    const QCommandLineOption kiosk(QStringLiteral("kiosk"), tr("Kiosk mode: on or off."), QStringLiteral("on|off"));
    const QCommandLineOption kioskIdle(QStringLiteral("kiosk-idle"),
                                       tr("Minutes before a kiosk locks (%1 to %2).")
                                           .arg(DeviceSettings::MinKioskIdleMinutes)
                                           .arg(DeviceSettings::MaxKioskIdleMinutes),
                                       QStringLiteral("MINUTES"));
    const QCommandLineOption importFolder(QStringLiteral("import-folder"),
                                          tr("The only folder a kiosk imports from, or none."),
                                          QStringLiteral("DIR|none"));
    const QCommandLineOption removable(QStringLiteral("removable"),
                                       tr("Whether a kiosk may import from USB sticks and cards: on or off."),
                                       QStringLiteral("on|off"));
    const QCommandLineOption premises(QStringLiteral("premises"),
                                      tr("The premises check: off, server HOST:PORT or network CIDR."),
                                      QStringLiteral("off|server|network"));
    parser.addOptions({kiosk, kioskIdle, importFolder, removable, premises});
    parser.addPositionalArgument(QStringLiteral("TARGET"),
                                 tr("HOST:PORT after --premises server, CIDR after "
                                    "--premises network."));
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.isSet(QStringLiteral("user")))
        return usage(tr("device set needs --user USER (a manager or administrator)."));
    if (!parser.isSet(kiosk) && !parser.isSet(kioskIdle) && !parser.isSet(importFolder) && !parser.isSet(removable)
        && !parser.isSet(premises))
        return usage(tr("device set needs at least one of --kiosk, --kiosk-idle, --import-folder, --removable and "
                        "--premises."));

    // Everything is checked before the password is asked for: a typing mistake should not cost a sign-in.
    const DataDir dataDir(m_dataDir);
    auto loaded = DeviceSettings::load(dataDir);
    bool replacingDamaged = false;
    if (!loaded) {
        // This command is the way out when the file is damaged; anything else (unreadable, newer) is not ours to
        // overwrite.
        if (loaded.code() != Error::Code::InvalidInput)
            return fail(loaded.errorMessage());
        replacingDamaged = true;
    }
    const DeviceSettings current = loaded ? loaded.value() : DeviceSettings {};
    DeviceSettings next = current;

    if (parser.isSet(kiosk) && !parseOnOff(parser.value(kiosk), &next.kiosk))
        return usage(tr("--kiosk is on or off."));
    if (parser.isSet(kioskIdle)) {
        bool ok = false;
        next.kioskIdleMinutes = parser.value(kioskIdle).toInt(&ok);
        if (!ok || next.kioskIdleMinutes < DeviceSettings::MinKioskIdleMinutes
            || next.kioskIdleMinutes > DeviceSettings::MaxKioskIdleMinutes)
            return usage(tr("--kiosk-idle is a number of minutes from %1 to %2.")
                             .arg(DeviceSettings::MinKioskIdleMinutes)
                             .arg(DeviceSettings::MaxKioskIdleMinutes));
    }
    if (parser.isSet(importFolder)) {
        const QString folder = parser.value(importFolder).trimmed();
        if (folder.isEmpty())
            return usage(tr("--import-folder is a folder, or none."));
        next.importFolder = folder == QLatin1String("none") ? QString() : folder;
    }
    if (parser.isSet(removable) && !parseOnOff(parser.value(removable), &next.allowRemovableMedia))
        return usage(tr("--removable is on or off."));
    const QStringList targets = parser.positionalArguments();
    if (parser.isSet(premises)) {
        if (!DeviceSettings::premisesFromKey(parser.value(premises).trimmed().toLower(), &next.premises))
            return usage(tr("--premises is off, server HOST:PORT or network CIDR."));
        switch (next.premises) {
        case DeviceSettings::Premises::Off:
            if (!targets.isEmpty())
                return usage(tr("--premises off takes nothing after it."));
            break;
        case DeviceSettings::Premises::Server:
            if (targets.size() != 1 || !parseHostPort(targets.first(), &next.premisesHost, &next.premisesPort))
                return usage(tr("--premises server needs the server's address and port, like acorn.local:443."));
            break;
        case DeviceSettings::Premises::Network:
            if (targets.size() != 1)
                return usage(tr("--premises network needs the nursery's network, like 192.168.10.0/24."));
            next.premisesNetwork = targets.first();
            break;
        }
    } else if (!targets.isEmpty()) {
        return usage(tr("unexpected \"%1\".").arg(targets.first()));
    }
    auto valid = next.validated();
    if (!valid)
        return usage(valid.errorMessage());
    next = valid.take();

    QStringList changed;
    const auto note = [&changed](bool differs, const char* key) {
        if (differs)
            changed << QLatin1String(key);
    };
    note(next.kiosk != current.kiosk, "kiosk");
    note(next.kioskIdleMinutes != current.kioskIdleMinutes, "kioskIdleMinutes");
    note(next.importFolder != current.importFolder, "importFolder");
    note(next.allowRemovableMedia != current.allowRemovableMedia, "allowRemovableMedia");
    note(next.premises != current.premises, "premises");
    note(next.premisesHost != current.premisesHost, "premisesHost");
    note(next.premisesPort != current.premisesPort, "premisesPort");
    note(next.premisesNetwork != current.premisesNetwork, "premisesNetwork");

    // Deliberately no premises check here: this is how a manager gets back in when the check locks everyone out.
    auto session = signIn(parser.value(QStringLiteral("user")));
    if (!session)
        return fail(session.errorMessage());
    auto& s = *session.value();
    if (!s.can(Action::ChangePolicy)) {
        s.end(Session::EndReason::SignOut);
        return fail(tr("Only managers and administrators can change this device's settings. Nothing was changed."));
    }
    if (changed.isEmpty() && !replacingDamaged) {
        s.end(Session::EndReason::SignOut);
        m_out << tr("Nothing to change: this device's settings are already so.") << Qt::endl;
        printDeviceSettings(m_out, next);
        return 0;
    }
    if (auto saved = next.save(dataDir); !saved) {
        s.end(Session::EndReason::SignOut);
        return fail(saved.errorMessage());
    }
    QString detail = QStringLiteral("keys=") + changed.join(QLatin1Char(','));
    if (replacingDamaged)
        detail += QStringLiteral(" replaced-damaged-file");
    const auto logged = s.audit().append(QLatin1String(AuditLog::PolicyChanged), s.staff().id, QStringLiteral("device"),
                                         s.deviceId(), detail);
    s.end(Session::EndReason::SignOut);
    if (!logged)
        return fail(tr("This device's settings were saved, but the audit log could not record it: %1")
                        .arg(logged.errorMessage()));

    if (replacingDamaged)
        m_out << tr("The old settings file was damaged; the settings not given now are back to their defaults.")
              << Qt::endl;
    m_out << tr("Saved this device's settings:") << Qt::endl;
    printDeviceSettings(m_out, next);
    if (!next.importFolder.isEmpty() && !QFileInfo(next.importFolder).isDir())
        m_out << tr("Note: the folder %1 does not exist yet.").arg(QDir::toNativeSeparators(next.importFolder))
              << Qt::endl;
    return 0;
}

int CliCommands::deviceCheck(const QStringList& args)
{
    QCommandLineParser parser;
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return usage(tr("device check takes no arguments."));
    // A settings file that cannot be read fails the check, as it does in the app.
    auto settings = DeviceSettings::load(DataDir(m_dataDir));
    if (!settings)
        return fail(settings.errorMessage());
    if (settings.value().premises == DeviceSettings::Premises::Off) {
        m_out << tr("The premises check is off on this device: Acorn can be used anywhere.") << Qt::endl;
        return 0;
    }
    if (auto checked = PremisesCheck::checkNow(settings.value()); !checked)
        return fail(checked.errorMessage());
    m_out << tr("On the premises: staff can sign in on this device.") << Qt::endl;
    return 0;
}

} // namespace Acorn::Cli
