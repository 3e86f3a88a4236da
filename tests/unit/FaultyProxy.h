#pragma once

// A TCP proxy on loopback that stands between the sync client and acorn-server and breaks things on purpose: one
// request per connection (it closes each connection after the server's answer, so every request gets a fresh
// connection and its own chance of a fault), and for a share of them it answers 500 or 503 with Retry-After itself,
// drops the connection halfway through the request (mid-chunk), passes the request on but drops the answer (the
// server did the work, the client never heard), or says nothing until the client gives up. Test-only.

#include <QByteArray>
#include <QHostAddress>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>

namespace Acorn::Test {

class FaultyProxy final : public QObject
{
    Q_OBJECT

public:
    enum class Fault { None, Answer500, Answer503, DropMidRequest, DropAnswer, Silence };

    FaultyProxy(quint16 upstreamPort, double faultRate, quint32 seed)
        : m_upstreamPort(upstreamPort)
        , m_faultRate(faultRate)
        , m_random(seed)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &FaultyProxy::accept);
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    void setFaultRate(double rate) { m_faultRate = rate; }
    int faults() const { return m_faults; }
    int requests() const { return m_requests; }

private:
    void accept()
    {
        while (QTcpSocket* client = m_server.nextPendingConnection()) {
            ++m_requests;
            Fault fault = Fault::None;
            if (m_random.generateDouble() < m_faultRate) {
                fault = Fault(1 + m_random.bounded(5));
                ++m_faults;
            }
            handle(client, fault);
        }
    }

    void handle(QTcpSocket* client, Fault fault)
    {
        client->setParent(this);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        if (fault == Fault::Answer500 || fault == Fault::Answer503) {
            connect(client, &QTcpSocket::readyRead, client, [client, fault] {
                client->readAll();
                client->write(fault == Fault::Answer500
                                  ? QByteArray("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: "
                                               "close\r\n\r\n")
                                  : QByteArray("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: "
                                               "0\r\nConnection: close\r\n\r\n"));
                client->disconnectFromHost();
            });
            return;
        }
        if (fault == Fault::Silence) {
            connect(client, &QTcpSocket::readyRead, client, [client] { client->readAll(); });
            return; // the client's transfer timeout ends it
        }
        auto* upstream = new QTcpSocket(client);
        const qint64 cutAfter = fault == Fault::DropMidRequest ? 1 + m_random.bounded(2000) : -1;
        auto* forwarded = new qint64(0);
        auto* answer = new QByteArray;
        connect(client, &QObject::destroyed, [forwarded, answer] {
            delete forwarded;
            delete answer;
        });
        const auto closeBoth = [client, upstream] {
            upstream->abort();
            client->disconnectFromHost();
        };
        const auto pump = [=] {
            if (upstream->state() != QAbstractSocket::ConnectedState)
                return;
            QByteArray bytes = client->readAll();
            if (cutAfter >= 0 && *forwarded + bytes.size() >= cutAfter) {
                upstream->write(bytes.left(cutAfter - *forwarded));
                upstream->flush();
                closeBoth();
                return;
            }
            *forwarded += bytes.size();
            upstream->write(bytes);
        };
        connect(client, &QTcpSocket::readyRead, upstream, pump);
        connect(upstream, &QTcpSocket::connected, upstream, pump);
        connect(upstream, &QTcpSocket::readyRead, client, [=] {
            if (fault == Fault::DropAnswer) {
                closeBoth(); // the server has done it; the client never hears
                return;
            }
            answer->append(upstream->readAll());
            // One answer per connection: once the whole of it is through, close, so that the next request comes on
            // a new connection (with its own chance of a fault).
            const qsizetype headerEnd = answer->indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            qint64 length = 0;
            for (const QByteArray& line : answer->left(headerEnd).split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            if (answer->size() >= headerEnd + 4 + length) {
                QByteArray full = answer->left(headerEnd);
                if (!full.toLower().contains("connection: close"))
                    full += "\r\nConnection: close";
                full += answer->mid(headerEnd, 4 + length);
                client->write(full);
                client->flush();
                closeBoth();
            }
        });
        connect(upstream, &QTcpSocket::errorOccurred, client, [client] { client->abort(); });
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }

    QTcpServer m_server;
    quint16 m_upstreamPort;
    double m_faultRate;
    QRandomGenerator m_random;
    int m_faults = 0;
    int m_requests = 0;
};

} // namespace Acorn::Test
