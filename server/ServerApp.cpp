#include "ServerApp.h"

#include "Clock.h"
#include "ServerKey.h"
#include "ServerLogging.h"
#include "http/ApiServer.h"
#include "media/MediaUploads.h"
#include "store/FolderBlobStore.h"
#include "store/PostgresTarget.h"
#include "store/SqlServerStore.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

namespace Acorn::Server {

namespace {
constexpr int ShutdownGraceMs = 5000;
constexpr int BatchAnswerDays = 30;
} // namespace

ServerApp::ServerApp(ServerOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

ServerApp::~ServerApp()
{
    delete m_api; // before the store and media it uses
    m_api = nullptr;
}

QString ServerApp::databasePath() const
{
    return QDir(m_options.dataDir).filePath(QStringLiteral("server.db"));
}

QString ServerApp::keyPath() const
{
    return QDir(m_options.dataDir).filePath(QStringLiteral("server.key"));
}

QString ServerApp::mediaPath() const
{
    return QDir(m_options.dataDir).filePath(QStringLiteral("media"));
}

VoidResult ServerApp::open()
{
    const QString dir = m_options.dataDir;
    if (dir.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Say where the server keeps its data with --data-dir DIR."));
    if (!QFileInfo(dir).isDir()) {
        if (!QDir().mkpath(dir))
            return Error(Error::Code::ReadOnly, tr("The data folder %1 could not be created.").arg(dir));
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    if (QFileInfo(dir).permissions() & (QFile::ReadOther | QFile::WriteOther | QFile::ExeOther))
        qCWarning(lcServer) << "the data folder can be entered by other users; make it owner-only (chmod 700)";

    auto key = ServerKey::loadOrCreate(keyPath());
    if (!key)
        return key.error();
    m_key = std::make_unique<ServerKey>(key.take());

    if (m_options.databaseUrl.isEmpty()) {
        auto store = SqlServerStore::openSqlite(databasePath(), m_key->databaseKey(), Clock::system());
        if (!store)
            return store.error();
        m_store = store.take();
    } else {
        auto target = PostgresTarget::fromUrl(m_options.databaseUrl);
        if (!target)
            return target.error();
        auto store = SqlServerStore::openPostgres(target.value(), Clock::system());
        if (!store)
            return store.error();
        m_store = store.take();
    }
    m_blobs = std::make_unique<FolderBlobStore>(mediaPath());
    m_media = std::make_unique<MediaUploads>(*m_store, *m_blobs, m_key->mediaKey());
    return {};
}

Result<quint16> ServerApp::serve()
{
    m_api = new ApiServer(*m_store, *m_media, m_options.mail);
    QString error;
    const quint16 port = m_api->start(m_options.listen, m_options.port, &error);
    if (port == 0)
        return Error(Error::Code::Io,
                     tr("acorn-server cannot listen on %1 port %2: %3")
                         .arg(m_options.listen.toString())
                         .arg(m_options.port)
                         .arg(error));
    // Answers kept for replayed batches are needed only while a device may still be retrying: a month, then they go
    // (every change stays applied at most once regardless). At start and once a day.
    const auto purge = [this] {
        if (!m_store)
            return;
        if (auto purged = m_store->purgeBatchAnswers(BatchAnswerDays); purged && purged.value() > 0)
            qCInfo(lcServer, "forgot %d batch answers older than %d days", purged.value(), BatchAnswerDays);
    };
    purge();
    auto* daily = new QTimer(this);
    connect(daily, &QTimer::timeout, this, purge);
    daily->start(24 * 60 * 60 * 1000);
    if (!m_options.listen.isLoopback())
        qCWarning(lcServer) << "listening on a non-loopback address: put nginx (TLS) in front and firewall this port";
    Logging::event(lcServer(), QStringLiteral("listening"),
                   {{QStringLiteral("address"), m_options.listen.toString()},
                    {QStringLiteral("port"), int(port)},
                    {QStringLiteral("database"), m_store->backendName()}});
    return port;
}

void ServerApp::shutdown()
{
    if (m_stopping)
        return;
    m_stopping = true;
    qCInfo(lcServer) << "shutting down";
    if (m_api)
        m_api->stopListening();
    // Requests are handled whole within one event-loop turn, so none is half-done here; wait for answers to leave.
    auto* poll = new QTimer(this);
    const QDeadlineTimer deadline(ShutdownGraceMs);
    connect(poll, &QTimer::timeout, this, [this, poll, deadline] {
        if (m_api && m_api->hasPendingWrites() && !deadline.hasExpired())
            return;
        poll->stop();
        finishShutdown();
    });
    poll->start(20);
}

void ServerApp::finishShutdown()
{
    delete m_api;
    m_api = nullptr;
    m_media.reset();
    m_blobs.reset();
    m_store.reset(); // closes the database
    qCInfo(lcServer) << "stopped";
    QCoreApplication::exit(0);
}

} // namespace Acorn::Server
