// acorn-server: the central store devices sync with (docs/sync-protocol.md). Listens on loopback behind nginx.
#include "ServerApp.h"
#include "ServerLogging.h"
#include "SignalWatcher.h"
#include "crypto/Sodium.h"
#include "domain/Ids.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>

#include <csignal>
#include <cstdio>

namespace {
int fail(const QString& message, int code = 1)
{
    std::fprintf(stderr, "acorn-server: %s\n", qUtf8Printable(message));
    return code;
}

int createSetting(Acorn::Server::ServerApp& server, const QString& name)
{
    auto id = server.store().createSetting(name);
    if (!id)
        return fail(id.errorMessage());
    auto code = server.store().issueEnrolmentCode(id.value());
    if (!code)
        return fail(code.errorMessage());
    std::printf("setting_id: %s\nenrolment_code: %s\nexpires_at: %s\n", qUtf8Printable(id.value()),
                qUtf8Printable(code.value().code), qUtf8Printable(Acorn::Ids::toIso(code.value().expiresAt)));
    std::fflush(stdout);
    return 0;
}
} // namespace

int main(int argc, char* argv[])
{
    // A GUI application without a display ("offscreen"): the portal draws the parent's name across photos when the
    // nursery asks for it, and text needs Qt's font database. Nothing is ever shown.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("acorn-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("Acorn"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ACORN_VERSION));
    Acorn::Sodium::ensureInitialised();

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main",
        "Acorn's sync server. Without a command it serves; nginx terminates TLS in front of it.\n\nCommands:\n"
        "  create-setting NAME   create a setting (nursery); print its id and a first enrolment code"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QCoreApplication::translate("main", "The server's data folder (required)."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QCoreApplication::translate("main", "A PostgreSQL database instead of SQLite in the data folder."),
        QStringLiteral("postgresql://USER@HOST:PORT/DB"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QCoreApplication::translate("main", "The TCP port (default %1; 0: any free port).")
                                      .arg(Acorn::Server::ServerOptions::DefaultPort),
                                  QStringLiteral("N"), QString::number(Acorn::Server::ServerOptions::DefaultPort));
    const QCommandLineOption listen(
        QStringLiteral("listen"), QCoreApplication::translate("main", "The address to listen on (default 127.0.0.1)."),
        QStringLiteral("ADDRESS"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption smtpRelay(
        QStringLiteral("smtp-relay"),
        QCoreApplication::translate("main",
                                    "The nursery's SMTP relay for e-mail to parents (invitations, password links)."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption mailFrom(QStringLiteral("mail-from"),
                                      QCoreApplication::translate("main", "The sender address of that e-mail."),
                                      QStringLiteral("ADDRESS"));
    const QCommandLineOption publicUrl(
        QStringLiteral("public-url"),
        QCoreApplication::translate("main", "Where parents reach this server (for links in e-mail)."),
        QStringLiteral("https://…"));
    parser.addOptions({dataDir, database, port, listen, smtpRelay, mailFrom, publicUrl});
    parser.addPositionalArgument(QStringLiteral("command"), QCoreApplication::translate("main", "What to do."));
    parser.process(app);

    Acorn::Server::Logging::installJsonHandler();

    Acorn::Server::ServerOptions options;
    options.dataDir = parser.value(dataDir);
    options.databaseUrl = parser.value(database);
    if (parser.isSet(smtpRelay)) {
        const QString relay = parser.value(smtpRelay);
        const qsizetype colon = relay.lastIndexOf(QLatin1Char(':'));
        options.mail.host = colon > 0 ? relay.left(colon) : relay;
        options.mail.port = colon > 0 ? quint16(relay.mid(colon + 1).toUInt()) : quint16(25);
        options.mail.from = parser.value(mailFrom);
        options.mail.publicUrl = QUrl(parser.value(publicUrl));
        if (!options.mail.isSet()) {
            std::fprintf(stderr, "acorn-server: --smtp-relay needs --mail-from and --public-url too\n");
            return 2;
        }
    }
    bool portOk = false;
    const uint portNumber = parser.value(port).toUInt(&portOk);
    if (!portOk || portNumber > 65535)
        return fail(QCoreApplication::translate("main", "--port needs a number from 0 to 65535."), 2);
    options.port = quint16(portNumber);
    if (!options.listen.setAddress(parser.value(listen)))
        return fail(QCoreApplication::translate("main", "--listen needs an IP address."), 2);
    if (options.dataDir.isEmpty())
        return fail(QCoreApplication::translate("main", "Say where the data is with --data-dir DIR."), 2);

    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty() && !(args.first() == QLatin1String("create-setting") && args.size() == 2))
        return fail(QCoreApplication::translate("main", "Unknown command. See acorn-server --help."), 2);

    Acorn::Server::ServerApp server(options);
    if (auto opened = server.open(); !opened)
        return fail(opened.errorMessage());
    if (!args.isEmpty())
        return createSetting(server, args.at(1));

    Acorn::Server::SignalWatcher watcher({SIGTERM, SIGINT});
    QObject::connect(&watcher, &Acorn::Server::SignalWatcher::signalled, &server, &Acorn::Server::ServerApp::shutdown);
    std::signal(SIGPIPE, SIG_IGN);
    auto listening = server.serve();
    if (!listening)
        return fail(listening.errorMessage());
    return app.exec();
}
