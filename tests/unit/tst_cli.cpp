// acorn-cli end to end, as a real process: passwords through stdin, exit codes, messages.
#include "Clock.h"
#include "auth/Session.h"
#include "journal/Contributions.h"
#include "people/Children.h"
#include "people/Guardians.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

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
                QStringList {"--data-dir", m_dir->path()} + args);
        if (!p.waitForStarted())
            return {};
        p.write(input);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

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

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
