#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// A private PostgreSQL 15 cluster for one test run: initdb into a temporary folder, started with only a Unix socket
// in that folder (no TCP port, so nothing to collide with on a shared machine), trust authentication for its own
// user "acorn", fsync off. stop() (or the destructor) shuts it down; the folder goes with the QTemporaryDir.
//
// initdb and postgres refuse to run as root. When the test runs as root, the cluster belongs to the unprivileged
// user "nobody" instead: the folder is handed to it (chown) and the server binaries run through `runuser -u nobody`.
// The test itself (root) can still reach the socket. As any other user, everything runs as that user.
//
// A test process that dies without cleaning up (killed, SIGPIPE) leaves its cluster running; start() stops and
// removes such orphans first (each cluster folder records the pid of the test that owns it).
//
// Binaries: /usr/lib/postgresql/15/bin, or $ACORN_PG_BINDIR.
class PgTestCluster final
{
public:
    PgTestCluster() = default;
    ~PgTestCluster();
    PgTestCluster(const PgTestCluster&) = delete;
    PgTestCluster& operator=(const PgTestCluster&) = delete;

    static QString binDir();

    bool start(QString* error);
    void stop();
    bool isRunning() const { return m_running; }

    QString socketDir() const;
    int port() const { return 5432; }
    QString user() const { return QStringLiteral("acorn"); }
    // A new, empty database; false with *error on failure.
    bool createDatabase(const QString& name, QString* error);
    // The URL acorn-server's --database takes for `database`.
    QString url(const QString& database) const;
    // The server's log (for a failing test's message).
    QString log() const;

private:
    static bool runTool(const QString& workingDir, const QString& tool, const QStringList& args, QString* error,
                        bool asNobody, int timeoutMs = 60000);
    bool runTool(const QString& tool, const QStringList& args, QString* error, bool asOwner, int timeoutMs = 60000);
    static void reapOrphans();

    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_running = false;
    bool m_asNobody = false;
};
