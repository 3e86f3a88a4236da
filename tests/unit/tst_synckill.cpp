// A device killed in the middle of syncing — the process gone at once (SIGKILL), as when a tablet's battery dies or
// someone pulls the plug: `acorn-cli sync now` is started against a real acorn-server and killed at random moments
// while it pushes, uploads photos, pulls and fetches them, again and again. Afterwards the next run finishes the work:
// every observation and photo is on the server exactly once, the second device has every photo byte for byte, and
// neither device's journal is damaged. Also the acorn-cli sync commands themselves: connect, code, devices, status.
#include "JournalFixture.h"
#include "ServerProcess.h"

#include "auth/Session.h"
#include "crypto/Sha256.h"
#include "demo/DemoPictures.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "storage/Database.h"
#include "sync/Outbox.h"
#include "sync/SyncClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>

using namespace Acorn;
using namespace Acorn::Test;

class TestSyncKill final : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        bool killed = false;
        QString out;
        QString err;
    };

    // acorn-cli with the password on stdin; killed after killAfterMs when that is not negative.
    static Run cli(const QString& dataDir, const QStringList& args, int killAfterMs = -1)
    {
        QProcess p;
        p.start(QString::fromLocal8Bit(qgetenv("ACORN_BINARY_DIR")) + QStringLiteral("/app/acorn-cli"),
                QStringList {QStringLiteral("--data-dir"), dataDir} + args);
        Run run;
        if (!p.waitForStarted(5000))
            return run;
        p.write(JournalFixture::password() + '\n');
        p.closeWriteChannel();
        if (killAfterMs >= 0 && !p.waitForFinished(killAfterMs)) {
            p.kill();
            run.killed = true;
        }
        p.waitForFinished(60000);
        run.exitCode = run.killed ? -1 : p.exitCode();
        run.out = QString::fromUtf8(p.readAllStandardOutput());
        run.err = QString::fromUtf8(p.readAllStandardError());
        return run;
    }

    // How many times each (entity, id, revision) the server logged, and the latest row of each.
    static QHash<QString, int> serverLog(const QUrl& server, const QString& credential, QSet<QString>* latest)
    {
        QHash<QString, int> logged;
        QNetworkAccessManager nam;
        qint64 since = 0;
        for (bool more = true; more;) {
            QNetworkRequest request(
                server.resolved(QUrl(QStringLiteral("/api/v1/sync/pull?since=%1&limit=1000").arg(since))));
            request.setRawHeader("Authorization", "Bearer " + credential.toLatin1());
            QNetworkReply* reply = nam.get(request);
            QSignalSpy done(reply, &QNetworkReply::finished);
            if (!done.wait(10000))
                break;
            const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
            reply->deleteLater();
            for (const QJsonValue& v : json.value(QStringLiteral("changes")).toArray()) {
                const QJsonObject c = v.toObject();
                const QString key = c.value("entity").toString() + '/' + c.value("id").toString();
                latest->insert(key);
                logged[key + '@' + QString::number(c.value("revision").toInt())] += 1;
            }
            since = json.value(QStringLiteral("next")).toInteger();
            more = json.value(QStringLiteral("more")).toBool();
        }
        return logged;
    }

private slots:
    void testKilledMidSyncLosesNothing()
    {
        ServerProcess server;
        const QString firstCode = server.createSetting(QStringLiteral("Puddle Lane Test Nursery"));
        QVERIFY(!firstCode.isEmpty());
        QVERIFY(server.start());
        const quint32 seed = qEnvironmentVariableIsSet("ACORN_FAULT_SEED")
            ? quint32(qEnvironmentVariableIntValue("ACORN_FAULT_SEED"))
            : QRandomGenerator::global()->generate();
        qInfo("seed %u (ACORN_FAULT_SEED=%u repeats this run)", seed, seed);
        QRandomGenerator random(seed);

        JournalFixture f;
        QVERIFY(f.isValid());
        const QString dirA = f.nursery().dataDir().path();
        // A second device set up before anything is written: it will pull and fetch it all.
        QTemporaryDir secondRoot;
        const QString dirB = secondRoot.filePath(QStringLiteral("device-b"));
        QVERIFY(copyTree(dirA, dirB));
        {
            auto b = Session::signIn(DataDir(dirB), QStringLiteral("mabel"), JournalFixture::password(),
                                     f.nursery().clock());
            QVERIFY(b);
            QSqlQuery q(b.value()->database().sql());
            QVERIFY(q.exec(QStringLiteral("UPDATE device_state SET value = '0000000b-0000-4000-8000-0000000000cc' "
                                          "WHERE key = 'device_id'")));
            b.value()->end(Session::EndReason::SignOut);
        }

        // The acorn-cli sync commands: only a manager connects a device; status says where things stand.
        const QString url = server.url().toString();
        const Run notManager = cli(dirA, {"sync", "connect", "--user", "pia", "--server", url, "--code", firstCode});
        QCOMPARE(notManager.exitCode, 1);
        QVERIFY2(notManager.err.contains("Only a manager"), qPrintable(notManager.err));
        const Run notConnected = cli(dirA, {"sync", "now", "--user", "mabel"});
        QCOMPARE(notConnected.exitCode, 1);
        QVERIFY2(notConnected.err.contains("not connected"), qPrintable(notConnected.err));
        const Run connect = cli(
            dirA,
            {"sync", "connect", "--user", "mabel", "--server", url, "--code", firstCode, "--name", "Office laptop"});
        QVERIFY2(connect.exitCode == 0, qPrintable(connect.err));
        const Run code = cli(dirA, {"sync", "code", "--user", "mabel"});
        QVERIFY2(code.exitCode == 0, qPrintable(code.err));
        const auto codeMatch = QRegularExpression(QStringLiteral("device: (\\S+)")).match(code.out);
        QVERIFY2(codeMatch.hasMatch(), qPrintable(code.out));
        const Run connectB = cli(dirB,
                                 {"sync", "connect", "--user", "mabel", "--server", url, "--code",
                                  codeMatch.captured(1), "--name", "Seedlings tablet"});
        QVERIFY2(connectB.exitCode == 0, qPrintable(connectB.err));
        const Run devices = cli(dirA, {"sync", "devices", "--user", "mabel"});
        QVERIFY(devices.out.contains("Office laptop") && devices.out.contains("Seedlings tablet"));

        // Device A: observations with a photo each (large enough that sending them takes a while).
        QStringList observationIds;
        QHash<QString, QByteArray> photoSha;
        {
            auto mabel = f.signIn("mabel");
            Observations observations(*mabel);
            MediaVault vault(mabel->dataDir().vaultPath());
            for (int i = 0; i < 32; ++i) {
                auto draft = observations.createDraft({i % 2 ? f.ava : f.dot}, mabel->clock().now());
                QVERIFY(draft);
                Observation o = draft.value();
                o.text = QStringLiteral("Observation %1 before the battery died.").arg(i);
                QVERIFY(observations.saveDraft(o));
                auto photo = MediaImporter(vault).importPhotoData(
                    DemoPictures::make(int(random.bounded(6)), int(random.bounded(1000)), 2400, 1800));
                QVERIFY(photo);
                auto item = ObservationMedia(*mabel).insert(o.id, photo.value(), o.childIds);
                QVERIFY(item);
                QVERIFY(observations.submit(o.id));
                observationIds << o.id;
                photoSha.insert(item.value().id, photo.value().file.sha256);
            }
            mabel->end(Session::EndReason::SignOut);
        }

        // Kill A's sync at random moments until a run gets to its end by itself, then the same for B (its pull and
        // its fetching of the photos).
        const auto killUntilDone = [&](const QString& dir) {
            int kills = 0;
            for (int i = 0; i < 60; ++i) {
                const Run run = cli(dir, {"sync", "now", "--user", "mabel"}, 20 + int(random.bounded(160)));
                if (run.killed)
                    ++kills;
                else if (run.exitCode == 0)
                    break;
            }
            return kills;
        };
        const int killedA = killUntilDone(dirA);
        Run finish = cli(dirA, {"sync", "now", "--user", "mabel"});
        QVERIFY2(finish.exitCode == 0, qPrintable(finish.err));
        QVERIFY2(finish.out.contains("Waiting to go: 0;"), qPrintable(finish.out + finish.err));
        const int killedB = killUntilDone(dirB);
        finish = cli(dirB, {"sync", "now", "--user", "mabel"});
        QVERIFY2(finish.exitCode == 0, qPrintable(finish.err));
        QVERIFY2(finish.out.contains("photos and videos to fetch: 0;"), qPrintable(finish.out));
        qInfo("device A killed %d times mid-sync, device B %d times", killedA, killedB);
        QVERIFY2(killedA >= 3 && killedB >= 3, "the runs ended before they could be killed: nothing was tested");

        // The server has each row once; both journals open and pass the full check; B has every photo's bytes.
        auto mabel = f.signIn("mabel");
        QCOMPARE(Outbox(mabel->database()).pendingCount(), 0);
        QVERIFY(mabel->database().checkIntegrity(Database::Check::Full));
        QSet<QString> latest;
        const auto logged = serverLog(server.url(), SyncClient::link(*mabel).value().credential, &latest);
        for (auto it = logged.cbegin(); it != logged.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("%1 logged %2 times").arg(it.key()).arg(it.value())));
        for (const QString& id : std::as_const(observationIds))
            QVERIFY(latest.contains("observation/" + id));
        auto b
            = Session::signIn(DataDir(dirB), QStringLiteral("mabel"), JournalFixture::password(), f.nursery().clock());
        QVERIFY(b);
        QVERIFY(b.value()->database().checkIntegrity(Database::Check::Full));
        for (auto it = photoSha.cbegin(); it != photoSha.cend(); ++it) {
            const auto bytes = ObservationMedia(*b.value()).content(it.key());
            QVERIFY2(bytes, qPrintable(bytes.errorMessage()));
            QCOMPARE(Sha256::hash(bytes.value()), it.value());
        }
        // Nothing half-written left in B's vault by the killed runs beyond a file per photo and thumbnail... or the
        // few a killed run had sealed but not yet recorded (they hold nothing readable without a key).
        QVERIFY(MediaVault(DataDir(dirB).vaultPath()).fileIds().size() >= 2 * photoSha.size());
    }
};

QTEST_GUILESS_MAIN(TestSyncKill)
#include "tst_synckill.moc"
