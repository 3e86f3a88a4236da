#include "sync/SyncTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Acorn::Server {

const QStringList& entityKinds()
{
    static const QStringList kinds {
        QStringLiteral("room"),          QStringLiteral("staff"),
        QStringLiteral("keyring_entry"), QStringLiteral("child"),
        QStringLiteral("guardian"),      QStringLiteral("guardian_link"),
        QStringLiteral("observation"),   QStringLiteral("observation_child"),
        QStringLiteral("media_item"),    QStringLiteral("comment"),
        QStringLiteral("review"),        QStringLiteral("setting_value"),
    };
    return kinds;
}

bool isEntityKind(const QString& entity)
{
    return entityKinds().contains(entity);
}

bool isUuid(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    return pattern.match(text).hasMatch();
}

bool isSha256Hex(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{64}$"));
    return pattern.match(text).hasMatch();
}

QJsonValue jsonValueFromText(const QByteArray& text)
{
    if (text.isEmpty() || text == "null")
        return QJsonValue::Null;
    const auto document = QJsonDocument::fromJson(text);
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return QJsonValue::Null;
}

QString ChangeResult::statusName(Status status)
{
    switch (status) {
    case Status::Applied:
        return QStringLiteral("applied");
    case Status::Duplicate:
        return QStringLiteral("duplicate");
    case Status::Conflict:
        return QStringLiteral("conflict");
    case Status::Rejected:
        return QStringLiteral("rejected");
    }
    return {};
}

QJsonObject ChangeResult::toJson() const
{
    QJsonObject object {{QStringLiteral("device_seq"), double(deviceSeq)},
                        {QStringLiteral("status"), statusName(status)}};
    if (serverSeq > 0)
        object.insert(QStringLiteral("server_seq"), double(serverSeq));
    if (status == Status::Conflict) {
        if (current) {
            object.insert(QStringLiteral("current"),
                          QJsonObject {{QStringLiteral("revision"), double(current->revision)},
                                       {QStringLiteral("deleted"), current->deleted},
                                       {QStringLiteral("data"), jsonValueFromText(current->data)}});
        } else {
            object.insert(QStringLiteral("current"), QJsonValue::Null);
        }
    }
    if (!reason.isEmpty())
        object.insert(QStringLiteral("reason"), reason);
    return object;
}

std::optional<ChangeResult> ChangeResult::fromJson(const QJsonObject& object)
{
    ChangeResult result;
    result.deviceSeq = qint64(object.value(QStringLiteral("device_seq")).toDouble());
    const QString status = object.value(QStringLiteral("status")).toString();
    bool known = false;
    for (auto s : {Status::Applied, Status::Duplicate, Status::Conflict, Status::Rejected}) {
        if (statusName(s) == status) {
            result.status = s;
            known = true;
        }
    }
    if (!known || result.deviceSeq <= 0)
        return std::nullopt;
    result.serverSeq = qint64(object.value(QStringLiteral("server_seq")).toDouble());
    const auto current = object.value(QStringLiteral("current"));
    if (current.isObject()) {
        const auto c = current.toObject();
        EntityState state;
        state.revision = qint64(c.value(QStringLiteral("revision")).toDouble());
        state.deleted = c.value(QStringLiteral("deleted")).toBool();
        const auto data = c.value(QStringLiteral("data"));
        state.data = data.isObject() ? QJsonDocument(data.toObject()).toJson(QJsonDocument::Compact)
                                     : QByteArrayLiteral("null");
        result.current = std::move(state);
    }
    result.reason = object.value(QStringLiteral("reason")).toString();
    return result;
}

QJsonObject LoggedChange::toJson() const
{
    return {{QStringLiteral("seq"), double(seq)},
            {QStringLiteral("entity"), entity},
            {QStringLiteral("id"), id},
            {QStringLiteral("revision"), double(revision)},
            {QStringLiteral("deleted"), deleted},
            {QStringLiteral("data"), jsonValueFromText(data)},
            {QStringLiteral("origin_device"), originDevice}};
}

} // namespace Acorn::Server
