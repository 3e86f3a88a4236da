#pragma once

#include "capture/FrameSource.h"

#include <QCameraDevice>
#include <QMediaCaptureSession>
#include <QMediaDevices>

class QCamera;
class QImageCapture;
class QVideoSink;

namespace Acorn {

// A real camera: QCamera in a QMediaCaptureSession, frames through a QVideoSink (the preview), photos through
// QImageCapture::capture() — to memory, never to a file. The session is shared with the camera's video recorder
// (CaptureSessionRecorder). Reports an unplugged camera (the device leaves QMediaDevices::videoInputs) and
// camera errors, including a refused permission, as errorOccurred().
class CameraFrameSource final : public FrameSource
{
    Q_OBJECT

public:
    explicit CameraFrameSource(const QCameraDevice& device, QObject* parent = nullptr);
    ~CameraFrameSource() override;

    void start() override;
    void stop() override;
    bool isActive() const override;
    void capturePhoto() override;

    QCameraDevice device() const { return m_device; }
    QMediaCaptureSession& captureSession() { return m_session; }

private:
    void onCameraError();
    void onVideoInputsChanged();

    QCameraDevice m_device;
    QMediaCaptureSession m_session;
    QMediaDevices m_devices;
    QCamera* m_camera = nullptr;
    QVideoSink* m_sink = nullptr;
    QImageCapture* m_imageCapture = nullptr;
    int m_pendingPhoto = -1;
    bool m_failed = false;
};

} // namespace Acorn
