// acorn: the desktop app. Options, then the main window; everything else lives in acorn_ui and acorn_core.

#include "Clock.h"
#include "MainWindow.h"
#include "Theme.h"
#include "demo/DemoNursery.h"
#include "device/DeviceSettings.h"
#include "domain/Role.h"
#include "lock/LockController.h"
#include "storage/DataDir.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTranslator>

#include <QTimer>

#include <csignal>
#include <cstdio>
#include <memory>

#include <unistd.h>

namespace {

struct Options
{
    QString dataDir;
    bool demo = false;
    bool kiosk = false;
};

QString tr(const char* text)
{
    return QCoreApplication::translate("acorn", text);
}

void print(FILE* stream, const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fflush(stream);
}

// Parsed before QApplication exists, so that --help and --version work without a display.
// Returns an exit code, or -1 to carry on.
int parseOptions(int argc, char** argv, Options* options)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Acorn, the nursery learning journal."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")}, tr("Show the version."));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           tr("Keep the nursery's files in DIR (default: %1).")
                                               .arg(QDir::toNativeSeparators(Acorn::DataDir::defaultPath())),
                                           tr("DIR"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        tr("Try Acorn with a made-up nursery, in a temporary folder that is deleted "
                                           "when Acorn closes."));
    const QCommandLineOption testClipOption(QStringLiteral("camera-test-clip"),
                                            tr("Use a generated moving picture instead of the camera (for trying "
                                               "Acorn, and for screenshots, on a machine without a camera)."));
    const QCommandLineOption kioskOption(QStringLiteral("kiosk"),
                                         tr("Run as a kiosk on a shared device: full screen, closed only by a manager, "
                                            "shorter idle lock, no browsing or saving of files (also a device "
                                            "setting: acorn-cli device set --kiosk on)."));
    parser.addOptions({helpOption, versionOption, dataDirOption, demoOption, testClipOption, kioskOption});

    if (!parser.parse(arguments)) {
        print(stderr, parser.errorText() + QLatin1Char('\n') + tr("Run acorn --help to see the options.\n"));
        return 2;
    }
    if (parser.isSet(helpOption)) {
        // Without an application object Qt cannot know the program's name yet.
        print(stdout,
              parser.helpText().replace(QLatin1String("<executable_name>"),
                                        QFileInfo(arguments.constFirst()).fileName()));
        return 0;
    }
    if (parser.isSet(versionOption)) {
        print(stdout, QStringLiteral("Acorn %1\n").arg(QStringLiteral(ACORN_VERSION)));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        print(stderr, tr("Acorn takes no file names. Run acorn --help to see the options.\n"));
        return 2;
    }
    if (parser.isSet(demoOption) && parser.isSet(dataDirOption)) {
        print(stderr, tr("Use either --demo or --data-dir, not both.\n"));
        return 2;
    }
    options->demo = parser.isSet(demoOption);
    options->kiosk = parser.isSet(kioskOption);
    if (parser.isSet(testClipOption))
        qputenv("ACORN_CAMERA_TEST_CLIP", "1"); // read by MediaSourceFactory::createDefault
    options->dataDir = parser.isSet(dataDirOption) ? parser.value(dataDirOption) : Acorn::DataDir::defaultPath();
    return -1;
}

QString roleText(const QString& key)
{
    Acorn::Role role;
    return Acorn::roleFromKey(key, &role) ? Acorn::roleDisplayName(role) : key;
}

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

// SIGTERM/SIGINT/SIGHUP end the app the normal way (aboutToQuit: session ended, keys wiped, demo folder removed)
// instead of killing it on the spot. The handler only writes a byte to a pipe; Qt reads it in the event loop.
int g_signalPipe[2] = {-1, -1};

void quitOnTerminationSignals(QApplication& app)
{
    if (::pipe(g_signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        if (::read(g_signalPipe[0], &byte, 1) >= 0)
            QApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = [](int) {
        const char byte = 1;
        (void)!::write(g_signalPipe[1], &byte, 1);
    };
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signal : {SIGTERM, SIGINT, SIGHUP})
        ::sigaction(signal, &action, nullptr);
}

void loadTranslations(QApplication& app)
{
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto* acorn = new QTranslator(&app);
    if (acorn->load(QLocale(), QStringLiteral("acorn"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(acorn);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("Acorn"));
    QCoreApplication::setOrganizationName(QStringLiteral("Acorn"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ACORN_VERSION));

    Options options;
    if (const int exitCode = parseOptions(argc, argv, &options); exitCode >= 0)
        return exitCode;

    if (!hasDisplay()) {
        print(stderr,
              tr("Acorn needs a graphical display. On a server or over SSH, run it under Xvfb: "
                 "xvfb-run -a scripts/run, or set QT_QPA_PLATFORM=offscreen for tests\n"));
        return 2;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Acorn"));
    loadTranslations(app);
    quitOnTerminationSignals(app);
    Acorn::Theme::apply(app);

    std::unique_ptr<QTemporaryDir> demoDir;
    if (options.demo) {
        demoDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/acorn-demo-XXXXXX"));
        if (!demoDir->isValid()) {
            print(stderr, tr("Could not make a temporary folder for the demo: %1\n").arg(demoDir->errorString()));
            return 1;
        }
        options.dataDir = demoDir->filePath(QStringLiteral("nursery"));
        const auto accounts = Acorn::DemoNursery::create(Acorn::DataDir(options.dataDir), Acorn::Clock::system());
        if (!accounts) {
            print(stderr, tr("Could not create the demo nursery: %1\n").arg(accounts.errorMessage()));
            return 1;
        }
        QString text = tr("A made-up demo nursery is in %1; the folder is deleted when Acorn closes.\n"
                          "Sign in as any of these (all invented people):\n")
                           .arg(QDir::toNativeSeparators(options.dataDir));
        for (const auto& account : accounts.value())
            text += tr("  %1 (%2) — user name: %3 — password: %4\n")
                        .arg(account.displayName, roleText(account.role), account.userName, account.password);
        print(stdout, text);
    }

    Acorn::LockController lock {Acorn::DataDir(options.dataDir), Acorn::Clock::system()};
    const auto device = Acorn::DeviceSettings::load(Acorn::DataDir(options.dataDir));
    if (device) {
        lock.setDeviceSettings(device.value(), options.kiosk);
    } else {
        // Fail closed: a device whose settings cannot be read stays a kiosk and lets nobody in until a manager
        // repairs them.
        print(stderr, device.errorMessage() + QLatin1Char('\n'));
        lock.setDeviceProblem(
            tr("This device's settings cannot be read, so nobody can sign in here for now. A manager can repair them "
               "with: acorn-cli device set --user NAME ...\n%1")
                .arg(device.errorMessage()));
    }
    Acorn::MainWindow window(lock);
    // Keys are wiped and the session closed however the app ends.
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &lock, &Acorn::LockController::endForExit);
    window.showForDevice();
    if (qEnvironmentVariableIsSet("ACORN_EXIT_WHEN_READY")) {
        // For bench_coldstart: say "ready" once the first window has been shown and the event loop runs, then quit.
        QTimer::singleShot(0, &app, [&app] {
            print(stdout, QStringLiteral("ready\n"));
            app.quit();
        });
    }
    return app.exec();
}
