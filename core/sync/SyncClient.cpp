#include "sync/SyncClient.h"

#include "Clock.h"
#include "Logging.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "crypto/Keyring.h"
#include "crypto/SecureBuffer.h"
#include "crypto/Sha256.h"
#include "domain/Ids.h"
#include "media/ImageSanitizer.h"
#include "media/MediaVault.h"
#include "storage/DataDir.h"
#include "storage/Database.h"
#include "sync/SyncEntities.h"

#include <QCryptographicHash>
#include <QEventLoop>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>
#include <cstring>
#include <limits>

namespace Acorn {

namespace {
constexpr auto KeyServer = "sync.server_url";
constexpr auto KeyCredential = "sync.credential";
constexpr auto KeySetting = "sync.setting_id";
constexpr auto KeyCursor = "sync.cursor";

QString stateValue(const Database& db, const char* key)
{
    QSqlQuery q(db.sql());
    q.prepare(QStringLiteral("SELECT value FROM device_state WHERE key = ?"));
    q.addBindValue(QLatin1String(key));
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

VoidResult setStateValue(const Database& db, const char* key, const QString& value)
{
    QSqlQuery q(db.sql());
    q.prepare(QStringLiteral("INSERT INTO device_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                             "value = excluded.value"));
    q.addBindValue(QLatin1String(key));
    q.addBindValue(value.isNull() ? QStringLiteral("") : value);
    if (!q.exec())
        return Database::describe(q.lastError());
    return {};
}

// The id a row has on the wire, and back.
QString wireId(const QString& entity, const QString& localId)
{
    return entity == QLatin1String("setting_value") ? SyncEntities::settingValueId(localId) : localId;
}

QString hashOf(const QJsonObject& json)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(json).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
            .toHex());
}

VoidResult setKeyringHash(const Database& db, const QString& staffId, const QString& hash)
{
    QSqlQuery q(db.sql());
    q.prepare(QStringLiteral("INSERT INTO sync_keyring (staff_id, hash) VALUES (?, ?) ON CONFLICT (staff_id) DO UPDATE "
                             "SET hash = excluded.hash"));
    q.addBindValue(staffId);
    q.addBindValue(hash);
    if (!q.exec())
        return Database::describe(q.lastError());
    return {};
}

QString serverErrorCode(const QByteArray& body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

QString serverErrorMessage(const QByteArray& body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}
} // namespace

Result<QJsonObject> SyncClient::callServer(Session& session, QNetworkAccessManager& network, const QByteArray& method,
                                           const QString& path, const QByteArray& body, int timeoutMs,
                                           int expectedStatus)
{
    const auto l = SyncClient::link(session);
    if (!l || !l.value().isEnrolled())
        return Error(Error::Code::InvalidInput,
                     SyncClient::tr("This device is not connected to the nursery's server yet."));
    QUrl url = l.value().serverUrl;
    const QUrl relative(path);
    url.setPath(url.path() + relative.path());
    url.setQuery(relative.query());
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + l.value().credential.toLatin1());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    QNetworkReply* reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    if (status == 0)
        return Error(Error::Code::Io, SyncClient::tr("The server could not be reached: %1").arg(reply->errorString()));
    if (status != expectedStatus) {
        const QString message = serverErrorMessage(answer);
        return Error(Error::Code::PermissionDenied,
                     message.isEmpty() ? SyncClient::tr("The server refused.") : message);
    }
    return QJsonDocument::fromJson(answer).object();
}

SyncClient::SyncClient(Session& session, QNetworkAccessManager& network, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_network(network)
    , m_timer(new QTimer(this))
    , m_changeWatch(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SyncClient::syncNow);
    m_changeWatch->setInterval(1000);
    connect(m_changeWatch, &QTimer::timeout, this, &SyncClient::checkForChanges);
    if (auto l = link(session))
        m_link = l.value();
    m_state = m_link.isEnrolled() ? State::Idle : State::NotSetUp;
}

SyncClient::~SyncClient()
{
    stop();
}

Result<SyncLink> SyncClient::link(Session& session)
{
    const Database& db = session.database();
    SyncLink l;
    l.serverUrl = QUrl(stateValue(db, KeyServer));
    l.credential = stateValue(db, KeyCredential);
    l.settingId = stateValue(db, KeySetting);
    l.cursor = stateValue(db, KeyCursor).toLongLong();
    l.deviceId = session.deviceId();
    return l;
}

VoidResult SyncClient::enrol(Session& session, QNetworkAccessManager& network, const QUrl& serverUrl,
                             const QString& code, const QString& deviceName, int timeoutMs)
{
    if (!serverUrl.isValid()
        || (serverUrl.scheme() != QLatin1String("https") && serverUrl.scheme() != QLatin1String("http")))
        return Error(Error::Code::InvalidInput,
                     tr("That is not a server address. It looks like https://acorn.example.org"));
    QUrl url = serverUrl;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0)
                + QStringLiteral("/api/v1/devices/enrol"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    const QByteArray body = QJsonDocument(QJsonObject {{QStringLiteral("code"), code.trimmed()},
                                                       {QStringLiteral("device_id"), session.deviceId()},
                                                       {QStringLiteral("device_name"), deviceName}})
                                .toJson(QJsonDocument::Compact);
    QNetworkReply* reply = network.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    if (status == 0)
        return Error(Error::Code::Io, tr("The server could not be reached: %1").arg(reply->errorString()));
    if (status == 410)
        return Error(Error::Code::InvalidInput,
                     tr("That code has been used already or has expired. Ask a manager for a new one."));
    if (status != 201 && status != 200) {
        const QString message = serverErrorMessage(answer);
        return Error(Error::Code::InvalidInput, message.isEmpty() ? tr("The server refused the code.") : message);
    }
    const QJsonObject json = QJsonDocument::fromJson(answer).object();
    const QString credential = json.value(QStringLiteral("credential")).toString();
    const QString setting = json.value(QStringLiteral("setting_id")).toString();
    if (credential.isEmpty() || setting.isEmpty())
        return Error(Error::Code::Io, tr("The server's answer was not understood."));
    Transaction transaction(session.database());
    for (const auto& [key, value] :
         {std::pair {KeyServer, serverUrl.toString(QUrl::StripTrailingSlash)}, std::pair {KeyCredential, credential},
          std::pair {KeySetting, setting}, std::pair {KeyCursor, QStringLiteral("0")}})
        if (auto ok = setStateValue(session.database(), key, value); !ok)
            return ok;
    if (auto ok = session.audit().append(QStringLiteral("device_enrolled"), session.staff().id,
                                         QStringLiteral("device"), session.deviceId());
        !ok)
        return ok;
    qCInfo(lcAuth) << "device enrolled with the central store, setting" << setting;
    return transaction.commit();
}

namespace {
// One request as this device, waited for (the caller holds the session: see LockController::SessionHold).
} // namespace

Result<QString> SyncClient::createEnrolmentCode(Session& session, QNetworkAccessManager& network, int timeoutMs)
{
    auto answer = callServer(session, network, "POST", QStringLiteral("/api/v1/enrolment-codes"), "{}", timeoutMs, 201);
    if (!answer)
        return answer.error();
    const QString code = answer.value().value(QStringLiteral("code")).toString();
    if (code.isEmpty())
        return Error(Error::Code::Io, tr("The server's answer was not understood."));
    (void)session.audit().append(QStringLiteral("enrolment_code_created"), session.staff().id);
    return code;
}

Result<QList<SyncClient::DeviceInfo>> SyncClient::devices(Session& session, QNetworkAccessManager& network,
                                                          int timeoutMs)
{
    auto answer = callServer(session, network, "GET", QStringLiteral("/api/v1/devices"), {}, timeoutMs, 200);
    if (!answer)
        return answer.error();
    QList<DeviceInfo> list;
    for (const QJsonValue& v : answer.value().value(QStringLiteral("devices")).toArray()) {
        const QJsonObject o = v.toObject();
        list.append({o.value(QStringLiteral("device_id")).toString(), o.value(QStringLiteral("device_name")).toString(),
                     Ids::fromIso(o.value(QStringLiteral("enrolled_at")).toString()),
                     Ids::fromIso(o.value(QStringLiteral("last_seen_at")).toString()),
                     o.value(QStringLiteral("revoked")).toBool()});
    }
    return list;
}

VoidResult SyncClient::revokeDevice(Session& session, QNetworkAccessManager& network, const QString& deviceId,
                                    int timeoutMs)
{
    auto answer = callServer(session, network, "POST", QStringLiteral("/api/v1/devices/%1/revoke").arg(deviceId), "{}",
                             timeoutMs, 204);
    if (!answer)
        return answer.error();
    (void)session.audit().append(QStringLiteral("device_revoked"), session.staff().id, QStringLiteral("device"),
                                 deviceId);
    return {};
}

void SyncClient::start()
{
    if (!m_link.isEnrolled())
        return;
    m_running = true;
    m_changeWatch->start();
    scheduleNext(0);
}

void SyncClient::stop()
{
    m_running = false;
    m_timer->stop();
    m_changeWatch->stop();
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    abortUploads();
    dropFetch();
    m_busy = false;
}

void SyncClient::scheduleNext(qint64 delayMs)
{
    if (m_running)
        m_timer->start(int(std::clamp<qint64>(delayMs, 0, std::numeric_limits<int>::max())));
}

void SyncClient::checkForChanges()
{
    // A change since the last look: sync soon, not at the next interval.
    const int pending = Outbox(m_session.database()).pendingCount();
    if (pending != m_lastPending && pending > 0 && !m_busy && m_backoff.failures() == 0
        && m_timer->remainingTime() > AfterChangeMs)
        scheduleNext(AfterChangeMs);
    m_lastPending = pending;
}

void SyncClient::syncNow()
{
    if (m_busy || !m_link.isEnrolled())
        return;
    m_busy = true;
    setState(State::Syncing);
    push();
}

QNetworkReply* SyncClient::send(const QString& method, const QString& path, const QByteArray& body)
{
    QUrl url = m_link.serverUrl;
    const QUrl relative(path);
    url.setPath(url.path() + relative.path());
    url.setQuery(relative.query());
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_link.credential.toLatin1());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    m_reply = m_network.sendCustomRequest(request, method.toLatin1(), body);
    return m_reply;
}

void SyncClient::queueKeyringChanges()
{
    // An entry the server has not got as it is now (new account, new password, new name) or one removed here
    // (a deactivated account) is queued like any other change.
    const auto keyring = Keyring::load(m_session.dataDir().keyringPath());
    if (!keyring)
        return;
    QHash<QString, QString> sent;
    QSqlQuery q(m_session.database().sql());
    if (q.exec(QStringLiteral("SELECT staff_id, hash FROM sync_keyring")))
        while (q.next())
            sent.insert(q.value(0).toString(), q.value(1).toString());
    QStringList changed;
    for (const KeyringEntry& e : keyring.value().entries()) {
        if (sent.value(e.staffId) != hashOf(Keyring::entryToJson(e)))
            changed << e.staffId;
        sent.remove(e.staffId);
    }
    for (auto it = sent.cbegin(); it != sent.cend(); ++it)
        if (!it.value().isEmpty())
            changed << it.key(); // removed here
    for (const QString& staffId : std::as_const(changed)) {
        QSqlQuery mark(m_session.database().sql());
        mark.prepare(QStringLiteral("INSERT INTO sync_outbox (entity, entity_id, created_at) VALUES ('keyring_entry', "
                                    "?, ?) ON CONFLICT (entity, entity_id) WHERE state = 'pending' DO NOTHING"));
        mark.addBindValue(staffId);
        mark.addBindValue(Ids::toIso(m_session.clock().now()));
        (void)mark.exec();
    }
}

void SyncClient::push()
{
    queueKeyringChanges();
    const auto keyring = Keyring::load(m_session.dataDir().keyringPath());
    Outbox outbox(m_session.database());
    SyncEntities entities(m_session.database());
    QList<OutboxEntry> sent;
    QList<QJsonObject> data;
    QJsonArray changes;
    for (const OutboxEntry& entry : outbox.pending(PushBatch)) {
        if (entry.entity == QLatin1String("keyring_entry")) {
            const KeyringEntry* e = keyring ? keyring.value().findStaff(entry.entityId) : nullptr;
            const QJsonObject json = e ? Keyring::entryToJson(*e) : QJsonObject();
            const int base = outbox.knownRevision(entry.entity, entry.entityId).value_or(0);
            changes.append(QJsonObject {{QStringLiteral("device_seq"), entry.deviceSeq},
                                        {QStringLiteral("entity"), entry.entity},
                                        {QStringLiteral("id"), entry.entityId},
                                        {QStringLiteral("base_revision"), base},
                                        {QStringLiteral("revision"), base + 1},
                                        {QStringLiteral("deleted"), e == nullptr},
                                        {QStringLiteral("data"), json}});
            sent.append(entry);
            data.append(json);
            continue;
        }
        auto row = entities.read(entry.entity, entry.entityId);
        if (!row) {
            // Gone (a row that was removed, not tombstoned): there is nothing to send.
            (void)outbox.markDone(entry);
            continue;
        }
        if (row.value().isDraft) { // a draft never leaves; its mark waits for the step out of draft
            continue;
        }
        const QByteArray size = QJsonDocument(row.value().data).toJson(QJsonDocument::Compact);
        if (size.size() > 256 * 1024) {
            (void)outbox.park(entry, tr("Too large to send (%1 KB).").arg(size.size() / 1024));
            continue;
        }
        const int base = outbox.knownRevision(entry.entity, entry.entityId).value_or(0);
        changes.append(QJsonObject {{QStringLiteral("device_seq"), entry.deviceSeq},
                                    {QStringLiteral("entity"), entry.entity},
                                    {QStringLiteral("id"), wireId(entry.entity, entry.entityId)},
                                    {QStringLiteral("base_revision"), base},
                                    {QStringLiteral("revision"), base + 1},
                                    {QStringLiteral("deleted"), row.value().deleted},
                                    {QStringLiteral("data"), row.value().data}});
        sent.append(entry);
        data.append(row.value().data);
    }
    if (sent.isEmpty()) {
        // Nothing new to send, but files of rows sent earlier may still be waiting (a round that ended halfway).
        m_triedThisRound.clear();
        m_uploadsAborted = false;
        uploadMedia();
        return;
    }
    const QByteArray body
        = QJsonDocument(QJsonObject {{QStringLiteral("batch_id"), Ids::newId()}, {QStringLiteral("changes"), changes}})
              .toJson(QJsonDocument::Compact);
    QNetworkReply* reply = send(QStringLiteral("POST"), QStringLiteral("/api/v1/sync/push"), body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, sent, data] { onPushed(reply, sent, data); });
}

void SyncClient::onPushed(QNetworkReply* reply, const QList<OutboxEntry>& sent, const QList<QJsonObject>& data)
{
    reply->deleteLater();
    m_reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        fail(reply, tr("The server did not take the changes."));
        return;
    }
    const QJsonArray results
        = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("results")).toArray();
    Outbox outbox(m_session.database());
    Transaction transaction(m_session.database());
    for (int i = 0; i < sent.size() && i < results.size(); ++i) {
        const OutboxEntry& entry = sent.at(i);
        const QJsonObject result = results.at(i).toObject();
        const QString outcome = result.value(QStringLiteral("status")).toString();
        const int base = outbox.knownRevision(entry.entity, entry.entityId).value_or(0);
        if (outcome == QLatin1String("applied") || outcome == QLatin1String("duplicate")) {
            (void)outbox.setKnownRevision(entry.entity, entry.entityId, base + 1);
            (void)outbox.markDone(entry);
            if (entry.entity == QLatin1String("keyring_entry"))
                (void)setKeyringHash(m_session.database(), entry.entityId,
                                     data.at(i).isEmpty() ? QStringLiteral("") : hashOf(data.at(i)));
            if (entry.entity == QLatin1String("media_item")) {
                // The row is there: its bytes follow.
                QSqlQuery media(m_session.database().sql());
                media.prepare(QStringLiteral("INSERT INTO sync_media (media_id, updated_at) VALUES (?, ?) "
                                             "ON CONFLICT (media_id) DO NOTHING"));
                media.addBindValue(entry.entityId);
                media.addBindValue(Ids::toIso(m_session.clock().now()));
                (void)media.exec();
            }
        } else if (outcome == QLatin1String("conflict")) {
            // The server's row moved on: keep both for staff; the server's revision is the new base.
            const QJsonObject current = result.value(QStringLiteral("current")).toObject();
            QSqlQuery q(m_session.database().sql());
            q.prepare(QStringLiteral("INSERT INTO sync_conflicts (id, entity, entity_id, local_data, server_data, "
                                     "created_at) VALUES (?, ?, ?, ?, ?, ?)"));
            q.addBindValue(Ids::newId());
            q.addBindValue(entry.entity);
            q.addBindValue(entry.entityId);
            q.addBindValue(QString::fromUtf8(QJsonDocument(data.at(i)).toJson(QJsonDocument::Compact)));
            q.addBindValue(QString::fromUtf8(QJsonDocument(current).toJson(QJsonDocument::Compact)));
            q.addBindValue(Ids::toIso(m_session.clock().now()));
            (void)q.exec();
            (void)outbox.setKnownRevision(entry.entity, entry.entityId,
                                          current.value(QStringLiteral("revision")).toInt(base));
            (void)outbox.markDone(entry);
            qCInfo(lcAuth) << "sync conflict kept for staff:" << entry.entity << entry.entityId;
        } else {
            (void)outbox.park(entry, result.value(QStringLiteral("reason")).toString(outcome));
        }
    }
    if (auto ok = transaction.commit(); !ok) {
        m_lastError = ok.errorMessage();
        fail(nullptr, ok.errorMessage());
        return;
    }
    // More waiting? Push again before pulling.
    if (Outbox(m_session.database()).pendingCount() > 0 && sent.size() >= PushBatch) {
        push();
        return;
    }
    m_triedThisRound.clear();
    m_uploadsAborted = false;
    uploadMedia();
}

void SyncClient::uploadMedia()
{
    // Oldest first, UploadLanes files at a time (while one file's chunk is checked and stored on the server, the next
    // is on its way); each is resumed where the server says it got to.
    if (m_uploadsAborted)
        return;
    while (int(m_uploads.size()) < UploadLanes) {
        QSqlQuery q(m_session.database().sql());
        q.prepare(
            QStringLiteral("SELECT media_id FROM sync_media WHERE state = 'pending' ORDER BY updated_at, media_id"));
        QString next;
        if (q.exec())
            while (q.next() && next.isEmpty())
                if (!m_triedThisRound.contains(q.value(0).toString()))
                    next = q.value(0).toString();
        if (next.isEmpty())
            break;
        m_triedThisRound << next;
        startUpload(next);
        if (m_uploadsAborted)
            return;
    }
    if (m_uploads.empty())
        pull();
}

SyncClient::Upload* SyncClient::findUpload(const QString& mediaId) const
{
    for (const auto& u : m_uploads)
        if (u->mediaId == mediaId)
            return u.get();
    return nullptr;
}

QNetworkReply* SyncClient::sendForUpload(Upload* upload, const QString& method, const QString& path,
                                         const QByteArray& body, const QByteArray& chunkSha256)
{
    QUrl url = m_link.serverUrl;
    url.setPath(url.path() + path);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_link.credential.toLatin1());
    if (chunkSha256.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    } else {
        request.setRawHeader("X-Chunk-Sha256", chunkSha256);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/octet-stream"));
    }
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply* reply = m_network.sendCustomRequest(request, method.toLatin1(), body);
    upload->reply = reply;
    return reply;
}

void SyncClient::startUpload(const QString& mediaId)
{
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT vault_file, file_key, size, sha256 FROM media_items WHERE id = ?"));
    q.addBindValue(mediaId);
    if (!q.exec() || !q.next() || q.value(0).toString().isEmpty()) {
        recordUpload(mediaId, "parked", tr("The file is not on this device."));
        return;
    }
    const QByteArray keyBytes = q.value(1).toByteArray();
    SecureBuffer key(std::size_t(keyBytes.size()));
    std::memcpy(key.data(), keyBytes.constData(), std::size_t(keyBytes.size()));
    QString error;
    auto reader = MediaVault(m_session.dataDir().vaultPath()).openReader(q.value(0).toString(), key, &error);
    if (!reader) {
        recordUpload(mediaId, "parked", error);
        return;
    }
    auto upload = std::make_unique<Upload>();
    upload->mediaId = mediaId;
    upload->reader = std::move(reader);
    upload->size = q.value(2).toLongLong();
    upload->sha256 = QString::fromLatin1(q.value(3).toByteArray().toHex());
    Upload* u = upload.get();
    m_uploads.push_back(std::move(upload));
    const QByteArray body = QJsonDocument(QJsonObject {{QStringLiteral("size"), u->size},
                                                       {QStringLiteral("sha256"), u->sha256},
                                                       {QStringLiteral("chunk_size"), m_chunkSize}})
                                .toJson(QJsonDocument::Compact);
    QNetworkReply* reply = sendForUpload(u, QStringLiteral("PUT"), QStringLiteral("/api/v1/media/") + mediaId, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, mediaId] {
        reply->deleteLater();
        if (Upload* u = findUpload(mediaId))
            onUploadStarted(u, reply);
    });
}

void SyncClient::onUploadStarted(Upload* u, QNetworkReply* reply)
{
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200) {
        uploadFailed(u, reply, tr("The server did not accept the file."));
        return;
    }
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    u->chunkSize = qBound<qint64>(64 * 1024, json.value(QStringLiteral("chunk_size")).toInteger(ChunkSize), ChunkSize);
    QSet<int> received;
    for (const QJsonValue& v : json.value(QStringLiteral("received")).toArray())
        received.insert(v.toInt());
    const int chunks = int(std::max<qint64>(1, (u->size + u->chunkSize - 1) / u->chunkSize));
    for (int i = 0; i < chunks; ++i)
        if (!received.contains(i))
            u->missing << i;
    sendNextChunk(u);
}

void SyncClient::sendNextChunk(Upload* u)
{
    if (u->missing.isEmpty()) {
        completeUpload(u);
        return;
    }
    const int index = u->missing.first();
    QByteArray chunk;
    if (u->reader->seek(qint64(index) * u->chunkSize))
        chunk = u->reader->read(u->chunkSize);
    if (chunk.isEmpty() && u->size > 0) {
        finishUpload(u, "parked", tr("The file could not be read."));
        return;
    }
    const QString mediaId = u->mediaId;
    QNetworkReply* reply
        = sendForUpload(u, QStringLiteral("PUT"), QStringLiteral("/api/v1/media/%1/chunks/%2").arg(mediaId).arg(index),
                        chunk, Sha256::hash(chunk).toHex());
    wipeBytes(chunk); // the network layer keeps its own copy while it sends; this one goes now
    connect(reply, &QNetworkReply::finished, this, [this, reply, mediaId] {
        reply->deleteLater();
        Upload* u = findUpload(mediaId);
        if (!u)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 204 && status != 200) {
            uploadFailed(u, reply, tr("A part of the file did not arrive."));
            return;
        }
        u->missing.removeFirst();
        sendNextChunk(u);
    });
}

void SyncClient::completeUpload(Upload* u)
{
    const QString mediaId = u->mediaId;
    QNetworkReply* reply
        = sendForUpload(u, QStringLiteral("POST"), QStringLiteral("/api/v1/media/%1/complete").arg(mediaId), "{}");
    connect(reply, &QNetworkReply::finished, this, [this, reply, mediaId] {
        reply->deleteLater();
        Upload* u = findUpload(mediaId);
        if (!u)
            return;
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200) {
            uploadFailed(u, reply, tr("The server could not check the file."));
            return;
        }
        finishUpload(u, "complete");
    });
}

void SyncClient::uploadFailed(Upload* u, QNetworkReply* reply, const QString& fallback)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 || status >= 500 || status == 429 || status == 401) {
        // The connection or the server: the whole round stops and backs off (the other file in flight too); the
        // uploads resume next time.
        abortUploads();
        fail(reply, fallback);
        return;
    }
    // This file only (a checksum the server disagrees with, a conflict): counted, and the others go on.
    const QString message = serverErrorMessage(reply->isOpen() ? reply->readAll() : QByteArray());
    QSqlQuery q(m_session.database().sql());
    q.prepare(
        QStringLiteral("UPDATE sync_media SET attempts = attempts + 1, last_error = ?, state = CASE WHEN attempts "
                       "+ 1 >= ? THEN 'parked' ELSE state END WHERE media_id = ?"));
    q.addBindValue(message.isEmpty() ? fallback : message);
    q.addBindValue(MaxMediaAttempts);
    q.addBindValue(u->mediaId);
    (void)q.exec();
    removeUpload(u);
    uploadMedia();
}

void SyncClient::recordUpload(const QString& mediaId, const char* state, const QString& error)
{
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE sync_media SET state = ?, last_error = ?, updated_at = ? WHERE media_id = ?"));
    q.addBindValue(QLatin1String(state));
    q.addBindValue(error.isNull() ? QStringLiteral("") : error);
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(mediaId);
    (void)q.exec();
    if (qstrcmp(state, "complete") == 0)
        qCInfo(lcAuth) << "media uploaded:" << mediaId;
}

void SyncClient::finishUpload(Upload* u, const char* state, const QString& error)
{
    recordUpload(u->mediaId, state, error);
    removeUpload(u);
    uploadMedia();
}

void SyncClient::removeUpload(Upload* u)
{
    m_uploads.erase(std::remove_if(m_uploads.begin(), m_uploads.end(),
                                   [u](const std::unique_ptr<Upload>& x) { return x.get() == u; }),
                    m_uploads.end());
}

void SyncClient::abortUploads()
{
    m_uploadsAborted = true;
    for (const auto& u : m_uploads) {
        if (QNetworkReply* reply = u->reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
    m_uploads.clear();
}

void SyncClient::pull()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("since"), QString::number(m_link.cursor));
    query.addQueryItem(QStringLiteral("limit"), QString::number(PullLimit));
    QNetworkReply* reply
        = send(QStringLiteral("GET"), QStringLiteral("/api/v1/sync/pull?") + query.toString(QUrl::FullyEncoded));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onPulled(reply); });
}

void SyncClient::onPulled(QNetworkReply* reply)
{
    reply->deleteLater();
    m_reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        fail(reply, tr("The server did not send the changes."));
        return;
    }
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    const qint64 next = json.value(QStringLiteral("next")).toInteger(m_link.cursor);
    if (auto ok = applyPulled(json.value(QStringLiteral("changes")).toArray(), next); !ok) {
        fail(nullptr, ok.errorMessage());
        return;
    }
    if (json.value(QStringLiteral("more")).toBool()) {
        pull();
        return;
    }
    m_fetchTried.clear();
    fetchMedia();
}

VoidResult SyncClient::applyPulled(const QJsonArray& changes, qint64 next)
{
    const Database& db = m_session.database();
    Outbox outbox(db);
    SyncEntities entities(db);
    // Rows changed here and not pushed yet: the local version stands until the server has decided on it.
    QSet<QString> waiting;
    for (const OutboxEntry& e : outbox.pending(std::numeric_limits<int>::max()))
        waiting.insert(e.entity + QLatin1Char('/') + e.entityId);
    // Rows with a conflict copy waiting for staff: the local version stays as it is until someone chooses; the
    // conflict's server side is brought up to date instead, so that "keep the other device's" keeps the newest.
    QSet<QString> disputed;
    {
        QSqlQuery q(db.sql());
        if (q.exec(QStringLiteral("SELECT entity, entity_id FROM sync_conflicts WHERE resolved_at IS NULL")))
            while (q.next())
                disputed.insert(q.value(0).toString() + QLatin1Char('/') + q.value(1).toString());
    }
    Transaction transaction(db);
    // Rows arrive in the server's commit order, but a batch may name a row that comes later in the same batch:
    // references are checked when the whole batch is in.
    QSqlQuery(db.sql()).exec(QStringLiteral("PRAGMA defer_foreign_keys = ON"));
    Outbox::Applying applying(db);
    QList<QJsonObject> keyringChanges;
    for (const QJsonValue& v : changes) {
        const QJsonObject change = v.toObject();
        const QString entity = change.value(QStringLiteral("entity")).toString();
        if (entity == QLatin1String("keyring_entry")) {
            if (change.value(QStringLiteral("origin_device")).toString() != m_link.deviceId)
                keyringChanges.append(change);
            continue;
        }
        if (!SyncEntities::isKnown(entity))
            continue; // from a newer version: left alone
        const QJsonObject data = change.value(QStringLiteral("data")).toObject();
        const QString localId = entity == QLatin1String("setting_value")
            ? data.value(QStringLiteral("key")).toString()
            : change.value(QStringLiteral("id")).toString();
        const int revision = change.value(QStringLiteral("revision")).toInt();
        const bool own = change.value(QStringLiteral("origin_device")).toString() == m_link.deviceId;
        const bool changedHere = waiting.contains(entity + QLatin1Char('/') + localId);
        if (disputed.contains(entity + QLatin1Char('/') + localId)) {
            QSqlQuery update(db.sql());
            update.prepare(
                QStringLiteral("UPDATE sync_conflicts SET server_data = ? WHERE entity = ? AND entity_id = ? "
                               "AND resolved_at IS NULL"));
            update.addBindValue(QString::fromUtf8(
                QJsonDocument(
                    QJsonObject {{QStringLiteral("revision"), revision},
                                 {QStringLiteral("deleted"), change.value(QStringLiteral("deleted")).toBool()},
                                 {QStringLiteral("data"), data}})
                    .toJson(QJsonDocument::Compact)));
            update.addBindValue(entity);
            update.addBindValue(localId);
            if (!update.exec())
                return Database::describe(update.lastError());
            if (auto ok = outbox.setKnownRevision(entity, localId, revision); !ok)
                return ok;
            continue;
        }
        // This device's own change coming back, or a row changed here since: the local row stands (a newer local
        // change goes up next and the server decides).
        if (!own && !changedHere) {
            if (auto ok = entities.apply(entity, localId, change.value(QStringLiteral("deleted")).toBool(), data); !ok)
                return ok;
        }
        if (!changedHere)
            if (auto ok = outbox.setKnownRevision(entity, localId, revision); !ok)
                return ok;
    }
    // Keyring entries from other devices: written to the keyring file first, then the cursor moves on with the rest.
    // (A crash in between pulls them again, and putting an entry twice is harmless.)
    if (!keyringChanges.isEmpty()) {
        auto keyring = Keyring::load(m_session.dataDir().keyringPath());
        if (!keyring)
            return keyring.error();
        for (const QJsonObject& change : std::as_const(keyringChanges)) {
            const QString staffId = change.value(QStringLiteral("id")).toString();
            if (change.value(QStringLiteral("deleted")).toBool()) {
                keyring.value().removeStaff(staffId);
                (void)setKeyringHash(db, staffId, QStringLiteral(""));
            } else if (auto entry = Keyring::entryFromJson(change.value(QStringLiteral("data")).toObject())) {
                keyring.value().putEntry(entry.value());
                (void)setKeyringHash(db, staffId, hashOf(Keyring::entryToJson(entry.value())));
            }
            (void)outbox.setKnownRevision(QStringLiteral("keyring_entry"), staffId,
                                          change.value(QStringLiteral("revision")).toInt());
        }
        if (auto saved = keyring.value().save(m_session.dataDir().keyringPath()); !saved)
            return saved;
    }
    if (auto ok = setStateValue(db, KeyCursor, QString::number(next)); !ok)
        return ok;
    if (auto ok = transaction.commit(); !ok)
        return ok;
    m_link.cursor = next;
    return {};
}

// --- fetching media of other devices ------------------------------------------------------------------------------

void SyncClient::fetchMedia()
{
    // One file at a time, oldest first: the rows pulled without bytes (vault_file ''), but not those given up on.
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral(
        "SELECT m.id, m.kind, m.sha256, m.size FROM media_items m LEFT JOIN sync_fetch f ON f.media_id = m.id "
        "WHERE m.vault_file = '' AND m.deleted = 0 AND COALESCE(f.attempts, 0) < ? ORDER BY m.created_at, m.id"));
    q.addBindValue(MaxFetchAttempts);
    std::unique_ptr<Fetch> next;
    if (q.exec()) {
        while (q.next() && !next) {
            const QString id = q.value(0).toString();
            if (m_fetchTried.contains(id))
                continue;
            next = std::make_unique<Fetch>();
            next->mediaId = id;
            next->kind = q.value(1).toString();
            next->sha256 = q.value(2).toByteArray();
            next->size = q.value(3).toLongLong();
        }
    }
    if (!next) {
        dropFetch();
        succeed();
        return;
    }
    m_fetchTried << next->mediaId;
    // The same file as a round that failed halfway: go on from its bytes.
    if (!m_fetch || m_fetch->mediaId != next->mediaId || m_fetch->sha256 != next->sha256) {
        dropFetch();
        m_fetch = std::move(next);
    }
    fetchNextRange();
}

void SyncClient::fetchNextRange()
{
    if (m_fetch->bytes.size() >= m_fetch->size) {
        if (auto stored = storeFetched(); !stored)
            fetchFailed(stored.errorMessage());
        dropFetch();
        fetchMedia();
        return;
    }
    QUrl url = m_link.serverUrl;
    url.setPath(url.path() + QStringLiteral("/api/v1/media/%1/content").arg(m_fetch->mediaId));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_link.credential.toLatin1());
    const qint64 first = m_fetch->bytes.size();
    const qint64 last = qMin(m_fetch->size, first + m_chunkSize) - 1;
    request.setRawHeader("Range", "bytes=" + QByteArray::number(first) + '-' + QByteArray::number(last));
    request.setTransferTimeout(m_timeoutMs);
    m_reply = m_network.get(request);
    QNetworkReply* reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFetched(reply); });
}

void SyncClient::onFetched(QNetworkReply* reply)
{
    reply->deleteLater();
    m_reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 || status >= 500 || status == 429 || status == 401) {
        // The connection or the server: the round stops and backs off; what arrived is kept for the next one.
        fail(reply, tr("A photo or video could not be fetched from the server."));
        return;
    }
    if (status == 404) {
        // Not complete on the server yet (its device is still uploading it): next round.
        dropFetch();
        fetchMedia();
        return;
    }
    if (status != 206 && status != 200) {
        const QString message = serverErrorMessage(reply->readAll());
        fetchFailed(message.isEmpty() ? tr("The server would not give this file.") : message);
        dropFetch();
        fetchMedia();
        return;
    }
    QByteArray body = reply->readAll();
    const QByteArray contentRange = reply->rawHeader("Content-Range");
    const QByteArray expected = "bytes " + QByteArray::number(m_fetch->bytes.size()) + '-';
    if ((status == 206 && !contentRange.startsWith(expected)) || (status == 200 && !m_fetch->bytes.isEmpty())
        || body.isEmpty() || m_fetch->bytes.size() + body.size() > m_fetch->size) {
        wipeBytes(body);
        fetchFailed(tr("The server sent a part of the file that was not asked for."));
        dropFetch();
        fetchMedia();
        return;
    }
    m_fetch->bytes.append(body);
    wipeBytes(body);
    fetchNextRange();
}

VoidResult SyncClient::storeFetched()
{
    // The bytes must be the file the row describes, whoever sent them.
    if (m_fetch->bytes.size() != m_fetch->size || Sha256::hash(m_fetch->bytes) != m_fetch->sha256)
        return Error(Error::Code::InvalidInput, tr("The file from the server does not match its checksum."));
    MediaVault vault(m_session.dataDir().vaultPath());
    auto file = vault.store(m_fetch->bytes);
    if (!file)
        return file.error();
    std::optional<VaultEntry> thumbnail;
    if (m_fetch->kind == QLatin1String("photo")) {
        // The thumbnail is this device's own, made from the photo (already free of metadata: it was cleaned where
        // it was taken).
        if (auto image = ImageSanitizer::sanitize(m_fetch->bytes)) {
            auto stored = vault.store(image.value().thumbnailJpeg);
            wipeBytes(image.value().jpeg);
            wipeBytes(image.value().thumbnailJpeg);
            if (!stored) {
                vault.remove(file.value().fileId);
                return stored.error();
            }
            thumbnail = stored.take();
        }
    }
    const auto keyBytes = [](const SecureBuffer& key) {
        return QByteArray(reinterpret_cast<const char*>(key.data()), qsizetype(key.size()));
    };
    const Database& db = m_session.database();
    Transaction transaction(db);
    Outbox::Applying applying(db); // the row gains this device's file: nothing for the server
    QSqlQuery q(db.sql());
    q.prepare(QStringLiteral("UPDATE media_items SET vault_file = ?, file_key = ?, thumbnail_file = ?, thumbnail_key = "
                             "? WHERE id = ? AND vault_file = ''"));
    QByteArray fileKey = keyBytes(file.value().key);
    QByteArray thumbKey = thumbnail ? keyBytes(thumbnail->key) : QByteArray();
    q.addBindValue(file.value().fileId);
    q.addBindValue(fileKey);
    q.addBindValue(thumbnail ? QVariant(thumbnail->fileId) : QVariant(QMetaType::fromType<QString>()));
    q.addBindValue(thumbnail ? QVariant(thumbKey) : QVariant(QMetaType::fromType<QByteArray>()));
    q.addBindValue(m_fetch->mediaId);
    const bool updated = q.exec() && q.numRowsAffected() == 1;
    wipeBytes(fileKey);
    wipeBytes(thumbKey);
    QSqlQuery forget(db.sql());
    forget.prepare(QStringLiteral("DELETE FROM sync_fetch WHERE media_id = ?"));
    forget.addBindValue(m_fetch->mediaId);
    if (!updated || !forget.exec() || !transaction.commit()) {
        // Not recorded (or the row changed meanwhile): the vault files would belong to nothing.
        vault.remove(file.value().fileId);
        if (thumbnail)
            vault.remove(thumbnail->fileId);
        return updated ? Database::describe(forget.lastError()) : Database::describe(q.lastError());
    }
    qCInfo(lcAuth) << "media fetched:" << m_fetch->mediaId;
    return {};
}

void SyncClient::fetchFailed(const QString& message)
{
    qCInfo(lcAuth) << "media could not be fetched:" << m_fetch->mediaId;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral(
        "INSERT INTO sync_fetch (media_id, attempts, last_error, updated_at) VALUES (?, 1, ?, ?) ON CONFLICT "
        "(media_id) DO UPDATE SET attempts = attempts + 1, last_error = excluded.last_error, "
        "updated_at = excluded.updated_at"));
    q.addBindValue(m_fetch->mediaId);
    q.addBindValue(message);
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    (void)q.exec();
}

void SyncClient::dropFetch()
{
    if (m_fetch)
        wipeBytes(m_fetch->bytes);
    m_fetch.reset();
}

void SyncClient::fail(QNetworkReply* reply, const QString& fallback)
{
    m_busy = false;
    qint64 retryAfterMs = 0;
    State state = State::Error;
    if (reply) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
        const QString code = serverErrorCode(body);
        if (status == 401 && code == QLatin1String("device_revoked")) {
            m_lastError = tr("This device was removed from the nursery's devices by a manager.");
            setState(State::Revoked);
            stop();
            emit finished(false);
            emit revoked();
            return;
        }
        if (reply->hasRawHeader("Retry-After"))
            retryAfterMs = reply->rawHeader("Retry-After").toLongLong() * 1000;
        if (status == 0) {
            state = State::Offline;
            m_lastError = tr("The nursery's server cannot be reached.");
        } else {
            const QString message = serverErrorMessage(body);
            m_lastError = message.isEmpty() ? fallback : message;
        }
    } else {
        m_lastError = fallback;
    }
    qCInfo(lcAuth) << "sync failed; trying again later";
    setState(state);
    scheduleNext(m_backoff.nextDelayMs(retryAfterMs));
    emit finished(false);
}

void SyncClient::succeed()
{
    m_busy = false;
    m_backoff.reset();
    m_lastError.clear();
    setState(State::Idle);
    scheduleNext(IntervalMs);
    emit finished(true);
}

void SyncClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

int SyncClient::waitingCount() const
{
    return Outbox(m_session.database()).pendingCount() + mediaWaitingCount();
}

int SyncClient::mediaWaitingCount() const
{
    QSqlQuery q(m_session.database().sql());
    return q.exec(QStringLiteral("SELECT count(*) FROM sync_media WHERE state = 'pending'")) && q.next()
        ? q.value(0).toInt()
        : 0;
}

int SyncClient::fetchWaitingCount() const
{
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT count(*) FROM media_items m LEFT JOIN sync_fetch f ON f.media_id = m.id WHERE "
                             "m.vault_file = '' AND m.deleted = 0 AND COALESCE(f.attempts, 0) < ?"));
    q.addBindValue(MaxFetchAttempts);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

int SyncClient::conflictCount() const
{
    QSqlQuery q(m_session.database().sql());
    return q.exec(QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL")) && q.next()
        ? q.value(0).toInt()
        : 0;
}

QString SyncClient::statusText() const
{
    switch (m_state) {
    case State::NotSetUp:
        return tr("Not connected to the nursery's server");
    case State::Syncing:
        return tr("Syncing…");
    case State::Offline:
        return tr("Offline: %1 waiting").arg(waitingCount());
    case State::Error:
        return tr("Sync problem: %1").arg(m_lastError);
    case State::Revoked:
        return m_lastError;
    case State::Idle:
        break;
    }
    const int waiting = waitingCount();
    QString text = waiting == 0 ? tr("Synced") : tr("%1 waiting").arg(waiting);
    if (const int fetching = fetchWaitingCount(); fetching > 0)
        text += QStringLiteral(" · ")
            + (fetching == 1 ? tr("1 photo or video still to come")
                             : tr("%1 photos or videos still to come").arg(fetching));
    if (const int conflicts = conflictCount(); conflicts > 0)
        text += QStringLiteral(" · ")
            + (conflicts == 1 ? tr("1 conflict to look at") : tr("%1 conflicts to look at").arg(conflicts));
    return text;
}

} // namespace Acorn
