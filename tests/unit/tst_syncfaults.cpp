// Sync under faults, against a real acorn-server behind FaultyProxy: 500s and 503s with Retry-After, connections
// dropped mid-request (mid-chunk) and after the server did the work, silence until the client times out, the server
// killed (SIGKILL) in the middle of pushes and uploads and started again, and the client torn down mid-round —
// while staff keep writing. Afterwards every observation, reply and photo is on the server exactly once, every
// photo's bytes match their sha256, and nothing is left waiting on the device. The run injects at least 100 faults;
// ACORN_FAULT_SEED repeats a run.
#include "FaultyProxy.h"
#include "JournalFixture.h"
#include "ServerProcess.h"

#include "auth/Session.h"
#include "crypto/Sha256.h"
#include "demo/DemoPictures.h"
#include "journal/Comments.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "storage/Database.h"
#include "sync/Outbox.h"
#include "sync/SyncClient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Acorn;
using namespace Acorn::Test;

class TestSyncFaults final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_serverDir;
    QTemporaryDir m_logDir;
    QProcess m_server;
    quint16 m_port = 0;
    int m_kills = 0;
    int m_round = 0; // the round a scheduled kill belongs to: it must not hit a server started after that round
    bool m_inRound = false;

    static QString serverBinary()
    {
        return QDir(qEnvironmentVariable("ACORN_BINARY_DIR")).filePath(QStringLiteral("server/acorn-server"));
    }

    bool startServer()
    {
        m_server.setProgram(serverBinary());
        m_server.setArguments(
            {QStringLiteral("--data-dir"), m_serverDir.path(), QStringLiteral("--port"), QString::number(m_port)});
        m_server.setProcessChannelMode(QProcess::SeparateChannels);
        m_server.setStandardOutputFile(QProcess::nullDevice());
        // Thousands of request lines: into a file, shown (its end) only if the server will not start.
        m_server.setStandardErrorFile(m_logDir.filePath(QStringLiteral("server.log")), QIODevice::Append);
        m_server.start();
        if (!m_server.waitForStarted(5000))
            return false;
        QNetworkAccessManager nam;
        const bool up = QTest::qWaitFor(
            [&] {
                QNetworkReply* reply
                    = nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(m_port))));
                QEventLoop loop;
                connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
                loop.exec();
                reply->deleteLater();
                return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
            },
            20000);
        if (!up) {
            QFile log(m_logDir.filePath(QStringLiteral("server.log")));
            if (log.open(QIODevice::ReadOnly))
                qWarning().noquote() << "server log (end):" << log.readAll().right(3000);
            qWarning() << "server state" << m_server.state() << "exit" << m_server.exitCode();
        }
        return up;
    }

    // Everything the server holds for this device's setting, as the latest row per entity and id, and how many
    // times each (entity, id, revision) was logged.
    struct ServerView
    {
        QHash<QString, QJsonObject> latest;
        QHash<QString, int> logged;
    };

    ServerView serverView(const QString& credential)
    {
        ServerView view;
        QNetworkAccessManager nam;
        qint64 since = 0;
        for (bool more = true; more;) {
            QNetworkRequest request(QUrl(
                QStringLiteral("http://127.0.0.1:%1/api/v1/sync/pull?since=%2&limit=1000").arg(m_port).arg(since)));
            request.setRawHeader("Authorization", "Bearer " + credential.toLatin1());
            QNetworkReply* reply = nam.get(request);
            QSignalSpy done(reply, &QNetworkReply::finished);
            if (!done.wait(10000))
                return view;
            const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
            reply->deleteLater();
            for (const QJsonValue& v : json.value("changes").toArray()) {
                const QJsonObject c = v.toObject();
                const QString key = c.value("entity").toString() + '/' + c.value("id").toString();
                view.latest.insert(key, c);
                view.logged[key + '@' + QString::number(c.value("revision").toInt())] += 1;
            }
            since = json.value("next").toInteger();
            more = json.value("more").toBool();
        }
        return view;
    }

    // One sync round through the proxy, with (sometimes) the server killed or the client torn down halfway.
    bool faultyRound(Session& session, QRandomGenerator& random, int round)
    {
        QNetworkAccessManager nam; // fresh connections each round
        SyncClient client(session, nam);
        client.setTimeoutMs(400);
        client.setChunkSize(16 * 1024);
        QSignalSpy done(&client, &SyncClient::finished);
        const int event = int(random.bounded(20));
        m_round = round;
        m_inRound = true;
        if (event == 0) {
            // The server killed in the middle of a round (SIGKILL: no graceful anything).
            QTimer::singleShot(int(random.bounded(40)), this, [this, round] {
                if (m_inRound && m_round == round && m_server.state() == QProcess::Running) {
                    m_server.kill();
                    ++m_kills;
                }
            });
        }
        client.syncNow();
        if (event == 1) {
            // The device side torn down halfway (as a closed laptop lid would): the round just stops.
            QTest::qWait(int(random.bounded(30)));
            client.stop();
        } else if (!done.wait(30000)) {
            qWarning("a sync round did not finish");
        }
        m_inRound = false;
        if (m_server.state() != QProcess::Running) {
            m_server.waitForFinished(5000);
            if (!startServer())
                qFatal("the server did not start again");
        }
        return !done.isEmpty() && done.first().first().toBool();
    }

private slots:
    void testFaultsLoseNothing()
    {
        if (!QFileInfo(serverBinary()).isExecutable())
            QFAIL("acorn-server is not built");
        QVERIFY(m_serverDir.isValid());
        QProcess create;
        create.start(serverBinary(), {"--data-dir", m_serverDir.path(), "create-setting", "Puddle Lane Test Nursery"});
        QVERIFY(create.waitForFinished(20000));
        const auto match
            = QRegularExpression("enrolment_code: (\\S+)").match(QString::fromUtf8(create.readAllStandardOutput()));
        QVERIFY(match.hasMatch());
        {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            m_port = probe.serverPort();
        }
        QVERIFY(startServer());

        const quint32 seed = qEnvironmentVariableIsSet("ACORN_FAULT_SEED")
            ? quint32(qEnvironmentVariableIntValue("ACORN_FAULT_SEED"))
            : QRandomGenerator::global()->generate();
        qInfo("fault seed %u (ACORN_FAULT_SEED=%u repeats this run)", seed, seed);
        QRandomGenerator random(seed);
        FaultyProxy proxy(m_port, 0.0, seed);
        QVERIFY(proxy.listen());
        const QUrl proxyUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));

        JournalFixture f;
        QVERIFY(f.isValid());
        auto mabel = f.signIn("mabel");
        {
            QNetworkAccessManager nam;
            QVERIFY(SyncClient::enrol(*mabel, nam, proxyUrl, match.captured(1), "Office laptop"));
        }
        // A second device of the nursery, set up now (before anything is written): later it fetches everything,
        // photos included, through the same faults.
        QTemporaryDir secondRoot;
        const DataDir second(secondRoot.filePath(QStringLiteral("device-b")));
        QVERIFY(copyTree(f.nursery().dataDir().path(), second.path()));
        QString codeForB;
        {
            QNetworkAccessManager nam;
            auto code = SyncClient::createEnrolmentCode(*mabel, nam);
            QVERIFY(code);
            codeForB = code.value();
        }
        proxy.setFaultRate(0.4);

        // Staff write while the network misbehaves: observations with a photo each, replies to them.
        Observations observations(*mabel);
        MediaVault vault(mabel->dataDir().vaultPath());
        QStringList observationIds;
        QHash<QString, QByteArray> photoSha; // media id → sha256
        QStringList commentIds;
        const auto writeSome = [&](int count) {
            for (int i = 0; i < count; ++i) {
                auto draft = observations.createDraft({i % 2 ? f.ava : f.dot}, mabel->clock().now());
                QVERIFY(draft);
                Observation o = draft.value();
                o.text = QStringLiteral("Observation %1 of the faulty day.").arg(observationIds.size());
                QVERIFY(observations.saveDraft(o));
                auto photo = MediaImporter(vault).importPhotoData(
                    DemoPictures::make(int(random.bounded(6)), int(random.bounded(1000)), 800, 600));
                QVERIFY(photo);
                auto item = ObservationMedia(*mabel).insert(o.id, photo.value(), o.childIds);
                QVERIFY(item);
                QVERIFY(observations.submit(o.id));
                observationIds << o.id;
                photoSha.insert(item.value().id, photo.value().file.sha256);
            }
        };
        writeSome(12);

        QNetworkAccessManager nam0;
        int rounds = 0;
        bool settled = false;
        while (rounds < 800 && !(settled && proxy.faults() + m_kills >= 100)) {
            ++rounds;
            if (rounds % 7 == 0 && observationIds.size() < 40)
                writeSome(2);
            if (rounds % 5 == 0) {
                auto c = Comments(*mabel).add(observationIds.at(int(random.bounded(observationIds.size()))),
                                              QStringLiteral("Reply %1").arg(commentIds.size()));
                QVERIFY(c);
                commentIds << c.value().id;
            }
            const bool ok = faultyRound(*mabel, random, rounds);
            SyncClient probe(*mabel, nam0);
            settled = ok && Outbox(mabel->database()).pendingCount() == 0 && probe.mediaWaitingCount() == 0
                && observationIds.size() >= 40;
        }
        qInfo("%d rounds, %d requests, %d injected faults, %d server kills", rounds, proxy.requests(), proxy.faults(),
              m_kills);
        QVERIFY2(settled, "the device never caught up");

        // The second device: its own id and credential, then pulls and fetches under the same faults.
        {
            auto b = Session::signIn(second, QStringLiteral("mabel"), JournalFixture::password(), f.nursery().clock());
            QVERIFY2(b, qPrintable(b.errorMessage()));
            QSqlQuery q(b.value()->database().sql());
            QVERIFY(q.exec(QStringLiteral("UPDATE device_state SET value = '0000000b-0000-4000-8000-00000000000b' "
                                          "WHERE key = 'device_id'")));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM device_state WHERE key LIKE 'sync.%'")));
            b.value()->end(Session::EndReason::SignOut);
        }
        auto b = Session::signIn(second, QStringLiteral("mabel"), JournalFixture::password(), f.nursery().clock());
        QVERIFY(b);
        proxy.setFaultRate(0.0);
        {
            QNetworkAccessManager nam;
            QVERIFY(SyncClient::enrol(*b.value(), nam, proxyUrl, codeForB, "Seedlings tablet"));
        }
        proxy.setFaultRate(0.4);
        const int faultsBefore = proxy.faults() + m_kills;
        bool fetched = false;
        int roundsB = 0;
        while (roundsB < 800 && !(fetched && proxy.faults() + m_kills - faultsBefore >= 30)) {
            ++roundsB;
            const bool ok = faultyRound(*b.value(), random, rounds + roundsB);
            SyncClient probe(*b.value(), nam0);
            fetched = ok && probe.fetchWaitingCount() == 0;
        }
        qInfo("second device: %d rounds, %d faults while it pulled and fetched", roundsB,
              proxy.faults() + m_kills - faultsBefore);
        QVERIFY2(fetched, "the second device never fetched everything");
        // Every photo is on the second device, exactly the bytes taken on the first, and each observation and reply.
        for (auto it = photoSha.cbegin(); it != photoSha.cend(); ++it) {
            const auto bytes = ObservationMedia(*b.value()).content(it.key());
            QVERIFY2(bytes, qPrintable(bytes.errorMessage()));
            QCOMPARE(Sha256::hash(bytes.value()), it.value());
        }
        for (const QString& id : std::as_const(observationIds))
            QVERIFY(Observations(*b.value()).byId(id));
        QSqlQuery count(b.value()->database().sql());
        QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM comments")));
        QVERIFY(count.next());
        QCOMPARE(count.value(0).toInt(), commentIds.size());
        // Media files in the second device's vault: the photos and their thumbnails, nothing half-written left over.
        QCOMPARE(MediaVault(second.vaultPath()).fileIds().size(), 2 * photoSha.size());
        b.value()->end(Session::EndReason::SignOut);
        QVERIFY(proxy.faults() + m_kills >= 100);

        // Everything is there exactly once.
        const QString credential = SyncClient::link(*mabel).value().credential;
        const ServerView view = serverView(credential);
        for (const QString& id : std::as_const(observationIds))
            QVERIFY2(view.latest.contains("observation/" + id), qPrintable(id));
        for (const QString& id : std::as_const(commentIds))
            QVERIFY2(view.latest.contains("comment/" + id), qPrintable(id));
        for (auto it = view.logged.cbegin(); it != view.logged.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("%1 logged %2 times").arg(it.key()).arg(it.value())));
        QNetworkAccessManager nam;
        for (auto it = photoSha.cbegin(); it != photoSha.cend(); ++it) {
            QVERIFY(view.latest.contains("media_item/" + it.key()));
            QNetworkRequest request(
                QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/media/%2").arg(m_port).arg(it.key())));
            request.setRawHeader("Authorization", "Bearer " + credential.toLatin1());
            QNetworkReply* reply = nam.get(request);
            QSignalSpy done(reply, &QNetworkReply::finished);
            QVERIFY(done.wait(10000));
            const QJsonObject status = QJsonDocument::fromJson(reply->readAll()).object();
            reply->deleteLater();
            QCOMPARE(status.value("state").toString(), QStringLiteral("complete"));
            QCOMPARE(status.value("sha256").toString(), QString::fromLatin1(it.value().toHex()));
        }
        m_server.terminate();
        m_server.waitForFinished(10000);
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_syncfaults.moc"
