#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPixmap>
#include <QPointer>

class QLabel;
class QTimer;

namespace Acorn {

class LockController;

// Decrypts thumbnails into labels a few at a time. It runs on the UI thread on purpose: the database connection
// (which holds each thumbnail's key) belongs to this thread, and a 320-pixel JPEG decodes in a millisecond or two.
// Pictures stay in memory only. Callers ask only for media ids that a consent-filtered query (JournalQuery, or the
// author's own ObservationMedia::of) gave them.
class ThumbnailLoader final : public QObject
{
    Q_OBJECT
public:
    static constexpr int BatchSize = 4;
    static constexpr int CacheLimit = 300;

    explicit ThumbnailLoader(LockController& lock, QObject* parent = nullptr);

    // Shows the item's thumbnail in `target`, scaled to fill it, soon. Asking again for the same label is harmless.
    void request(const QString& mediaId, QLabel* target);
    int pendingCount() const { return int(m_queue.size()); }

signals:
    void thumbnailShown(const QString& mediaId);

private:
    void loadBatch();
    void show(QLabel* target, const QPixmap& pixmap) const;

    LockController& m_lock;
    QList<std::pair<QString, QPointer<QLabel>>> m_queue;
    QHash<QString, QPixmap> m_cache;
    QTimer* m_timer = nullptr;
};

} // namespace Acorn
