#include "capture/TestClipSourceFactory.h"

#include "capture/FrameStreamRecorder.h"
#include "capture/GeneratedClipSource.h"

namespace Acorn {

TestClipSourceFactory::TestClipSourceFactory(QSize frameSize, int framesPerSecond, QObject* parent)
    : MediaSourceFactory(parent)
    , m_frameSize(frameSize)
    , m_fps(framesPerSecond)
{
}

QList<CameraChoice> TestClipSourceFactory::cameras() const
{
    return {{QString::fromLatin1(CameraId), tr("Test clip (generated pictures)")}};
}

FrameSource* TestClipSourceFactory::createFrameSource(const QString& cameraId, QObject* parent)
{
    if (cameraId != QLatin1String(CameraId))
        return nullptr;
    return new GeneratedClipSource(m_frameSize, m_fps, parent);
}

Recorder* TestClipSourceFactory::createVideoRecorder(FrameSource& source, const RecordingPreset& preset,
                                                     QObject* parent)
{
    return new FrameStreamRecorder(source, preset, parent);
}

} // namespace Acorn
