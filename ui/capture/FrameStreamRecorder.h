#pragma once

#include "capture/Recorder.h"
#include "capture/RecordingPreset.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSize>

class QTimer;
class QVideoFrame;
typedef struct _GstElement GstElement;

namespace Acorn {

class FrameSource;

// Records a FrameSource's frames as a WebM (VP8) video with GStreamer:
//   appsrc → videoconvert → videoscale → preset size → vp8enc (real-time) → webmmux → filesink
// Qt 6.4's QMediaRecorder only records from a QCamera or a screen; QVideoFrameInput, which would let it take our own
// frames, arrived in Qt 6.8. Frames are stamped with the time they arrive, so the video plays at the speed it was
// recorded. Stopping sends end-of-stream and waits (bounded) until the muxer has written the file.
class FrameStreamRecorder final : public Recorder
{
    Q_OBJECT

public:
    FrameStreamRecorder(FrameSource& source, const RecordingPreset& preset, QObject* parent = nullptr);
    ~FrameStreamRecorder() override;

    QString fileSuffix() const override { return QStringLiteral("webm"); }
    void start(const QString& filePath) override;
    void stop() override;
    bool isRecording() const override { return m_pipeline != nullptr; }

    qint64 framesRecorded() const { return m_frames; }
    // Whether GStreamer and every element this recorder needs are installed.
    static bool isAvailable(QString* missing = nullptr);

private:
    void pushFrame(const QVideoFrame& frame);
    void pollBus();
    void teardown();
    void fail(const QString& message);

    QPointer<FrameSource> m_source;
    RecordingPreset m_preset;
    GstElement* m_pipeline = nullptr;
    GstElement* m_appsrc = nullptr;
    QTimer* m_busTimer = nullptr;
    QElapsedTimer m_clock;
    QSize m_frameSize;
    QString m_path;
    qint64 m_frames = 0;
    QMetaObject::Connection m_frameConnection;
};

} // namespace Acorn
