#include "journal/ThumbnailLoader.h"

#include "UiLogging.h"
#include "crypto/SecureBuffer.h"
#include "journal/ObservationMedia.h"
#include "lock/LockController.h"

#include <QImage>
#include <QLabel>
#include <QTimer>

namespace Acorn {

ThumbnailLoader::ThumbnailLoader(LockController& lock, QObject* parent)
    : QObject(parent)
    , m_lock(lock)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(10);
    connect(m_timer, &QTimer::timeout, this, &ThumbnailLoader::loadBatch);
}

void ThumbnailLoader::request(const QString& mediaId, QLabel* target)
{
    if (!target || mediaId.isEmpty())
        return;
    if (target->property("thumbnailOf").toString() == mediaId)
        return; // shown already
    if (const auto cached = m_cache.constFind(mediaId); cached != m_cache.constEnd()) {
        show(target, *cached);
        target->setProperty("thumbnailOf", mediaId);
        emit thumbnailShown(mediaId);
        return;
    }
    for (const auto& [id, label] : std::as_const(m_queue))
        if (id == mediaId && label == target)
            return;
    m_queue.append({mediaId, QPointer<QLabel>(target)});
    if (!m_timer->isActive())
        m_timer->start();
}

void ThumbnailLoader::loadBatch()
{
    Session* session = m_lock.session();
    if (!session) {
        m_queue.clear();
        m_timer->stop();
        return;
    }
    const ObservationMedia media(*session);
    for (int done = 0; done < BatchSize && !m_queue.isEmpty();) {
        const auto [mediaId, target] = m_queue.takeFirst();
        if (!target)
            continue;
        ++done;
        auto cached = m_cache.constFind(mediaId);
        if (cached == m_cache.constEnd()) {
            auto bytes = media.thumbnail(mediaId);
            if (!bytes) {
                qCInfo(lcUi) << "no thumbnail for media" << mediaId << "code" << int(bytes.code());
                target->setText(tr("No preview"));
                target->setProperty("thumbnailOf", mediaId);
                continue;
            }
            const QImage image = QImage::fromData(bytes.value());
            wipeBytes(bytes.value());
            if (image.isNull()) {
                target->setText(tr("No preview"));
                target->setProperty("thumbnailOf", mediaId);
                continue;
            }
            if (m_cache.size() >= CacheLimit)
                m_cache.clear();
            cached = m_cache.insert(mediaId, QPixmap::fromImage(image));
        }
        show(target, *cached);
        target->setProperty("thumbnailOf", mediaId);
        emit thumbnailShown(mediaId);
    }
    if (m_queue.isEmpty())
        m_timer->stop();
}

void ThumbnailLoader::show(QLabel* target, const QPixmap& pixmap) const
{
    // Fill the label, cropping the middle: tidy rows of pictures, no letterboxing.
    const qreal ratio = target->devicePixelRatioF();
    const QSize box = target->size() * ratio;
    if (box.isEmpty()) {
        target->setPixmap(pixmap);
        return;
    }
    QPixmap scaled = pixmap.scaled(box, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    scaled = scaled.copy((scaled.width() - box.width()) / 2, (scaled.height() - box.height()) / 2, box.width(),
                         box.height());
    scaled.setDevicePixelRatio(ratio);
    target->setPixmap(scaled);
}

} // namespace Acorn
