#include "capture/CameraSourceFactory.h"

#include "capture/CameraFrameSource.h"
#include "capture/CaptureSessionRecorder.h"

#include <QCameraDevice>

namespace Acorn {

CameraSourceFactory::CameraSourceFactory(QObject* parent)
    : MediaSourceFactory(parent)
{
    connect(&m_devices, &QMediaDevices::videoInputsChanged, this, &MediaSourceFactory::camerasChanged);
}

QList<CameraChoice> CameraSourceFactory::cameras() const
{
    QList<CameraChoice> list;
    const auto inputs = QMediaDevices::videoInputs();
    for (const QCameraDevice& device : inputs)
        list.append({QString::fromUtf8(device.id()), device.description()});
    return list;
}

FrameSource* CameraSourceFactory::createFrameSource(const QString& cameraId, QObject* parent)
{
    const auto inputs = QMediaDevices::videoInputs();
    for (const QCameraDevice& device : inputs)
        if (QString::fromUtf8(device.id()) == cameraId)
            return new CameraFrameSource(device, parent);
    return nullptr;
}

Recorder* CameraSourceFactory::createVideoRecorder(FrameSource& source, const RecordingPreset& preset, QObject* parent)
{
    auto* camera = qobject_cast<CameraFrameSource*>(&source);
    if (!camera)
        return nullptr;
    return new CaptureSessionRecorder(CaptureSessionRecorder::Kind::Video, &camera->captureSession(), preset, parent);
}

} // namespace Acorn
