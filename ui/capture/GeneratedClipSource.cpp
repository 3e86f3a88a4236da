#include "capture/GeneratedClipSource.h"

#include "capture/CaptureLogging.h"

#include <QPainter>
#include <QPainterPath>
#include <QTimer>
#include <QVideoFrameFormat>

#include <cmath>
#include <cstring>

namespace Acorn {

GeneratedClipSource::GeneratedClipSource(QSize frameSize, int framesPerSecond, QObject* parent)
    : FrameSource(parent)
    , m_size(frameSize)
    , m_fps(std::max(1, framesPerSecond))
    , m_timer(new QTimer(this))
{
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(1000 / m_fps);
    connect(m_timer, &QTimer::timeout, this, &GeneratedClipSource::tick);
}

void GeneratedClipSource::start()
{
    if (m_timer->isActive())
        return;
    m_clock.start();
    m_timer->start();
    qCInfo(lcCapture, "generated clip started");
    emit started();
    tick(); // a first frame at once, as a camera's preview would
}

void GeneratedClipSource::stop()
{
    if (!m_timer->isActive())
        return;
    m_timer->stop();
    emit stopped();
}

bool GeneratedClipSource::isActive() const
{
    return m_timer->isActive();
}

void GeneratedClipSource::capturePhoto()
{
    if (!isActive() || m_lastImage.isNull()) {
        emit photoFailed(tr("The camera is not ready yet. Try again in a moment."));
        return;
    }
    // Asynchronous like a real camera.
    const QImage image = m_lastImage.copy();
    QTimer::singleShot(0, this, [this, image] { emit photoCaptured(image); });
}

void GeneratedClipSource::simulateFailure(Failure failure, const QString& message)
{
    m_timer->stop();
    forgetFrame();
    emit errorOccurred(failure, message);
}

void GeneratedClipSource::tick()
{
    const qint64 ms = m_clock.elapsed();
    m_lastImage = drawFrame(ms);
    ++m_frames;
    publishFrame(toVideoFrame(m_lastImage, ms * 1000, (ms + 1000 / m_fps) * 1000));
}

QImage GeneratedClipSource::drawFrame(qint64 ms) const
{
    QImage image(m_size, QImage::Format_RGB32);
    const qreal w = m_size.width();
    const qreal h = m_size.height();
    const qreal t = ms / 1000.0;
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);

    QLinearGradient sky(0, 0, 0, h);
    sky.setColorAt(0, QColor(0x9f, 0xd3, 0xf5));
    sky.setColorAt(1, QColor(0xe6, 0xf4, 0xfb));
    p.fillRect(image.rect(), sky);
    p.fillRect(QRectF(0, h * 0.68, w, h * 0.32), QColor(0xe8, 0xc9, 0x8a)); // the sand tray

    // A ball bouncing from side to side.
    const qreal r = h * 0.08;
    const qreal x = r + (w - 2 * r) * (0.5 + 0.5 * std::sin(t * 1.3));
    const qreal y = h * 0.68 - r - std::abs(std::sin(t * 3.1)) * h * 0.35;
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xe4, 0x57, 0x2e));
    p.drawEllipse(QPointF(x, y), r, r);

    // A turning block.
    p.save();
    p.translate(w * 0.78, h * 0.3);
    p.rotate(t * 40);
    p.setBrush(QColor(0x2e, 0x86, 0xab));
    p.drawRect(QRectF(-h * 0.07, -h * 0.07, h * 0.14, h * 0.14));
    p.restore();

    // A tower of bricks that grows and falls.
    const QColor bricks[]
        = {QColor(0xf6, 0xae, 0x2d), QColor(0x86, 0xbb, 0xd8), QColor(0x33, 0x65, 0x8a), QColor(0x9b, 0xc5, 0x3d)};
    const int count = 1 + int(std::fmod(t * 1.5, 6.0));
    for (int i = 0; i < count; ++i) {
        p.setBrush(bricks[i % 4]);
        p.drawRect(QRectF(w * 0.14, h * 0.68 - (i + 1) * h * 0.06, w * 0.12, h * 0.055));
    }

    // A clock so that every frame differs and a viewer can tell where in the clip it is.
    p.setPen(QColor(0x1d, 0x35, 0x57));
    QFont font = p.font();
    font.setPixelSize(std::max(12, int(h * 0.05)));
    p.setFont(font);
    p.drawText(QRectF(w * 0.03, h * 0.03, w * 0.6, h * 0.1), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Test clip %1 s").arg(QString::number(t, 'f', 1)));
    return image;
}

QVideoFrame GeneratedClipSource::toVideoFrame(const QImage& source, qint64 startUs, qint64 endUs)
{
    // QImage::Format_RGB32 is B, G, R, X in memory on little-endian machines: the video format BGRX8888.
    const QImage image
        = source.format() == QImage::Format_RGB32 ? source : source.convertToFormat(QImage::Format_RGB32);
    QVideoFrame frame(QVideoFrameFormat(image.size(), QVideoFrameFormat::pixelFormatFromImageFormat(image.format())));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    const int rowBytes = image.width() * 4;
    for (int y = 0; y < image.height(); ++y)
        std::memcpy(frame.bits(0) + y * frame.bytesPerLine(0), image.constScanLine(y), size_t(rowBytes));
    frame.unmap();
    frame.setStartTime(startUs);
    frame.setEndTime(endUs);
    return frame;
}

} // namespace Acorn
