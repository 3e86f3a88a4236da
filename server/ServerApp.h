#pragma once

#include "Result.h"
#include "portal/Mailer.h"
#include "store/ServerStore.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

namespace Acorn::Server {

class ApiServer;
class BlobStore;
class MediaUploads;
class ServerKey;

struct ServerOptions
{
    static constexpr quint16 DefaultPort = 8470;

    QString dataDir;
    QString databaseUrl; // empty: SQLite in dataDir
    QHostAddress listen = QHostAddress::LocalHost;
    quint16 port = DefaultPort; // 0: any free port (the "listening" log line says which)
    Mailer::Config mail; // the nursery's SMTP relay for parents' e-mail; unset: no e-mail
};

// One acorn-server process: the data folder (server.key, server.db, media/), the store, the API and a graceful
// shutdown. The folder is made owner-only on first run.
class ServerApp final : public QObject
{
    Q_OBJECT
public:
    explicit ServerApp(ServerOptions options, QObject* parent = nullptr);
    ~ServerApp() override;

    QString databasePath() const;
    QString keyPath() const;
    QString mediaPath() const;

    // Prepares the folder, loads or creates the key, opens (and migrates) the store.
    [[nodiscard]] VoidResult open();
    ServerStore& store() { return *m_store; }
    MediaUploads& media() { return *m_media; }

    // Starts listening; the port actually bound.
    [[nodiscard]] Result<quint16> serve();
    // Stops listening, lets answers already written go out (up to a few seconds), then quits the event loop with 0.
    void shutdown();

private:
    void finishShutdown();

    ServerOptions m_options;
    std::unique_ptr<ServerKey> m_key;
    std::unique_ptr<ServerStore> m_store;
    std::unique_ptr<BlobStore> m_blobs;
    std::unique_ptr<MediaUploads> m_media;
    ApiServer* m_api = nullptr;
    bool m_stopping = false;
};

} // namespace Acorn::Server
