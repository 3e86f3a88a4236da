#include "http/ApiReply.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace Acorn::Server {

ApiReply ApiReply::json(const QJsonObject& object, int status)
{
    ApiReply reply;
    reply.status = status;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

ApiReply ApiReply::noContent()
{
    ApiReply reply;
    reply.status = 204;
    reply.contentType.clear();
    return reply;
}

QByteArray ApiReply::errorBody(const QString& code, const QString& message, const QJsonObject& extra)
{
    QJsonObject error {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    QJsonObject root;
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        error.insert(it.key(), it.value());
        root.insert(it.key(), it.value());
    }
    root.insert(QStringLiteral("error"), error);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

ApiReply ApiReply::error(int status, const QString& code, const QString& message, const QJsonObject& extra)
{
    ApiReply reply;
    reply.status = status;
    reply.body = errorBody(code, message, extra);
    return reply;
}

ApiReply ApiReply::unavailable(const QString& message, int retryAfterSecs)
{
    ApiReply reply = error(503, QStringLiteral("unavailable"), message);
    reply.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSecs)});
    return reply;
}

ApiReply ApiReply::internal()
{
    return error(500, QStringLiteral("internal"),
                 QCoreApplication::translate("Acorn::Server::ApiReply",
                                             "Something went wrong on the server. Try again later; if it keeps "
                                             "happening, tell the server's administrator."));
}

} // namespace Acorn::Server
