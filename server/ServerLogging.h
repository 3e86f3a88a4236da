#pragma once

#include <QJsonObject>
#include <QLoggingCategory>

// acorn-server's categories. Like the core's: ids only, never names, texts, bodies or credentials.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcServerStore)
Q_DECLARE_LOGGING_CATEGORY(lcServerHttp)
Q_DECLARE_LOGGING_CATEGORY(lcServerMedia)

namespace Acorn::Server::Logging {

// Every message (ours and Qt's) becomes one JSON object on one line of stderr: {"time", "level", "category",
// "message"}. Request lines are written by RequestLog in the same shape with their own fields.
void installJsonHandler();
// One structured line: {"time", "level": "info", "category", "message", ...fields}.
void event(const QLoggingCategory& category, const QString& message, const QJsonObject& fields);
// Writes one finished JSON line to stderr at once (a single write, so lines from two threads never interleave).
void writeLine(const QByteArray& jsonObject);

} // namespace Acorn::Server::Logging
