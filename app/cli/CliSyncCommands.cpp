// CliCommands' "sync" commands: this device and the nursery's server (docs/sync-protocol.md), for administrators and
// scripts — connect with a one-time code, make a code for another device, list and remove devices, sync once.
#include "CliCommands.h"

#include "auth/Permissions.h"
#include "sync/SyncClient.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QUrl>

namespace Acorn::Cli {

namespace {
QCommandLineOption userOpt()
{
    return {QStringList {QStringLiteral("user"), QStringLiteral("u")}, CliCommands::tr("Your user name."),
            QStringLiteral("USER")};
}
} // namespace

int CliCommands::sync(const QStringList& args)
{
    const QString sub = args.value(1);
    const QStringList subArgs = QStringList {args.first() + QLatin1Char(' ') + sub} + args.mid(2);
    QCommandLineParser parser;
    const QCommandLineOption server(QStringLiteral("server"), tr("The nursery's server, e.g. https://acorn.example"),
                                    QStringLiteral("URL"));
    const QCommandLineOption code(QStringLiteral("code"), tr("The one-time code a manager made."),
                                  QStringLiteral("CODE"));
    const QCommandLineOption name(QStringLiteral("name"), tr("This device's name, as managers will see it."),
                                  QStringLiteral("NAME"), QStringLiteral("acorn-cli"));
    parser.addOption(userOpt());
    if (sub == QLatin1String("connect"))
        parser.addOptions({server, code, name});
    if (sub == QLatin1String("revoke"))
        parser.addPositionalArgument(QStringLiteral("DEVICE_ID"), tr("The device to remove."));
    static const QStringList subcommands {QStringLiteral("connect"), QStringLiteral("code"), QStringLiteral("devices"),
                                          QStringLiteral("revoke"),  QStringLiteral("now"),  QStringLiteral("status")};
    if (!subcommands.contains(sub))
        return usage(sub.isEmpty()
                         ? tr("sync needs connect, code, devices, revoke, now or status.")
                         : tr("sync needs connect, code, devices, revoke, now or status, not \"%1\".").arg(sub));
    if (!parser.parse(subArgs))
        return usage(parser.errorText());
    if (!parser.isSet(QStringLiteral("user")))
        return usage(tr("sync %1 needs --user USER.").arg(sub));
    if (sub == QLatin1String("connect") && (!parser.isSet(server) || !parser.isSet(code)))
        return usage(tr("sync connect needs --server URL and --code CODE."));
    if (sub == QLatin1String("revoke") && parser.positionalArguments().size() != 1)
        return usage(tr("sync revoke needs the id of the device to remove (see sync devices)."));

    auto session = signIn(parser.value(QStringLiteral("user")));
    if (!session)
        return fail(session.errorMessage());
    Session& s = *session.value();
    const bool managerOnly
        = sub == QLatin1String("connect") || sub == QLatin1String("code") || sub == QLatin1String("revoke");
    if (managerOnly && !s.can(Action::ChangePolicy))
        return fail(tr("Only a manager can connect devices, make codes for them or remove them."));

    QNetworkAccessManager network;
    int result = 0;
    if (sub == QLatin1String("connect")) {
        const QUrl url = QUrl::fromUserInput(parser.value(server));
        if (auto done = SyncClient::enrol(s, network, url, parser.value(code), parser.value(name)); !done)
            result = fail(done.errorMessage());
        else
            m_out << tr("Connected to %1. Run \"acorn-cli sync now\" to send and fetch everything.")
                         .arg(url.toDisplayString())
                  << Qt::endl;
    } else if (sub == QLatin1String("code")) {
        if (auto made = SyncClient::createEnrolmentCode(s, network); !made)
            result = fail(made.errorMessage());
        else
            m_out << tr("Code for another device: %1 (works once, for 24 hours)").arg(made.value()) << Qt::endl;
    } else if (sub == QLatin1String("devices")) {
        auto list = SyncClient::devices(s, network);
        if (!list) {
            result = fail(list.errorMessage());
        } else {
            for (const auto& d : list.value())
                m_out << d.deviceId << QLatin1Char('\t') << d.name << QLatin1Char('\t')
                      << (d.revoked ? tr("removed") : tr("active")) << Qt::endl;
        }
    } else if (sub == QLatin1String("revoke")) {
        if (auto done = SyncClient::revokeDevice(s, network, parser.positionalArguments().first()); !done)
            result = fail(done.errorMessage());
        else
            m_out << tr("Removed: that device stops syncing and signs out when it next connects.") << Qt::endl;
    } else {
        auto link = SyncClient::link(s);
        if (!link || !link.value().isEnrolled()) {
            result = fail(tr("This device is not connected to a server yet: acorn-cli sync connect."));
        } else {
            SyncClient client(s, network);
            if (sub == QLatin1String("now")) {
                // One round to its end: push, media up, pull, media down.
                QEventLoop loop;
                bool ok = false;
                QObject::connect(&client, &SyncClient::finished, &loop, [&](bool done) {
                    ok = done;
                    loop.quit();
                });
                client.syncNow();
                loop.exec();
                if (!ok)
                    result = fail(client.lastError());
            }
            m_out << tr("Status: %1").arg(client.statusText()) << Qt::endl;
            m_out << tr("Waiting to go: %1; photos and videos to fetch: %2; conflicts: %3")
                         .arg(client.waitingCount())
                         .arg(client.fetchWaitingCount())
                         .arg(client.conflictCount())
                  << Qt::endl;
        }
    }
    s.end(Session::EndReason::SignOut);
    return result;
}

} // namespace Acorn::Cli
