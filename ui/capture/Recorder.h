#pragma once

#include <QObject>
#include <QString>

namespace Acorn {

// Records a video or a voice note into a file — always a file in the RamFolder, which the caller chooses. Two
// implementations: CaptureSessionRecorder (QMediaRecorder: real cameras and microphones) and FrameStreamRecorder
// (GStreamer appsrc fed with a FrameSource's frames: the generated clip, since Qt 6.4 cannot feed QMediaRecorder
// with frames of our own).
class Recorder : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~Recorder() override = default;

    // The file name suffix this recorder writes (without the dot); Qt's recorder appends it if the name lacks it.
    virtual QString fileSuffix() const = 0;
    // Starts recording into `filePath`: ends in started(), or failed().
    virtual void start(const QString& filePath) = 0;
    // Stops; ends in finished() once the file is complete and closed, or failed(). May emit before returning.
    virtual void stop() = 0;
    virtual bool isRecording() const = 0;

    // stop(), then waits (events still run, user input does not) until finished() or failed() was emitted or
    // `timeoutMs` passed. For a lock, which must not wait for long. True if the recorder got to the end.
    bool stopAndWait(int timeoutMs);

signals:
    void started();
    void finished(const QString& filePath);
    // `filePath` is what was written up to the failure (possibly nothing), so that it can be kept or wiped.
    void failed(const QString& filePath, const QString& message);
};

} // namespace Acorn
