#pragma once

#include "capture/RecordingPreset.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace Acorn {

class FrameSource;
class Recorder;

struct CameraChoice
{
    QString id; // stable per device (QCameraDevice::id), remembered as the device's choice
    QString description; // the camera's own name, e.g. "Integrated Camera"
};

// Everything the capture page needs from the machine: which cameras there are, a frame source for one, recorders for
// it and for voice notes. CameraSourceFactory is the real one; TestClipSourceFactory serves the generated clip.
// Tests can subclass either to stage a missing camera or microphone.
class MediaSourceFactory : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~MediaSourceFactory() override = default;

    virtual QList<CameraChoice> cameras() const = 0;
    virtual FrameSource* createFrameSource(const QString& cameraId, QObject* parent) = 0;
    // A recorder for videos of `source` (made by this factory).
    virtual Recorder* createVideoRecorder(FrameSource& source, const RecordingPreset& preset, QObject* parent) = 0;
    virtual bool hasMicrophone() const;
    virtual Recorder* createVoiceRecorder(const RecordingPreset& preset, QObject* parent);

    // The real cameras, or the generated clip when `testClip` is set or ACORN_CAMERA_TEST_CLIP=1 is in the
    // environment (the developer option --camera-test-clip sets it).
    static std::unique_ptr<MediaSourceFactory> createDefault(bool testClip = false);

signals:
    void camerasChanged();
};

} // namespace Acorn
