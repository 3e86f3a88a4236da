#include "store/PostgresTarget.h"

#include <QUrl>
#include <QUrlQuery>

namespace Acorn::Server {

Result<PostgresTarget> PostgresTarget::fromUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    const auto bad = [&](const QString& why) {
        return Error(Error::Code::InvalidInput,
                     tr("The --database address is not usable (%1). Write it as "
                        "postgresql://USER@HOST:PORT/DATABASE.")
                         .arg(why));
    };
    if (!url.isValid())
        return bad(tr("not a URL"));
    if (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres"))
        return bad(tr("it must start with postgresql://"));
    PostgresTarget target;
    target.host = url.host();
    target.port = url.port(5432);
    target.user = url.userName();
    target.password = url.password();
    target.database = url.path().mid(1);
    if (target.database.isEmpty() || target.database.contains(QLatin1Char('/')))
        return bad(tr("no database name"));
    if (target.user.isEmpty())
        return bad(tr("no user name"));
    static const QStringList allowed {QStringLiteral("sslmode"),
                                      QStringLiteral("sslrootcert"),
                                      QStringLiteral("sslcert"),
                                      QStringLiteral("sslkey"),
                                      QStringLiteral("connect_timeout"),
                                      QStringLiteral("application_name"),
                                      QStringLiteral("target_session_attrs")};
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host")) {
            target.host = value;
        } else if (allowed.contains(key)) {
            if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char(' ')))
                return bad(tr("the value of %1").arg(key));
            target.options << key + QLatin1Char('=') + value;
        } else {
            return bad(tr("unknown parameter %1").arg(key));
        }
    }
    if (!query.hasQueryItem(QStringLiteral("connect_timeout")))
        target.options << QStringLiteral("connect_timeout=10");
    if (!query.hasQueryItem(QStringLiteral("application_name")))
        target.options << QStringLiteral("application_name=acorn-server");
    return target;
}

QString PostgresTarget::describe() const
{
    return QStringLiteral("postgresql://%1@%2:%3/%4")
        .arg(user, host.isEmpty() ? QStringLiteral("(local socket)") : host)
        .arg(port)
        .arg(database);
}

} // namespace Acorn::Server
