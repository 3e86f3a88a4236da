#include "meeting/SlidePhotos.h"

#include "UiLogging.h"
#include "crypto/SecureBuffer.h"
#include "journal/JournalText.h"
#include "journal/ObservationMedia.h"
#include "lock/LockController.h"

#include <QGridLayout>
#include <QLabel>

namespace Acorn {

namespace {
constexpr int MaxDecodedSide = 1920; // a projector shows no more

QLabel* tile(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setAlignment(Qt::AlignCenter);
    label->setMinimumSize(160, 120);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored); // the pixmap follows the space, not the reverse
    label->setStyleSheet(QStringLiteral("QLabel { background: #f1f3f1; border-radius: 8px; color: #303030; }"));
    return label;
}
} // namespace

SlidePhotos::SlidePhotos(LockController& lock, const QList<MediaItem>& media, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_media(media)
    , m_grid(new QGridLayout(this))
{
    setObjectName(QStringLiteral("slidePhotos"));
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(12);
    const int shown = int(qMin<qsizetype>(m_media.size(), MaxShown));
    const int columns = shown <= 1 ? 1 : 2;
    for (int i = 0; i < shown; ++i) {
        const MediaItem& item = m_media.at(i);
        QLabel* label = tile(this);
        label->setProperty("mediaId", item.id);
        if (item.kind == MediaKind::Photo) {
            label->setObjectName(QStringLiteral("presentationPhoto"));
            label->setAccessibleName(tr("Photo %1").arg(i + 1));
            m_photoLabels.append(label);
        } else {
            label->setObjectName(QStringLiteral("presentationMediaTile"));
            const QString length = JournalText::duration(item.durationMs);
            label->setText(length.isEmpty() ? JournalText::kindName(item.kind)
                                            : JournalText::kindName(item.kind) + QLatin1Char('\n') + length);
        }
        // Three pictures: the first spans the top row.
        if (shown == 3 && i == 0)
            m_grid->addWidget(label, 0, 0, 1, 2);
        else if (shown == 3)
            m_grid->addWidget(label, 1, i - 1);
        else
            m_grid->addWidget(label, i / columns, i % columns);
    }
    if (m_media.size() > MaxShown) {
        auto* more = new QLabel(tr("and %1 more").arg(m_media.size() - MaxShown), this);
        more->setObjectName(QStringLiteral("presentationMoreMediaLabel"));
        m_grid->addWidget(more, 2, 0, 1, 2, Qt::AlignRight);
    }
}

QStringList SlidePhotos::mediaIds() const
{
    QStringList ids;
    for (const MediaItem& item : m_media)
        ids << item.id;
    return ids;
}

void SlidePhotos::load()
{
    Session* session = m_lock.session();
    if (!session || !m_images.isEmpty())
        return;
    const ObservationMedia media(*session);
    for (QLabel* label : std::as_const(m_photoLabels)) {
        const QString id = label->property("mediaId").toString();
        QImage image;
        if (auto bytes = media.content(id, 64 * 1024 * 1024); bytes) {
            image = QImage::fromData(bytes.value());
            wipeBytes(bytes.value());
        } else {
            qCInfo(lcUi) << "no picture for media" << id << "code" << int(bytes.code());
        }
        if (image.width() > MaxDecodedSide || image.height() > MaxDecodedSide)
            image = image.scaled(MaxDecodedSide, MaxDecodedSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        label->setText(image.isNull() ? tr("No preview") : QString());
        label->setProperty("photoShown", !image.isNull());
        m_images.append(image);
    }
    scaleAll();
}

void SlidePhotos::unload()
{
    m_images.clear();
    for (QLabel* label : std::as_const(m_photoLabels)) {
        label->clear();
        label->setProperty("photoShown", false);
    }
}

void SlidePhotos::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    scaleAll();
}

void SlidePhotos::scaleAll()
{
    for (int i = 0; i < m_images.size() && i < m_photoLabels.size(); ++i) {
        QLabel* label = m_photoLabels.at(i);
        const QImage& image = m_images.at(i);
        if (image.isNull() || label->size().isEmpty())
            continue;
        const qreal ratio = label->devicePixelRatioF();
        QPixmap pixmap
            = QPixmap::fromImage(image.scaled(label->size() * ratio, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        pixmap.setDevicePixelRatio(ratio);
        label->setPixmap(pixmap);
    }
}

} // namespace Acorn
