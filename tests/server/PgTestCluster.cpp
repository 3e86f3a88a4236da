#include "PgTestCluster.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

#include <cerrno>

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <ftw.h>

namespace {
uid_t g_uid = 0;
gid_t g_gid = 0;

int chownEntry(const char* path, const struct stat*, int, struct FTW*)
{
    return ::lchown(path, g_uid, g_gid) == 0 ? 0 : -1;
}

// A zombie (a dead process nobody reaped yet) counts as dead.
bool isAlive(qint64 pid)
{
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || line.mid(close + 2, 1) != "Z";
}

bool chownTree(const QString& path, const char* user)
{
    const passwd* pw = ::getpwnam(user);
    if (!pw)
        return false;
    g_uid = pw->pw_uid;
    g_gid = pw->pw_gid;
    return ::nftw(QFile::encodeName(path).constData(), chownEntry, 16, FTW_PHYS) == 0;
}
} // namespace

PgTestCluster::~PgTestCluster()
{
    stop();
}

QString PgTestCluster::binDir()
{
    const QByteArray env = qgetenv("ACORN_PG_BINDIR");
    return env.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin") : QString::fromLocal8Bit(env);
}

QString PgTestCluster::socketDir() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("sock")) : QString();
}

QString PgTestCluster::url(const QString& database) const
{
    return QStringLiteral("postgresql://%1@localhost:%2/%3?host=%4").arg(user()).arg(port()).arg(database, socketDir());
}

QString PgTestCluster::log() const
{
    if (!m_dir)
        return {};
    QFile file(m_dir->filePath(QStringLiteral("postgres.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(4000)) : QString();
}

bool PgTestCluster::runTool(const QString& tool, const QStringList& args, QString* error, bool asOwner, int timeoutMs)
{
    return runTool(m_dir->path(), tool, args, error, asOwner && m_asNobody, timeoutMs);
}

bool PgTestCluster::runTool(const QString& workingDir, const QString& tool, const QStringList& args, QString* error,
                            bool asNobody, int timeoutMs)
{
    const QString program = QDir(binDir()).filePath(tool);
    QProcess process;
    process.setWorkingDirectory(workingDir); // nobody may not enter the test's own working directory
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (asNobody)
        process.start(QStringLiteral("runuser"),
                      QStringList {QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--"), program}
                          + args);
    else
        process.start(program, args);
    if (!process.waitForStarted(10000)) {
        *error = tool + QStringLiteral(" did not start: ") + process.errorString();
        return false;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        *error = tool + QStringLiteral(" took too long");
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = tool + QStringLiteral(" failed: ") + QString::fromLocal8Bit(process.readAll()).right(2000);
        return false;
    }
    return true;
}

void PgTestCluster::reapOrphans()
{
    const QDir temp(QDir::tempPath());
    for (const auto& name : temp.entryList({QStringLiteral("acorn-pg-*")}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString dir = temp.filePath(name);
        QFile owner(dir + QStringLiteral("/owner.pid"));
        if (!owner.open(QIODevice::ReadOnly))
            continue;
        const qint64 pid = owner.readAll().trimmed().toLongLong();
        if (pid <= 0 || isAlive(pid))
            continue; // its test is still running
        if (QFile::exists(dir + QStringLiteral("/data/postmaster.pid"))) {
            QString ignored;
            runTool(dir, QStringLiteral("pg_ctl"),
                    {QStringLiteral("-D"), dir + QStringLiteral("/data"), QStringLiteral("-m"),
                     QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop")},
                    &ignored, ::geteuid() == 0);
        }
        QDir(dir).removeRecursively();
    }
}

bool PgTestCluster::start(QString* error)
{
    if (m_running)
        return true;
    if (!QFile::exists(QDir(binDir()).filePath(QStringLiteral("initdb")))) {
        *error
            = QStringLiteral("PostgreSQL 15 is not installed (no initdb in %1): run scripts/bootstrap").arg(binDir());
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/acorn-pg-XXXXXX"));
    if (!m_dir->isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    reapOrphans();
    m_asNobody = ::geteuid() == 0;
    {
        QFile owner(m_dir->filePath(QStringLiteral("owner.pid")));
        if (!owner.open(QIODevice::WriteOnly) || owner.write(QByteArray::number(qint64(::getpid()))) <= 0) {
            *error = QStringLiteral("cannot write owner.pid");
            return false;
        }
    }
    const QString data = m_dir->filePath(QStringLiteral("data"));
    QDir().mkpath(socketDir());
    if (m_asNobody && !chownTree(m_dir->path(), "nobody")) {
        *error = QStringLiteral("could not hand the cluster folder to the user nobody");
        return false;
    }
    if (!runTool(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), data, QStringLiteral("-U"), user(), QStringLiteral("--auth=trust"),
                  QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C"), QStringLiteral("-N")},
                 error, true))
        return false;
    {
        // Settings for a throwaway cluster: only a socket in our folder, and no waiting for the disk.
        QFile conf(QDir(data).filePath(QStringLiteral("postgresql.conf")));
        if (!conf.open(QIODevice::Append)) {
            *error = QStringLiteral("cannot write postgresql.conf");
            return false;
        }
        conf.write(QStringLiteral("\nlisten_addresses = ''\nunix_socket_directories = '%1'\nport = %2\n"
                                  "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                                  "max_connections = 40\nshared_buffers = 32MB\n")
                       .arg(socketDir())
                       .arg(port())
                       .toUtf8());
    }
    if (!runTool(QStringLiteral("pg_ctl"),
                 {QStringLiteral("-D"), data, QStringLiteral("-l"), m_dir->filePath(QStringLiteral("postgres.log")),
                  QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("start")},
                 error, true, 90000)) {
        *error += QStringLiteral("\n") + log();
        return false;
    }
    m_running = true;
    return true;
}

bool PgTestCluster::createDatabase(const QString& name, QString* error)
{
    return runTool(QStringLiteral("createdb"),
                   {QStringLiteral("-h"), socketDir(), QStringLiteral("-p"), QString::number(port()),
                    QStringLiteral("-U"), user(), name},
                   error, false);
}

void PgTestCluster::stop()
{
    if (!m_running)
        return;
    QString error;
    runTool(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")), QStringLiteral("-m"),
             QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop")},
            &error, true);
    m_running = false;
}
