#pragma once

// acorn-server as a child process for tests: a setting created in a temporary data folder, the server started on a
// free loopback port and waited for (/health), its log kept in a file and shown if it will not start.

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace Acorn::Test {

// A second device of the same nursery, as a copy of the first one's data folder (how a second laptop can be set up
// today). The caller gives it its own device id.
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

class ServerProcess final
{
public:
    ServerProcess()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
    }
    ~ServerProcess() { stop(); }

    static QString binary()
    {
        return QDir(qEnvironmentVariable("ACORN_BINARY_DIR")).filePath(QStringLiteral("server/acorn-server"));
    }

    // Creates a setting and returns its first enrolment code (empty on failure).
    QString createSetting(const QString& name)
    {
        QProcess create;
        create.start(binary(), {QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("create-setting"), name});
        if (!create.waitForFinished(20000) || create.exitCode() != 0)
            return {};
        return QRegularExpression(QStringLiteral("enrolment_code: (\\S+)"))
            .match(QString::fromUtf8(create.readAllStandardOutput()))
            .captured(1);
    }

    bool start()
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.setStandardErrorFile(m_log.filePath(QStringLiteral("server.log")), QIODevice::Append);
        m_process.start(
            binary(),
            QStringList {QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--port"), QString::number(m_port)}
                + m_extraArgs);
        if (!m_process.waitForStarted(5000))
            return false;
        QNetworkAccessManager nam;
        const bool up = QTest::qWaitFor(
            [&] {
                QNetworkReply* reply = nam.get(QNetworkRequest(url().resolved(QUrl(QStringLiteral("/health")))));
                QEventLoop loop;
                QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
                loop.exec();
                reply->deleteLater();
                return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
            },
            20000);
        if (!up) {
            QFile log(m_log.filePath(QStringLiteral("server.log")));
            if (log.open(QIODevice::ReadOnly))
                qWarning().noquote() << "server log (end):" << log.readAll().right(3000);
        }
        return up;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    QString dataDir() const { return m_dir.path(); }
    // More command-line options for the next start() (e.g. the mail relay).
    void setExtraArgs(const QStringList& args) { m_extraArgs = args; }

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_log;
    QProcess m_process;
    QStringList m_extraArgs;
    quint16 m_port = 0;
};

} // namespace Acorn::Test
