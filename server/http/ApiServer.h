#pragma once

#include "http/ApiReply.h"
#include "portal/Mailer.h"
#include "portal/PortalAuth.h"
#include "portal/PortalServer.h"
#include "store/ServerStore.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

class QHttpServerRequest;
class QTcpSocket;

namespace Acorn {
class Clock;
}

namespace Acorn::Server {

class GuardedTcpServer;
class MediaUploads;

// The HTTP API of docs/sync-protocol.md on Qt HttpServer. Routing, authentication, size limits, errors and the
// request log live here; the work is done by the ServerStore and MediaUploads. Single-threaded: a request is handled
// from start to end inside one event-loop turn.
class ApiServer final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    ApiServer(ServerStore& store, MediaUploads& media, const Mailer::Config& mail = {}, QObject* parent = nullptr);
    ~ApiServer() override;

    // Listens on `address`:`port` (0: any free port); returns the port, or 0 with `*error` set.
    quint16 start(const QHostAddress& address, quint16 port, QString* error);
    // Stops taking new connections; requests already read are answered.
    void stopListening();
    // True while some answer is still on its way out.
    bool hasPendingWrites() const;

    // The body limit of a route (a media chunk: 4 MiB; anything else: 8 MiB).
    static qint64 bodyLimit(const QByteArray& method, const QByteArray& path);
    // The route as the request log names it ("/api/v1/media/:id/chunks/:index"), or "(unknown)".
    static QString routeName(const QByteArray& method, const QString& path);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    struct Call
    {
        const QHttpServerRequest& request;
        QStringList params; // the ":id"/":index" segments, in order
        std::optional<DeviceIdentity> device;
    };
    using Handler = ApiReply (ApiServer::*)(Call&);
    struct Route
    {
        QByteArray method;
        QString pattern;
        bool authenticated = true;
        Handler handler = nullptr;
    };

    static const QList<Route>& routes();
    static QByteArray methodName(const QHttpServerRequest& request);
    static bool matches(const QString& pattern, const QStringList& segments, QStringList* params);
    static QByteArray header(const QHttpServerRequest& request, const QByteArray& name);

    ApiReply dispatch(const QHttpServerRequest& request, QString* route, QString* deviceId);
    ApiReply authenticate(Call& call);
    static ApiReply storeFailure(const Error& error);
    void send(const ApiReply& reply, const QHttpServerRequest& request, QTcpSocket* socket);
    void logRequest(const QByteArray& method, const QString& route, int status, double durationMs,
                    const QString& deviceId);

    ApiReply health(Call& call);
    ApiReply enrol(Call& call);
    ApiReply issueEnrolmentCode(Call& call);
    ApiReply listDevices(Call& call);
    ApiReply revokeDevice(Call& call);
    ApiReply push(Call& call);
    ApiReply pull(Call& call);
    ApiReply startMedia(Call& call);
    ApiReply putMediaChunk(Call& call);
    ApiReply completeMedia(Call& call);
    ApiReply mediaStatus(Call& call);
    ApiReply mediaContent(Call& call);
    ApiReply createInvitation(Call& call);
    ApiReply listInvitations(Call& call);
    ApiReply revokeInvitation(Call& call);
    ApiReply listPortalEvents(Call& call);

    ServerStore& m_store;
    MediaUploads& m_media;
    PortalAuth m_portalAuth;
    Mailer m_mailer;
    PortalServer m_portal;
    QPointer<GuardedTcpServer> m_tcp;
};

} // namespace Acorn::Server
