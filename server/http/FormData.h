#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Acorn::Server::FormData {

// What browsers send: application/x-www-form-urlencoded bodies, Cookie headers, multipart/form-data uploads.
// Every parser here takes untrusted bytes and never reads outside them.

// name → value (the first of repeated names; '+' is a space).
QHash<QString, QString> urlEncoded(const QByteArray& body);
// All values of a repeated name, in order.
QList<QString> urlEncodedAll(const QByteArray& body, const QString& name);
// name → value from a Cookie header ("a=1; b=2").
QHash<QString, QString> cookies(const QByteArray& header);

struct Part
{
    QString name;
    QString fileName; // empty for a plain field
    QByteArray contentType; // as the browser said: never trusted for what the data is
    QByteArray data;
};
// RFC 7578 multipart/form-data with the boundary from the Content-Type header; nullopt when malformed or when it has
// more than maxParts parts.
std::optional<QList<Part>> multipart(const QByteArray& contentType, const QByteArray& body, int maxParts = 64);

} // namespace Acorn::Server::FormData
