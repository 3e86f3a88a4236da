// acorn-cli: Acorn administration for IT staff and scripts. Passwords are read from standard input.
#include "CliCommands.h"

#include "storage/DataDir.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Acorn"));
    QCoreApplication::setOrganizationName(QStringLiteral("Acorn"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ACORN_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main",
        "Acorn administration.\n\nCommands:\n"
        "  init --nursery NAME --manager USER [--manager-name NAME] [--policy nursery|passphrase]\n"
        "  info [--user USER]\n"
        "  verify --user USER\n"
        "  change-password --user USER\n"
        "  backup FILE --user USER\n"
        "  restore FILE --user USER\n"
        "  reset-password --user USER --recovery\n"
        "  import-contribution FILE --user USER\n"
        "  device show\n"
        "  device set --user USER [--kiosk on|off] [--kiosk-idle MINUTES] [--import-folder DIR|none]\n"
        "             [--removable on|off] [--premises off|server HOST:PORT|network CIDR]\n"
        "  device check\n"
        "  sync connect --user USER --server URL --code CODE [--name NAME]\n"
        "  sync code|devices|now|status --user USER\n"
        "  sync revoke DEVICE_ID --user USER\n"
        "  portal invite --user USER --guardian GUARDIAN_ID [--child CHILD_ID ...] [--days N] [--email]\n"
        "  portal invitations --user USER --guardian GUARDIAN_ID\n"
        "  portal revoke INVITATION_ID --user USER\n"
        "  portal events --user USER\n\n"
        "Passwords (and the recovery key) are read from standard input, one per line."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QCoreApplication::translate("main", "The nursery's data folder (default: %1).")
                                         .arg(Acorn::DataDir::defaultPath()),
                                     QStringLiteral("DIR"), Acorn::DataDir::defaultPath());
    parser.addOption(dataDir);
    parser.addPositionalArgument(QStringLiteral("command"), QCoreApplication::translate("main", "What to do."));
    // Options after the command belong to the command.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QCoreApplication::translate("main", "Print progress messages (ids only)."));
    parser.addOption(verbose);
    parser.process(app);
    if (!parser.isSet(verbose))
        QLoggingCategory::setFilterRules(QStringLiteral("acorn.*.info=false"));

    Acorn::Cli::CliCommands commands(parser.value(dataDir));
    return commands.run(parser.positionalArguments());
}
