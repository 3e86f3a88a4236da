#pragma once

#include "capture/CaptureOptions.h"
#include "domain/MediaItem.h"
#include "lock/DraftSource.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QButtonGroup;
class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace Acorn {

class CaptureChildChips;
class FrameSource;
class FrameView;
class LockController;
class MediaSourceFactory;
class RamFolder;
class Recorder;
class Session;

// Taking photos, videos and voice notes for one draft observation, several in a row.
//
// Where captures go: every capture is stored at once — encrypted into the vault and attached to the draft
// observation with ObservationMedia::insert (through RecordingSealer, which applies attachFile's checks) — and then
// announced with mediaCaptured(). The draft is the one given with setDraftObservationId(); if none is given, the
// first capture creates one about the children chosen on the chips (draftCreated()). Storing at once is what makes
// "never lose a capture" simple: a lock, a crash or a flat battery finds everything already in the encrypted
// database, as part of the draft.
//
// Photos go from the camera to memory (QImageCapture::capture) and into the vault; they never touch a file.
// Videos and voice notes are recorded into a RamFolder (tmpfs) and sealed into the vault the moment recording stops,
// then overwritten and unlinked; with no RAM-backed folder the page refuses to record and says why. A lock while
// recording stops the recording, seals it onto the draft and wipes the folder (DraftSource::saveDraft).
//
// No camera, a camera that fails or is unplugged, a full disk: a clear message, everything captured so far stays,
// and "Import a file instead" is always there.
class CapturePage final : public QWidget, public DraftSource
{
    Q_OBJECT

public:
    enum class Mode { Photo, Video, Voice };
    Q_ENUM(Mode)
    // Returns the files the person chose (none when cancelled). Tests put their own in place of the file dialog.
    using FilePicker = std::function<QStringList(QWidget* parent)>;

    static constexpr auto CameraSettingKey = "capture/cameraId";

    CapturePage(LockController& lock, std::unique_ptr<MediaSourceFactory> sources, CaptureOptions options = {},
                QWidget* parent = nullptr);
    ~CapturePage() override;

    // Captures go to this draft (the signed-in person's own draft or returned observation); its children are
    // chosen on the chips to begin with.
    void setDraftObservationId(const QString& observationId);
    QString draftObservationId() const { return m_draftId; }
    // Before there is a draft: the children the first capture is about (the open child's journal, say).
    void preselectChildren(const QStringList& childIds);
    void setFilePicker(FilePicker picker) { m_filePicker = std::move(picker); }
    static QStringList pickFiles(QWidget* parent);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    bool isRecording() const;
    int capturedCount() const { return m_captured; }
    FrameSource* frameSource() const { return m_source; }
    // The RAM folder recordings are made in (empty until the first recording).
    QString recordingFolder() const;
    const CaptureOptions& options() const { return m_options; }

    void saveDraft(DraftStore& drafts) override;

signals:
    void mediaCaptured(const Acorn::MediaItem& item);
    void draftCreated(const QString& observationId);
    void doneRequested();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    struct PendingRecording
    {
        QString path;
        MediaKind kind = MediaKind::Video;
        QStringList childIds;
        qint64 durationMs = 0;
    };

    void buildUi();
    void loadChildren();
    void refreshCameras();
    void openCamera(const QString& cameraId);
    void closeCamera();
    void startSource();
    void updateView();
    void showMessage(const QString& text, bool error);

    Session* session() const;
    bool requireTarget();
    bool ensureDraft(const QStringList& childIds);

    void takePhoto();
    void onPhotoCaptured(const QImage& image);
    void toggleRecording();
    void startRecording(Mode mode);
    void stopRecording();
    qint64 recordedMs() const;
    Recorder* voiceRecorder();
    void prepareMicrophone();
    void connectRecorder(Recorder* recorder);
    void onRecordingStarted();
    void onRecordingFinished(const QString& path);
    void onRecordingFailed(const QString& path, const QString& message);
    bool sealRecording(const PendingRecording& recording);
    void retryPending();
    void tick();
    void onSourceError(const QString& message);
    void importFiles();
    void finishRecordingNow();
    void onSessionEnded();
    void onSignedIn();
    void added(const MediaItem& item, const QString& message);

    LockController& m_lock;
    std::unique_ptr<MediaSourceFactory> m_factory;
    CaptureOptions m_options;
    FilePicker m_filePicker;
    Mode m_mode = Mode::Photo;

    FrameSource* m_source = nullptr;
    Recorder* m_videoRecorder = nullptr;
    Recorder* m_voiceRecorder = nullptr;
    QPointer<Recorder> m_activeRecorder;
    std::unique_ptr<RamFolder> m_ramFolder;
    QString m_draftId;
    QString m_staffId; // whose captures these are: a different person signing in starts afresh
    QString m_cameraId;
    QString m_cameraProblem;
    PendingRecording m_recording;
    QList<PendingRecording> m_pending;
    QElapsedTimer m_recordingClock;
    bool m_recordingStarting = false;
    bool m_limitReached = false;
    bool m_photoPending = false;
    int m_captured = 0;

    QLabel* m_cameraLabel = nullptr;
    QComboBox* m_cameraCombo = nullptr;
    QButtonGroup* m_modeGroup = nullptr;
    QPushButton* m_photoModeButton = nullptr;
    QPushButton* m_videoModeButton = nullptr;
    QPushButton* m_voiceModeButton = nullptr;
    QStackedWidget* m_stack = nullptr;
    FrameView* m_preview = nullptr;
    QWidget* m_noCameraPanel = nullptr;
    QLabel* m_noCameraLabel = nullptr;
    QWidget* m_voicePanel = nullptr;
    QLabel* m_voiceLabel = nullptr;
    CaptureChildChips* m_chips = nullptr;
    QLabel* m_messageLabel = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_timerLabel = nullptr;
    QLabel* m_actionCaption = nullptr;
    QPushButton* m_shutterButton = nullptr;
    QPushButton* m_recordButton = nullptr;
    QPushButton* m_importButton = nullptr;
    QPushButton* m_retryButton = nullptr;
    QPushButton* m_doneButton = nullptr;
    QTimer* m_tick = nullptr;
};

} // namespace Acorn
