#pragma once

#include "Result.h"
#include "auth/Session.h"
#include "storage/DataDir.h"

#include <QObject>

#include <memory>
#include <optional>

class QThread;

namespace Acorn {

class Clock;

// Runs Session::signIn (Argon2id, ~0.4 s, then opening the database) on a worker thread so the window stays
// responsive, then hands the session's objects (the Session, its settings and the Qt SQL driver of its connection)
// over to the main thread, where they are used from then on.
class SignInTask final : public QObject
{
    Q_OBJECT
public:
    // `password` is wiped once the worker is done with it.
    SignInTask(DataDir dataDir, QString userName, QByteArray password, const Clock& clock, Session::Purpose purpose,
               QObject* parent = nullptr);
    ~SignInTask() override; // waits for the worker

    void start();
    bool isRunning() const;
    // Valid once finished() has been emitted.
    Result<std::unique_ptr<Session>> takeResult();

signals:
    void finished();

private:
    void run();

    DataDir m_dataDir;
    QString m_userName;
    QByteArray m_password;
    const Clock& m_clock;
    Session::Purpose m_purpose;
    QThread* m_thread = nullptr;
    QThread* m_targetThread = nullptr;
    std::optional<Result<std::unique_ptr<Session>>> m_result;
};

} // namespace Acorn
