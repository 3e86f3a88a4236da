// acorn-server end to end: the real binary on a free loopback port with a temporary data folder, driven over HTTP
// with QNetworkAccessManager exactly as docs/sync-protocol.md describes the API.
#include "PgTestCluster.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <memory>

namespace {
QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject change(qint64 deviceSeq, const QString& id, qint64 base, const QJsonObject& data,
                   const QString& entity = QStringLiteral("observation"))
{
    return {{"device_seq", deviceSeq}, {"entity", entity}, {"id", id},    {"base_revision", base},
            {"revision", base + 1},    {"deleted", false}, {"data", data}};
}

QByteArray pushBody(const QJsonArray& changes, const QString& batchId = newId())
{
    return json({{"batch_id", batchId}, {"changes", changes}});
}
} // namespace

class TestServerApi : public QObject
{
    Q_OBJECT

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QJsonObject json;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QList<QNetworkReply::RawHeaderPair> headers;

        QByteArray header(const QByteArray& name) const
        {
            for (const auto& [key, value] : headers) {
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            }
            return {};
        }
        QString errorCode() const { return json.value("error").toObject().value("code").toString(); }
    };

    struct Setting
    {
        QString id;
        QString code;
    };

    struct Device
    {
        QString id;
        QString settingId;
        QByteArray credential;
    };

    static QString binary()
    {
        return QString::fromLocal8Bit(qgetenv("ACORN_BINARY_DIR")) + QStringLiteral("/server/acorn-server");
    }

    QStringList baseArgs() const
    {
        QStringList args {QStringLiteral("--data-dir"), m_dataDir};
        if (!m_database.isEmpty())
            args << QStringLiteral("--database") << m_database;
        return args;
    }

    // Starts acorn-server on a free port (--port 0) and waits for its "listening" log line.
    bool startServer()
    {
        m_server = std::make_unique<QProcess>();
        m_serverLog.clear();
        m_server->setReadChannel(QProcess::StandardError);
        m_server->start(binary(), baseArgs() << QStringLiteral("--port") << QStringLiteral("0"));
        if (!m_server->waitForStarted(10000))
            return false;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            if (!m_server->waitForReadyRead(200) && m_server->state() != QProcess::Running)
                return false;
            m_serverLog += m_server->readAllStandardError();
            for (const auto& line : m_serverLog.split('\n')) {
                const auto object = QJsonDocument::fromJson(line).object();
                if (object.value("message").toString() == QLatin1String("listening")) {
                    m_port = quint16(object.value("port").toInt());
                    return m_port != 0;
                }
            }
        }
        return false;
    }

    // The server's stderr so far.
    QByteArray serverLog()
    {
        if (m_server)
            m_serverLog += m_server->readAllStandardError();
        return m_serverLog;
    }

    QList<QJsonObject> requestLines()
    {
        QList<QJsonObject> lines;
        for (const auto& line : serverLog().split('\n')) {
            const auto object = QJsonDocument::fromJson(line).object();
            if (object.value("message").toString() == QLatin1String("request"))
                lines << object;
        }
        return lines;
    }

    Setting createSetting(const QString& name)
    {
        QProcess p;
        p.start(binary(), baseArgs() << QStringLiteral("create-setting") << name);
        if (!p.waitForFinished(30000) || p.exitCode() != 0)
            return {};
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const auto id = QRegularExpression("^setting_id: (\\S+)$", QRegularExpression::MultilineOption).match(out);
        const auto code
            = QRegularExpression("^enrolment_code: (\\S+)$", QRegularExpression::MultilineOption).match(out);
        return {id.captured(1), code.captured(1)};
    }

    Reply request(const QByteArray& method, const QString& path, const QByteArray& body = {},
                  const QByteArray& credential = {}, const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        request.setTransferTimeout(20000);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!credential.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + credential);
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply* reply = m_nam.sendCustomRequest(request, method, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        result.error = reply->error();
        result.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return result;
    }

    Reply enrolWith(const QString& code, const QString& deviceId, const QString& name = QStringLiteral("Test tablet"))
    {
        return request("POST", QStringLiteral("/api/v1/devices/enrol"),
                       json({{"code", code}, {"device_id", deviceId}, {"device_name", name}}));
    }

    Device enrol(const QString& code)
    {
        const QString id = newId();
        const auto reply = enrolWith(code, id);
        if (reply.status != 201)
            return {};
        return {id, reply.json.value("setting_id").toString(), reply.json.value("credential").toString().toLatin1()};
    }

    // A setting with one enrolled device.
    Device newDevice(const QString& settingName = QStringLiteral("Bluebell Test Nursery"))
    {
        const auto setting = createSetting(settingName);
        return setting.code.isEmpty() ? Device {} : enrol(setting.code);
    }

    // A second device of `manager`'s setting, through POST /enrolment-codes.
    Device anotherDevice(const Device& manager)
    {
        const auto code = request("POST", QStringLiteral("/api/v1/enrolment-codes"), {}, manager.credential);
        if (code.status != 201)
            return {};
        return enrol(code.json.value("code").toString());
    }

    QJsonArray pullAll(const Device& device)
    {
        const auto reply
            = request("GET", QStringLiteral("/api/v1/sync/pull?since=0&limit=1000"), {}, device.credential);
        return reply.json.value("changes").toArray();
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_server;
    QByteArray m_serverLog;
    QString m_dataDir;
    QString m_database; // empty: SQLite
    quint16 m_port = 0;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(binary()), qPrintable(binary()));
        m_nam.setProxy(QNetworkProxy::NoProxy);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_dataDir = m_dir->filePath(QStringLiteral("server"));
        m_database.clear();
        QVERIFY2(startServer(), serverLog().constData());
    }

    void cleanup()
    {
        if (m_server && m_server->state() == QProcess::Running) {
            m_server->kill();
            m_server->waitForFinished(5000);
        }
        if (QTest::currentTestFailed())
            qInfo("server log:\n%s", serverLog().right(6000).constData());
        m_server.reset();
        m_dir.reset();
    }

    void testHealth()
    {
        const auto health = request("GET", QStringLiteral("/health"));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json.value("status").toString(), "ok");
        QCOMPARE(health.json.value("database").toString(), "sqlite");
        QVERIFY(!health.json.value("version").toString().isEmpty());
        QCOMPARE(health.header("Cache-Control"), "no-store");

        const auto missing = request("GET", QStringLiteral("/nothing/here"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), "not_found");
        QVERIFY(!missing.json.value("error").toObject().value("message").toString().isEmpty());
        const auto wrongMethod = request("DELETE", QStringLiteral("/health"));
        QCOMPARE(wrongMethod.status, 405);

        // The data folder is owner-only, and so is the key.
        QCOMPARE(QFileInfo(m_dataDir).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther),
                 QFile::Permissions());
        QCOMPARE(QFileInfo(m_dataDir + "/server.key").permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
    }

    void testEnrolPushPull()
    {
        const auto setting = createSetting(QStringLiteral("Bluebell Test Nursery"));
        QVERIFY(!setting.id.isEmpty());
        QVERIFY2(QRegularExpression("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$").match(setting.code).hasMatch(),
                 qPrintable(setting.code));

        const QString deviceId = newId();
        const auto enrolled = enrolWith(setting.code, deviceId, QStringLiteral("Seedlings tablet"));
        QCOMPARE(enrolled.status, 201);
        QCOMPARE(enrolled.json.value("device_id").toString(), deviceId);
        QCOMPARE(enrolled.json.value("setting_id").toString(), setting.id);
        const QByteArray credential = enrolled.json.value("credential").toString().toLatin1();
        QVERIFY(QRegularExpression("^[A-Za-z0-9_-]{43}$").match(QString::fromLatin1(credential)).hasMatch());

        const auto again = enrolWith(setting.code, newId());
        QCOMPARE(again.status, 410);
        QCOMPARE(again.errorCode(), "gone");
        const auto unknown = enrolWith(QStringLiteral("AAAA-BBBB-CCCC"), newId());
        QCOMPARE(unknown.status, 401);
        QCOMPARE(unknown.errorCode(), "unauthorized");

        const auto noAuth = request("GET", QStringLiteral("/api/v1/sync/pull"));
        QCOMPARE(noAuth.status, 401);
        QCOMPARE(noAuth.errorCode(), "unauthorized");
        QCOMPARE(noAuth.header("WWW-Authenticate"), "Bearer");
        const auto badAuth = request("GET", QStringLiteral("/api/v1/sync/pull"), {}, "not-a-credential");
        QCOMPARE(badAuth.status, 401);

        const QString a = newId();
        const QString b = newId();
        const auto pushed = request("POST", QStringLiteral("/api/v1/sync/push"),
                                    pushBody({change(1, a, 0, {{"text", "Built a tall tower"}}),
                                              change(2, b, 0, {{"text", "Lovely"}}, "comment")}),
                                    credential);
        QCOMPARE(pushed.status, 200);
        const auto results = pushed.json.value("results").toArray();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0).toObject().value("device_seq").toInt(), 1);
        QCOMPARE(results.at(0).toObject().value("status").toString(), "applied");
        QCOMPARE(results.at(0).toObject().value("server_seq").toInt(), 1);
        QCOMPARE(results.at(1).toObject().value("server_seq").toInt(), 2);

        const auto all = request("GET", QStringLiteral("/api/v1/sync/pull?since=0"), {}, credential);
        QCOMPARE(all.status, 200);
        const auto changes = all.json.value("changes").toArray();
        QCOMPARE(changes.size(), 2);
        const auto first = changes.at(0).toObject();
        QCOMPARE(first.value("seq").toInt(), 1);
        QCOMPARE(first.value("entity").toString(), "observation");
        QCOMPARE(first.value("id").toString(), a);
        QCOMPARE(first.value("revision").toInt(), 1);
        QCOMPARE(first.value("deleted").toBool(), false);
        QCOMPARE(first.value("data").toObject().value("text").toString(), "Built a tall tower");
        QCOMPARE(first.value("origin_device").toString(), deviceId);
        QCOMPARE(all.json.value("next").toInt(), 2);
        QCOMPARE(all.json.value("more").toBool(), false);

        const auto page = request("GET", QStringLiteral("/api/v1/sync/pull?since=0&limit=1"), {}, credential);
        QCOMPARE(page.json.value("changes").toArray().size(), 1);
        QCOMPARE(page.json.value("next").toInt(), 1);
        QCOMPARE(page.json.value("more").toBool(), true);
        const auto rest = request("GET", QStringLiteral("/api/v1/sync/pull?since=1&limit=1"), {}, credential);
        QCOMPARE(rest.json.value("changes").toArray().at(0).toObject().value("seq").toInt(), 2);
        QCOMPARE(rest.json.value("more").toBool(), false);
        for (const QString query : {"limit=0", "limit=1001", "since=-1", "since=abc", "limit=2.5"}) {
            const auto bad = request("GET", QStringLiteral("/api/v1/sync/pull?") + query, {}, credential);
            QCOMPARE(bad.status, 400);
            QCOMPARE(bad.errorCode(), "bad_request");
        }

        // At rest the database is SQLCipher: the observation's text is in no file of the data folder (WAL included).
        QDirIterator files(m_dataDir, QDir::Files, QDirIterator::Subdirectories);
        int scanned = 0;
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("Built a tall tower"), qPrintable(f.fileName()));
            ++scanned;
        }
        QVERIFY(scanned >= 2); // server.key, server.db (and its WAL)

        // The request log: one JSON line per request, ids replaced, never bodies or credentials.
        QTRY_VERIFY(requestLines().size() >= 12);
        const QByteArray log = serverLog();
        QVERIFY(!log.contains(credential));
        QVERIFY(!log.contains("Built a tall tower"));
        QVERIFY(!log.contains("Seedlings tablet"));
        QVERIFY(!log.contains(setting.code.toLatin1()));
        bool sawPush = false;
        for (const auto& line : requestLines()) {
            QVERIFY(line.contains("time") && line.contains("method") && line.contains("route")
                    && line.contains("status") && line.contains("duration_ms") && line.contains("device"));
            if (line.value("route").toString() == QLatin1String("/api/v1/sync/push")) {
                sawPush = true;
                QCOMPARE(line.value("device").toString(), deviceId);
                QCOMPARE(line.value("status").toInt(), 200);
            }
        }
        QVERIFY(sawPush);
    }

    void testReplayedBatch()
    {
        const auto device = newDevice();
        QVERIFY(!device.credential.isEmpty());
        const QString row = newId();
        const QByteArray body = pushBody({change(1, row, 0, {{"v", 1}}), change(2, row, 5, {{"v", 2}})});
        const auto first = request("POST", QStringLiteral("/api/v1/sync/push"), body, device.credential);
        QCOMPARE(first.status, 200);
        const auto results = first.json.value("results").toArray();
        QCOMPARE(results.at(0).toObject().value("status").toString(), "applied");
        const auto conflict = results.at(1).toObject();
        QCOMPARE(conflict.value("status").toString(), "conflict");
        QCOMPARE(conflict.value("current").toObject().value("revision").toInt(), 1);
        QCOMPARE(conflict.value("current").toObject().value("data").toObject().value("v").toInt(), 1);

        const auto replay = request("POST", QStringLiteral("/api/v1/sync/push"), body, device.credential);
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.json, first.json);
        QCOMPARE(pullAll(device).size(), 1);

        // The same changes in a new batch: duplicate for the applied one, nothing twice.
        const auto resent = request("POST", QStringLiteral("/api/v1/sync/push"),
                                    pushBody({change(1, row, 0, {{"v", 1}})}), device.credential);
        QCOMPARE(resent.json.value("results").toArray().at(0).toObject().value("status").toString(), "duplicate");
        QCOMPARE(pullAll(device).size(), 1);
    }

    void testBadPush_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const QString id = newId();
        auto with = [&](const char* key, const QJsonValue& value) {
            auto c = change(1, id, 0, {{"text", "x"}});
            if (value.isUndefined())
                c.remove(key);
            else
                c.insert(key, value);
            return pushBody({c});
        };
        QTest::newRow("malformed JSON") << QByteArray("{\"batch_id\": ") << 400 << "bad_request";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << 400 << "bad_request";
        QTest::newRow("empty body") << QByteArray() << 400 << "bad_request";
        QTest::newRow("batch_id missing") << json({{"changes", QJsonArray()}}) << 400 << "bad_request";
        QTest::newRow("batch_id upper case")
            << pushBody({change(1, id, 0, {})}, newId().toUpper()) << 400 << "bad_request";
        QTest::newRow("changes not a list")
            << json({{"batch_id", newId()}, {"changes", "all"}}) << 400 << "bad_request";
        QTest::newRow("device_seq as text") << with("device_seq", "17") << 400 << "bad_request";
        QTest::newRow("device_seq fraction") << with("device_seq", 1.5) << 400 << "bad_request";
        QTest::newRow("device_seq zero") << with("device_seq", 0) << 400 << "bad_request";
        QTest::newRow("entity unknown") << with("entity", "password") << 400 << "bad_request";
        QTest::newRow("entity missing") << with("entity", QJsonValue::Undefined) << 400 << "bad_request";
        QTest::newRow("id not a uuid") << with("id", "42") << 400 << "bad_request";
        QTest::newRow("revision not above base") << with("revision", 0) << 400 << "bad_request";
        QTest::newRow("deleted as text") << with("deleted", "no") << 400 << "bad_request";
        QTest::newRow("data as text") << with("data", "{}") << 400 << "bad_request";
        QJsonArray many;
        for (int i = 1; i <= 501; ++i)
            many.append(change(i, newId(), 0, {}));
        QTest::newRow("501 changes") << pushBody(many) << 413 << "too_large";
    }

    void testBadPush()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const auto device = newDevice();
        QVERIFY(!device.credential.isEmpty());
        const auto reply = request("POST", QStringLiteral("/api/v1/sync/push"), body, device.credential);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.errorCode(), code);
        QVERIFY(!reply.json.value("error").toObject().value("message").toString().isEmpty());
        QCOMPARE(pullAll(device).size(), 0); // nothing stored
        // The device can go on pushing afterwards.
        const auto ok = request("POST", QStringLiteral("/api/v1/sync/push"),
                                pushBody({change(1, newId(), 0, {{"text", "fine"}})}), device.credential);
        QCOMPARE(ok.status, 200);
    }

    void testSizeLimits()
    {
        const auto device = newDevice();
        QVERIFY(!device.credential.isEmpty());

        // One change's data over 256 KiB: that change is rejected, the rest applied.
        const QString big(256 * 1024 + 10, QLatin1Char('x'));
        const auto mixed
            = request("POST", QStringLiteral("/api/v1/sync/push"),
                      pushBody({change(1, newId(), 0, {{"text", big}}), change(2, newId(), 0, {})}), device.credential);
        QCOMPARE(mixed.status, 200);
        QCOMPARE(mixed.json.value("results").toArray().at(0).toObject().value("status").toString(), "rejected");
        QCOMPARE(mixed.json.value("results").toArray().at(1).toObject().value("status").toString(), "applied");

        // A body over 8 MiB: 413, whole.
        QByteArray huge = pushBody({change(3, newId(), 0, {{"text", QString(9 * 1024 * 1024, 'y')}})});
        const auto tooLarge = request("POST", QStringLiteral("/api/v1/sync/push"), huge, device.credential);
        QCOMPARE(tooLarge.status, 413);
        QCOMPARE(tooLarge.errorCode(), "too_large");

        // Refused on the Content-Length alone, before any body is sent (the server never buffers it).
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(raw.waitForConnected(5000));
        raw.write("POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\nAuthorization: Bearer "
                  + device.credential + "\r\n\r\n");
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (!answer.contains("\r\n\r\n{") && timer.elapsed() < 5000 && raw.waitForReadyRead(1000))
            answer += raw.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY(answer.contains("too_large"));

        // A media chunk over 4 MiB, likewise.
        const auto chunk = request("PUT", QStringLiteral("/api/v1/media/%1/chunks/0").arg(newId()),
                                   QByteArray(4 * 1024 * 1024 + 1, 'z'), device.credential,
                                   {{"X-Chunk-Sha256", QByteArray(64, 'a')}});
        QCOMPARE(chunk.status, 413);

        // The server is still fine, and stored only the one small change.
        QCOMPARE(request("GET", QStringLiteral("/health")).status, 200);
        QCOMPARE(pullAll(device).size(), 1);
    }

    void testDevicesAndRevocation()
    {
        const auto manager = newDevice();
        QVERIFY(!manager.credential.isEmpty());
        const auto code = request("POST", QStringLiteral("/api/v1/enrolment-codes"), {}, manager.credential);
        QCOMPARE(code.status, 201);
        QVERIFY(!code.json.value("code").toString().isEmpty());
        QVERIFY(code.json.value("expires_at").toString().endsWith('Z'));
        const auto tablet = enrol(code.json.value("code").toString());
        QVERIFY(!tablet.credential.isEmpty());
        QCOMPARE(tablet.settingId, manager.settingId);

        const auto list = request("GET", QStringLiteral("/api/v1/devices"), {}, manager.credential);
        QCOMPARE(list.status, 200);
        const auto devices = list.json.value("devices").toArray();
        QCOMPARE(devices.size(), 2);
        for (const auto& d : devices) {
            const auto o = d.toObject();
            QVERIFY(o.contains("device_id") && o.contains("device_name") && o.contains("enrolled_at")
                    && o.contains("last_seen_at"));
            QCOMPARE(o.value("revoked").toBool(), false);
        }

        QCOMPARE(
            request("POST", QStringLiteral("/api/v1/devices/%1/revoke").arg(newId()), {}, manager.credential).status,
            404);
        QCOMPARE(request("POST", QStringLiteral("/api/v1/devices/NOT-A-UUID/revoke"), {}, manager.credential).status,
                 400);
        const auto revoked
            = request("POST", QStringLiteral("/api/v1/devices/%1/revoke").arg(tablet.id), {}, manager.credential);
        QCOMPARE(revoked.status, 204);

        for (const auto& [method, path] : QList<QPair<QByteArray, QString>> {
                 {"GET", "/api/v1/sync/pull"}, {"POST", "/api/v1/sync/push"}, {"GET", "/api/v1/devices"}}) {
            const auto refused = request(method, path, pushBody({change(1, newId(), 0, {})}), tablet.credential);
            QCOMPARE(refused.status, 401);
            QCOMPARE(refused.errorCode(), "device_revoked");
        }
        QCOMPARE(pullAll(manager).size(), 0); // the revoked device's push was not stored

        const auto after = request("GET", QStringLiteral("/api/v1/devices"), {}, manager.credential);
        for (const auto& d : after.json.value("devices").toArray())
            QCOMPARE(d.toObject().value("revoked").toBool(), d.toObject().value("device_id").toString() == tablet.id);
        QVERIFY(requestLines().last().value("route").toString() == QLatin1String("/api/v1/devices"));
        bool sawRevokeRoute = false;
        for (const auto& line : requestLines())
            sawRevokeRoute |= line.value("route").toString() == QLatin1String("/api/v1/devices/:id/revoke");
        QVERIFY(sawRevokeRoute);
    }

    void testAnotherSettingsIds()
    {
        const auto ours = newDevice(QStringLiteral("Bluebell Test Nursery"));
        const auto theirs = newDevice(QStringLiteral("Hawthorn Test Nursery"));
        QVERIFY(!ours.credential.isEmpty() && !theirs.credential.isEmpty());
        QVERIFY(ours.settingId != theirs.settingId);

        const QString child = newId();
        QCOMPARE(request("POST", QStringLiteral("/api/v1/sync/push"),
                         pushBody({change(1, child, 0, {{"name", "Test Child"}}, "child")}), ours.credential)
                     .status,
                 200);
        const auto attempt = request("POST", QStringLiteral("/api/v1/sync/push"),
                                     pushBody({change(1, child, 0, {{"name", "Changed"}}, "child"),
                                               change(2, child, 1, {{"name", "Changed"}}, "child")}),
                                     theirs.credential);
        QCOMPARE(attempt.status, 200);
        for (const auto& r : attempt.json.value("results").toArray()) {
            QCOMPARE(r.toObject().value("status").toString(), "rejected");
            QVERIFY(!r.toObject().contains("current") || r.toObject().value("current").isNull());
        }
        QVERIFY(!attempt.body.contains("Test Child"));

        QCOMPARE(request("POST", QStringLiteral("/api/v1/devices/%1/revoke").arg(ours.id), {}, theirs.credential)
                     .errorCode(),
                 "forbidden");
        const QString media = newId();
        QCOMPARE(request("PUT", QStringLiteral("/api/v1/media/") + media,
                         json({{"size", 10}, {"sha256", sha256Hex("0123456789")}}), ours.credential)
                     .status,
                 200);
        const auto foreignMedia = request("GET", QStringLiteral("/api/v1/media/") + media, {}, theirs.credential);
        QCOMPARE(foreignMedia.status, 403);
        QCOMPARE(foreignMedia.errorCode(), "forbidden");
        QCOMPARE(request("PUT", QStringLiteral("/api/v1/media/%1/chunks/0").arg(media), "0123456789", theirs.credential,
                         {{"X-Chunk-Sha256", sha256Hex("0123456789").toLatin1()}})
                     .status,
                 403);

        // Nothing of theirs stored, ours unchanged; their list shows only their device.
        const auto ourLog = pullAll(ours);
        QCOMPARE(ourLog.size(), 1);
        QCOMPARE(ourLog.at(0).toObject().value("data").toObject().value("name").toString(), "Test Child");
        QCOMPARE(pullAll(theirs).size(), 0);
        QCOMPARE(request("GET", QStringLiteral("/api/v1/devices"), {}, theirs.credential)
                     .json.value("devices")
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(request("GET", QStringLiteral("/api/v1/media/") + media, {}, ours.credential)
                     .json.value("received")
                     .toArray()
                     .size(),
                 0);
    }

    void testMediaUpload()
    {
        const auto device = newDevice();
        QVERIFY(!device.credential.isEmpty());
        QByteArray file;
        for (int i = 0; file.size() < 300 * 1024; ++i)
            file += "ACORN-MEDIA-PLAINTEXT-" + QByteArray::number(i) + ';';
        file.truncate(300 * 1024);
        const QString media = newId();
        const QString path = QStringLiteral("/api/v1/media/") + media;

        const auto started
            = request("PUT", path, json({{"size", file.size()}, {"sha256", sha256Hex(file)}, {"chunk_size", 65536}}),
                      device.credential);
        QCOMPARE(started.status, 200);
        const int chunkSize = started.json.value("chunk_size").toInt();
        QCOMPARE(chunkSize, 65536);
        QCOMPARE(started.json.value("received").toArray().size(), 0);
        const int chunks = int((file.size() + chunkSize - 1) / chunkSize);
        QCOMPARE(chunks, 5);
        auto put = [&](int index, const QByteArray& body, const QByteArray& checksum) {
            return request("PUT", path + QStringLiteral("/chunks/%1").arg(index), body, device.credential,
                           {{"X-Chunk-Sha256", checksum}});
        };
        const auto chunk = [&](int i) {
            return file.mid(i * chunkSize, chunkSize);
        };

        const auto damaged = put(0, chunk(0), sha256Hex(chunk(1)).toLatin1());
        QCOMPARE(damaged.status, 400);
        QCOMPARE(damaged.errorCode(), "bad_request");
        const auto unsigned_ = request("PUT", path + QStringLiteral("/chunks/0"), chunk(0), device.credential);
        QCOMPARE(unsigned_.status, 400);
        QCOMPARE(request("GET", path, {}, device.credential).json.value("received").toArray().size(), 0);
        QCOMPARE(put(0, chunk(0), sha256Hex(chunk(0)).toLatin1()).status, 204);
        QCOMPARE(request("PUT", QStringLiteral("/api/v1/media/%1/chunks/0").arg(newId()), chunk(0), device.credential,
                         {{"X-Chunk-Sha256", sha256Hex(chunk(0)).toLatin1()}})
                     .status,
                 404);

        // Upload all but chunk 2 (a dropped connection), then complete: 409 with what is missing.
        for (int i : {1, 3, 4})
            QCOMPARE(put(i, chunk(i), sha256Hex(chunk(i)).toLatin1()).status, 204);
        const auto early = request("POST", path + QStringLiteral("/complete"), {}, device.credential);
        QCOMPARE(early.status, 409);
        QCOMPARE(early.errorCode(), "conflict");
        QCOMPARE(early.json.value("missing").toArray(), QJsonArray({2}));
        QCOMPARE(early.json.value("error").toObject().value("missing").toArray(), QJsonArray({2}));

        // Resume: PUT says how far it got.
        const auto resumed
            = request("PUT", path, json({{"size", file.size()}, {"sha256", sha256Hex(file)}}), device.credential);
        QCOMPARE(resumed.status, 200);
        QCOMPARE(resumed.json.value("received").toArray(), QJsonArray({0, 1, 3, 4}));
        QCOMPARE(resumed.json.value("chunk_size").toInt(), chunkSize);
        const auto status = request("GET", path, {}, device.credential);
        QCOMPARE(status.json.value("state").toString(), "uploading");

        QCOMPARE(put(2, chunk(2), sha256Hex(chunk(2)).toLatin1()).status, 204);
        const auto done = request("POST", path + QStringLiteral("/complete"), {}, device.credential);
        QCOMPARE(done.status, 200);
        QCOMPARE(done.json.value("sha256").toString(), sha256Hex(file));
        QCOMPARE(done.json.value("size").toInt(), file.size());
        const auto complete = request("GET", path, {}, device.credential);
        QCOMPARE(complete.json.value("state").toString(), "complete");
        QCOMPARE(complete.json.value("received").toArray().size(), chunks);

        // Encrypted at rest: no plaintext in any file of the data folder (media or database).
        int mediaFiles = 0;
        QDirIterator it(m_dataDir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("ACORN-MEDIA-PLAINTEXT"), qPrintable(f.fileName()));
            mediaFiles += f.fileName().contains("/media/") ? 1 : 0;
        }
        QCOMPARE(mediaFiles, chunks);

        // A file whose chunks do not add up to its sha256: refused, and it must be sent again.
        const QString wrong = newId();
        QCOMPARE(request("PUT", QStringLiteral("/api/v1/media/") + wrong,
                         json({{"size", 65536}, {"sha256", sha256Hex("something else")}}), device.credential)
                     .status,
                 200);
        QCOMPARE(request("PUT", QStringLiteral("/api/v1/media/%1/chunks/0").arg(wrong), chunk(0), device.credential,
                         {{"X-Chunk-Sha256", sha256Hex(chunk(0)).toLatin1()}})
                     .status,
                 204);
        const auto refused
            = request("POST", QStringLiteral("/api/v1/media/%1/complete").arg(wrong), {}, device.credential);
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.json.value("missing").toArray(), QJsonArray({0}));

        const auto tooBig
            = request("PUT", QStringLiteral("/api/v1/media/") + newId(),
                      json({{"size", 500.0 * 1000 * 1000 + 1}, {"sha256", sha256Hex("x")}}), device.credential);
        QCOMPARE(tooBig.status, 413);
        QCOMPARE(tooBig.errorCode(), "too_large");
        QCOMPARE(request("PUT", QStringLiteral("/api/v1/media/") + newId(), json({{"size", "10"}}), device.credential)
                     .status,
                 400);
    }

    void testSigtermExitsCleanly()
    {
        const auto device = newDevice();
        QVERIFY(!device.credential.isEmpty());
        const QString row = newId();
        QCOMPARE(request("POST", QStringLiteral("/api/v1/sync/push"), pushBody({change(1, row, 0, {{"text", "kept"}})}),
                         device.credential)
                     .status,
                 200);
        m_server->terminate(); // SIGTERM
        QVERIFY(m_server->waitForFinished(10000));
        QCOMPARE(m_server->exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_server->exitCode(), 0);
        QVERIFY(serverLog().contains("\"message\":\"stopped\""));

        // The database was closed properly: a new process opens it and has the change.
        QVERIFY2(startServer(), serverLog().constData());
        const auto changes = pullAll(device);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).toObject().value("id").toString(), row);

        m_server->kill(); // SIGINT is handled the same way; SIGKILL must not lose committed data either
        QVERIFY(m_server->waitForFinished(10000));
        QVERIFY2(startServer(), serverLog().constData());
        QCOMPARE(pullAll(device).size(), 1);
    }

    void testPostgresBackend()
    {
        // The same binary on PostgreSQL: health says so, and a device round-trips a change.
        PgTestCluster pg;
        QString error;
        QVERIFY2(pg.start(&error), qPrintable(error));
        QVERIFY2(pg.createDatabase(QStringLiteral("acorn_api"), &error), qPrintable(error));
        m_server->kill();
        m_server->waitForFinished(5000);
        m_database = pg.url(QStringLiteral("acorn_api"));
        QVERIFY2(startServer(), serverLog().constData());
        const auto health = request("GET", QStringLiteral("/health"));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json.value("database").toString(), "postgresql");

        const auto device = newDevice();
        QVERIFY(!device.credential.isEmpty());
        const QString row = newId();
        const auto pushed = request("POST", QStringLiteral("/api/v1/sync/push"),
                                    pushBody({change(1, row, 0, {{"text", "on postgres"}})}), device.credential);
        QCOMPARE(pushed.status, 200);
        QCOMPARE(pushed.json.value("results").toArray().at(0).toObject().value("server_seq").toInt(), 1);
        const auto changes = pullAll(device);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).toObject().value("data").toObject().value("text").toString(), "on postgres");

        // The database going away is a 503 with Retry-After, not a crash.
        pg.stop();
        const auto down = request("GET", QStringLiteral("/health"));
        QCOMPARE(down.status, 503);
        QCOMPARE(down.errorCode(), "unavailable");
        QVERIFY(!down.header("Retry-After").isEmpty());
        QCOMPARE(request("GET", QStringLiteral("/api/v1/sync/pull"), {}, device.credential).status, 503);

        m_server->terminate();
        QVERIFY(m_server->waitForFinished(10000));
        QCOMPARE(m_server->exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_serverapi.moc"
