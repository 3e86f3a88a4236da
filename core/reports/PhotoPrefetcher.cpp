#include "reports/PhotoPrefetcher.h"

#include "reports/ReportPhotos.h"

#include <QThread>

namespace Acorn {

PhotoPrefetcher::PhotoPrefetcher(const ReportPhotos& photos, QList<Request> requests, int ahead)
    : m_photos(photos)
    , m_requests(std::move(requests))
    , m_ahead(qMax(1, ahead))
{
    m_pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
}

PhotoPrefetcher::~PhotoPrefetcher()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void PhotoPrefetcher::fill()
{
    while (m_pending < m_ahead && m_next < m_requests.size()) {
        const Request& r = m_requests[m_next++];
        if (m_started.contains(r.item.id))
            continue;
        // Decrypted here, on the session's thread; the task owns the bytes and wipes them once decoded.
        auto task = std::make_shared<std::packaged_task<QImage()>>(
            [bytes = m_photos.decrypt(r.item), pixels = r.pixels, id = r.item.id]() mutable {
                return ReportPhotos::decode(bytes, pixels, id);
            });
        m_started.insert(r.item.id, std::make_shared<std::future<QImage>>(task->get_future()));
        m_pool.start([task] { (*task)(); });
        ++m_pending;
    }
}

QImage PhotoPrefetcher::take(const MediaItem& item, const QSize& fallbackPixels)
{
    fill();
    const auto found = m_started.find(item.id);
    if (found == m_started.end())
        return m_photos.load(item, fallbackPixels);
    const auto future = found.value();
    m_started.erase(found);
    --m_pending;
    fill(); // keep the other cores busy while this one waits and draws
    return future->get();
}

} // namespace Acorn
