// E-mail from the portal through the nursery's relay: acorn-server started with --smtp-relay pointing at a small SMTP
// relay in this test (a fake at the edge: it speaks enough SMTP to take messages and keeps them). An invitation made
// by a device with "email" goes to the address on the guardian's record, with a link that works; "forgotten your
// password" sends a one-day link to an address with an account, says exactly the same for one without, and sends at
// most one link in ten minutes; with the relay gone, the invitation is still made and says why it was not e-mailed.
#include "ServerProcess.h"

#include "ServerApp.h"
#include "domain/Ids.h"
#include "store/ServerStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Acorn;
using namespace Acorn::Server;
using namespace Acorn::Test;

namespace {
// Just enough of an SMTP relay: greets, says 250 to EHLO, MAIL and RCPT, 354 to DATA, keeps the message until the
// lone dot, 221 to QUIT.
class FakeRelay final : public QObject
{
public:
    struct Message
    {
        QByteArray from;
        QByteArray to;
        QByteArray data;
    };
    QList<Message> messages;

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    void close() { m_server.close(); }

    FakeRelay()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                auto* message = new Message;
                auto* inData = new bool(false);
                socket->write("220 fake relay\r\n");
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, message, inData] {
                    while (socket->canReadLine()) {
                        const QByteArray line = socket->readLine();
                        if (*inData) {
                            if (line == ".\r\n") {
                                *inData = false;
                                messages.append(*message);
                                socket->write("250 kept\r\n");
                            } else {
                                message->data += line;
                            }
                        } else if (line.startsWith("EHLO")) {
                            socket->write("250-fake\r\n250 8BITMIME\r\n");
                        } else if (line.startsWith("MAIL FROM:")) {
                            message->from = line.mid(10).trimmed();
                            socket->write("250 ok\r\n");
                        } else if (line.startsWith("RCPT TO:")) {
                            message->to = line.mid(8).trimmed();
                            socket->write("250 ok\r\n");
                        } else if (line.startsWith("DATA")) {
                            *inData = true;
                            socket->write("354 go on\r\n");
                        } else if (line.startsWith("QUIT")) {
                            socket->write("221 bye\r\n");
                            socket->disconnectFromHost();
                        } else {
                            socket->write("500 what\r\n");
                        }
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, [socket, message, inData] {
                    delete message;
                    delete inData;
                    socket->deleteLater();
                });
            }
        });
    }

    // The text of a message (its base64 body decoded).
    static QString text(const Message& m)
    {
        const qsizetype split = m.data.indexOf("\r\n\r\n");
        return QString::fromUtf8(QByteArray::fromBase64(m.data.mid(split + 4).replace("\r\n", "")));
    }

private:
    QTcpServer m_server;
};
} // namespace

class TestPortalMail final : public QObject
{
    Q_OBJECT

    ServerProcess m_server;
    FakeRelay m_relay;
    QNetworkAccessManager m_network;
    QByteArray m_credential;
    QString m_guardian, m_child;

    std::pair<int, QByteArray> call(const QByteArray& method, const QString& path, const QByteArray& body = {},
                                    const QByteArray& contentType = "application/json")
    {
        QNetworkRequest r(m_server.url().resolved(QUrl(path)));
        if (path.startsWith(QLatin1String("/api/")))
            r.setRawHeader("Authorization", "Bearer " + m_credential);
        r.setRawHeader("Content-Type", contentType);
        r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = m_network.sendCustomRequest(r, method, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(20000);
        const auto answer
            = std::pair {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
        reply->deleteLater();
        return answer;
    }

    QJsonObject invite()
    {
        const auto [status, body]
            = call("POST", QStringLiteral("/api/v1/portal/invitations"),
                   QJsonDocument(
                       QJsonObject {{"guardian_id", m_guardian}, {"child_ids", QJsonArray {m_child}}, {"email", true}})
                       .toJson(QJsonDocument::Compact));
        if (status != 201)
            qWarning() << "invitation answered" << status << body;
        return QJsonDocument::fromJson(body).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_relay.listen());
        const QString code = m_server.createSetting(QStringLiteral("Hazel Lane Test Nursery"));
        QVERIFY(!code.isEmpty());
        m_server.setExtraArgs({QStringLiteral("--smtp-relay"), QStringLiteral("127.0.0.1:%1").arg(m_relay.port()),
                               QStringLiteral("--mail-from"), QStringLiteral("journal@hazel-lane.example.invalid"),
                               QStringLiteral("--public-url"),
                               QStringLiteral("https://journal.hazel-lane.example.invalid")});
        QVERIFY(m_server.start());
        const auto [status, body] = call(
            "POST", QStringLiteral("/api/v1/devices/enrol"),
            QJsonDocument(QJsonObject {{"code", code}, {"device_id", Ids::newId()}, {"device_name", "Office laptop"}})
                .toJson(QJsonDocument::Compact));
        QCOMPARE(status, 201);
        m_credential = QJsonDocument::fromJson(body).object().value("credential").toString().toLatin1();
        const QString setting = QJsonDocument::fromJson(body).object().value("setting_id").toString();
        // The guardian and child, as the device's sync would have put them there.
        m_server.stop();
        {
            ServerApp app(ServerOptions {m_server.dataDir()});
            QVERIFY(app.open());
            m_guardian = Ids::newId();
            m_child = Ids::newId();
            const auto write = [&](const QString& entity, const QString& id, const QJsonObject& data) {
                auto done = app.store().writeServerChanges(
                    setting, QStringLiteral("test-device"),
                    {ServerChange {entity, id, 0, false, QJsonDocument(data).toJson(QJsonDocument::Compact)}});
                return done && done.value();
            };
            QVERIFY(write(QStringLiteral("child"), m_child,
                          {{"id", m_child}, {"first_name", "Cal"}, {"photo_consent", "yes"}, {"deleted", 0}}));
            QVERIFY(write(
                QStringLiteral("guardian"), m_guardian,
                {{"id", m_guardian}, {"name", "Rosa Example"}, {"email", "rosa@example.invalid"}, {"deleted", 0}}));
        }
        QVERIFY(m_server.start());
    }

    void testInvitationIsEmailed()
    {
        const QJsonObject issued = invite();
        QVERIFY(issued.value("emailed").toBool());
        QTRY_COMPARE(m_relay.messages.size(), 1);
        const auto& message = m_relay.messages.first();
        QCOMPARE(message.to, QByteArray("<rosa@example.invalid>"));
        QCOMPARE(message.from, QByteArray("<journal@hazel-lane.example.invalid>"));
        QVERIFY(message.data.contains("To: <rosa@example.invalid>"));
        const QString text = FakeRelay::text(message);
        const QString link = QStringLiteral("https://journal.hazel-lane.example.invalid/portal/accept?code=")
            + issued.value("code").toString();
        QVERIFY2(text.contains(link), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Dear Rosa Example")));
        // The link's code works: the accept page offers the password form; the parent sets one.
        const auto [status, page]
            = call("GET", QStringLiteral("/portal/accept?code=") + issued.value("code").toString());
        QCOMPARE(status, 200);
        QVERIFY(page.contains("New password"));
        const auto accepted = call("POST", QStringLiteral("/portal/accept"),
                                   "code=" + issued.value("code").toString().toLatin1()
                                       + "&email=rosa%40example.invalid&password=kettle+orchard+lantern+sparrow"
                                       + "&password2=kettle+orchard+lantern+sparrow",
                                   "application/x-www-form-urlencoded");
        QCOMPARE(accepted.first, 303);
    }

    void testForgottenPasswordLink()
    {
        const int before = int(m_relay.messages.size());
        const auto known = call("POST", QStringLiteral("/portal/forgot"), "email=rosa%40example.invalid",
                                "application/x-www-form-urlencoded");
        const auto unknown = call("POST", QStringLiteral("/portal/forgot"), "email=nobody%40example.invalid",
                                  "application/x-www-form-urlencoded");
        QCOMPARE(known.first, 200);
        QCOMPARE(unknown.first, 200);
        // The same words either way.
        const QRegularExpression notice(QStringLiteral("<p class=\"notice\"[^>]*>([^<]+)</p>"));
        QCOMPARE(notice.match(QString::fromUtf8(known.second)).captured(1),
                 notice.match(QString::fromUtf8(unknown.second)).captured(1));
        QTRY_COMPARE(int(m_relay.messages.size()), before + 1);
        const QString text = FakeRelay::text(m_relay.messages.last());
        const auto code = QRegularExpression(QStringLiteral("accept\\?code=([0-9A-Z-]+)")).match(text);
        QVERIFY2(code.hasMatch(), qPrintable(text));
        QCOMPARE(call("GET", QStringLiteral("/portal/accept?code=") + code.captured(1)).first, 200);
        // Asked again at once: no second message.
        call("POST", QStringLiteral("/portal/forgot"), "email=rosa%40example.invalid",
             "application/x-www-form-urlencoded");
        QTest::qWait(300);
        QCOMPARE(int(m_relay.messages.size()), before + 1);
    }

    void testRelayDownStillInvites()
    {
        m_relay.close();
        const QJsonObject issued = invite();
        QVERIFY(!issued.value("code").toString().isEmpty());
        QVERIFY(!issued.value("emailed").toBool());
        QVERIFY2(issued.value("email_problem").toString().contains(QStringLiteral("relay")),
                 qPrintable(issued.value("email_problem").toString()));
    }
};

QTEST_GUILESS_MAIN(TestPortalMail)
#include "tst_portalmail.moc"
