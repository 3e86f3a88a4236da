#include "lock/SignInTask.h"

#include "auth/SettingsStore.h"
#include "crypto/SecureBuffer.h"
#include "storage/Database.h"

#include <QSqlDriver>
#include <QThread>

namespace Acorn {

SignInTask::SignInTask(DataDir dataDir, QString userName, QByteArray password, const Clock& clock,
                       Session::Purpose purpose, QObject* parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_userName(std::move(userName))
    , m_password(std::move(password))
    , m_clock(clock)
    , m_purpose(purpose)
    , m_targetThread(thread())
{
}

SignInTask::~SignInTask()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
    wipeBytes(m_password);
}

void SignInTask::start()
{
    Q_ASSERT(!m_thread);
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("acorn-sign-in"));
    connect(m_thread, &QThread::finished, this, [this] {
        m_thread->deleteLater();
        m_thread = nullptr;
        emit finished();
    });
    m_thread->start();
}

bool SignInTask::isRunning() const
{
    return m_thread != nullptr;
}

void SignInTask::run()
{
    auto result = Session::signIn(m_dataDir, m_userName, m_password, m_clock, m_purpose);
    wipeBytes(m_password);
    if (result) {
        // Qt SQL connections belong to the thread whose driver object they use: give this one to the main thread.
        Session& session = *result.value();
        session.database().sql().driver()->moveToThread(m_targetThread);
        session.settings().moveToThread(m_targetThread);
        session.moveToThread(m_targetThread);
    }
    m_result.emplace(std::move(result));
}

Result<std::unique_ptr<Session>> SignInTask::takeResult()
{
    if (!m_result)
        return Error(Error::Code::Internal, tr("Signing in did not finish. Please try again."));
    auto result = std::move(*m_result);
    m_result.reset();
    return result;
}

} // namespace Acorn
