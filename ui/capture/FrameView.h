#pragma once

#include <QImage>
#include <QVideoFrame>
#include <QWidget>

namespace Acorn {

// Shows the latest video frame (camera preview, playback) or a still picture, scaled to fit with its proportions
// kept. Plain QPainter drawing, so it works offscreen and in QWidget::grab() (QVideoWidget in Qt 6.4 renders through
// a native window that neither does). A frame is converted only when it is painted, so a fast source costs nothing
// while the widget is hidden.
class FrameView final : public QWidget
{
    Q_OBJECT

public:
    explicit FrameView(QWidget* parent = nullptr);

    void setFrame(const QVideoFrame& frame);
    void setImage(const QImage& image);
    void clear();
    void setPlaceholderText(const QString& text);

    // What is shown now (converted from the frame if need be); null if nothing.
    QImage currentImage() const;
    qint64 framesReceived() const { return m_framesReceived; }

    QSize sizeHint() const override { return {640, 480}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QVideoFrame m_frame;
    mutable QImage m_image;
    QString m_placeholder;
    qint64 m_framesReceived = 0;
};

} // namespace Acorn
