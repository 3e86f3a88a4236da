#pragma once

#include <QImage>
#include <QObject>
#include <QVideoFrame>

namespace Acorn {

// Where the capture page's pictures come from: a real camera (CameraFrameSource) or frames drawn in code
// (GeneratedClipSource, for tests and the --camera-test-clip developer option). The page and the recorders see
// only this interface, so the whole pipeline can be tested on a machine without a camera.
class FrameSource : public QObject
{
    Q_OBJECT

public:
    enum class Failure { Unavailable, Disconnected, PermissionDenied, Other };
    Q_ENUM(Failure)

    using QObject::QObject;
    ~FrameSource() override = default;

    virtual void start() = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;
    // Takes a photo, to memory only: ends in photoCaptured() or photoFailed().
    virtual void capturePhoto() = 0;

    // The most recent frame (null before the first one).
    QVideoFrame latestFrame() const { return m_latest; }

signals:
    void started();
    void stopped();
    void frameAvailable(const QVideoFrame& frame);
    void photoCaptured(const QImage& image);
    void photoFailed(const QString& message);
    // The source stopped working (unplugged, refused, broken); `message` is for the person holding the tablet.
    void errorOccurred(Acorn::FrameSource::Failure failure, const QString& message);

protected:
    void publishFrame(const QVideoFrame& frame)
    {
        m_latest = frame;
        emit frameAvailable(frame);
    }
    void forgetFrame() { m_latest = QVideoFrame(); }

private:
    QVideoFrame m_latest;
};

} // namespace Acorn
