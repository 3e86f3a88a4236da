#include "http/FormData.h"

#include <QUrl>

namespace Acorn::Server::FormData {

namespace {
QString decodeComponent(QByteArray text)
{
    text.replace('+', ' ');
    return QUrl::fromPercentEncoding(text);
}

// The value of `key` in a header's parameters ("form-data; name=\"x\"; filename=\"y\""), unquoted.
QByteArray parameter(const QByteArray& header, const QByteArray& key)
{
    for (const QByteArray& piece : header.split(';')) {
        const QByteArray p = piece.trimmed();
        const qsizetype eq = p.indexOf('=');
        if (eq <= 0 || p.left(eq).trimmed().toLower() != key)
            continue;
        QByteArray value = p.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2).replace("\\\"", "\"");
        return value;
    }
    return {};
}
} // namespace

QHash<QString, QString> urlEncoded(const QByteArray& body)
{
    QHash<QString, QString> fields;
    for (const QByteArray& pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QString name = decodeComponent(eq < 0 ? pair : pair.left(eq));
        if (!fields.contains(name))
            fields.insert(name, eq < 0 ? QString() : decodeComponent(pair.mid(eq + 1)));
    }
    return fields;
}

QList<QString> urlEncodedAll(const QByteArray& body, const QString& name)
{
    QList<QString> values;
    for (const QByteArray& pair : body.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        if (eq > 0 && decodeComponent(pair.left(eq)) == name)
            values << decodeComponent(pair.mid(eq + 1));
    }
    return values;
}

QHash<QString, QString> cookies(const QByteArray& header)
{
    QHash<QString, QString> jar;
    for (const QByteArray& piece : header.split(';')) {
        const QByteArray p = piece.trimmed();
        const qsizetype eq = p.indexOf('=');
        if (eq <= 0)
            continue;
        const QString name = QString::fromLatin1(p.left(eq).trimmed());
        if (!jar.contains(name))
            jar.insert(name, QString::fromLatin1(p.mid(eq + 1).trimmed()));
    }
    return jar;
}

std::optional<QList<Part>> multipart(const QByteArray& contentType, const QByteArray& body, int maxParts)
{
    if (!contentType.trimmed().toLower().startsWith("multipart/form-data"))
        return std::nullopt;
    const QByteArray boundary = parameter(contentType, "boundary");
    if (boundary.isEmpty() || boundary.size() > 200)
        return std::nullopt;
    const QByteArray delimiter = "--" + boundary;
    QList<Part> parts;
    qsizetype at = body.indexOf(delimiter);
    if (at < 0)
        return std::nullopt;
    for (;;) {
        at += delimiter.size();
        if (body.mid(at, 2) == "--")
            return parts; // the closing delimiter
        if (body.mid(at, 2) != "\r\n")
            return std::nullopt;
        at += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", at);
        if (headersEnd < 0)
            return std::nullopt;
        Part part;
        for (const QByteArray& line : body.mid(at, headersEnd - at).split('\n')) {
            const QByteArray l = line.trimmed();
            const qsizetype colon = l.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray key = l.left(colon).trimmed().toLower();
            const QByteArray value = l.mid(colon + 1).trimmed();
            if (key == "content-disposition") {
                part.name = QString::fromUtf8(parameter(value, "name"));
                part.fileName = QString::fromUtf8(parameter(value, "filename"));
            } else if (key == "content-type") {
                part.contentType = value;
            }
        }
        const qsizetype dataStart = headersEnd + 4;
        const qsizetype next = body.indexOf("\r\n" + delimiter, dataStart);
        if (next < 0)
            return std::nullopt;
        part.data = body.mid(dataStart, next - dataStart);
        if (part.name.isEmpty() || parts.size() >= maxParts)
            return std::nullopt;
        parts.append(part);
        at = next + 2;
    }
}

} // namespace Acorn::Server::FormData
