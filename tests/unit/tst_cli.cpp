// acorn-cli end to end, as a real process: passwords through stdin, exit codes, messages.
#include "Clock.h"
#include "TestNursery.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "device/DeviceSettings.h"
#include "journal/Contributions.h"
#include "people/Children.h"
#include "people/Guardians.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>

class TestCli : public QObject
{
    Q_OBJECT
private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };

    Run cli(const QStringList& args, const QByteArray& input = {})
    {
        QProcess p;
        p.start(QString::fromLocal8Bit(qgetenv("ACORN_BINARY_DIR")) + "/app/acorn-cli",
                QStringList {"--data-dir", m_dataPath} + args);
        if (!p.waitForStarted())
            return {};
        p.write(input);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_dataPath = m_dir->path();
    }

    void testInitVerifyInfo()
    {
        auto usage = cli({"init", "--nursery", "Bluebell Test Nursery"});
        QCOMPARE(usage.code, 2);

        auto weak = cli({"init", "--nursery", "Bluebell Test Nursery", "--manager", "iris"}, "password1\n");
        QCOMPARE(weak.code, 1);
        QVERIFY2(weak.err.contains("common"), qPrintable(weak.err));
        QVERIFY(!QFile::exists(m_dir->filePath("journal.acorn")));

        auto init
            = cli({"init", "--nursery", "Bluebell Test Nursery", "--manager", "iris", "--manager-name", "Iris Tumble"},
                  "Velvet-Cactus-31\n");
        QCOMPARE(init.code, 0);
        QVERIFY(init.out.contains("RECOVERY KEY"));
        QVERIFY(QRegularExpression("([0-9A-Z]{4}-){13}[0-9A-Z]{4}").match(init.out).hasMatch());

        auto again = cli({"init", "--nursery", "X", "--manager", "iris"}, "Velvet-Cactus-31\n");
        QCOMPARE(again.code, 1);
        QVERIFY(again.err.contains("already set up"));

        auto ok = cli({"verify", "--user", "iris"}, "Velvet-Cactus-31\n");
        QCOMPARE(ok.code, 0);
        QVERIFY(ok.out.contains("integrity check"));

        auto wrong = cli({"verify", "--user", "iris"}, "Velvet-Cactus-32\n");
        QCOMPARE(wrong.code, 1);
        QVERIFY(wrong.err.contains("not right"));

        auto info = cli({"info", "--user", "iris"}, "Velvet-Cactus-31\n");
        QCOMPARE(info.code, 0);
        QVERIFY(info.out.contains("Bluebell Test Nursery"));
        QVERIFY(info.out.contains("Iris Tumble"));
        QVERIFY(!info.err.contains("acorn.")); // quiet unless --verbose
    }

    void testVerifyFailsOnDamage()
    {
        QVERIFY(cli({"init", "--nursery", "N", "--manager", "iris"}, "Velvet-Cactus-31\n").code == 0);
        QFile f(m_dir->filePath("journal.acorn"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 2 + 100));
        f.close();
        auto verify = cli({"verify", "--user", "iris"}, "Velvet-Cactus-31\n");
        QCOMPARE(verify.code, 1);
        QVERIFY2(verify.err.contains("backup"), qPrintable(verify.err));
    }

    void testChangePasswordBackupRestoreAndRecovery()
    {
        auto init = cli({"init", "--nursery", "N", "--manager", "iris"}, "Velvet-Cactus-31\n");
        QCOMPARE(init.code, 0);
        const auto match = QRegularExpression("(?:[0-9A-Z]{4}-){13}[0-9A-Z]{4}").match(init.out);
        QVERIFY(match.hasMatch());
        const QByteArray recoveryKey = match.captured(0).toLatin1();

        QCOMPARE(cli({"change-password", "--user", "iris"}, "Velvet-Cactus-31\nweak\n").code, 1);
        QCOMPARE(cli({"change-password", "--user", "iris"}, "Velvet-Cactus-31\nCopper-Walrus-62\n").code, 0);
        QCOMPARE(cli({"verify", "--user", "iris"}, "Copper-Walrus-62\n").code, 0);

        const QString backupFile = m_dir->filePath("../cli-test.acornbackup");
        QFile::remove(backupFile);
        auto backup = cli({"backup", backupFile, "--user", "iris"}, "Copper-Walrus-62\n");
        QVERIFY2(backup.code == 0, qPrintable(backup.err));
        QVERIFY(QFile::exists(backupFile));

        auto restore = cli({"restore", backupFile, "--user", "iris"}, "Copper-Walrus-62\n");
        QVERIFY2(restore.code == 0, qPrintable(restore.err));
        QFile::remove(backupFile);
        QCOMPARE(cli({"verify", "--user", "iris"}, "Copper-Walrus-62\n").code, 0);

        // A forgotten password, reset with the recovery key.
        auto reset = cli({"reset-password", "--user", "iris", "--recovery"}, recoveryKey + "\nSilver-Beetle-74\n");
        QVERIFY2(reset.code == 0, qPrintable(reset.err));
        QCOMPARE(cli({"verify", "--user", "iris"}, "Silver-Beetle-74\n").code, 0);
        QCOMPARE(cli({"verify", "--user", "iris"}, "Copper-Walrus-62\n").code, 1);
    }

    void testImportContribution()
    {
        QCOMPARE(cli({"init", "--nursery", "N", "--manager", "iris"}, "Velvet-Cactus-31\n").code, 0);
        QString guardianId, childId;
        {
            auto session = Acorn::Session::signIn(Acorn::DataDir(m_dir->path()), "iris", "Velvet-Cactus-31",
                                                  Acorn::Clock::system());
            QVERIFY(session);
            auto& s = *session.value();
            Acorn::Child child;
            child.firstName = "Kit";
            child.lastName = "Testling";
            childId = Acorn::Children(s).create(child).value().id;
            QVERIFY(Acorn::Children(s).setPhotoConsent(childId, Acorn::PhotoConsent::Yes));
            Acorn::Guardians guardians(s);
            guardianId = guardians.create("Kat Testling", {}).value().id;
            QVERIFY(guardians.link(guardianId, childId, "mother"));
            QVERIFY(guardians.recordAgreement(guardianId, "Kat Testling"));
        }
        const QString file = m_dir->filePath("contribution.json");
        const auto write = [&](const QByteArray& json) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(json);
        };
        write(QString(R"({"format": "acorn-contribution", "version": 1, "id": "%1", "guardian_id": "%2",
                         "child_ids": ["%3"], "observed_at": "2026-01-04T16:30:00Z",
                         "text": "We counted conkers on the walk home."})")
                  .arg(QUuid::createUuid().toString(QUuid::WithoutBraces), guardianId, childId)
                  .toUtf8());
        auto imported = cli({"import-contribution", file, "--user", "iris"}, "Velvet-Cactus-31\n");
        QVERIFY2(imported.code == 0, qPrintable(imported.err));
        QVERIFY(imported.out.contains("Awaiting approval"));

        // A broken file is refused before any password is asked for.
        write(R"({"format": "acorn-contribution", "version": 1, "text": 5})");
        auto broken = cli({"import-contribution", file, "--user", "iris"});
        QCOMPARE(broken.code, 1);
        QVERIFY2(broken.err.contains("'id'"), qPrintable(broken.err));

        auto session
            = Acorn::Session::signIn(Acorn::DataDir(m_dir->path()), "iris", "Velvet-Cactus-31", Acorn::Clock::system());
        QCOMPARE(Acorn::Contributions(*session.value()).awaitingApproval().size(), 1);
    }

    void testUnknownCommand()
    {
        auto run = cli({"frobnicate"});
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains("unknown command"));
    }

    void testDeviceSettings()
    {
        using Acorn::Test::TestNursery;
        TestNursery nursery;
        QVERIFY2(nursery.isValid(), qPrintable(nursery.errorMessage()));
        QVERIFY(nursery.addStaff("pip", "Pip Practitioner", Acorn::Role::Practitioner, "Amber-Otter-52"));
        m_dataPath = nursery.path();
        const QString file = QDir(nursery.path()).filePath("device.json");
        const QByteArray manager = QByteArray(TestNursery::ManagerPassword) + "\n";

        // No password needed to look; the defaults before anything is written.
        auto show = cli({"device", "show"});
        QCOMPARE(show.code, 0);
        QVERIFY2(show.out.contains("Premises check:  off"), qPrintable(show.out));
        QVERIFY(show.out.contains("defaults"));

        QTcpServer listening;
        QVERIFY(listening.listen(QHostAddress::LocalHost));
        const QString target = QString("127.0.0.1:%1").arg(listening.serverPort());
        auto set = cli({"device", "set", "--user", TestNursery::ManagerUser, "--kiosk", "on", "--kiosk-idle", "5",
                        "--import-folder", nursery.path(), "--premises", "server", target},
                       manager);
        QVERIFY2(set.code == 0, qPrintable(set.err));
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);

        show = cli({"device", "show"});
        QCOMPARE(show.code, 0);
        QVERIFY2(show.out.contains("Kiosk mode:      on"), qPrintable(show.out));
        QVERIFY(show.out.contains("Kiosk idle lock: 5 minutes"));
        QVERIFY(show.out.contains(QString("Premises check:  server 127.0.0.1, port %1").arg(listening.serverPort())));
        QVERIFY(show.out.contains(QDir::toNativeSeparators(nursery.path())));
        QVERIFY(!show.out.contains("defaults"));
        QCOMPARE(cli({"device", "check"}).code, 0);

        {
            auto session = nursery.signIn();
            QVERIFY(session);
            const auto events = session->audit().events({{}, {}, Acorn::AuditLog::PolicyChanged, 10});
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.first().objectType, QString("device"));
            QVERIFY2(events.first().detail.contains("kiosk") && events.first().detail.contains("premisesHost"),
                     qPrintable(events.first().detail));
        }

        // A practitioner may not, and nothing is written.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        auto refused = cli({"device", "set", "--user", "pip", "--premises", "off"}, "Amber-Otter-52\n");
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains("managers"), qPrintable(refused.err));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        f.close();

        // The server goes away: the check refuses, naming the port...
        const quint16 port = listening.serverPort();
        listening.close();
        auto check = cli({"device", "check"});
        QCOMPARE(check.code, 1);
        QVERIFY2(check.err.contains(QString("port %1").arg(port)), qPrintable(check.err));
        QVERIFY(check.out.isEmpty());

        // ...and the manager's way out still works, because setting does not run the check.
        auto off = cli({"device", "set", "--user", TestNursery::ManagerUser, "--premises", "off"}, manager);
        QVERIFY2(off.code == 0, qPrintable(off.err));
        QCOMPARE(cli({"device", "check"}).code, 0);
        auto loaded = Acorn::DeviceSettings::load(nursery.dataDir());
        QVERIFY(loaded);
        QCOMPARE(loaded.value().premises, Acorn::DeviceSettings::Premises::Off);
        QCOMPARE(loaded.value().kiosk, true); // untouched

        // Network mode, by CIDR.
        QCOMPARE(
            cli({"device", "set", "--user", TestNursery::ManagerUser, "--premises", "network", "127.0.0.0/8"}, manager)
                .code,
            0);
        QCOMPARE(cli({"device", "check"}).code, 0);
    }

    void testDeviceBadArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no subcommand") << QStringList {"device"} << "show, set or check";
        QTest::newRow("unknown subcommand") << QStringList {"device", "frob"} << "frob";
        QTest::newRow("no user") << QStringList {"device", "set", "--kiosk", "on"} << "--user";
        QTest::newRow("nothing to set") << QStringList {"device", "set", "--user", "mabel"} << "at least one";
        QTest::newRow("kiosk maybe") << QStringList {"device", "set", "--user", "mabel", "--kiosk", "maybe"}
                                     << "--kiosk";
        QTest::newRow("idle out of range")
            << QStringList {"device", "set", "--user", "mabel", "--kiosk-idle", "60"} << "--kiosk-idle";
        QTest::newRow("server without target")
            << QStringList {"device", "set", "--user", "mabel", "--premises", "server"} << "acorn.local:443";
        QTest::newRow("server bad port") << QStringList {"device",     "set",    "--user",           "mabel",
                                                         "--premises", "server", "acorn.local:99999"}
                                         << "acorn.local:443";
        QTest::newRow("bad network") << QStringList {"device",     "set",     "--user",      "mabel",
                                                     "--premises", "network", "nursery-wifi"}
                                     << "192.168.10.0/24";
        QTest::newRow("unknown premises")
            << QStringList {"device", "set", "--user", "mabel", "--premises", "moon"} << "--premises";
        QTest::newRow("show with extra") << QStringList {"device", "show", "now"} << "no arguments";
    }

    void testDeviceBadArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        // No password on stdin: a mistake in the arguments must be caught before one is asked for.
        auto run = cli(args);
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY(!QFile::exists(m_dir->filePath("device.json")));
    }

    void testDeviceDamagedFile()
    {
        using Acorn::Test::TestNursery;
        TestNursery nursery;
        QVERIFY2(nursery.isValid(), qPrintable(nursery.errorMessage()));
        m_dataPath = nursery.path();
        QFile f(QDir(nursery.path()).filePath("device.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"version": 1, "kiosk": tr)");
        f.close();

        // Fails closed: neither shown as defaults nor passed.
        auto show = cli({"device", "show"});
        QCOMPARE(show.code, 1);
        QVERIFY2(show.err.contains("JSON"), qPrintable(show.err));
        QCOMPARE(cli({"device", "check"}).code, 1);

        // A manager replaces it.
        auto set = cli({"device", "set", "--user", TestNursery::ManagerUser, "--kiosk", "on"},
                       QByteArray(TestNursery::ManagerPassword) + "\n");
        QVERIFY2(set.code == 0, qPrintable(set.err));
        QVERIFY(set.out.contains("damaged"));
        auto loaded = Acorn::DeviceSettings::load(nursery.dataDir());
        QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
        QVERIFY(loaded.value().kiosk);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dataPath;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
