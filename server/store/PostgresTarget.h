#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Acorn::Server {

// Where the PostgreSQL database is, from a libpq-style URL:
//   postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?host=/socket/dir&sslmode=require&connect_timeout=5]
// A password is better kept out of the URL (it shows in `ps`): libpq reads PGPASSWORD and ~/.pgpass.
struct PostgresTarget
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::PostgresTarget)
public:
    QString host; // a name, an address, or a socket directory (starts with '/')
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QStringList options; // libpq key=value pairs for QSqlDatabase::setConnectOptions

    [[nodiscard]] static Result<PostgresTarget> fromUrl(const QString& url);
    // For logs and messages: never the password.
    QString describe() const;
};

} // namespace Acorn::Server
