#pragma once

// Shared by the benchmarks that need real servers on loopback (bench_sync, bench_portal): acorn-server as a process
// with its own data folder, nginx with a throwaway configuration, wrk, and small helpers around them. Every child
// process dies with the bench (PR_SET_PDEATHSIG), and SIGINT/SIGTERM end a bench cleanly.

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <csignal>
#include <cstdio>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace Acorn::Bench {

inline volatile std::sig_atomic_t g_interrupted = 0;

inline void onSignal(int)
{
    g_interrupted = 1;
}

inline bool interrupted()
{
    return g_interrupted != 0;
}

inline int envInt(const char* name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

// Children get SIGTERM should this process die without cleaning up (acorn-server and nginx shut down on it).
inline void dieWithParent(QProcess& process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

// Runs `loop` until something quits it, the time runs out or the run is interrupted; false unless it was quit.
inline bool runLoop(QEventLoop& loop, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    bool quitByUs = false;
    QTimer guard;
    guard.setInterval(100);
    QObject::connect(&guard, &QTimer::timeout, &loop, [&] {
        if (interrupted() || clock.elapsed() > timeoutMs) {
            quitByUs = true;
            loop.quit();
        }
    });
    guard.start();
    loop.exec();
    return !quitByUs;
}

inline bool sleepMs(int ms)
{
    QThread::msleep(ulong(ms));
    QCoreApplication::processEvents();
    return !interrupted();
}

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

inline bool copyTree(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + path.mid(from.size());
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (!QFile::copy(path, target))
            return false;
    }
    return true;
}

inline QString tail(const QString& path, int chars = 1500)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(chars)) : QString();
}

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QString error;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

inline HttpReply http(QNetworkAccessManager& network, const QByteArray& method, const QUrl& url,
                      const QByteArray& body = {}, const QByteArray& credential = {},
                      const QByteArray& contentType = "application/json", int timeoutMs = 60000)
{
    QNetworkRequest request(url);
    if (!credential.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + credential);
    if (!body.isEmpty() || method != "GET")
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply* reply = method == "GET" ? network.get(request) : network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    HttpReply answer;
    if (!runLoop(loop, timeoutMs + 1000)) {
        reply->abort();
        answer.error = QStringLiteral("no answer");
    } else {
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && answer.status == 0)
            answer.error = reply->errorString();
    }
    reply->deleteLater();
    return answer;
}

// One acorn-server: create-setting, then serving on a free port until stop() (or the destructor). Its log (one
// JSON line per request) goes to a file next to its data folder, so no pipe fills up and the bench reads nothing.
class AcornServer final
{
public:
    explicit AcornServer(const QString& root)
        : m_root(root)
    {
        QDir().mkpath(dataDir());
        dieWithParent(m_process);
    }
    ~AcornServer() { stop(); }
    AcornServer(const AcornServer&) = delete;
    AcornServer& operator=(const AcornServer&) = delete;

    static QString binary()
    {
        return QDir(qEnvironmentVariable("ACORN_BINARY_DIR")).filePath(QStringLiteral("server/acorn-server"));
    }

    QString dataDir() const { return m_root + QStringLiteral("/data"); }
    QString logPath() const { return m_root + QStringLiteral("/server.log"); }
    void setDatabase(const QString& url) { m_database = url; }
    QUrl url(const QString& path = {}) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    bool createSetting(QString* code, QString* error)
    {
        QProcess create;
        dieWithParent(create);
        create.start(binary(), baseArgs() << QStringLiteral("create-setting") << QStringLiteral("Bench Nursery"));
        if (!create.waitForFinished(120000) || create.exitCode() != 0) {
            *error = QStringLiteral("create-setting: ") + QString::fromUtf8(create.readAllStandardError());
            create.kill();
            create.waitForFinished(5000);
            return false;
        }
        const QString out = QString::fromUtf8(create.readAllStandardOutput());
        const auto match = QRegularExpression(QStringLiteral("enrolment_code: (\\S+)")).match(out);
        if (!match.hasMatch()) {
            *error = QStringLiteral("create-setting printed no code: ") + out;
            return false;
        }
        *code = match.captured(1);
        return true;
    }

    bool start(QString* error)
    {
        QFile::remove(logPath());
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.setStandardErrorFile(logPath());
        m_process.start(binary(), baseArgs() << QStringLiteral("--port") << QStringLiteral("0"));
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("acorn-server did not start: ") + m_process.errorString();
            return false;
        }
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 60000 && sleepMs(50)) {
            if (m_process.state() != QProcess::Running)
                break;
            QFile log(logPath());
            if (!log.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray& line : log.readAll().split('\n')) {
                const QJsonObject object = QJsonDocument::fromJson(line).object();
                if (object.value(QStringLiteral("message")).toString() == QLatin1String("listening")) {
                    m_port = quint16(object.value(QStringLiteral("port")).toInt());
                    if (m_port != 0)
                        return true;
                }
            }
        }
        *error = QStringLiteral("acorn-server did not listen: ") + tail(logPath());
        stop();
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(15000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

private:
    QStringList baseArgs() const
    {
        QStringList args {QStringLiteral("--data-dir"), dataDir()};
        if (!m_database.isEmpty())
            args << QStringLiteral("--database") << m_database;
        return args;
    }

    QString m_root;
    QString m_database;
    QProcess m_process;
    quint16 m_port = 0;
};

// nginx on a free loopback port from a generated config: everything (temp paths, logs, pid) in `prefix`. PUT
// /upload/NAME stores the body as a file (dav_methods PUT: the whole body is read into client_body_temp_path and
// renamed into place before the 201/204).
class Nginx final
{
public:
    explicit Nginx(const QString& prefix)
        : m_prefix(prefix)
    {
        dieWithParent(m_process);
    }
    ~Nginx() { stop(); }
    Nginx(const Nginx&) = delete;
    Nginx& operator=(const Nginx&) = delete;

    QUrl url(const QString& path) const { return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)); }
    QString storedFile(const QString& name) const { return m_prefix + QStringLiteral("/www/upload/") + name; }

    bool start(QString* error)
    {
        QString binary = QStandardPaths::findExecutable(QStringLiteral("nginx"));
        if (binary.isEmpty())
            binary = QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")});
        if (binary.isEmpty()) {
            *error = QStringLiteral("nginx is not installed (scripts/bootstrap)");
            return false;
        }
        for (const char* dir : {"tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi", "www/upload", "logs"})
            QDir().mkpath(m_prefix + QLatin1Char('/') + QLatin1String(dir));
        m_port = freePort();
        const QString conf = m_prefix + QStringLiteral("/nginx.conf");
        QFile file(conf);
        if (!file.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write ") + conf;
            return false;
        }
        const QString p = m_prefix;
        file.write(QStringLiteral("%1"
                                  "daemon off;\n"
                                  "master_process on;\n"
                                  "worker_processes 1;\n"
                                  "pid %2/nginx.pid;\n"
                                  "error_log %2/logs/error.log warn;\n"
                                  "events { worker_connections 64; }\n"
                                  "http {\n"
                                  "  access_log off;\n"
                                  "  client_body_temp_path %2/tmp/body;\n"
                                  "  proxy_temp_path %2/tmp/proxy;\n"
                                  "  fastcgi_temp_path %2/tmp/fastcgi;\n"
                                  "  uwsgi_temp_path %2/tmp/uwsgi;\n"
                                  "  scgi_temp_path %2/tmp/scgi;\n"
                                  "  server {\n"
                                  "    listen 127.0.0.1:%3;\n"
                                  "    location /upload/ {\n"
                                  "      root %2/www;\n"
                                  "      dav_methods PUT;\n"
                                  "      client_max_body_size 0;\n"
                                  "    }\n"
                                  "  }\n"
                                  "}\n")
                       .arg(::geteuid() == 0 ? QStringLiteral("user root;\n") : QString(), p)
                       .arg(m_port)
                       .toUtf8());
        file.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(m_prefix + QStringLiteral("/logs/stdout.log"));
        m_process.start(binary,
                        {QStringLiteral("-p"), p, QStringLiteral("-e"), p + QStringLiteral("/logs/error.log"),
                         QStringLiteral("-c"), conf});
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("nginx did not start: ") + m_process.errorString();
            return false;
        }
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 20000 && sleepMs(50)) {
            if (m_process.state() != QProcess::Running)
                break;
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            if (probe.waitForConnected(200))
                return true;
        }
        *error = QStringLiteral("nginx did not listen: ") + tail(m_prefix + QStringLiteral("/logs/error.log"))
            + tail(m_prefix + QStringLiteral("/logs/stdout.log"));
        stop();
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate(); // SIGTERM: fast shutdown, the master takes its worker with it
        if (!m_process.waitForFinished(15000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

private:
    QString m_prefix;
    QProcess m_process;
    quint16 m_port = 0;
};

struct WrkResult
{
    double rps = 0;
    double latencyMs = 0; // wrk's average
    QString error;
};

// wrk, 2 threads and 16 connections for `seconds`, with one extra header line ("Name: value"; empty for none).
inline WrkResult runWrk(const QString& wrk, const QUrl& url, const QString& header, int seconds)
{
    QProcess process;
    dieWithParent(process);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args {QStringLiteral("-t2"), QStringLiteral("-c16"), QStringLiteral("-d%1s").arg(seconds),
                      QStringLiteral("--timeout"), QStringLiteral("10s")};
    if (!header.isEmpty())
        args << QStringLiteral("-H") << header;
    process.start(wrk, args << url.toString());
    WrkResult result;
    if (!process.waitForFinished((seconds + 20) * 1000)) {
        process.kill();
        process.waitForFinished(5000);
        result.error = QStringLiteral("wrk did not finish");
        return result;
    }
    const QString out = QString::fromUtf8(process.readAll());
    const auto rps = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(out);
    const auto latency = QRegularExpression(QStringLiteral("Latency\\s+([0-9.]+)(us|ms|s)")).match(out);
    if (latency.hasMatch()) {
        const double value = latency.captured(1).toDouble();
        const QString unit = latency.captured(2);
        result.latencyMs = unit == QLatin1String("us") ? value / 1000
            : unit == QLatin1String("s")               ? value * 1000
                                                       : value;
    }
    if (process.exitCode() != 0 || !rps.hasMatch() || out.contains(QLatin1String("Non-2xx"))
        || out.contains(QLatin1String("Socket errors")))
        result.error = QStringLiteral("wrk: ") + out;
    else
        result.rps = rps.captured(1).toDouble();
    return result;
}

} // namespace Acorn::Bench
