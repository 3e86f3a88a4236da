#pragma once

#include "Result.h"
#include "domain/MediaItem.h"

#include <QMediaPlayer>
#include <QWidget>

#include <memory>

class QAudioOutput;
class QIODevice;
class QLabel;
class QPushButton;
class QSlider;
class QVideoSink;

namespace Acorn {

class FrameView;
class ObservationMedia;

// Shows one photo, video or voice note from the vault without ever writing it out: photos are decrypted into memory;
// videos and voice notes play through QMediaPlayer::setSourceDevice() on the decrypting, seekable MediaReader
// (ObservationMedia::openReader), frames through a QVideoSink into a FrameView. Sound goes to the default output (an
// audio output is always set: without one, Qt 6.4's GStreamer player fails on any stream that has sound).
class MediaPlayerWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit MediaPlayerWidget(QWidget* parent = nullptr);
    ~MediaPlayerWidget() override;

    // Opens an item of an observation the signed-in person may see.
    [[nodiscard]] VoidResult open(ObservationMedia& media, const MediaItem& item);
    // Plays an open, decrypting device (the widget owns it). `mimeType` helps pick the demuxer.
    void openDevice(std::unique_ptr<QIODevice> device, MediaKind kind, const QString& mimeType = {});
    void showPhoto(const QImage& image);
    void clear();

    void play();
    void pause();
    QMediaPlayer* player() const { return m_player; }
    QVideoSink* videoSink() const { return m_sink; }
    FrameView* view() const { return m_view; }

signals:
    void errorOccurred(const QString& message);

private:
    void updateControls();
    void showError(const QString& message);

    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_audioOutput = nullptr;
    QVideoSink* m_sink = nullptr;
    std::unique_ptr<QIODevice> m_device;
    MediaKind m_kind = MediaKind::Photo;

    FrameView* m_view = nullptr;
    QPushButton* m_playPauseButton = nullptr;
    QSlider* m_positionSlider = nullptr;
    QLabel* m_timeLabel = nullptr;
    QLabel* m_messageLabel = nullptr;
    QWidget* m_controls = nullptr;
    bool m_sliderHeld = false;
};

} // namespace Acorn
