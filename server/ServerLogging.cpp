#include "ServerLogging.h"

#include "domain/Ids.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstdlib>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcServer, "acorn.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerStore, "acorn.server.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerHttp, "acorn.server.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerMedia, "acorn.server.media", QtInfoMsg)

namespace Acorn::Server::Logging {

namespace {
const char* levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QJsonObject line {{QStringLiteral("time"), Ids::toIso(QDateTime::currentDateTimeUtc())},
                            {QStringLiteral("level"), QLatin1String(levelName(type))},
                            {QStringLiteral("category"), QLatin1String(context.category ? context.category : "")},
                            {QStringLiteral("message"), message}};
    writeLine(QJsonDocument(line).toJson(QJsonDocument::Compact));
    if (type == QtFatalMsg)
        std::abort();
}
} // namespace

void event(const QLoggingCategory& category, const QString& message, const QJsonObject& fields)
{
    if (!category.isInfoEnabled())
        return;
    QJsonObject line {{QStringLiteral("time"), Ids::toIso(QDateTime::currentDateTimeUtc())},
                      {QStringLiteral("level"), QStringLiteral("info")},
                      {QStringLiteral("category"), QLatin1String(category.categoryName())},
                      {QStringLiteral("message"), message}};
    for (auto it = fields.begin(); it != fields.end(); ++it)
        line.insert(it.key(), it.value());
    writeLine(QJsonDocument(line).toJson(QJsonDocument::Compact));
}

void installJsonHandler()
{
    qInstallMessageHandler(handler);
}

void writeLine(const QByteArray& jsonObject)
{
    QByteArray line = jsonObject;
    line += '\n';
    const char* data = line.constData();
    qsizetype left = line.size();
    while (left > 0) {
        const ssize_t n = ::write(STDERR_FILENO, data, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; // nowhere to log to; never block or crash the server for it
        data += n;
        left -= n;
    }
}

} // namespace Acorn::Server::Logging
