#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include "Result.h"
#include "auth/Session.h"

#include <memory>

namespace Acorn {
class Clock;
}

namespace Acorn::Cli {

// The acorn-cli commands. Each returns the process exit code: 0 done, 1 failed (message on stderr), 2 misuse.
class CliCommands final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Cli::CliCommands)
public:
    explicit CliCommands(QString dataDir);

    int run(const QStringList& arguments);

private:
    int init(const QStringList& args);
    int verify(const QStringList& args);
    int info(const QStringList& args);
    int changePassword(const QStringList& args);
    int backup(const QStringList& args);
    int restore(const QStringList& args);
    int resetPassword(const QStringList& args);
    int importContribution(const QStringList& args);
    int device(const QStringList& args);
    int deviceShow(const QStringList& args);
    int deviceSet(const QStringList& args);
    int deviceCheck(const QStringList& args);
    int sync(const QStringList& args); // CliSyncCommands.cpp
    int portal(const QStringList& args); // CliPortalCommands.cpp

    // Reads the password from standard input and signs in; the password is wiped on return.
    Result<std::unique_ptr<Session>> signIn(const QString& userName);
    int fail(const QString& message);
    int usage(const QString& message);

    QString m_dataDir;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace Acorn::Cli
