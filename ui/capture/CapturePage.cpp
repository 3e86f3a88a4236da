#include "capture/CapturePage.h"

#include "Theme.h"
#include "auth/Session.h"
#include "capture/CaptureChildChips.h"
#include "capture/CaptureLogging.h"
#include "capture/FrameSource.h"
#include "capture/FrameView.h"
#include "capture/MediaSourceFactory.h"
#include "capture/Recorder.h"
#include "crypto/SecureBuffer.h"
#include "domain/Child.h"
#include "journal/EditorDraftStore.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "kiosk/KioskFilePicker.h"
#include "lock/LockController.h"
#include "media/RamFolder.h"
#include "media/RecordingSealer.h"
#include "people/Children.h"

#include <QBuffer>
#include <QButtonGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

namespace Acorn {

namespace {
constexpr int BigButtonSide = 88;
constexpr int PhotoJpegQuality = 92;

QString clockText(qint64 ms)
{
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

// Sizes are of the content box: 72 px + an 8 px border on each side = an 88 px circle.
const char* const PageStyle = R"(
QPushButton#shutterButton {
    min-width: 72px; max-width: 72px; min-height: 72px; max-height: 72px; padding: 0; border-radius: 44px; border: 8px solid #2e6b3a; background: #ffffff;
}
QPushButton#shutterButton:pressed { background: #cfe3d3; }
QPushButton#shutterButton:disabled { border-color: #b8c4bb; background: #eeeeee; }
QPushButton#recordButton {
    min-width: 72px; max-width: 72px; min-height: 72px; max-height: 72px; padding: 0; border-radius: 44px; border: 8px solid #ffffff; background: #c62828; color: white;
    font-size: 15px; font-weight: bold;
}
QPushButton#recordButton[recording="true"] { border-radius: 14px; border-color: #c62828; background: #8e1c1c; }
QPushButton#recordButton:disabled { background: #d9a5a5; }
QPushButton[mode="true"] { min-height: 52px; min-width: 112px; border: 2px solid #8a9aa9; background: #ffffff; }
QPushButton[mode="true"]:checked { background: #1d3557; border-color: #1d3557; color: white; font-weight: bold; }
QLabel#recordingTimerLabel { color: #c62828; font-size: 20px; font-weight: bold; }
QLabel#noCameraLabel, QLabel#voiceNoteLabel { font-size: 22px; }
QWidget#captureBottomBar { background: #1f242b; border-radius: 8px; }
QWidget#captureBottomBar QLabel { color: #ffffff; }
)";
} // namespace

CapturePage::CapturePage(LockController& lock, std::unique_ptr<MediaSourceFactory> sources, CaptureOptions options,
                         QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_factory(std::move(sources))
    , m_options(std::move(options))
    , m_filePicker(lock.isKiosk() ? FilePicker([&lock](QWidget* parent) {
        return KioskFilePicker::pick(lock.deviceSettings(), KioskFilePicker::Kind::Media, parent);
    })
                                  : FilePicker(&CapturePage::pickFiles))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("capturePage"));
    buildUi();
    loadChildren();
    refreshCameras();

    m_tick->setInterval(200);
    connect(m_tick, &QTimer::timeout, this, &CapturePage::tick);
    connect(m_factory.get(), &MediaSourceFactory::camerasChanged, this, &CapturePage::refreshCameras);
    connect(&m_lock, &LockController::locked, this, &CapturePage::onSessionEnded);
    connect(&m_lock, &LockController::signedOut, this, &CapturePage::onSessionEnded);
    connect(&m_lock, &LockController::signedIn, this, &CapturePage::onSignedIn);
    if (Session* s = session())
        m_staffId = s->staff().id;
    m_lock.registerDraftSource(this);
    updateView();
}

CapturePage::~CapturePage()
{
    m_lock.unregisterDraftSource(this);
    finishRecordingNow(); // a page closed mid-recording keeps the recording, like a lock does
    delete m_videoRecorder;
    delete m_voiceRecorder;
    delete m_source;
    m_ramFolder.reset(); // wipes anything left
}

void CapturePage::buildUi()
{
    setStyleSheet(QString::fromLatin1(PageStyle));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);

    // Top: which camera, and what to capture.
    auto* top = new QHBoxLayout;
    m_cameraLabel = new QLabel(tr("Camera"), this);
    auto* cameraLabel = m_cameraLabel;
    m_cameraCombo = new QComboBox(this);
    m_cameraCombo->setObjectName(QStringLiteral("cameraComboBox"));
    m_cameraCombo->setMinimumWidth(220);
    cameraLabel->setBuddy(m_cameraCombo);
    top->addWidget(cameraLabel);
    top->addWidget(m_cameraCombo, 1);
    top->addSpacing(16);
    m_modeGroup = new QButtonGroup(this);
    m_modeGroup->setExclusive(true);
    const auto addMode = [&](QPushButton*& button, const char* name, const QString& text, Mode mode) {
        button = new QPushButton(text, this);
        button->setObjectName(QLatin1String(name));
        button->setCheckable(true);
        button->setProperty("mode", true);
        m_modeGroup->addButton(button, int(mode));
        top->addWidget(button);
    };
    addMode(m_photoModeButton, "photoModeButton", tr("Photo"), Mode::Photo);
    addMode(m_videoModeButton, "videoModeButton", tr("Video"), Mode::Video);
    addMode(m_voiceModeButton, "voiceModeButton", tr("Voice note"), Mode::Voice);
    m_photoModeButton->setChecked(true);
    layout->addLayout(top);

    // Middle: the preview, or why there is none.
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("captureViewStack"));
    m_preview = new FrameView(m_stack);
    m_preview->setObjectName(QStringLiteral("capturePreview"));
    m_preview->setPlaceholderText(tr("Starting the camera…"));
    m_stack->addWidget(m_preview);

    m_noCameraPanel = new QWidget(m_stack);
    m_noCameraPanel->setObjectName(QStringLiteral("noCameraPanel"));
    auto* noCameraLayout = new QVBoxLayout(m_noCameraPanel);
    noCameraLayout->addStretch(1);
    m_noCameraLabel = new QLabel(m_noCameraPanel);
    m_noCameraLabel->setObjectName(QStringLiteral("noCameraLabel"));
    m_noCameraLabel->setWordWrap(true);
    m_noCameraLabel->setAlignment(Qt::AlignCenter);
    noCameraLayout->addWidget(m_noCameraLabel);
    noCameraLayout->addStretch(1);
    m_stack->addWidget(m_noCameraPanel);

    m_voicePanel = new QWidget(m_stack);
    m_voicePanel->setObjectName(QStringLiteral("voiceNotePanel"));
    auto* voiceLayout = new QVBoxLayout(m_voicePanel);
    voiceLayout->addStretch(1);
    m_voiceLabel = new QLabel(m_voicePanel);
    m_voiceLabel->setObjectName(QStringLiteral("voiceNoteLabel"));
    m_voiceLabel->setWordWrap(true);
    m_voiceLabel->setAlignment(Qt::AlignCenter);
    voiceLayout->addWidget(m_voiceLabel);
    voiceLayout->addStretch(1);
    m_stack->addWidget(m_voicePanel);
    layout->addWidget(m_stack, 1);

    m_chips = new CaptureChildChips(this);
    m_chips->setObjectName(QStringLiteral("captureChildChips"));
    layout->addWidget(m_chips);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("captureMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->hide();
    layout->addWidget(m_messageLabel);

    // Bottom: import, the big button, done.
    auto* bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("captureBottomBar"));
    bar->setAttribute(Qt::WA_StyledBackground);
    auto* grid = new QGridLayout(bar);
    grid->setContentsMargins(12, 10, 12, 10);
    auto* left = new QVBoxLayout;
    m_importButton = new QPushButton(tr("Import a file instead"), bar);
    m_importButton->setObjectName(QStringLiteral("importFileButton"));
    Theme::makeBig(m_importButton);
    m_retryButton = new QPushButton(tr("Try saving again"), bar);
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_retryButton->hide();
    m_countLabel = new QLabel(bar);
    m_countLabel->setObjectName(QStringLiteral("capturedCountLabel"));
    left->addWidget(m_importButton);
    left->addWidget(m_retryButton);
    left->addWidget(m_countLabel);
    grid->addLayout(left, 0, 0, 2, 1, Qt::AlignLeft | Qt::AlignVCenter);

    auto* centre = new QVBoxLayout;
    centre->setSpacing(4);
    m_timerLabel = new QLabel(bar);
    m_timerLabel->setObjectName(QStringLiteral("recordingTimerLabel"));
    m_timerLabel->setAlignment(Qt::AlignCenter);
    m_timerLabel->hide();
    m_shutterButton = new QPushButton(bar);
    m_shutterButton->setObjectName(QStringLiteral("shutterButton"));
    m_shutterButton->setToolTip(tr("Take a photo"));
    m_shutterButton->setAccessibleName(tr("Take a photo"));
    m_shutterButton->setFixedSize(BigButtonSide, BigButtonSide);
    m_recordButton = new QPushButton(bar);
    m_recordButton->setObjectName(QStringLiteral("recordButton"));
    m_recordButton->setFixedSize(BigButtonSide, BigButtonSide);
    m_actionCaption = new QLabel(bar);
    m_actionCaption->setObjectName(QStringLiteral("actionCaptionLabel"));
    m_actionCaption->setAlignment(Qt::AlignCenter);
    centre->addWidget(m_timerLabel, 0, Qt::AlignHCenter);
    centre->addWidget(m_shutterButton, 0, Qt::AlignHCenter);
    centre->addWidget(m_recordButton, 0, Qt::AlignHCenter);
    centre->addWidget(m_actionCaption, 0, Qt::AlignHCenter);
    grid->addLayout(centre, 0, 1, 2, 1, Qt::AlignCenter);

    m_doneButton = new QPushButton(tr("Done"), bar);
    m_doneButton->setObjectName(QStringLiteral("captureDoneButton"));
    Theme::makePrimary(m_doneButton);
    m_doneButton->setMinimumWidth(140);
    grid->addWidget(m_doneButton, 0, 2, 2, 1, Qt::AlignRight | Qt::AlignVCenter);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(2, 1);
    layout->addWidget(bar);

    connect(m_modeGroup, &QButtonGroup::idClicked, this, [this](int id) { setMode(Mode(id)); });
    connect(m_cameraCombo, &QComboBox::activated, this, [this](int index) {
        const QString id = m_cameraCombo->itemData(index).toString();
        if (id == m_cameraId && m_source && m_cameraProblem.isEmpty())
            return;
        QSettings().setValue(QLatin1String(CameraSettingKey), id);
        openCamera(id);
        startSource();
        updateView();
    });
    connect(m_shutterButton, &QPushButton::clicked, this, &CapturePage::takePhoto);
    connect(m_recordButton, &QPushButton::clicked, this, &CapturePage::toggleRecording);
    connect(m_importButton, &QPushButton::clicked, this, &CapturePage::importFiles);
    connect(m_retryButton, &QPushButton::clicked, this, &CapturePage::retryPending);
    connect(m_doneButton, &QPushButton::clicked, this, &CapturePage::doneRequested);
}

Session* CapturePage::session() const
{
    Session* s = m_lock.session();
    return s && s->isOpen() ? s : nullptr;
}

void CapturePage::loadChildren()
{
    Session* s = session();
    if (!s)
        return;
    QList<QPair<QString, QString>> list;
    const auto children = Children(*s).visible();
    for (const Child& child : children)
        if (child.status == ChildStatus::Active || child.status == ChildStatus::Enrolling)
            list.append({child.id, child.displayName()});
    m_chips->setChildren(list);
}

void CapturePage::preselectChildren(const QStringList& childIds)
{
    if (m_draftId.isEmpty())
        m_chips->setSelectedIds(childIds);
}

void CapturePage::setDraftObservationId(const QString& observationId)
{
    m_draftId = observationId;
    if (Session* s = session()) {
        if (const auto o = Observations(*s).byId(observationId))
            m_chips->setSelectedIds(o->childIds);
    }
}

QStringList CapturePage::pickFiles(QWidget* parent)
{
    const QStringList pictures = QStandardPaths::standardLocations(QStandardPaths::PicturesLocation);
    return QFileDialog::getOpenFileNames(
        parent, tr("Import photos, videos or voice notes"), pictures.value(0),
        tr("Photos, videos and voice notes (*.jpg *.jpeg *.png *.heic *.webp *.gif *.bmp *.mp4 *.mov *.m4v *.webm "
           "*.mkv *.avi *.3gp *.m4a *.mp3 *.ogg *.oga *.opus *.wav *.aac *.amr)"));
}

bool CapturePage::isRecording() const
{
    return m_activeRecorder && (m_activeRecorder->isRecording() || m_recordingStarting);
}

QString CapturePage::recordingFolder() const
{
    return m_ramFolder ? m_ramFolder->path() : QString();
}

void CapturePage::refreshCameras()
{
    const auto cameras = m_factory->cameras();
    const QString remembered = QSettings().value(QLatin1String(CameraSettingKey)).toString();
    QString wanted = m_cameraId.isEmpty() ? remembered : m_cameraId;
    bool found = false;
    {
        const QSignalBlocker blocker(m_cameraCombo);
        m_cameraCombo->clear();
        for (const CameraChoice& camera : cameras) {
            m_cameraCombo->addItem(camera.description, camera.id);
            found = found || camera.id == wanted;
        }
        if (!found && !cameras.isEmpty())
            wanted = cameras.first().id;
        m_cameraCombo->setCurrentIndex(m_cameraCombo->findData(wanted));
    }
    if (cameras.isEmpty()) {
        if (!isRecording())
            closeCamera();
    } else if (!m_source || wanted != m_cameraId || !m_cameraProblem.isEmpty()) {
        if (!isRecording()) {
            m_cameraProblem.clear();
            openCamera(wanted);
            if (isVisible())
                startSource();
        }
    }
    updateView();
}

void CapturePage::openCamera(const QString& cameraId)
{
    closeCamera();
    m_cameraId = cameraId;
    m_cameraProblem.clear();
    m_source = m_factory->createFrameSource(cameraId, this);
    if (!m_source) {
        m_cameraProblem = tr("This camera is no longer available.");
        return;
    }
    connect(m_source, &FrameSource::frameAvailable, m_preview, &FrameView::setFrame);
    connect(m_source, &FrameSource::started, this, &CapturePage::updateView);
    connect(m_source, &FrameSource::stopped, this, &CapturePage::updateView);
    connect(m_source, &FrameSource::photoCaptured, this, &CapturePage::onPhotoCaptured);
    connect(m_source, &FrameSource::photoFailed, this, [this](const QString& message) {
        m_photoPending = false;
        showMessage(message, true);
        updateView();
    });
    connect(m_source, &FrameSource::errorOccurred, this,
            [this](FrameSource::Failure, const QString& message) { onSourceError(message); });
    m_videoRecorder = m_factory->createVideoRecorder(*m_source, m_options.preset, this);
    if (m_videoRecorder)
        connectRecorder(m_videoRecorder);
    qCInfo(lcCapture, "camera opened");
}

void CapturePage::closeCamera()
{
    if (m_videoRecorder && m_activeRecorder == m_videoRecorder)
        return; // never pull the camera from under a recording
    delete m_videoRecorder;
    m_videoRecorder = nullptr;
    delete m_source;
    m_source = nullptr;
    m_cameraId.clear();
    m_preview->clear();
}

void CapturePage::startSource()
{
    if (m_source && !m_source->isActive() && session() && m_mode != Mode::Voice)
        m_source->start();
}

void CapturePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_source && !m_factory->cameras().isEmpty())
        refreshCameras();
    startSource();
    prepareMicrophone();
    updateView();
}

void CapturePage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    // The camera and microphone are off while nobody looks at them; a recording goes on until it is stopped.
    if (m_source && !isRecording())
        m_source->stop();
    prepareMicrophone();
}

void CapturePage::prepareMicrophone()
{
    // The voice recorder's audio input runs while the voice-note mode is on screen, so that the first words are not
    // lost to the time the audio device takes to start; it is released otherwise.
    const bool wanted = m_mode == Mode::Voice && isVisible() && session() && m_factory->hasMicrophone();
    if (wanted)
        voiceRecorder();
    else if (m_voiceRecorder && m_activeRecorder != m_voiceRecorder) {
        delete m_voiceRecorder;
        m_voiceRecorder = nullptr;
    }
}

void CapturePage::setMode(Mode mode)
{
    if (isRecording())
        return;
    m_mode = mode;
    if (auto* button = m_modeGroup->button(int(mode)))
        button->setChecked(true);
    // Voice notes need no camera: it rests meanwhile.
    if (mode == Mode::Voice && m_source)
        m_source->stop();
    else if (isVisible())
        startSource();
    prepareMicrophone();
    updateView();
}

void CapturePage::updateView()
{
    const bool recording = isRecording();
    const bool haveCamera = m_cameraCombo->count() > 0;
    const bool cameraWorks = m_source && m_source->isActive() && m_cameraProblem.isEmpty();

    if (m_mode == Mode::Voice) {
        m_stack->setCurrentWidget(m_voicePanel);
        m_voiceLabel->setText(m_factory->hasMicrophone()
                                  ? (recording ? tr("Recording a voice note…") : tr("Voice notes record sound only."))
                                  : tr("No microphone was found on this device, so voice notes cannot be recorded "
                                       "here. You can import a recording from a file instead."));
    } else if (!haveCamera || !m_cameraProblem.isEmpty()) {
        m_stack->setCurrentWidget(m_noCameraPanel);
        m_noCameraLabel->setText(
            !m_cameraProblem.isEmpty()
                ? tr("%1\nEverything you captured is kept. You can import a file instead.").arg(m_cameraProblem)
                : tr("No camera was found on this device.\nYou can import a photo or video from a file instead, "
                     "or record a voice note."));
    } else {
        m_stack->setCurrentWidget(m_preview);
    }

    // Without a camera (or, for voice notes, a microphone) there is nothing to press: importing is the thing to do.
    const bool cameraMode = m_mode != Mode::Voice;
    const bool cameraUsable = haveCamera && m_cameraProblem.isEmpty();
    const bool microphoneUsable = m_factory->hasMicrophone();
    const bool nothingToPress = cameraMode ? !cameraUsable : !microphoneUsable;
    m_shutterButton->setVisible(m_mode == Mode::Photo && cameraUsable);
    m_recordButton->setVisible(recording || (m_mode == Mode::Video && cameraUsable)
                               || (m_mode == Mode::Voice && microphoneUsable));
    m_cameraLabel->setVisible(haveCamera && cameraMode);
    m_cameraCombo->setVisible(haveCamera && cameraMode);
    m_chips->setTitle(cameraMode ? tr("Who is in the picture?") : tr("Who is this about?"));
    if (m_importButton->property("primary").toBool() != nothingToPress) {
        m_importButton->setProperty("primary", nothingToPress);
        m_importButton->style()->unpolish(m_importButton);
        m_importButton->style()->polish(m_importButton);
    }
    m_shutterButton->setEnabled(cameraWorks && !m_photoPending && session());
    const bool canStart = m_mode == Mode::Voice ? m_factory->hasMicrophone() : (cameraWorks && m_videoRecorder);
    m_recordButton->setEnabled(session() && (recording ? !m_recordingStarting : canStart));
    m_recordButton->setProperty("recording", recording);
    m_recordButton->setText(recording ? tr("Stop") : QString());
    m_recordButton->setAccessibleName(recording ? tr("Stop recording") : tr("Start recording"));
    m_recordButton->style()->unpolish(m_recordButton);
    m_recordButton->style()->polish(m_recordButton);

    if (nothingToPress && !recording)
        m_actionCaption->setText(QString());
    else if (m_mode == Mode::Photo)
        m_actionCaption->setText(tr("Take a photo"));
    else if (recording && m_recordingStarting)
        m_actionCaption->setText(m_mode == Mode::Voice ? tr("Starting the microphone…") : tr("Starting…"));
    else if (recording)
        m_actionCaption->setText(tr("Tap to stop"));
    else
        m_actionCaption->setText(m_mode == Mode::Video ? tr("Record a video") : tr("Record a voice note"));
    m_timerLabel->setVisible(recording && !m_recordingStarting);

    m_cameraCombo->setEnabled(haveCamera && !recording);
    for (QAbstractButton* button : m_modeGroup->buttons())
        button->setEnabled(!recording);
    m_importButton->setEnabled(!recording && session());
    m_doneButton->setEnabled(!recording);
    m_retryButton->setVisible(!m_pending.isEmpty());
    m_countLabel->setText(m_captured == 0 ? QString() : tr("%n added to this observation", nullptr, m_captured));
}

void CapturePage::showMessage(const QString& text, bool error)
{
    if (error)
        Theme::makeError(m_messageLabel);
    else
        Theme::makeSuccess(m_messageLabel);
    m_messageLabel->style()->unpolish(m_messageLabel); // the colour follows the role only after a re-polish
    m_messageLabel->style()->polish(m_messageLabel);
    Theme::setMessage(m_messageLabel, text);
}

bool CapturePage::requireTarget()
{
    if (!session()) {
        showMessage(tr("Sign in again to capture."), true);
        return false;
    }
    if (m_draftId.isEmpty() && m_chips->selectedIds().isEmpty()) {
        showMessage(tr("First tap the children who are in the picture."), true);
        return false;
    }
    return true;
}

bool CapturePage::ensureDraft(const QStringList& childIds)
{
    if (!m_draftId.isEmpty())
        return true;
    Session* s = session();
    if (!s)
        return false;
    auto draft = Observations(*s).createDraft(childIds);
    if (!draft) {
        showMessage(draft.errorMessage(), true);
        return false;
    }
    m_draftId = draft.value().id;
    qCInfo(lcCapture, "captures go to new draft %s", qUtf8Printable(m_draftId));
    emit draftCreated(m_draftId);
    return true;
}

void CapturePage::added(const MediaItem& item, const QString& message)
{
    ++m_captured;
    qCInfo(lcCapture, "media %s added to observation %s", qUtf8Printable(item.id), qUtf8Printable(m_draftId));
    showMessage(message, false);
    emit mediaCaptured(item);
}

void CapturePage::takePhoto()
{
    if (!m_source || m_photoPending || !requireTarget())
        return;
    m_photoPending = true;
    updateView();
    m_source->capturePhoto();
}

void CapturePage::onPhotoCaptured(const QImage& image)
{
    m_photoPending = false;
    const QStringList children = m_chips->selectedIds();
    Session* s = session();
    if (!s || !ensureDraft(children)) {
        updateView();
        return;
    }
    // In memory only: the picture is encoded to a buffer and from there into the vault.
    QByteArray jpeg;
    {
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "jpeg");
        writer.setQuality(PhotoJpegQuality);
        if (!writer.write(image)) {
            showMessage(tr("The photo could not be saved. Try again."), true);
            updateView();
            return;
        }
    }
    auto item = RecordingSealer(*s).attachPhoto(m_draftId, jpeg, children);
    wipeBytes(jpeg);
    if (item)
        added(item.value(), tr("Photo added."));
    else
        showMessage(item.errorMessage(), true);
    updateView();
}

void CapturePage::toggleRecording()
{
    if (isRecording())
        stopRecording();
    else
        startRecording(m_mode);
}

Recorder* CapturePage::voiceRecorder()
{
    if (!m_voiceRecorder) {
        m_voiceRecorder = m_factory->createVoiceRecorder(m_options.preset, this);
        if (m_voiceRecorder)
            connectRecorder(m_voiceRecorder);
    }
    return m_voiceRecorder;
}

void CapturePage::connectRecorder(Recorder* recorder)
{
    connect(recorder, &Recorder::started, this, &CapturePage::onRecordingStarted);
    connect(recorder, &Recorder::finished, this, &CapturePage::onRecordingFinished);
    connect(recorder, &Recorder::failed, this, &CapturePage::onRecordingFailed);
}

void CapturePage::startRecording(Mode mode)
{
    if (mode == Mode::Photo || isRecording() || !requireTarget())
        return;
    if (!m_ramFolder) {
        auto folder = RamFolder::create();
        if (!folder) {
            showMessage(folder.errorMessage(), true);
            return;
        }
        m_ramFolder = folder.take();
    }
    Recorder* recorder = mode == Mode::Video ? m_videoRecorder : voiceRecorder();
    if (!recorder) {
        showMessage(mode == Mode::Video ? tr("This camera cannot record videos. Take photos, or import a file.")
                                        : tr("No microphone was found on this device."),
                    true);
        return;
    }
    if (!m_draftId.isEmpty()) {
        // Better to say so now than after two minutes of filming.
        if (auto ok = RecordingSealer(*session()).checkCanAttach(m_draftId, m_chips->selectedIds()); !ok) {
            showMessage(ok.errorMessage(), true);
            return;
        }
    }
    m_recording = {m_ramFolder->newFilePath(recorder->fileSuffix()),
                   mode == Mode::Video ? MediaKind::Video : MediaKind::Audio, m_chips->selectedIds()};
    m_limitReached = false;
    m_activeRecorder = recorder;
    m_recordingStarting = true;
    m_recordingClock.invalidate();
    Theme::setMessage(m_messageLabel, QString());
    updateView();
    recorder->start(m_recording.path);
}

void CapturePage::onRecordingStarted()
{
    m_recordingStarting = false;
    m_recordingClock.start();
    m_timerLabel->setText(QStringLiteral("● %1 / %2")
                              .arg(clockText(0),
                                   clockText(qint64(m_recording.kind == MediaKind::Video ? m_options.maxVideoSeconds
                                                                                         : m_options.maxVoiceSeconds)
                                             * 1000)));
    m_tick->start();
    updateView();
}

void CapturePage::tick()
{
    if (!isRecording() || m_recordingStarting)
        return;
    const qint64 limitMs
        = qint64(m_recording.kind == MediaKind::Video ? m_options.maxVideoSeconds : m_options.maxVoiceSeconds) * 1000;
    const qint64 elapsed = m_recordingClock.elapsed();
    m_timerLabel->setText(QStringLiteral("● %1 / %2").arg(clockText(elapsed), clockText(limitMs)));
    if (elapsed >= limitMs && !m_limitReached) {
        m_limitReached = true;
        qCInfo(lcCapture, "recording reached its maximum length");
        stopRecording();
    }
}

qint64 CapturePage::recordedMs() const
{
    if (!m_recordingClock.isValid())
        return 0;
    const qint64 limitMs
        = qint64(m_recording.kind == MediaKind::Video ? m_options.maxVideoSeconds : m_options.maxVoiceSeconds) * 1000;
    return qMin(m_recordingClock.elapsed(), limitMs);
}

void CapturePage::stopRecording()
{
    if (m_activeRecorder)
        m_activeRecorder->stop(); // ends in onRecordingFinished or onRecordingFailed
}

void CapturePage::onRecordingFinished(const QString& path)
{
    m_tick->stop();
    m_recordingStarting = false;
    m_activeRecorder = nullptr;
    PendingRecording recording = m_recording;
    recording.path = path;
    recording.durationMs = recordedMs();
    if (sealRecording(recording)) {
        const QString limit
            = tr("%n minute(s)", nullptr,
                 std::max(1,
                          (m_recording.kind == MediaKind::Video ? m_options.maxVideoSeconds : m_options.maxVoiceSeconds)
                              / 60));
        if (m_limitReached)
            showMessage(tr("The recording stopped at the %1 limit and was saved.").arg(limit), false);
    }
    updateView();
}

void CapturePage::onRecordingFailed(const QString& path, const QString& message)
{
    m_tick->stop();
    m_recordingStarting = false;
    m_activeRecorder = nullptr;
    PendingRecording recording = m_recording;
    recording.path = path;
    recording.durationMs = recordedMs();
    QString text = message;
    if (!path.isEmpty() && QFileInfo(path).size() > 0) {
        if (sealRecording(recording))
            text += QLatin1Char(' ') + tr("What was recorded before that is saved.");
    } else if (!path.isEmpty()) {
        RamFolder::wipeFile(path);
    }
    showMessage(text, true);
    updateView();
}

bool CapturePage::sealRecording(const PendingRecording& recording)
{
    if (recording.path.isEmpty() || !QFileInfo::exists(recording.path))
        return false;
    Session* s = session();
    if (!s) {
        // Nothing can be stored without the database; the folder is wiped when the page goes or the lock ends it.
        showMessage(tr("The recording could not be saved because Acorn is locked."), true);
        RamFolder::wipeFile(recording.path);
        return false;
    }
    if (!m_ramFolder || !m_ramFolder->contains(recording.path)) {
        qCWarning(lcCapture, "a recording ended up outside the RAM folder; wiping it");
        RamFolder::wipeFile(recording.path);
        showMessage(tr("The recording could not be saved."), true);
        return false;
    }
    if (!ensureDraft(recording.childIds)) {
        m_pending.append(recording);
        return false;
    }
    auto item = RecordingSealer(*s).attachRecording(m_draftId, recording.path, recording.kind, recording.childIds,
                                                    recording.durationMs);
    if (!item) {
        if (QFileInfo::exists(recording.path))
            m_pending.append(recording); // kept in memory for "Try saving again"
        showMessage(item.errorMessage(), true);
        return false;
    }
    added(item.value(), recording.kind == MediaKind::Video ? tr("Video added.") : tr("Voice note added."));
    return true;
}

void CapturePage::retryPending()
{
    const auto pending = m_pending;
    m_pending.clear();
    for (const PendingRecording& recording : pending)
        sealRecording(recording);
    updateView();
}

void CapturePage::onSourceError(const QString& message)
{
    qCWarning(lcCapture, "camera failed");
    m_cameraProblem = message;
    m_preview->clear();
    m_photoPending = false;
    const int before = m_captured;
    if (isRecording() && m_activeRecorder == m_videoRecorder)
        finishRecordingNow();
    if (m_captured > before)
        showMessage(tr("The part recorded before the camera stopped is saved."), false);
    updateView();
}

void CapturePage::finishRecordingNow()
{
    if (!isRecording())
        return;
    const PendingRecording recording = m_recording;
    Recorder* recorder = m_activeRecorder;
    if (!recorder->stopAndWait(m_options.stopTimeoutMs) && m_activeRecorder == recorder) {
        // The recorder did not get to the end in time: keep what it wrote.
        qCWarning(lcCapture, "recording did not stop in time; sealing what was written");
        m_tick->stop();
        m_activeRecorder = nullptr;
        m_recordingStarting = false;
        QString path = recording.path;
        if (!QFileInfo::exists(path) && QFileInfo::exists(path + QLatin1Char('.') + recorder->fileSuffix()))
            path += QLatin1Char('.') + recorder->fileSuffix();
        PendingRecording partial = recording;
        partial.path = path;
        partial.durationMs = recordedMs();
        if (QFileInfo(path).size() > 0)
            sealRecording(partial);
        else
            RamFolder::wipeFile(path);
    }
}

void CapturePage::saveDraft(DraftStore& drafts)
{
    // The capture's draft is the observation itself: finish and seal a recording onto it while the database is
    // still open, then leave nothing behind in memory.
    finishRecordingNow();
    if (!m_pending.isEmpty())
        retryPending();
    // Signing in again opens the draft in the editor, to write what was seen.
    if (!m_draftId.isEmpty())
        (void)EditorDraftStore(drafts).setResume({m_draftId, {}});
    if (m_ramFolder)
        m_ramFolder->wipeAll();
}

void CapturePage::onSessionEnded()
{
    m_tick->stop();
    if (m_source)
        m_source->stop();
    prepareMicrophone();
    m_preview->clear();
    m_pending.clear();
    m_ramFolder.reset(); // wipes and removes the folder
    m_photoPending = false;
    updateView();
}

void CapturePage::onSignedIn()
{
    Session* s = session();
    if (!s)
        return;
    if (s->staff().id != m_staffId) {
        // Someone else: their captures do not go to the last person's draft.
        m_staffId = s->staff().id;
        m_draftId.clear();
        m_captured = 0;
        m_chips->setSelectedIds({});
        Theme::setMessage(m_messageLabel, QString());
    }
    loadChildren();
    if (isVisible())
        startSource();
    prepareMicrophone();
    updateView();
}

void CapturePage::importFiles()
{
    if (!requireTarget())
        return;
    const QStringList files = m_filePicker(this);
    if (files.isEmpty())
        return;
    const QStringList children = m_chips->selectedIds();
    Session* s = session();
    if (!s || !ensureDraft(children))
        return;
    ObservationMedia media(*s);
    QStringList problems;
    for (const QString& path : files) {
        auto item = media.attachFile(m_draftId, path, children);
        if (item)
            added(item.value(), tr("File added."));
        else
            problems << item.errorMessage();
    }
    if (!problems.isEmpty())
        showMessage(problems.join(QLatin1Char('\n')), true);
    updateView();
}

} // namespace Acorn
