#include "http/GuardedTcpServer.h"

#include "ServerLogging.h"
#include "http/ApiReply.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace Acorn::Server {

namespace {
// How long a refused connection is kept open to swallow the rest of its body, so that the client reads the refusal
// instead of a reset.
constexpr int LingerMs = 5000;
constexpr qint64 MaxDrainBytes = 64 * 1024 * 1024;

QString guardText(const char* text)
{
    return QCoreApplication::translate("Acorn::Server::GuardedTcpServer", text);
}

// Watches one connection. Lives as a child of its socket.
class RequestGuard final : public QObject
{
public:
    RequestGuard(QTcpSocket* socket, const GuardedTcpServer::Policy& policy)
        : QObject(socket)
        , m_socket(socket)
        , m_policy(policy)
    {
        // Connected before the HTTP server connects its own slot, so this runs first on every readyRead.
        connect(socket, &QIODevice::readyRead, this, &RequestGuard::inspect);
    }

private:
    void inspect()
    {
        const qint64 available = m_socket->bytesAvailable();
        if (available <= 0)
            return;
        // What the HTTP server has not read yet: exactly the bytes that arrived since the last readyRead.
        const QByteArray fresh = m_socket->peek(available);
        qsizetype pos = 0;
        while (pos < fresh.size()) {
            if (m_bodyLeft > 0) {
                const qint64 take = qMin<qint64>(m_bodyLeft, fresh.size() - pos);
                m_bodyLeft -= take;
                pos += take;
                continue;
            }
            if (m_head.isEmpty() && (fresh.at(pos) == '\r' || fresh.at(pos) == '\n')) {
                ++pos; // blank lines between requests are allowed
                continue;
            }
            const qsizetype before = m_head.size();
            m_head.append(fresh.constData() + pos, fresh.size() - pos);
            const qsizetype end = m_head.indexOf("\r\n\r\n");
            if (end < 0 || end + 4 > GuardedTcpServer::MaxHeadBytes) {
                if (m_head.size() > GuardedTcpServer::MaxHeadBytes || end >= 0)
                    return refuse(431, "Request Header Fields Too Large", QStringLiteral("bad_request"),
                                  guardText("The request's headers are too large."));
                return; // the head goes on in the next packet
            }
            pos += end + 4 - before;
            const QByteArray head = m_head.left(end);
            m_head.clear();
            if (!admit(head))
                return;
        }
    }

    // Reads a request head; false when the request was refused.
    bool admit(const QByteArray& head)
    {
        const auto lines = head.split('\n');
        const auto requestLine = lines.first().trimmed().split(' ');
        m_method = requestLine.value(0);
        m_path = requestLine.value(1);
        if (const qsizetype q = m_path.indexOf('?'); q >= 0)
            m_path.truncate(q);
        qint64 length = 0;
        bool haveLength = false;
        bool chunked = false;
        bool expectContinue = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length") {
                bool ok = false;
                const qint64 n = value.toLongLong(&ok);
                if (!ok || n < 0 || (haveLength && n != length)) {
                    refuse(400, "Bad Request", QStringLiteral("bad_request"),
                           guardText("The Content-Length is not valid."));
                    return false;
                }
                length = n;
                haveLength = true;
            } else if (name == "transfer-encoding") {
                chunked = true;
            } else if (name == "expect" && value.toLower() == "100-continue") {
                expectContinue = true;
            }
        }
        if (chunked) {
            refuse(411, "Length Required", QStringLiteral("bad_request"),
                   guardText("Send the request body with a Content-Length."));
            return false;
        }
        const qint64 limit = m_policy.bodyLimit(m_method, m_path);
        if (length > limit) {
            refuse(413, "Payload Too Large", QStringLiteral("too_large"),
                   guardText("The request is larger than this server accepts (%1 bytes at most here).").arg(limit));
            return false;
        }
        if (expectContinue && length > 0)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_bodyLeft = length;
        return true;
    }

    void refuse(int status, const char* reason, const QString& code, const QString& message)
    {
        qCInfo(lcServerHttp, "refused a request before its body: status %d", status);
        // The HTTP server never sees this request, nor anything after it on this connection.
        QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        const QByteArray body = ApiReply::errorBody(code, message);
        QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
            + "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        m_socket->write(response);
        if (m_policy.refused)
            m_policy.refused(m_method.isEmpty() ? QByteArrayLiteral("-") : m_method, m_path, status);

        // Lingering close: send the answer, close our sending side, swallow whatever the client still sends, then
        // go. Closing at once would make the kernel reset the connection and the client might never read the 413.
        connect(m_socket, &QIODevice::readyRead, this, &RequestGuard::drain);
        connect(m_socket, &QIODevice::bytesWritten, this, &RequestGuard::shutdownWhenSent);
        QPointer<QTcpSocket> socket = m_socket;
        QTimer::singleShot(LingerMs, this, [socket] {
            if (socket)
                socket->abort();
        });
        shutdownWhenSent();
        drain();
    }

    void shutdownWhenSent()
    {
        if (m_shutDown || m_socket->bytesToWrite() > 0)
            return;
        m_shutDown = true;
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    }

    void drain()
    {
        m_drained += m_socket->readAll().size();
        if (m_drained > MaxDrainBytes)
            m_socket->abort();
    }

    QTcpSocket* m_socket;
    const GuardedTcpServer::Policy& m_policy;
    QByteArray m_head;
    QByteArray m_method;
    QByteArray m_path;
    qint64 m_bodyLeft = 0;
    qint64 m_drained = 0;
    bool m_shutDown = false;
};
} // namespace

GuardedTcpServer::GuardedTcpServer(Policy policy, QObject* parent)
    : QTcpServer(parent)
    , m_policy(std::move(policy))
{
}

void GuardedTcpServer::incomingConnection(qintptr handle)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    new RequestGuard(socket, m_policy);
    addPendingConnection(socket);
}

} // namespace Acorn::Server
