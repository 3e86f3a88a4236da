#pragma once

#include "Result.h"
#include "sync/Backoff.h"
#include "sync/Outbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>
#include <vector>

class QIODevice;
class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Acorn {

class Session;

// This device's link to acorn-server (docs/sync-protocol.md), kept in the encrypted database's device_state.
struct SyncLink
{
    QUrl serverUrl;
    QString deviceId; // this device's id (device_state.device_id)
    QString settingId;
    QString credential; // secret: never logged
    qint64 cursor = 0; // last pulled per-setting sequence
    bool isEnrolled() const { return serverUrl.isValid() && !credential.isEmpty(); }
};

// Pushes this device's changes and pulls everyone else's, in the background: on a timer, soon after a change, and on
// "sync now". Push sends what the outbox holds (drafts never), in order, with base revisions; the server's answer
// moves each mark to done, or parks it (refused for good) without stopping the queue, or keeps a conflict copy for
// staff. Pull applies changes and stores the cursor in one local transaction, so that a crash halfway repeats the
// pull instead of losing or doubling anything. Failures back off with full jitter and honour Retry-After. A revoked
// device is told so (revoked()), and the app signs out.
class SyncClient final : public QObject
{
    Q_OBJECT

public:
    enum class State { NotSetUp, Idle, Syncing, Offline, Error, Revoked };
    Q_ENUM(State)

    static constexpr int PushBatch = 200;
    static constexpr int PullLimit = 500;
    static constexpr int IntervalMs = 60 * 1000;
    static constexpr int AfterChangeMs = 2000;
    static constexpr qint64 ChunkSize = 4 * 1024 * 1024;
    static constexpr int UploadLanes = 2; // files uploaded at once
    static constexpr int MaxMediaAttempts = 20; // then the item is parked (and says why)
    static constexpr int MaxFetchAttempts = 20; // a file the server cannot give: then it is no longer asked for

    SyncClient(Session& session, QNetworkAccessManager& network, QObject* parent = nullptr);
    ~SyncClient() override;

    static Result<SyncLink> link(Session& session);
    // Registers this device with the server using a one-time code from a manager; stores the credential.
    // Synchronous (waits for the server, at most `timeoutMs`).
    [[nodiscard]] static VoidResult enrol(Session& session, QNetworkAccessManager& network, const QUrl& serverUrl,
                                          const QString& code, const QString& deviceName, int timeoutMs = 15000);

    // A one-time code for enrolling another device of this nursery (asked for by a manager; the caller checks the
    // role). Synchronous.
    [[nodiscard]] static Result<QString> createEnrolmentCode(Session& session, QNetworkAccessManager& network,
                                                             int timeoutMs = 15000);

    struct DeviceInfo
    {
        QString deviceId;
        QString name;
        QDateTime enrolledAt;
        QDateTime lastSeenAt;
        bool revoked = false;
    };
    // The nursery's devices as the server knows them; revoking one signs it out at its next contact.
    [[nodiscard]] static Result<QList<DeviceInfo>> devices(Session& session, QNetworkAccessManager& network,
                                                           int timeoutMs = 15000);
    [[nodiscard]] static VoidResult revokeDevice(Session& session, QNetworkAccessManager& network,
                                                 const QString& deviceId, int timeoutMs = 15000);

    // One synchronous call of the server's device API (the credential from this device's link): the JSON answer when
    // the status is `expectedStatus`, otherwise the server's message (or "could not be reached").
    [[nodiscard]] static Result<QJsonObject> callServer(Session& session, QNetworkAccessManager& network,
                                                        const QByteArray& method, const QString& path,
                                                        const QByteArray& body, int timeoutMs, int expectedStatus);

    // Background syncing on a timer and after changes; stop() also abandons a sync in flight (nothing is lost: the
    // outbox marks stay until the server's answer is applied).
    void start();
    void stop();
    void syncNow();
    bool isBusy() const { return m_busy; }

    State state() const { return m_state; }
    // For the status indicator: "Synced", "3 waiting", "Offline", or the error in words.
    QString statusText() const;
    QString lastError() const { return m_lastError; }
    int waitingCount() const; // changes and media files not yet on the server
    int mediaWaitingCount() const;
    int fetchWaitingCount() const; // media files of other devices not yet fetched to this one
    int conflictCount() const;

    void setBackoff(const Backoff& backoff) { m_backoff = backoff; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // The chunk size asked for (the server may answer with a smaller one); tests use small ones.
    void setChunkSize(qint64 bytes) { m_chunkSize = bytes; }

signals:
    void stateChanged(Acorn::SyncClient::State state);
    // One push-and-pull round ended (successfully or not).
    void finished(bool ok);
    void revoked();

private:
    void queueKeyringChanges();
    void push();
    void onPushed(QNetworkReply* reply, const QList<OutboxEntry>& sent, const QList<QJsonObject>& data);
    struct Upload;
    void uploadMedia();
    Upload* findUpload(const QString& mediaId) const;
    QNetworkReply* sendForUpload(Upload* upload, const QString& method, const QString& path, const QByteArray& body,
                                 const QByteArray& chunkSha256 = {});
    void startUpload(const QString& mediaId);
    void onUploadStarted(Upload* upload, QNetworkReply* reply);
    void sendNextChunk(Upload* upload);
    void completeUpload(Upload* upload);
    void uploadFailed(Upload* upload, QNetworkReply* reply, const QString& fallback);
    void recordUpload(const QString& mediaId, const char* state, const QString& error = {});
    void finishUpload(Upload* upload, const char* state, const QString& error = {});
    void removeUpload(Upload* upload);
    void abortUploads();
    void pull();
    void onPulled(QNetworkReply* reply);
    VoidResult applyPulled(const QJsonArray& changes, qint64 next);
    void fetchMedia();
    void fetchNextRange();
    void onFetched(QNetworkReply* reply);
    VoidResult storeFetched();
    void fetchFailed(const QString& message);
    void dropFetch();
    void fail(QNetworkReply* reply, const QString& fallback);
    void succeed();
    void setState(State state);
    QNetworkReply* send(const QString& method, const QString& path, const QByteArray& body = {});
    void scheduleNext(qint64 delayMs);
    void checkForChanges();

    Session& m_session;
    QNetworkAccessManager& m_network;
    SyncLink m_link;
    Backoff m_backoff;
    QTimer* m_timer = nullptr;
    QTimer* m_changeWatch = nullptr;
    QPointer<QNetworkReply> m_reply;
    struct Upload
    {
        QString mediaId;
        std::unique_ptr<QIODevice> reader;
        qint64 size = 0;
        QString sha256;
        qint64 chunkSize = ChunkSize;
        QList<int> missing;
        QPointer<QNetworkReply> reply; // the request in flight for this file
    };
    std::vector<std::unique_ptr<Upload>> m_uploads; // at most UploadLanes
    bool m_uploadsAborted = false; // this round's uploads were stopped (a failure or stop())
    struct Fetch
    {
        QString mediaId;
        QString kind;
        QByteArray sha256; // of the plaintext, from the row
        qint64 size = 0;
        QByteArray bytes; // plaintext so far (memory only; wiped when dropped)
    };
    std::unique_ptr<Fetch> m_fetch; // kept across failed rounds, so that a fetch resumes where it stopped
    QStringList m_fetchTried; // fetched (or tried) in this round
    QStringList m_triedThisRound; // media tried in this round (a failing one does not hold up the others)
    State m_state = State::NotSetUp;
    QString m_lastError;
    int m_timeoutMs = 30000;
    qint64 m_chunkSize = ChunkSize;
    int m_lastPending = -1;
    bool m_busy = false;
    bool m_running = false;
};

} // namespace Acorn
