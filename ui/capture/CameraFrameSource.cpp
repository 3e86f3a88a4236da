#include "capture/CameraFrameSource.h"

#include "capture/CaptureLogging.h"

#include <QCamera>
#include <QCameraFormat>
#include <QImageCapture>
#include <QVideoSink>

namespace Acorn {

namespace {
// The largest format up to 1920×1080 that runs at 15 fps or more: enough for a sharp photo, light enough for the
// preview and the recorder (which scales down to the preset) on a tablet's CPU.
QCameraFormat chooseFormat(const QCameraDevice& device)
{
    QCameraFormat best;
    for (const QCameraFormat& format : device.videoFormats()) {
        const QSize size = format.resolution();
        if (size.width() > 1920 || size.height() > 1080 || format.maxFrameRate() < 15)
            continue;
        if (best.isNull() || size.width() * size.height() > best.resolution().width() * best.resolution().height())
            best = format;
    }
    return best;
}
} // namespace

CameraFrameSource::CameraFrameSource(const QCameraDevice& device, QObject* parent)
    : FrameSource(parent)
    , m_device(device)
    , m_camera(new QCamera(device, this))
    , m_sink(new QVideoSink(this))
    , m_imageCapture(new QImageCapture(this))
{
    const QCameraFormat format = chooseFormat(device);
    if (!format.isNull())
        m_camera->setCameraFormat(format);
    m_imageCapture->setQuality(QImageCapture::HighQuality);
    m_session.setCamera(m_camera);
    m_session.setVideoSink(m_sink);
    m_session.setImageCapture(m_imageCapture);

    connect(m_sink, &QVideoSink::videoFrameChanged, this, &CameraFrameSource::publishFrame);
    connect(m_camera, &QCamera::errorOccurred, this, &CameraFrameSource::onCameraError);
    connect(m_camera, &QCamera::activeChanged, this, [this](bool active) {
        if (active)
            emit started();
        else
            emit stopped();
    });
    connect(&m_devices, &QMediaDevices::videoInputsChanged, this, &CameraFrameSource::onVideoInputsChanged);
    connect(m_imageCapture, &QImageCapture::imageCaptured, this, [this](int id, const QImage& image) {
        if (id != m_pendingPhoto)
            return;
        m_pendingPhoto = -1;
        emit photoCaptured(image);
    });
    connect(m_imageCapture, &QImageCapture::errorOccurred, this,
            [this](int id, QImageCapture::Error error, const QString&) {
                if (id != m_pendingPhoto && id != -1)
                    return;
                m_pendingPhoto = -1;
                qCWarning(lcCapture) << "photo capture failed:" << error;
                emit photoFailed(error == QImageCapture::NotReadyError
                                     ? tr("The camera is not ready yet. Try again in a moment.")
                                     : tr("The camera did not take the photo. Try again; if it keeps failing, "
                                          "import a photo from a file instead."));
            });
}

CameraFrameSource::~CameraFrameSource()
{
    m_camera->stop();
}

void CameraFrameSource::start()
{
    m_failed = false;
    m_camera->start();
}

void CameraFrameSource::stop()
{
    m_camera->stop();
    forgetFrame();
}

bool CameraFrameSource::isActive() const
{
    return m_camera->isActive();
}

void CameraFrameSource::capturePhoto()
{
    if (!m_camera->isActive() || !m_imageCapture->isReadyForCapture()) {
        emit photoFailed(tr("The camera is not ready yet. Try again in a moment."));
        return;
    }
    m_pendingPhoto = m_imageCapture->capture();
    if (m_pendingPhoto < 0) {
        emit photoFailed(tr("The camera did not take the photo. Try again; if it keeps failing, import a photo "
                            "from a file instead."));
    }
}

void CameraFrameSource::onCameraError()
{
    if (m_failed)
        return;
    m_failed = true;
    const QString detail = m_camera->errorString();
    qCWarning(lcCapture, "camera error");
    forgetFrame();
    if (detail.contains(QLatin1String("ermission"), Qt::CaseInsensitive)
        || detail.contains(QLatin1String("not allowed"), Qt::CaseInsensitive)) {
        emit errorOccurred(Failure::PermissionDenied,
                           tr("Acorn is not allowed to use the camera. Ask your IT contact to give this device's "
                              "account access to the camera."));
        return;
    }
    emit errorOccurred(Failure::Other,
                       tr("The camera stopped working. Check that it is connected, then choose it "
                          "again — or import a file instead."));
}

void CameraFrameSource::onVideoInputsChanged()
{
    if (m_failed)
        return;
    const auto inputs = QMediaDevices::videoInputs();
    for (const QCameraDevice& input : inputs)
        if (input.id() == m_device.id())
            return;
    m_failed = true;
    qCWarning(lcCapture, "camera disconnected");
    m_camera->stop();
    forgetFrame();
    emit errorOccurred(Failure::Disconnected, tr("The camera was disconnected."));
}

} // namespace Acorn
