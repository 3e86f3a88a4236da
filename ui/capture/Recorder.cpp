#include "capture/Recorder.h"

#include <QEventLoop>
#include <QTimer>

namespace Acorn {

bool Recorder::stopAndWait(int timeoutMs)
{
    if (!isRecording())
        return true;
    bool done = false;
    QEventLoop loop;
    const auto finish = [&] {
        done = true;
        loop.quit();
    };
    const auto onFinished = connect(this, &Recorder::finished, &loop, finish);
    const auto onFailed = connect(this, &Recorder::failed, &loop, finish);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    stop();
    if (!done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    disconnect(onFinished);
    disconnect(onFailed);
    return done;
}

} // namespace Acorn
