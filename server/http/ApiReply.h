#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace Acorn::Server {

// What a handler answers; ApiServer writes it out. Errors always have the protocol's shape:
// {"error": {"code": "snake_case_code", "message": "Plain words for a person."}}.
struct ApiReply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiReply json(const QJsonObject& object, int status = 200);
    static ApiReply noContent();
    // `extra` goes into the error object and beside it (e.g. "missing" for an incomplete upload).
    static ApiReply error(int status, const QString& code, const QString& message, const QJsonObject& extra = {});
    static QByteArray errorBody(const QString& code, const QString& message, const QJsonObject& extra = {});

    // The protocol's codes.
    static ApiReply badRequest(const QString& message) { return error(400, QStringLiteral("bad_request"), message); }
    static ApiReply tooLarge(const QString& message) { return error(413, QStringLiteral("too_large"), message); }
    static ApiReply forbidden(const QString& message) { return error(403, QStringLiteral("forbidden"), message); }
    static ApiReply notFound(const QString& message) { return error(404, QStringLiteral("not_found"), message); }
    static ApiReply conflict(const QString& message, const QJsonObject& extra = {})
    {
        return error(409, QStringLiteral("conflict"), message, extra);
    }
    static ApiReply unavailable(const QString& message, int retryAfterSecs = 5);
    static ApiReply internal();
};

} // namespace Acorn::Server
