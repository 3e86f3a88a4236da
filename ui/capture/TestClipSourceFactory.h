#pragma once

#include "capture/MediaSourceFactory.h"

#include <QSize>

namespace Acorn {

// One "camera", the generated clip (GeneratedClipSource), recorded with FrameStreamRecorder. Voice notes use the
// real microphone (in tests: a PulseAudio null sink the test starts).
class TestClipSourceFactory final : public MediaSourceFactory
{
    Q_OBJECT

public:
    static constexpr auto CameraId = "acorn-test-clip";

    explicit TestClipSourceFactory(QSize frameSize = {640, 480}, int framesPerSecond = 15, QObject* parent = nullptr);

    QList<CameraChoice> cameras() const override;
    FrameSource* createFrameSource(const QString& cameraId, QObject* parent) override;
    Recorder* createVideoRecorder(FrameSource& source, const RecordingPreset& preset, QObject* parent) override;

private:
    QSize m_frameSize;
    int m_fps;
};

} // namespace Acorn
