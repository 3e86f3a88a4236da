#include "capture/MediaSourceFactory.h"

#include "capture/CameraSourceFactory.h"
#include "capture/CaptureSessionRecorder.h"
#include "capture/TestClipSourceFactory.h"

#include <QAudioDevice>
#include <QMediaDevices>

namespace Acorn {

bool MediaSourceFactory::hasMicrophone() const
{
    return !QMediaDevices::audioInputs().isEmpty();
}

Recorder* MediaSourceFactory::createVoiceRecorder(const RecordingPreset& preset, QObject* parent)
{
    return new CaptureSessionRecorder(CaptureSessionRecorder::Kind::Voice, nullptr, preset, parent);
}

std::unique_ptr<MediaSourceFactory> MediaSourceFactory::createDefault(bool testClip)
{
    if (testClip || qEnvironmentVariableIntValue("ACORN_CAMERA_TEST_CLIP") == 1)
        return std::make_unique<TestClipSourceFactory>();
    return std::make_unique<CameraSourceFactory>();
}

} // namespace Acorn
