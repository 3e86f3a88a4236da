#pragma once

#include "capture/MediaSourceFactory.h"

#include <QMediaDevices>

namespace Acorn {

// The machine's real cameras (QMediaDevices::videoInputs) and microphones; videos are recorded by QMediaRecorder on
// the camera's own capture session.
class CameraSourceFactory final : public MediaSourceFactory
{
    Q_OBJECT

public:
    explicit CameraSourceFactory(QObject* parent = nullptr);

    QList<CameraChoice> cameras() const override;
    FrameSource* createFrameSource(const QString& cameraId, QObject* parent) override;
    Recorder* createVideoRecorder(FrameSource& source, const RecordingPreset& preset, QObject* parent) override;

private:
    QMediaDevices m_devices;
};

} // namespace Acorn
