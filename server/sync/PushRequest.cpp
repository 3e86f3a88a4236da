#include "sync/PushRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

namespace Acorn::Server {

namespace {
// JSON numbers are doubles: integers are exact up to 2^53.
constexpr double MaxExactInteger = 9007199254740992.0;

bool readInteger(const QJsonObject& object, const QString& key, qint64 minimum, qint64* out)
{
    const auto value = object.value(key);
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (std::trunc(d) != d || d < double(minimum) || d > MaxExactInteger)
        return false;
    *out = qint64(d);
    return true;
}
} // namespace

bool PushRequestParser::parse(const QByteArray& body, PushRequest* request, Failure* failure)
{
    auto fail = [failure](Failure::Kind kind, const QString& message) {
        *failure = {kind, message};
        return false;
    };
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(Failure::Kind::BadRequest, tr("The request is not a JSON object."));
    const auto root = document.object();

    const auto batchId = root.value(QStringLiteral("batch_id"));
    if (!batchId.isString() || !isUuid(batchId.toString()))
        return fail(Failure::Kind::BadRequest, tr("batch_id must be a lower-case UUID."));
    const auto changes = root.value(QStringLiteral("changes"));
    if (!changes.isArray())
        return fail(Failure::Kind::BadRequest, tr("changes must be a list."));
    const auto list = changes.toArray();
    if (list.size() > Limits::PushChanges)
        return fail(
            Failure::Kind::TooLarge,
            tr("A push may carry at most %1 changes; send the rest in another batch.").arg(Limits::PushChanges));

    PushRequest parsed;
    parsed.batchId = batchId.toString();
    parsed.changes.reserve(list.size());
    for (int i = 0; i < list.size(); ++i) {
        const auto where = tr("Change %1: ").arg(i);
        if (!list.at(i).isObject())
            return fail(Failure::Kind::BadRequest, where + tr("not a JSON object."));
        const auto c = list.at(i).toObject();
        IncomingChange change;
        if (!readInteger(c, QStringLiteral("device_seq"), 1, &change.deviceSeq))
            return fail(Failure::Kind::BadRequest, where + tr("device_seq must be a whole number from 1."));
        const auto entity = c.value(QStringLiteral("entity"));
        if (!entity.isString())
            return fail(Failure::Kind::BadRequest, where + tr("entity must be text."));
        change.entity = entity.toString();
        if (!isEntityKind(change.entity))
            return fail(Failure::Kind::BadRequest, where + tr("entity is not one this server knows."));
        const auto id = c.value(QStringLiteral("id"));
        if (!id.isString() || !isUuid(id.toString()))
            return fail(Failure::Kind::BadRequest, where + tr("id must be a lower-case UUID."));
        change.id = id.toString();
        if (!readInteger(c, QStringLiteral("base_revision"), 0, &change.baseRevision))
            return fail(Failure::Kind::BadRequest, where + tr("base_revision must be a whole number from 0."));
        if (!readInteger(c, QStringLiteral("revision"), 1, &change.revision) || change.revision <= change.baseRevision)
            return fail(Failure::Kind::BadRequest, where + tr("revision must be a whole number above base_revision."));
        const auto deleted = c.value(QStringLiteral("deleted"));
        if (!deleted.isBool())
            return fail(Failure::Kind::BadRequest, where + tr("deleted must be true or false."));
        change.deleted = deleted.toBool();
        const auto data = c.value(QStringLiteral("data"));
        if (data.isObject())
            change.data = QJsonDocument(data.toObject()).toJson(QJsonDocument::Compact);
        else if (data.isNull() && change.deleted)
            change.data = QByteArrayLiteral("null");
        else
            return fail(Failure::Kind::BadRequest, where + tr("data must be a JSON object."));
        parsed.changes.append(std::move(change));
    }
    *request = std::move(parsed);
    return true;
}

} // namespace Acorn::Server
