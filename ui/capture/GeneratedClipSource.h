#pragma once

#include "capture/FrameSource.h"

#include <QElapsedTimer>
#include <QSize>

class QTimer;

namespace Acorn {

// A "camera" that draws its frames: a bouncing ball, a turning block and a tower of bricks on a sand tray, with a
// running clock — moving shapes only, never faces. Used by tests and by the --camera-test-clip developer option, on
// machines without a camera. Photos are the latest frame.
class GeneratedClipSource final : public FrameSource
{
    Q_OBJECT

public:
    explicit GeneratedClipSource(QSize frameSize = {640, 480}, int framesPerSecond = 15, QObject* parent = nullptr);

    void start() override;
    void stop() override;
    bool isActive() const override;
    void capturePhoto() override;

    QSize frameSize() const { return m_size; }
    int framesPerSecond() const { return m_fps; }
    qint64 framesDrawn() const { return m_frames; }
    // Draws the picture at `ms` milliseconds into the clip (also what each frame shows).
    QImage drawFrame(qint64 ms) const;
    // Behaves like a camera that fails (unplugged, refused): stops and reports `failure`.
    void simulateFailure(Acorn::FrameSource::Failure failure, const QString& message);

    static QVideoFrame toVideoFrame(const QImage& image, qint64 startUs, qint64 endUs);

private:
    void tick();

    QSize m_size;
    int m_fps;
    QTimer* m_timer = nullptr;
    QElapsedTimer m_clock;
    qint64 m_frames = 0;
    QImage m_lastImage;
};

} // namespace Acorn
