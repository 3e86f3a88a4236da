#include "capture/MediaPlayerWidget.h"

#include "Theme.h"
#include "capture/CaptureLogging.h"
#include "capture/FrameView.h"
#include "crypto/SecureBuffer.h"
#include "journal/ObservationMedia.h"

#include <QAudioOutput>
#include <QHBoxLayout>
#include <QIODevice>
#include <QImage>
#include <QLabel>
#include <QMimeDatabase>
#include <QPushButton>
#include <QSlider>
#include <QUrl>
#include <QVBoxLayout>
#include <QVideoSink>

namespace Acorn {

namespace {
QString clockText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

constexpr qint64 MaxPhotoBytes = 80LL * 1000 * 1000;
} // namespace

MediaPlayerWidget::MediaPlayerWidget(QWidget* parent)
    : QWidget(parent)
    , m_player(new QMediaPlayer(this))
    , m_sink(new QVideoSink(this))
{
    setObjectName(QStringLiteral("mediaPlayerWidget"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view = new FrameView(this);
    m_view->setObjectName(QStringLiteral("playbackView"));
    layout->addWidget(m_view, 1);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("playbackMessageLabel"));
    Theme::makeError(m_messageLabel);
    layout->addWidget(m_messageLabel);

    m_controls = new QWidget(this);
    auto* row = new QHBoxLayout(m_controls);
    row->setContentsMargins(8, 4, 8, 4);
    m_playPauseButton = new QPushButton(tr("Play"), m_controls);
    m_playPauseButton->setObjectName(QStringLiteral("playPauseButton"));
    m_playPauseButton->setMinimumWidth(110);
    m_positionSlider = new QSlider(Qt::Horizontal, m_controls);
    m_positionSlider->setObjectName(QStringLiteral("positionSlider"));
    m_positionSlider->setMinimumHeight(48);
    m_positionSlider->setAccessibleName(tr("Position"));
    m_timeLabel = new QLabel(m_controls);
    m_timeLabel->setObjectName(QStringLiteral("playbackTimeLabel"));
    row->addWidget(m_playPauseButton);
    row->addWidget(m_positionSlider, 1);
    row->addWidget(m_timeLabel);
    layout->addWidget(m_controls);

    m_audioOutput = new QAudioOutput(this);
    m_player->setAudioOutput(m_audioOutput);
    m_player->setVideoOutput(m_sink);
    connect(m_sink, &QVideoSink::videoFrameChanged, m_view, &FrameView::setFrame);
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 duration) {
        m_positionSlider->setRange(0, int(duration));
        updateControls();
    });
    connect(m_player, &QMediaPlayer::positionChanged, this, [this](qint64 position) {
        if (!m_sliderHeld)
            m_positionSlider->setValue(int(position));
        updateControls();
    });
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, &MediaPlayerWidget::updateControls);
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error error, const QString& detail) {
        qCWarning(lcCapture) << "playback error" << error << detail;
        showError(tr("This recording cannot be played: it may be damaged."));
    });
    connect(m_playPauseButton, &QPushButton::clicked, this, [this] {
        if (m_player->playbackState() == QMediaPlayer::PlayingState)
            pause();
        else
            play();
    });
    connect(m_positionSlider, &QSlider::sliderPressed, this, [this] { m_sliderHeld = true; });
    connect(m_positionSlider, &QSlider::sliderReleased, this, [this] {
        m_sliderHeld = false;
        m_player->setPosition(m_positionSlider->value());
    });
    connect(m_positionSlider, &QSlider::actionTriggered, this, [this](int action) {
        if (action != QAbstractSlider::SliderMove)
            m_player->setPosition(m_positionSlider->sliderPosition());
    });
    m_controls->hide();
    Theme::setMessage(m_messageLabel, QString());
}

MediaPlayerWidget::~MediaPlayerWidget()
{
    clear(); // the player lets go of the device before the device goes
}

VoidResult MediaPlayerWidget::open(ObservationMedia& media, const MediaItem& item)
{
    clear();
    if (item.kind == MediaKind::Photo) {
        auto bytes = media.content(item.id, MaxPhotoBytes);
        if (!bytes)
            return bytes.error();
        QImage image = QImage::fromData(bytes.value());
        wipeBytes(bytes.value());
        if (image.isNull())
            return Error(Error::Code::InvalidInput, tr("This photo cannot be shown: it is damaged."));
        showPhoto(image);
        return {};
    }
    QString error;
    auto device = media.openReader(item.id, &error);
    if (!device)
        return Error(Error::Code::Io, error.isEmpty() ? tr("This recording cannot be opened.") : error);
    openDevice(std::move(device), item.kind);
    return {};
}

void MediaPlayerWidget::openDevice(std::unique_ptr<QIODevice> device, MediaKind kind, const QString& mimeType)
{
    clear();
    m_kind = kind;
    m_device = std::move(device);
    // Only a hint of the type, in a scheme of its own so that nothing takes it for a file to open.
    QString suffix = QMimeDatabase().mimeTypeForName(mimeType).preferredSuffix();
    if (suffix.isEmpty())
        suffix = kind == MediaKind::Audio ? QStringLiteral("opus") : QStringLiteral("webm");
    m_view->setPlaceholderText(kind == MediaKind::Audio ? tr("Voice note") : QString());
    m_player->setSourceDevice(m_device.get(), QUrl(QStringLiteral("acorn-vault:media.") + suffix));
    m_controls->show();
    updateControls();
}

void MediaPlayerWidget::showPhoto(const QImage& image)
{
    clear();
    m_kind = MediaKind::Photo;
    m_view->setImage(image);
}

void MediaPlayerWidget::clear()
{
    m_player->stop();
    m_player->setSourceDevice(nullptr);
    m_device.reset();
    m_view->clear();
    m_view->setPlaceholderText(QString());
    m_controls->hide();
    Theme::setMessage(m_messageLabel, QString());
}

void MediaPlayerWidget::play()
{
    if (m_device)
        m_player->play();
}

void MediaPlayerWidget::pause()
{
    m_player->pause();
}

void MediaPlayerWidget::updateControls()
{
    const bool playing = m_player->playbackState() == QMediaPlayer::PlayingState;
    m_playPauseButton->setText(playing ? tr("Pause") : tr("Play"));
    m_timeLabel->setText(
        QStringLiteral("%1 / %2").arg(clockText(m_player->position()), clockText(m_player->duration())));
}

void MediaPlayerWidget::showError(const QString& message)
{
    Theme::setMessage(m_messageLabel, message);
    emit errorOccurred(message);
}

} // namespace Acorn
