#pragma once

#include "capture/Recorder.h"
#include "capture/RecordingPreset.h"

#include <QMediaRecorder>

#include <memory>

class QAudioInput;
class QMediaCaptureSession;
class QTimer;

namespace Acorn {

// QMediaRecorder on a QMediaCaptureSession: a camera's video (WebM: VP8 + Opus, with the microphone if there is one)
// or a voice note (Ogg Opus from the default microphone, in a session of its own). Uses Qt Multimedia's GStreamer
// backend, like the rest of the capture code.
//
// Qt 6.4's GStreamer recorder now and then links its encoder so that no buffer ever reaches it (about one recording in
// twenty here): it reports RecordingState and writes an empty file. So started() is emitted only once media actually
// flows (the recorder's duration moves); if nothing flows within StartTimeoutMs the recorder is stopped, the empty file
// wiped and recording started again, once, with a new recorder (and, for a voice note, a new capture session); then it
// gives up with a message. A camera's session belongs to the camera, so there only the recorder is new.
class CaptureSessionRecorder final : public Recorder
{
    Q_OBJECT

public:
    enum class Kind { Video, Voice };
    static constexpr int StartTimeoutMs = 2500;
    static constexpr int MaxAttempts = 2;
    static constexpr int RestartDelayMs = 500;

    // Video: records `session` (a camera's; not owned). Voice: pass nullptr; a session with the default microphone
    // is made.
    CaptureSessionRecorder(Kind kind, QMediaCaptureSession* session, const RecordingPreset& preset,
                           QObject* parent = nullptr);
    ~CaptureSessionRecorder() override;

    QString fileSuffix() const override;
    void start(const QString& filePath) override;
    void stop() override;
    bool isRecording() const override { return m_active; }

    static QMediaFormat formatFor(Kind kind);

private:
    void onStateChanged(QMediaRecorder::RecorderState state);
    void onError(QMediaRecorder::Error error, const QString& detail);
    void makeOwnSession();
    void makeRecorder();
    void onDuration(qint64 ms);
    void onNothingFlowing();
    void end();

    Kind m_kind;
    RecordingPreset m_preset;
    QMediaCaptureSession* m_session = nullptr;
    std::unique_ptr<QMediaCaptureSession> m_ownSession;
    QAudioInput* m_audioInput = nullptr;
    QMediaRecorder* m_recorder = nullptr;
    QString m_path;
    QString m_problem;
    QTimer* m_startWatchdog = nullptr;
    int m_attempt = 0;
    bool m_active = false;
    bool m_startedEmitted = false;
    bool m_restarting = false;
};

} // namespace Acorn
