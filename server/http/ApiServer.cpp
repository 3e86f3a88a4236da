#include "http/ApiServer.h"

#include "Clock.h"
#include "ServerLogging.h"
#include "crypto/SecureBuffer.h"
#include "domain/Ids.h"
#include "http/ByteRange.h"
#include "http/GuardedTcpServer.h"
#include "media/MediaUploads.h"
#include "sync/PushRequest.h"
#include "sync/SyncTypes.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>
#include <QTcpSocket>
#include <QUrlQuery>

#include <cmath>

#ifndef ACORN_VERSION
#define ACORN_VERSION "unknown"
#endif

namespace Acorn::Server {

namespace {
constexpr int CredentialBytes = 32;

QString credentialHash(const QByteArray& credential)
{
    return QString::fromLatin1(QCryptographicHash::hash(credential, QCryptographicHash::Sha256).toHex());
}

// The body as a JSON object, or nullopt (malformed JSON, or not an object).
std::optional<QJsonObject> jsonObject(const QByteArray& body)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// A JSON number that is a whole number in [minimum, 2^53].
std::optional<qint64> wholeNumber(const QJsonValue& value, qint64 minimum)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (std::trunc(d) != d || d < double(minimum) || d > 9007199254740992.0)
        return std::nullopt;
    return qint64(d);
}

std::optional<qint64> queryNumber(const QUrlQuery& query, const QString& key, qint64 fallback)
{
    if (!query.hasQueryItem(key))
        return fallback;
    bool ok = false;
    const qint64 n = query.queryItemValue(key).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return n;
}

QJsonArray toJsonArray(const QList<int>& list)
{
    QJsonArray array;
    for (int i : list)
        array.append(i);
    return array;
}

QJsonValue isoOrNull(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(Ids::toIso(time)) : QJsonValue(QJsonValue::Null);
}
} // namespace

ApiServer::ApiServer(ServerStore& store, MediaUploads& media, const Mailer::Config& mail, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_store(store)
    , m_media(media)
    , m_portalAuth(store, Clock::system())
    , m_mailer(mail)
    , m_portal(store, media, m_mailer, Clock::system())
{
}

ApiServer::~ApiServer() = default;

const QList<ApiServer::Route>& ApiServer::routes()
{
    static const QList<Route> list {
        {"GET", QStringLiteral("/health"), false, &ApiServer::health},
        {"POST", QStringLiteral("/api/v1/devices/enrol"), false, &ApiServer::enrol},
        {"POST", QStringLiteral("/api/v1/enrolment-codes"), true, &ApiServer::issueEnrolmentCode},
        {"GET", QStringLiteral("/api/v1/devices"), true, &ApiServer::listDevices},
        {"POST", QStringLiteral("/api/v1/devices/:id/revoke"), true, &ApiServer::revokeDevice},
        {"POST", QStringLiteral("/api/v1/sync/push"), true, &ApiServer::push},
        {"GET", QStringLiteral("/api/v1/sync/pull"), true, &ApiServer::pull},
        {"PUT", QStringLiteral("/api/v1/media/:id"), true, &ApiServer::startMedia},
        {"GET", QStringLiteral("/api/v1/media/:id"), true, &ApiServer::mediaStatus},
        {"GET", QStringLiteral("/api/v1/media/:id/content"), true, &ApiServer::mediaContent},
        {"POST", QStringLiteral("/api/v1/portal/invitations"), true, &ApiServer::createInvitation},
        {"GET", QStringLiteral("/api/v1/portal/invitations"), true, &ApiServer::listInvitations},
        {"POST", QStringLiteral("/api/v1/portal/invitations/:id/revoke"), true, &ApiServer::revokeInvitation},
        {"GET", QStringLiteral("/api/v1/portal/events"), true, &ApiServer::listPortalEvents},
        {"PUT", QStringLiteral("/api/v1/media/:id/chunks/:index"), true, &ApiServer::putMediaChunk},
        {"POST", QStringLiteral("/api/v1/media/:id/complete"), true, &ApiServer::completeMedia},
    };
    return list;
}

quint16 ApiServer::start(const QHostAddress& address, quint16 port, QString* error)
{
    GuardedTcpServer::Policy policy;
    policy.bodyLimit = &ApiServer::bodyLimit;
    policy.refused = [this](const QByteArray& method, const QByteArray& path, int status) {
        logRequest(method, routeName(method, QString::fromLatin1(path)), status, 0.0, {});
    };
    auto* tcp = new GuardedTcpServer(std::move(policy), this);
    if (!tcp->listen(address, port)) {
        if (error)
            *error = tcp->errorString();
        delete tcp;
        return 0;
    }
    bind(tcp);
    m_tcp = tcp;
    return tcp->serverPort();
}

void ApiServer::stopListening()
{
    if (m_tcp)
        m_tcp->close();
}

bool ApiServer::hasPendingWrites() const
{
    if (!m_tcp)
        return false;
    for (const auto* socket : m_tcp->findChildren<QTcpSocket*>()) {
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() > 0)
            return true;
    }
    return false;
}

qint64 ApiServer::bodyLimit(const QByteArray& method, const QByteArray& path)
{
    if (PortalServer::handles(QString::fromLatin1(path)))
        return PortalServer::bodyLimit(method, path);
    const QStringList segments = QString::fromLatin1(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList params;
    if (method == "PUT" && matches(QStringLiteral("/api/v1/media/:id/chunks/:index"), segments, &params))
        return Limits::MediaChunk;
    return Limits::RequestBody;
}

QString ApiServer::routeName(const QByteArray& method, const QString& path)
{
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString anyMethod;
    for (const auto& route : routes()) {
        QStringList params;
        if (!matches(route.pattern, segments, &params))
            continue;
        if (route.method == method)
            return route.pattern;
        anyMethod = route.pattern;
    }
    return anyMethod.isEmpty() ? QStringLiteral("(unknown)") : anyMethod;
}

bool ApiServer::matches(const QString& pattern, const QStringList& segments, QStringList* params)
{
    const QStringList parts = pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() != segments.size())
        return false;
    QStringList captured;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (parts.at(i).startsWith(QLatin1Char(':')))
            captured << segments.at(i);
        else if (parts.at(i) != segments.at(i))
            return false;
    }
    *params = captured;
    return true;
}

QByteArray ApiServer::methodName(const QHttpServerRequest& request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

QByteArray ApiServer::header(const QHttpServerRequest& request, const QByteArray& name)
{
    for (const auto& [key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool ApiServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    QElapsedTimer timer;
    timer.start();
    QString route;
    QString deviceId;
    const QString path = request.url().path();
    ApiReply reply;
    if (PortalServer::handles(path)) {
        // Defence in depth, as for the API: GuardedTcpServer refuses these before reading them.
        reply = request.body().size() > PortalServer::bodyLimit(methodName(request), path.toLatin1())
            ? ApiReply::tooLarge(tr("The request is larger than this server accepts."))
            : m_portal.handle(request, &route);
    } else {
        reply = dispatch(request, &route, &deviceId);
    }
    send(reply, request, socket);
    logRequest(methodName(request), route, reply.status, double(timer.nsecsElapsed()) / 1e6, deviceId);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    send(ApiReply::notFound(tr("There is nothing at this address.")), request, socket);
}

ApiReply ApiServer::dispatch(const QHttpServerRequest& request, QString* routeName, QString* deviceId)
{
    const QByteArray method = methodName(request);
    const QStringList segments = request.url().path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const Route* found = nullptr;
    QStringList params;
    bool pathKnown = false;
    for (const auto& route : routes()) {
        QStringList captured;
        if (!matches(route.pattern, segments, &captured))
            continue;
        pathKnown = true;
        *routeName = route.pattern;
        if (route.method == method) {
            found = &route;
            params = captured;
            break;
        }
    }
    if (!found) {
        if (!pathKnown) {
            *routeName = QStringLiteral("(unknown)");
            return ApiReply::notFound(tr("There is nothing at this address."));
        }
        return ApiReply::error(405, QStringLiteral("bad_request"), tr("This address does not take that method."));
    }
    // Defence in depth: GuardedTcpServer refuses these before reading them.
    if (request.body().size() > bodyLimit(method, request.url().path().toLatin1()))
        return ApiReply::tooLarge(tr("The request is larger than this server accepts."));

    Call call {request, params, std::nullopt};
    if (found->authenticated) {
        ApiReply refused = authenticate(call);
        if (!call.device)
            return refused;
        *deviceId = call.device->deviceId;
    }
    return (this->*(found->handler))(call);
}

ApiReply ApiServer::authenticate(Call& call)
{
    const QByteArray authorization = header(call.request, "Authorization");
    auto unauthorized = [](const QString& message) {
        ApiReply reply = ApiReply::error(401, QStringLiteral("unauthorized"), message);
        reply.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return reply;
    };
    if (authorization.size() <= 7 || authorization.left(7).toLower() != "bearer ")
        return unauthorized(tr("This request needs a device credential."));
    const QByteArray credential = authorization.mid(7).trimmed();
    auto outcome = m_store.authenticate(credentialHash(credential));
    if (!outcome)
        return storeFailure(outcome.error());
    switch (outcome.value().status) {
    case AuthOutcome::Status::Unknown:
        return unauthorized(tr("This device is not enrolled with this server."));
    case AuthOutcome::Status::Revoked: {
        ApiReply reply = ApiReply::error(401, QStringLiteral("device_revoked"),
                                         tr("This device's access was withdrawn by the nursery. Sign out and ask a "
                                            "manager to enrol it again if that was a mistake."));
        reply.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return reply;
    }
    case AuthOutcome::Status::Ok:
        call.device = outcome.value().device;
        return {};
    }
    return ApiReply::internal();
}

ApiReply ApiServer::storeFailure(const Error& error)
{
    if (error.code == Error::Code::Io)
        return ApiReply::unavailable(tr("The server's database is not answering. Try again in a little while."));
    return ApiReply::internal();
}

void ApiServer::send(const ApiReply& reply, const QHttpServerRequest& request, QTcpSocket* socket)
{
    const auto status = QHttpServerResponder::StatusCode(reply.status);
    QHttpServerResponse response = reply.contentType.isEmpty()
        ? QHttpServerResponse(status)
        : QHttpServerResponse(reply.contentType, reply.body, status);
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    for (const auto& [name, value] : reply.headers)
        response.addHeader(name, value);
    response.write(makeResponder(request, socket));
}

void ApiServer::logRequest(const QByteArray& method, const QString& route, int status, double durationMs,
                           const QString& deviceId)
{
    Logging::event(lcServerHttp(), QStringLiteral("request"),
                   {{QStringLiteral("method"), QString::fromLatin1(method)},
                    {QStringLiteral("route"), route},
                    {QStringLiteral("status"), status},
                    {QStringLiteral("duration_ms"), std::round(durationMs * 1000.0) / 1000.0},
                    {QStringLiteral("device"), deviceId.isEmpty() ? QJsonValue() : QJsonValue(deviceId)}});
}

// --- health, enrolment, devices --------------------------------------------------------------------------------------

ApiReply ApiServer::health(Call&)
{
    if (auto answered = m_store.ping(); !answered)
        return ApiReply::unavailable(tr("The server's database is not answering."));
    return ApiReply::json({{QStringLiteral("status"), QStringLiteral("ok")},
                           {QStringLiteral("database"), m_store.backendName()},
                           {QStringLiteral("version"), QStringLiteral(ACORN_VERSION)}});
}

ApiReply ApiServer::enrol(Call& call)
{
    const auto body = jsonObject(call.request.body());
    if (!body)
        return ApiReply::badRequest(tr("The request is not a JSON object."));
    const auto code = body->value(QStringLiteral("code"));
    const auto deviceId = body->value(QStringLiteral("device_id"));
    const auto deviceName = body->value(QStringLiteral("device_name"));
    if (!code.isString())
        return ApiReply::badRequest(tr("code must be text."));
    if (!deviceId.isString() || !isUuid(deviceId.toString()))
        return ApiReply::badRequest(tr("device_id must be a lower-case UUID."));
    const QString name = deviceName.toString().trimmed();
    if (!deviceName.isString() || name.isEmpty() || name.size() > Limits::DeviceNameLength)
        return ApiReply::badRequest(
            tr("device_name must be text of 1 to %1 characters.").arg(Limits::DeviceNameLength));

    // 32 random bytes, base64url: handed out once; the store keeps only the SHA-256.
    const SecureBuffer secret = SecureBuffer::random(CredentialBytes);
    QByteArray credential = QByteArray(reinterpret_cast<const char*>(secret.data()), int(secret.size()))
                                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    auto outcome = m_store.enrol(code.toString(), deviceId.toString(), name, credentialHash(credential));
    if (!outcome) {
        wipeBytes(credential);
        return storeFailure(outcome.error());
    }
    switch (outcome.value().status) {
    case EnrolOutcome::Status::UnknownCode:
        wipeBytes(credential);
        return ApiReply::error(401, QStringLiteral("unauthorized"),
                               tr("This enrolment code is not known. Check it, or ask a manager for a new one."));
    case EnrolOutcome::Status::CodeSpent:
        wipeBytes(credential);
        return ApiReply::error(410, QStringLiteral("gone"),
                               tr("This enrolment code was used already or is more than 24 hours old. Ask a "
                                  "manager for a new one."));
    case EnrolOutcome::Status::DeviceExists:
        wipeBytes(credential);
        return ApiReply::conflict(tr("A device with this id is enrolled already."));
    case EnrolOutcome::Status::Enrolled:
        break;
    }
    ApiReply reply = ApiReply::json({{QStringLiteral("device_id"), deviceId.toString()},
                                     {QStringLiteral("setting_id"), outcome.value().settingId},
                                     {QStringLiteral("credential"), QString::fromLatin1(credential)}},
                                    201);
    wipeBytes(credential);
    return reply;
}

ApiReply ApiServer::issueEnrolmentCode(Call& call)
{
    auto issued = m_store.issueEnrolmentCode(call.device->settingId, call.device->deviceId);
    if (!issued)
        return storeFailure(issued.error());
    return ApiReply::json({{QStringLiteral("code"), issued.value().code},
                           {QStringLiteral("expires_at"), Ids::toIso(issued.value().expiresAt)}},
                          201);
}

ApiReply ApiServer::listDevices(Call& call)
{
    auto devices = m_store.devices(call.device->settingId);
    if (!devices)
        return storeFailure(devices.error());
    QJsonArray list;
    for (const auto& device : devices.value()) {
        list.append(QJsonObject {{QStringLiteral("device_id"), device.deviceId},
                                 {QStringLiteral("device_name"), device.name},
                                 {QStringLiteral("enrolled_at"), Ids::toIso(device.enrolledAt)},
                                 {QStringLiteral("last_seen_at"), isoOrNull(device.lastSeenAt)},
                                 {QStringLiteral("revoked"), device.revoked}});
    }
    return ApiReply::json({{QStringLiteral("devices"), list}});
}

ApiReply ApiServer::revokeDevice(Call& call)
{
    const QString target = call.params.value(0);
    if (!isUuid(target))
        return ApiReply::badRequest(tr("A device id is a lower-case UUID."));
    auto outcome = m_store.revokeDevice(*call.device, target);
    if (!outcome)
        return storeFailure(outcome.error());
    switch (outcome.value()) {
    case RevokeOutcome::NotFound:
        return ApiReply::notFound(tr("There is no such device."));
    case RevokeOutcome::OtherSetting:
        return ApiReply::forbidden(tr("That device belongs to another setting."));
    case RevokeOutcome::Revoked:
        break;
    }
    return ApiReply::noContent();
}

// --- sync ------------------------------------------------------------------------------------------------------------

ApiReply ApiServer::push(Call& call)
{
    PushRequest request;
    PushRequestParser::Failure failure;
    if (!PushRequestParser::parse(call.request.body(), &request, &failure)) {
        return failure.kind == PushRequestParser::Failure::Kind::TooLarge ? ApiReply::tooLarge(failure.message)
                                                                          : ApiReply::badRequest(failure.message);
    }
    auto outcome = m_store.push(*call.device, request.batchId, request.changes);
    if (!outcome)
        return storeFailure(outcome.error());
    if (outcome.value().status == PushOutcome::Status::BatchOfAnotherDevice)
        return ApiReply::conflict(tr("This batch_id was used by another device; make a new one for every batch."));
    QJsonArray results;
    for (const auto& result : outcome.value().results)
        results.append(result.toJson());
    return ApiReply::json({{QStringLiteral("results"), results}});
}

ApiReply ApiServer::pull(Call& call)
{
    const QUrlQuery query(call.request.url());
    const auto since = queryNumber(query, QStringLiteral("since"), 0);
    const auto limit = queryNumber(query, QStringLiteral("limit"), Limits::PullDefault);
    if (!since || *since < 0)
        return ApiReply::badRequest(tr("since must be a whole number from 0."));
    if (!limit || *limit < 1 || *limit > Limits::PullMax)
        return ApiReply::badRequest(tr("limit must be a whole number from 1 to %1.").arg(Limits::PullMax));
    auto page = m_store.pull(call.device->settingId, *since, int(*limit));
    if (!page)
        return storeFailure(page.error());
    QJsonArray changes;
    for (const auto& change : page.value().changes)
        changes.append(change.toJson());
    return ApiReply::json({{QStringLiteral("changes"), changes},
                           {QStringLiteral("next"), double(page.value().next)},
                           {QStringLiteral("more"), page.value().more}});
}

// --- media -----------------------------------------------------------------------------------------------------------

namespace {
ApiReply mediaRefusal(const MediaUploads::Outcome& outcome)
{
    using Kind = MediaUploads::Outcome::Kind;
    switch (outcome.kind) {
    case Kind::Ok:
        break;
    case Kind::BadRequest:
        return ApiReply::badRequest(outcome.message);
    case Kind::TooLarge:
        return ApiReply::tooLarge(outcome.message);
    case Kind::Forbidden:
        return ApiReply::forbidden(outcome.message);
    case Kind::NotFound:
        return ApiReply::notFound(outcome.message);
    case Kind::Conflict:
        return ApiReply::conflict(outcome.message,
                                  outcome.chunks.isEmpty()
                                      ? QJsonObject()
                                      : QJsonObject {{QStringLiteral("missing"), toJsonArray(outcome.chunks)}});
    case Kind::Failed:
        return outcome.error.code == Error::Code::Io || outcome.error.code == Error::Code::DiskFull
            ? ApiReply::unavailable(outcome.message)
            : ApiReply::internal();
    }
    return ApiReply::internal();
}
} // namespace

ApiReply ApiServer::startMedia(Call& call)
{
    const QString mediaId = call.params.value(0);
    if (!isUuid(mediaId))
        return ApiReply::badRequest(tr("A media id is a lower-case UUID."));
    const auto body = jsonObject(call.request.body());
    if (!body)
        return ApiReply::badRequest(tr("The request is not a JSON object."));
    const auto size = wholeNumber(body->value(QStringLiteral("size")), 0);
    const auto sha256 = body->value(QStringLiteral("sha256"));
    std::optional<qint64> chunkSize = 0;
    if (body->contains(QStringLiteral("chunk_size")))
        chunkSize = wholeNumber(body->value(QStringLiteral("chunk_size")), 1);
    if (!size)
        return ApiReply::badRequest(tr("size must be a whole number from 0."));
    if (!sha256.isString())
        return ApiReply::badRequest(tr("sha256 must be text."));
    if (!chunkSize)
        return ApiReply::badRequest(tr("chunk_size must be a whole number from 1."));
    const auto outcome = m_media.start(*call.device, mediaId, *size, sha256.toString(), *chunkSize);
    if (outcome.kind != MediaUploads::Outcome::Kind::Ok)
        return mediaRefusal(outcome);
    return ApiReply::json({{QStringLiteral("chunk_size"), double(outcome.chunkSize)},
                           {QStringLiteral("received"), toJsonArray(outcome.chunks)}});
}

ApiReply ApiServer::putMediaChunk(Call& call)
{
    const QString mediaId = call.params.value(0);
    if (!isUuid(mediaId))
        return ApiReply::badRequest(tr("A media id is a lower-case UUID."));
    bool ok = false;
    const QString indexText = call.params.value(1);
    const int index = indexText.toInt(&ok);
    if (!ok || index < 0 || indexText != QString::number(index))
        return ApiReply::badRequest(tr("A chunk index is a whole number from 0."));
    const auto outcome
        = m_media.putChunk(*call.device, mediaId, index,
                           QString::fromLatin1(header(call.request, "X-Chunk-Sha256")).trimmed(), call.request.body());
    if (outcome.kind != MediaUploads::Outcome::Kind::Ok)
        return mediaRefusal(outcome);
    return ApiReply::noContent();
}

ApiReply ApiServer::completeMedia(Call& call)
{
    const QString mediaId = call.params.value(0);
    if (!isUuid(mediaId))
        return ApiReply::badRequest(tr("A media id is a lower-case UUID."));
    const auto outcome = m_media.complete(*call.device, mediaId);
    if (outcome.kind != MediaUploads::Outcome::Kind::Ok)
        return mediaRefusal(outcome);
    return ApiReply::json({{QStringLiteral("sha256"), outcome.sha256}, {QStringLiteral("size"), double(outcome.size)}});
}

ApiReply ApiServer::mediaStatus(Call& call)
{
    const QString mediaId = call.params.value(0);
    if (!isUuid(mediaId))
        return ApiReply::badRequest(tr("A media id is a lower-case UUID."));
    const auto outcome = m_media.status(*call.device, mediaId);
    if (outcome.kind != MediaUploads::Outcome::Kind::Ok)
        return mediaRefusal(outcome);
    // Once complete, the sha256 and size are the ones the whole file was checked against.
    return ApiReply::json(
        {{QStringLiteral("state"), outcome.complete ? QStringLiteral("complete") : QStringLiteral("uploading")},
         {QStringLiteral("received"), toJsonArray(outcome.chunks)},
         {QStringLiteral("sha256"), outcome.sha256},
         {QStringLiteral("size"), double(outcome.size)}});
}

ApiReply ApiServer::mediaContent(Call& call)
{
    const QString mediaId = call.params.value(0);
    if (!isUuid(mediaId))
        return ApiReply::badRequest(tr("A media id is a lower-case UUID."));
    const auto status = m_media.status(*call.device, mediaId);
    if (status.kind != MediaUploads::Outcome::Kind::Ok)
        return mediaRefusal(status);
    if (!status.complete)
        return ApiReply::notFound(tr("This media file has not arrived completely yet."));
    // A range is served as asked (up to MaxRead bytes at a time); without one, a file small enough comes whole.
    ByteRange range;
    const auto parsed = ByteRange::parse(header(call.request, "Range"), status.size, &range);
    if (parsed == ByteRange::Parse::Unsatisfiable) {
        ApiReply reply
            = ApiReply::error(416, QStringLiteral("bad_request"), tr("The range asked for is outside the file."));
        reply.headers.append(qMakePair(QByteArray("Content-Range"), "bytes */" + QByteArray::number(status.size)));
        return reply;
    }
    if (parsed == ByteRange::Parse::None) {
        if (status.size > MediaUploads::MaxRead)
            return ApiReply::tooLarge(tr("This file is large: ask for it in ranges of at most 4 MiB."));
        range = {0, status.size - 1};
    }
    ApiReply reply;
    reply.contentType = "application/octet-stream";
    reply.headers.append({QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes")});
    reply.headers.append({QByteArrayLiteral("X-Content-Sha256"), status.sha256.toLatin1()});
    if (status.size == 0)
        return reply;
    const auto outcome = m_media.read(call.device->settingId, mediaId, range.first, range.length());
    if (outcome.kind != MediaUploads::Outcome::Kind::Ok)
        return mediaRefusal(outcome);
    reply.body = outcome.bytes;
    if (parsed == ByteRange::Parse::Valid) {
        reply.status = 206;
        range.last = range.first + outcome.bytes.size() - 1;
        reply.headers.append({QByteArrayLiteral("Content-Range"), range.contentRange(status.size)});
    }
    return reply;
}

// --- parent portal: invitations and its trail, for staff devices ---------------------------------------------------

ApiReply ApiServer::createInvitation(Call& call)
{
    const auto body = jsonObject(call.request.body());
    if (!body)
        return ApiReply::badRequest(tr("The request is not a JSON object."));
    const QString guardianId = body->value(QStringLiteral("guardian_id")).toString();
    if (!isUuid(guardianId))
        return ApiReply::badRequest(tr("guardian_id must be a lower-case UUID."));
    QStringList childIds;
    const QJsonValue children = body->value(QStringLiteral("child_ids"));
    if (!children.isArray() || children.toArray().isEmpty() || children.toArray().size() > 20)
        return ApiReply::badRequest(tr("child_ids must be a list of 1 to 20 child ids."));
    for (const QJsonValue& v : children.toArray()) {
        if (!isUuid(v.toString()))
            return ApiReply::badRequest(tr("child_ids must be a list of 1 to 20 child ids."));
        childIds << v.toString();
    }
    std::optional<qint64> days = PortalAuth::InvitationDays;
    if (body->contains(QStringLiteral("days")))
        days = wholeNumber(body->value(QStringLiteral("days")), 1);
    if (!days || *days > PortalAuth::MaxInvitationDays)
        return ApiReply::badRequest(tr("days must be a whole number from 1 to %1.").arg(PortalAuth::MaxInvitationDays));
    auto issued = m_portalAuth.invite(*call.device, guardianId, childIds, int(*days));
    if (!issued) {
        if (issued.code() == Error::Code::NotFound)
            return ApiReply::notFound(issued.errorMessage());
        if (issued.code() == Error::Code::InvalidInput)
            return ApiReply::badRequest(issued.errorMessage());
        return storeFailure(issued.error());
    }
    QJsonObject answer {{QStringLiteral("invitation_id"), issued.value().invitationId},
                        {QStringLiteral("code"), issued.value().code},
                        {QStringLiteral("expires_at"), Ids::toIso(issued.value().expiresAt)},
                        {QStringLiteral("path"), QStringLiteral("/portal/accept?code=") + issued.value().code},
                        {QStringLiteral("emailed"), false}};
    // By e-mail too, when asked and the server has a relay: to the address on the guardian's record.
    if (body->value(QStringLiteral("email")).toBool()) {
        QString problem;
        auto guardian = m_store.entity(call.device->settingId, QStringLiteral("guardian"), guardianId);
        const QJsonObject row = guardian && guardian.value()
            ? QJsonDocument::fromJson(guardian.value()->state.data).object()
            : QJsonObject();
        const QString address = row.value(QStringLiteral("email")).toString().trimmed();
        if (!m_mailer.isEnabled()) {
            problem = tr("This server has no e-mail relay set up: give the parent the letter instead.");
        } else if (address.isEmpty()) {
            problem = tr("There is no e-mail address on this parent's record.");
        } else {
            const QUrl link = m_mailer.link(QStringLiteral("/portal/accept?code=") + issued.value().code);
            const QString text
                = tr("Dear %1,\n\nThe nursery has invited you to its online learning journal, where you can see "
                     "what your child does and learns, reply, and add what happens at home.\n\nOpen this link to "
                     "set your password (it works once, until %2):\n%3\n\nOr go to %4 and type this code: %5\n\n"
                     "Before you see the journal you will be asked to read and sign the nursery's agreement not to "
                     "download or share anything from it.\n\nIf you did not expect this message, you can ignore it.")
                      .arg(row.value(QStringLiteral("name")).toString(),
                           QLocale(QLocale::English, QLocale::UnitedKingdom)
                               .toString(issued.value().expiresAt.date(), QStringLiteral("d MMMM yyyy")),
                           link.toString(), m_mailer.link(QStringLiteral("/portal/accept")).toString(),
                           issued.value().code);
            if (auto sent = m_mailer.send(address, tr("Your invitation to the nursery's learning journal"), text); sent)
                answer.insert(QStringLiteral("emailed"), true);
            else
                problem = sent.errorMessage();
        }
        if (!problem.isEmpty())
            answer.insert(QStringLiteral("email_problem"), problem);
    }
    return ApiReply::json(answer, 201);
}

ApiReply ApiServer::listInvitations(Call& call)
{
    const QString guardianId = QUrlQuery(call.request.url()).queryItemValue(QStringLiteral("guardian_id"));
    if (!isUuid(guardianId))
        return ApiReply::badRequest(tr("guardian_id must be a lower-case UUID."));
    auto list = m_store.invitations(call.device->settingId, guardianId);
    if (!list)
        return storeFailure(list.error());
    auto account = m_store.accountByGuardian(guardianId);
    if (!account)
        return storeFailure(account.error());
    QJsonArray invitations;
    for (const PortalInvitation& i : list.value())
        invitations.append(QJsonObject {{QStringLiteral("invitation_id"), i.invitationId},
                                        {QStringLiteral("child_ids"), QJsonArray::fromStringList(i.childIds)},
                                        {QStringLiteral("created_at"), Ids::toIso(i.createdAt)},
                                        {QStringLiteral("expires_at"), Ids::toIso(i.expiresAt)},
                                        {QStringLiteral("used_at"), isoOrNull(i.usedAt)},
                                        {QStringLiteral("revoked_at"), isoOrNull(i.revokedAt)}});
    const bool hasAccount = account.value() && account.value()->settingId == call.device->settingId;
    return ApiReply::json({{QStringLiteral("invitations"), invitations}, {QStringLiteral("has_account"), hasAccount}});
}

ApiReply ApiServer::revokeInvitation(Call& call)
{
    const QString id = call.params.value(0);
    if (!isUuid(id))
        return ApiReply::badRequest(tr("An invitation id is a lower-case UUID."));
    auto revoked = m_store.revokeInvitation(call.device->settingId, id);
    if (!revoked)
        return storeFailure(revoked.error());
    if (!revoked.value())
        return ApiReply::notFound(tr("No invitation of this nursery that can still be withdrawn has this id."));
    return ApiReply::noContent();
}

ApiReply ApiServer::listPortalEvents(Call& call)
{
    const auto limit = queryNumber(QUrlQuery(call.request.url()), QStringLiteral("limit"), 200);
    if (!limit || *limit < 1 || *limit > 1000)
        return ApiReply::badRequest(tr("limit must be a whole number from 1 to 1000."));
    auto events = m_store.portalEvents(call.device->settingId, int(*limit));
    if (!events)
        return storeFailure(events.error());
    QJsonArray list;
    for (const PortalEvent& e : events.value())
        list.append(QJsonObject {{QStringLiteral("at"), Ids::toIso(e.at)},
                                 {QStringLiteral("guardian_id"), e.guardianId},
                                 {QStringLiteral("action"), e.action},
                                 {QStringLiteral("detail"), e.detail}});
    return ApiReply::json({{QStringLiteral("events"), list}});
}

} // namespace Acorn::Server
