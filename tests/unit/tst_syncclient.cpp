// The desktop sync client against a real acorn-server process on loopback: enrolment with a one-time code, a
// second device of the same nursery enrolled with a code the first made, entries submitted on one appearing on the
// other (and replies coming back), drafts never leaving, a conflicting edit kept as a conflict copy, the server
// down (offline, nothing lost, then caught up), and a revoked device told so.
#include "JournalFixture.h"
#include "ServerProcess.h"

#include "auth/Session.h"
#include "auth/StaffAccounts.h"
#include "crypto/Sha256.h"
#include "demo/DemoPictures.h"
#include "journal/Comments.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "people/Children.h"
#include "people/Rooms.h"
#include "storage/Database.h"
#include "sync/Conflicts.h"
#include "sync/Outbox.h"
#include "sync/SyncClient.h"
#include "sync/SyncEntities.h"

#include <QDir>
#include <QDirIterator>
#include <QImage>
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

using namespace Acorn;
using namespace Acorn::Test;

namespace {
QString serverBinary()
{
    return QDir(qEnvironmentVariable("ACORN_BINARY_DIR")).filePath(QStringLiteral("server/acorn-server"));
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestSyncClient final : public QObject
{
    Q_OBJECT

    std::unique_ptr<JournalFixture> m_f;
    QTemporaryDir m_serverDir;
    QProcess m_server;
    quint16 m_port = 0;
    QString m_firstCode;
    QNetworkAccessManager m_network;

    QUrl serverUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

    bool startServer()
    {
        m_server.setProgram(serverBinary());
        m_server.setArguments(
            {QStringLiteral("--data-dir"), m_serverDir.path(), QStringLiteral("--port"), QString::number(m_port)});
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_server.start();
        if (!m_server.waitForStarted(5000))
            return false;
        return QTest::qWaitFor(
            [this] {
                QNetworkReply* reply = m_network.get(QNetworkRequest(serverUrl().resolved(QUrl("/health"))));
                QEventLoop loop;
                connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
                loop.exec();
                reply->deleteLater();
                return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
            },
            10000);
    }

    void stopServer()
    {
        if (m_server.state() == QProcess::NotRunning)
            return;
        m_server.terminate();
        if (!m_server.waitForFinished(10000))
            m_server.kill();
    }

    // Runs one push-and-pull round to its end.
    static bool syncOnce(SyncClient& client)
    {
        QSignalSpy done(&client, &SyncClient::finished);
        client.syncNow();
        return done.wait(20000) && done.first().first().toBool();
    }

    // A second device of the same nursery: a copy of the data folder with its own device id.
    QTemporaryDir m_secondDir;

    DataDir secondDevice()
    {
        const DataDir dir(m_secondDir.filePath(QStringLiteral("device-b")));
        return dir;
    }

private slots:
    void initTestCase()
    {
        if (!QFileInfo(serverBinary()).isExecutable())
            QFAIL(qPrintable(QStringLiteral("acorn-server not built at %1").arg(serverBinary())));
        QVERIFY(m_serverDir.isValid());
        QProcess create;
        create.start(serverBinary(),
                     {QStringLiteral("--data-dir"), m_serverDir.path(), QStringLiteral("create-setting"),
                      QStringLiteral("Puddle Lane Test Nursery")});
        QVERIFY(create.waitForFinished(20000));
        QCOMPARE(create.exitCode(), 0);
        const QString out = QString::fromUtf8(create.readAllStandardOutput());
        const auto match = QRegularExpression(QStringLiteral("enrolment_code: (\\S+)")).match(out);
        QVERIFY2(match.hasMatch(), qPrintable(out));
        m_firstCode = match.captured(1);
        m_port = freePort();
        QVERIFY(startServer());
    }

    void cleanupTestCase() { stopServer(); }

    void testTwoDevicesConverge()
    {
        m_f = std::make_unique<JournalFixture>();
        QVERIFY(m_f->isValid());
        QVERIFY(m_secondDir.isValid());

        // Device A: a manager connects it with the first code, and everything it has goes up.
        QString codeForB;
        {
            auto mabel = m_f->signIn("mabel");
            QVERIFY(SyncClient::enrol(*mabel, m_network, serverUrl(), m_firstCode, QStringLiteral("Office laptop")));
            // A code works once.
            QVERIFY(!SyncClient::enrol(*mabel, m_network, serverUrl(), m_firstCode, QStringLiteral("Again")));
            SyncClient a(*mabel, m_network);
            QVERIFY(syncOnce(a));
            QCOMPARE(Outbox(mabel->database()).pendingCount(), 0);
            auto code = SyncClient::createEnrolmentCode(*mabel, m_network);
            QVERIFY2(code, qPrintable(code.errorMessage()));
            codeForB = code.value();
        }

        // Device B: the same nursery's files (how a second laptop is set up today), its own device id and code.
        QVERIFY(copyTree(m_f->nursery().dataDir().path(), secondDevice().path()));
        {
            auto b = Session::signIn(secondDevice(), QStringLiteral("pia"), JournalFixture::password(),
                                     m_f->nursery().clock());
            QVERIFY2(b, qPrintable(b.errorMessage()));
            QSqlQuery q(b.value()->database().sql());
            QVERIFY(q.exec(QStringLiteral("UPDATE device_state SET value = '0000000b-0000-4000-8000-000000000000' "
                                          "WHERE key = 'device_id'")));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM device_state WHERE key LIKE 'sync.%'")));
            b.value()->end(Session::EndReason::SignOut);
        }
        QString observationId;
        {
            auto b = Session::signIn(secondDevice(), QStringLiteral("pia"), JournalFixture::password(),
                                     m_f->nursery().clock());
            QVERIFY(b);
            QVERIFY(
                SyncClient::enrol(*b.value(), m_network, serverUrl(), codeForB, QStringLiteral("Seedlings tablet")));
            // Pia writes on B: a draft (stays) and a submitted observation (goes).
            Observations observations(*b.value());
            auto draft = observations.createDraft({m_f->ava}, b.value()->clock().now());
            QVERIFY(draft);
            Observation d = draft.value();
            d.text = QStringLiteral("Still writing this one.");
            QVERIFY(observations.saveDraft(d));
            auto sent = observations.createDraft({m_f->ava}, b.value()->clock().now());
            QVERIFY(sent);
            Observation o = sent.value();
            o.text = QStringLiteral("Ava built a tower of nine blocks.");
            QVERIFY(observations.saveDraft(o));
            QVERIFY(observations.submit(o.id));
            observationId = o.id;
            SyncClient client(*b.value(), m_network);
            QVERIFY(syncOnce(client));
            QCOMPARE(client.state(), SyncClient::State::Idle);
            QCOMPARE(client.statusText(), QStringLiteral("Synced"));
            b.value()->end(Session::EndReason::SignOut);
        }

        // A pulls it; the draft never arrived.
        {
            auto mabel = m_f->signIn("mabel");
            SyncClient a(*mabel, m_network);
            QVERIFY(syncOnce(a));
            Observations observations(*mabel);
            const auto arrived = observations.byId(observationId);
            QVERIFY(arrived);
            QCOMPARE(arrived->text, QStringLiteral("Ava built a tower of nine blocks."));
            QSqlQuery q(mabel->database().sql());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM observations WHERE text = 'Still writing this one.'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            // Applying what came from the server queued nothing to go back.
            QCOMPARE(Outbox(mabel->database()).pendingCount(), 0);
            // The manager approves it and replies; both go up.
            QVERIFY(observations.approve(observationId));
            QVERIFY(Comments(*mabel).add(observationId, QStringLiteral("Lovely counting, Pia.")));
            QVERIFY(syncOnce(a));
        }

        // B gets the approval and the reply.
        {
            auto b = Session::signIn(secondDevice(), QStringLiteral("pia"), JournalFixture::password(),
                                     m_f->nursery().clock());
            QVERIFY(b);
            SyncClient client(*b.value(), m_network);
            QVERIFY(syncOnce(client));
            const auto o = Observations(*b.value()).byId(observationId);
            QVERIFY(o);
            QCOMPARE(o->status, ObservationStatus::Published);
            const auto replies = Comments(*b.value()).of(observationId);
            QCOMPARE(replies.size(), 1);
            QCOMPARE(replies.first().text, QStringLiteral("Lovely counting, Pia."));
            b.value()->end(Session::EndReason::SignOut);
        }
    }

    void testMediaBytesFollowInChunks()
    {
        QVERIFY(m_f);
        auto mabel = m_f->signIn("mabel");
        Observations observations(*mabel);
        auto draft = observations.createDraft({m_f->dot}, mabel->clock().now());
        QVERIFY(draft);
        Observation o = draft.value();
        o.text = QStringLiteral("Dot's painting of the garden.");
        QVERIFY(observations.saveDraft(o));
        MediaVault vault(mabel->dataDir().vaultPath());
        auto photo = MediaImporter(vault).importPhotoData(DemoPictures::make(3, 11, 1600, 1200));
        QVERIFY(photo);
        const QByteArray sha = photo.value().file.sha256;
        auto item = ObservationMedia(*mabel).insert(o.id, photo.value(), {m_f->dot});
        QVERIFY(item);
        QVERIFY(observations.submit(o.id));

        SyncClient a(*mabel, m_network);
        a.setChunkSize(64 * 1024); // the smallest chunk the server takes
        QVERIFY(syncOnce(a));
        QCOMPARE(a.mediaWaitingCount(), 0);
        // The server has every byte: complete, with the same sha256.
        QNetworkRequest request(serverUrl().resolved(QUrl(QStringLiteral("/api/v1/media/") + item.value().id)));
        request.setRawHeader("Authorization", "Bearer " + SyncClient::link(*mabel).value().credential.toLatin1());
        QNetworkReply* reply = m_network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        const QJsonObject status = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        QCOMPARE(status.value("state").toString(), QStringLiteral("complete"));
        QVERIFY2(photo.value().file.size > 64 * 1024, "several chunks");
        QCOMPARE(status.value("sha256").toString(), QString::fromLatin1(sha.toHex()));

        // Ranges of the content, as a device (or a video player) asks for them.
        const QByteArray credential = SyncClient::link(*mabel).value().credential.toLatin1();
        const auto get = [&](const QByteArray& range, int* statusCode, QByteArray* contentRange) {
            QNetworkRequest r(
                serverUrl().resolved(QUrl(QStringLiteral("/api/v1/media/%1/content").arg(item.value().id))));
            r.setRawHeader("Authorization", "Bearer " + credential);
            if (!range.isEmpty())
                r.setRawHeader("Range", range);
            QNetworkReply* rr = m_network.get(r);
            QSignalSpy done(rr, &QNetworkReply::finished);
            done.wait(10000);
            *statusCode = rr->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            *contentRange = rr->rawHeader("Content-Range");
            rr->deleteLater();
            return rr->readAll();
        };
        const qint64 size = photo.value().file.size;
        int code = 0;
        QByteArray contentRange;
        const QByteArray head = get("bytes=0-99", &code, &contentRange);
        QCOMPARE(code, 206);
        QCOMPARE(head.size(), 100);
        QCOMPARE(contentRange, "bytes 0-99/" + QByteArray::number(size));
        // Across a chunk boundary, and the tail: together with the head they are the file.
        const QByteArray middle = get("bytes=100-" + QByteArray::number(size - 1001), &code, &contentRange);
        QCOMPARE(code, 206);
        const QByteArray tail = get("bytes=-1000", &code, &contentRange);
        QCOMPARE(code, 206);
        QCOMPARE(Sha256::hash(head + middle + tail), sha);
        get("bytes=" + QByteArray::number(size) + "-", &code, &contentRange);
        QCOMPARE(code, 416);
        QCOMPARE(contentRange, "bytes */" + QByteArray::number(size));
        const QByteArray whole = get({}, &code, &contentRange);
        QCOMPARE(code, 200);
        QCOMPARE(Sha256::hash(whole), sha);

        // The other device fetches the bytes (in small ranges), checks them and keeps them in its own vault, with a
        // thumbnail of its own.
        {
            auto b = Session::signIn(secondDevice(), QStringLiteral("mabel"), JournalFixture::password(),
                                     m_f->nursery().clock());
            QVERIFY2(b, qPrintable(b.errorMessage()));
            SyncClient client(*b.value(), m_network);
            client.setChunkSize(64 * 1024);
            QVERIFY(syncOnce(client));
            QCOMPARE(client.fetchWaitingCount(), 0);
            const auto fetched = ObservationMedia(*b.value()).content(item.value().id);
            QVERIFY2(fetched, qPrintable(fetched.errorMessage()));
            QCOMPARE(Sha256::hash(fetched.value()), sha);
            const auto thumbnail = ObservationMedia(*b.value()).thumbnail(item.value().id);
            QVERIFY2(thumbnail, qPrintable(thumbnail.errorMessage()));
            QVERIFY(!QImage::fromData(thumbnail.value()).isNull());
            // Fetching wrote nothing to go back to the server.
            QCOMPARE(Outbox(b.value()->database()).pendingCount(), 0);
            b.value()->end(Session::EndReason::SignOut);
        }
    }

    void testNewStaffCanSignInOnTheOtherDevice()
    {
        QVERIFY(m_f);
        // A manager adds Willow on A; once both have synced, Willow signs in on B with her password.
        {
            auto mabel = m_f->signIn("mabel");
            QVERIFY(StaffAccounts(*mabel).create(QStringLiteral("Willow Ashby"), QStringLiteral("willow"),
                                                 Role::Practitioner, "Garden-Gate-4417"));
            SyncClient a(*mabel, m_network);
            QVERIFY(syncOnce(a));
            QCOMPARE(Outbox(mabel->database()).pendingCount(), 0);
        }
        QVERIFY(!Session::signIn(secondDevice(), QStringLiteral("willow"), "Garden-Gate-4417", m_f->nursery().clock()));
        {
            auto b = Session::signIn(secondDevice(), QStringLiteral("rita"), JournalFixture::password(),
                                     m_f->nursery().clock());
            QVERIFY(b);
            SyncClient client(*b.value(), m_network);
            QVERIFY(syncOnce(client));
            QCOMPARE(Outbox(b.value()->database()).pendingCount(), 0); // nothing echoed back
            b.value()->end(Session::EndReason::SignOut);
        }
        auto willow
            = Session::signIn(secondDevice(), QStringLiteral("willow"), "Garden-Gate-4417", m_f->nursery().clock());
        QVERIFY2(willow, qPrintable(willow.errorMessage()));
        QCOMPARE(willow.value()->staff().displayName, QStringLiteral("Willow Ashby"));
        willow.value()->end(Session::EndReason::SignOut);
    }

    void testConflictKeepsBothVersions()
    {
        QVERIFY(m_f);
        const auto renameBoth = [&](const QString& onA, const QString& onB) {
            {
                auto mabel = m_f->signIn("mabel");
                QVERIFY(Rooms(*mabel).rename(m_f->saplings, onA));
                SyncClient a(*mabel, m_network);
                QVERIFY(syncOnce(a));
            }
            auto b = Session::signIn(secondDevice(), QStringLiteral("mabel"), JournalFixture::password(),
                                     m_f->nursery().clock());
            QVERIFY(b);
            QVERIFY(Rooms(*b.value()).rename(m_f->saplings, onB));
            SyncClient client(*b.value(), m_network);
            QVERIFY(syncOnce(client));
            QCOMPARE(client.conflictCount(), 1);
            QVERIFY2(client.statusText().contains(QLatin1String("conflict")), qPrintable(client.statusText()));
            QCOMPARE(Outbox(b.value()->database()).pendingCount(), 0); // the queue moved on
            b.value()->end(Session::EndReason::SignOut);
        };
        const auto roomName = [&](const DataDir& dir) {
            auto s = Session::signIn(dir, QStringLiteral("mabel"), JournalFixture::password(), m_f->nursery().clock());
            QString name;
            for (const Room& r : Rooms(*s.value()).visible())
                if (r.id == m_f->saplings)
                    name = r.name;
            s.value()->end(Session::EndReason::SignOut);
            return name;
        };

        // Both devices rename the same room before either syncs: B keeps both versions, staff choose the server's.
        renameBoth(QStringLiteral("Saplings (A)"), QStringLiteral("Saplings (B)"));
        {
            auto b = Session::signIn(secondDevice(), QStringLiteral("mabel"), JournalFixture::password(),
                                     m_f->nursery().clock());
            Conflicts conflicts(b.value()->database(), b.value()->clock());
            const auto open = conflicts.open();
            QCOMPARE(open.size(), 1);
            const QString said = Conflicts::describe(open.first());
            QVERIFY2(said.contains(QLatin1String("Saplings (B)")) && said.contains(QLatin1String("Saplings (A)")),
                     qPrintable(said));
            QVERIFY(conflicts.keepServer(open.first().id, b.value()->staff().id));
            QCOMPARE(conflicts.openCount(), 0);
            QCOMPARE(Outbox(b.value()->database()).pendingCount(), 0); // the server's version is not sent back
            b.value()->end(Session::EndReason::SignOut);
        }
        QCOMPARE(roomName(secondDevice()), QStringLiteral("Saplings (A)"));

        // Again; this time staff keep this device's version, and it reaches the other device.
        renameBoth(QStringLiteral("Saplings (A2)"), QStringLiteral("Saplings (B2)"));
        {
            auto b = Session::signIn(secondDevice(), QStringLiteral("mabel"), JournalFixture::password(),
                                     m_f->nursery().clock());
            Conflicts conflicts(b.value()->database(), b.value()->clock());
            QVERIFY(conflicts.keepLocal(conflicts.open().first().id, b.value()->staff().id));
            SyncClient client(*b.value(), m_network);
            QVERIFY(syncOnce(client));

            QCOMPARE(client.conflictCount(), 0);
            b.value()->end(Session::EndReason::SignOut);
        }
        {
            auto mabel = m_f->signIn("mabel");
            SyncClient a(*mabel, m_network);
            QVERIFY(syncOnce(a));
        }
        QCOMPARE(roomName(m_f->nursery().dataDir()), QStringLiteral("Saplings (B2)"));
    }

    void testServerDownThenBack()
    {
        QVERIFY(m_f);
        auto mabel = m_f->signIn("mabel");
        SyncClient a(*mabel, m_network);
        a.setBackoff(Backoff(50, 200));
        stopServer();
        QVERIFY(Children(*mabel).byId(m_f->cal));
        QSqlQuery q(mabel->database().sql());
        QVERIFY(q.exec(
            QStringLiteral("UPDATE children SET preferred_name = 'Cally', revision = revision + 1 WHERE id = '%1'")
                .arg(m_f->cal)));
        QVERIFY(!syncOnce(a));
        QCOMPARE(a.state(), SyncClient::State::Offline);
        QVERIFY(a.statusText().contains(QLatin1String("1 waiting")));
        QCOMPARE(Outbox(mabel->database()).pendingCount(), 1); // nothing lost
        QVERIFY(startServer());
        QVERIFY(syncOnce(a));
        QCOMPARE(Outbox(mabel->database()).pendingCount(), 0);
    }

    void testRevokedDeviceIsToldSo()
    {
        QVERIFY(m_f);
        // A manager on A sees both devices and revokes B.
        {
            auto mabel = m_f->signIn("mabel");
            auto devices = SyncClient::devices(*mabel, m_network);
            QVERIFY2(devices, qPrintable(devices.errorMessage()));
            QCOMPARE(devices.value().size(), 2);
            const auto isB = [](const SyncClient::DeviceInfo& d) {
                return d.deviceId == QLatin1String("0000000b-0000-4000-8000-000000000000");
            };
            auto b = std::find_if(devices.value().cbegin(), devices.value().cend(), isB);
            QVERIFY(b != devices.value().cend());
            QCOMPARE(b->name, QStringLiteral("Seedlings tablet"));
            QVERIFY(!b->revoked);
            QVERIFY(SyncClient::revokeDevice(*mabel, m_network, b->deviceId));
            devices = SyncClient::devices(*mabel, m_network);
            QVERIFY(devices);
            b = std::find_if(devices.value().cbegin(), devices.value().cend(), isB);
            QVERIFY(b->revoked);
        }

        auto b = Session::signIn(secondDevice(), QStringLiteral("pia"), JournalFixture::password(),
                                 m_f->nursery().clock());
        QVERIFY(b);
        SyncClient client(*b.value(), m_network);
        QSignalSpy revoked(&client, &SyncClient::revoked);
        QVERIFY(!syncOnce(client));
        QCOMPARE(revoked.size(), 1);
        QCOMPARE(client.state(), SyncClient::State::Revoked);
        b.value()->end(Session::EndReason::SignOut);
    }
};

QTEST_GUILESS_MAIN(TestSyncClient)
#include "tst_syncclient.moc"
