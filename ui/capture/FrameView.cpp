#include "capture/FrameView.h"

#include <QPainter>

namespace Acorn {

FrameView::FrameView(QWidget* parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 120);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void FrameView::setFrame(const QVideoFrame& frame)
{
    m_frame = frame;
    m_image = QImage();
    ++m_framesReceived;
    update();
}

void FrameView::setImage(const QImage& image)
{
    m_frame = QVideoFrame();
    m_image = image;
    update();
}

void FrameView::clear()
{
    m_frame = QVideoFrame();
    m_image = QImage();
    update();
}

void FrameView::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

QImage FrameView::currentImage() const
{
    if (m_image.isNull() && m_frame.isValid())
        m_image = m_frame.toImage();
    return m_image;
}

void FrameView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0x1f, 0x24, 0x2b));
    const QImage image = currentImage();
    if (image.isNull()) {
        if (!m_placeholder.isEmpty()) {
            p.setPen(QColor(0xee, 0xee, 0xee));
            p.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        }
        return;
    }
    const QSize fitted = image.size().scaled(size(), Qt::KeepAspectRatio);
    const QRect target(QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(target, image);
}

} // namespace Acorn
