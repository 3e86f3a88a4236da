#pragma once

#include <QByteArray>
#include <QTcpServer>

#include <functional>

namespace Acorn::Server {

// The TCP side of ApiServer. Qt HttpServer 6.4 reads a whole request body into memory before any handler sees it, with
// no limit of its own. So every connection is watched from the first byte: the request head is read (peeked, not
// taken) before the HTTP server's parser sees it, and a request whose Content-Length is over its route's limit is
// answered 413 at once; its body is read and thrown away, never kept. The same goes for heads over 32 KiB (431) and
// bodies without a Content-Length (411; nginx, in front, always sends one).
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
public:
    struct Policy
    {
        // The largest body a request to `path` may carry.
        std::function<qint64(const QByteArray& method, const QByteArray& path)> bodyLimit;
        // Told about each request refused here (for the request log).
        std::function<void(const QByteArray& method, const QByteArray& path, int status)> refused;
    };

    static constexpr qsizetype MaxHeadBytes = 32 * 1024;

    explicit GuardedTcpServer(Policy policy, QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr handle) override;

private:
    Policy m_policy;
};

} // namespace Acorn::Server
