#include "capture/CaptureSessionRecorder.h"

#include "capture/CaptureLogging.h"
#include "media/RamFolder.h"

#include <QAudioDevice>
#include <QAudioInput>
#include <QFileInfo>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QMediaFormat>
#include <QMimeType>
#include <QTimer>
#include <QUrl>

namespace Acorn {

CaptureSessionRecorder::CaptureSessionRecorder(Kind kind, QMediaCaptureSession* session, const RecordingPreset& preset,
                                               QObject* parent)
    : Recorder(parent)
    , m_kind(kind)
    , m_preset(preset)
    , m_session(session)
{
    if (!m_session) {
        makeOwnSession();
    } else if (!m_session->audioInput() && !QMediaDevices::audioInputs().isEmpty()) {
        // Sound with the video: the default microphone, if there is one.
        m_audioInput = new QAudioInput(QMediaDevices::defaultAudioInput(), this);
        m_session->setAudioInput(m_audioInput);
    }
    makeRecorder();
    m_startWatchdog = new QTimer(this);
    m_startWatchdog->setSingleShot(true);
    m_startWatchdog->setInterval(StartTimeoutMs);
    connect(m_startWatchdog, &QTimer::timeout, this, &CaptureSessionRecorder::onNothingFlowing);
}

CaptureSessionRecorder::~CaptureSessionRecorder()
{
    if (m_recorder && m_recorder->recorderState() != QMediaRecorder::StoppedState)
        m_recorder->stop();
}

void CaptureSessionRecorder::makeOwnSession()
{
    delete m_audioInput;
    m_audioInput = nullptr;
    m_ownSession = std::make_unique<QMediaCaptureSession>();
    m_session = m_ownSession.get();
    if (!QMediaDevices::audioInputs().isEmpty()) {
        m_audioInput = new QAudioInput(QMediaDevices::defaultAudioInput(), this);
        m_session->setAudioInput(m_audioInput);
    }
}

void CaptureSessionRecorder::makeRecorder()
{
    m_recorder = new QMediaRecorder(this);
    m_session->setRecorder(m_recorder);
    m_recorder->setMediaFormat(formatFor(m_kind));
    m_recorder->setQuality(QMediaRecorder::NormalQuality);
    m_recorder->setEncodingMode(QMediaRecorder::AverageBitRateEncoding);
    m_recorder->setAudioChannelCount(m_preset.audioChannels);
    if (m_kind == Kind::Video) {
        m_recorder->setVideoResolution(m_preset.videoSize);
        m_recorder->setVideoFrameRate(m_preset.frameRate);
        m_recorder->setVideoBitRate(m_preset.videoBitRate);
        m_recorder->setAudioBitRate(m_preset.audioBitRate);
    } else {
        m_recorder->setAudioBitRate(m_preset.voiceBitRate);
    }
    connect(m_recorder, &QMediaRecorder::recorderStateChanged, this, &CaptureSessionRecorder::onStateChanged);
    connect(m_recorder, &QMediaRecorder::errorOccurred, this, &CaptureSessionRecorder::onError);
    connect(m_recorder, &QMediaRecorder::durationChanged, this, &CaptureSessionRecorder::onDuration);
}

QMediaFormat CaptureSessionRecorder::formatFor(Kind kind)
{
    if (kind == Kind::Voice) {
        QMediaFormat format(QMediaFormat::Ogg);
        format.setAudioCodec(QMediaFormat::AudioCodec::Opus);
        return format;
    }
    QMediaFormat format(QMediaFormat::WebM);
    format.setVideoCodec(QMediaFormat::VideoCodec::VP8);
    format.setAudioCodec(QMediaFormat::AudioCodec::Opus);
    return format;
}

QString CaptureSessionRecorder::fileSuffix() const
{
    // What Qt appends when the name lacks it (Ogg: "ogv", WebM: "webm").
    return formatFor(m_kind).mimeType().preferredSuffix();
}

void CaptureSessionRecorder::start(const QString& filePath)
{
    if (m_active)
        return;
    if (m_kind == Kind::Voice && !m_audioInput) {
        emit failed(QString(), tr("No microphone was found on this device."));
        return;
    }
    m_path = filePath;
    m_problem.clear();
    m_active = true;
    m_startedEmitted = false;
    m_restarting = false;
    m_attempt = 1;
    if (!m_recorder)
        makeRecorder(); // the last one was let go while starting again
    m_recorder->setOutputLocation(QUrl::fromLocalFile(filePath));
    m_recorder->record();
    m_startWatchdog->start(); // started() once media flows
}

void CaptureSessionRecorder::stop()
{
    if (!m_active)
        return;
    m_startWatchdog->stop();
    m_restarting = false;
    if (!m_recorder || m_recorder->recorderState() == QMediaRecorder::StoppedState) {
        end();
        return;
    }
    m_recorder->stop(); // finishes in onStateChanged(StoppedState) once the file is written
}

void CaptureSessionRecorder::onStateChanged(QMediaRecorder::RecorderState state)
{
    if (!m_active)
        return;
    if (state != QMediaRecorder::StoppedState)
        return;
    if (m_restarting) {
        m_restarting = false;
        QString written = m_recorder->actualLocation().toLocalFile();
        if (written.isEmpty())
            written = m_path;
        RamFolder::wipeFile(written); // empty: nothing reached the encoder
        ++m_attempt;
        qCInfo(lcCapture, "nothing reached the recorder; starting it again (attempt %d)", m_attempt);
        // With a new recorder, a moment later: the pipeline posts one more end-of-stream after the old recorder says
        // it has stopped, and a recorder already listening takes it as the end of its own recording.
        disconnect(m_recorder, nullptr, this, nullptr);
        m_recorder->deleteLater();
        m_recorder = nullptr;
        QTimer::singleShot(RestartDelayMs, this, [this] {
            if (!m_active)
                return;
            if (m_ownSession)
                makeOwnSession(); // the voice note's pipeline itself may be what never started
            makeRecorder();
            m_recorder->setOutputLocation(QUrl::fromLocalFile(m_path));
            m_recorder->record();
            m_startWatchdog->start();
        });
        return;
    }
    end();
}

void CaptureSessionRecorder::onDuration(qint64 ms)
{
    if (!m_active || m_startedEmitted || ms <= 0)
        return;
    m_startWatchdog->stop();
    m_startedEmitted = true;
    qCInfo(lcCapture, "%s recording started", m_kind == Kind::Voice ? "voice" : "video");
    emit started();
}

void CaptureSessionRecorder::onNothingFlowing()
{
    if (!m_active || m_startedEmitted)
        return;
    qCWarning(lcCapture, "no media reached the recorder within %d ms", StartTimeoutMs);
    if (m_attempt < MaxAttempts) {
        m_restarting = true;
    } else {
        m_problem = m_kind == Kind::Voice
            ? tr("The microphone sends no sound, so nothing was recorded. Check that it is connected and not muted, "
                 "then try again.")
            : tr("The camera sends no pictures to the recorder, so nothing was recorded. Try again.");
    }
    m_recorder->stop();
}

void CaptureSessionRecorder::onError(QMediaRecorder::Error error, const QString&)
{
    qCWarning(lcCapture) << "recorder error" << error;
    switch (error) {
    case QMediaRecorder::OutOfSpaceError:
    case QMediaRecorder::LocationNotWritable:
        m_problem = tr("The recording stopped: there is no room left in memory to record into. Close other apps "
                       "and try a shorter recording.");
        break;
    case QMediaRecorder::FormatError:
        m_problem = tr("This device cannot encode recordings (a GStreamer part is missing). Ask your IT contact "
                       "to run Acorn's set-up again.");
        break;
    default:
        m_problem = m_kind == Kind::Voice
            ? tr("The recording stopped: the microphone is not available. Check that it is connected.")
            : tr("The recording stopped: the camera or microphone is not available.");
        break;
    }
    if (m_active && m_recorder && m_recorder->recorderState() == QMediaRecorder::StoppedState)
        end();
}

void CaptureSessionRecorder::end()
{
    if (!m_active)
        return;
    m_active = false;
    m_startWatchdog->stop();
    // Qt may have added the suffix; the file that exists is the one to seal or wipe.
    QString path = m_recorder ? m_recorder->actualLocation().toLocalFile() : QString();
    if (path.isEmpty() || !QFileInfo::exists(path))
        path = m_path;
    if (!QFileInfo::exists(path) && QFileInfo::exists(m_path + QLatin1Char('.') + fileSuffix()))
        path = m_path + QLatin1Char('.') + fileSuffix();
    qCInfo(lcCapture, "%s recording stopped", m_kind == Kind::Voice ? "voice" : "video");
    if (m_problem.isEmpty())
        emit finished(path);
    else
        emit failed(path, m_problem);
}

} // namespace Acorn
