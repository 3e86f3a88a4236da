#pragma once

#include "domain/MediaItem.h"

#include <QHash>
#include <QImage>
#include <QList>
#include <QSize>
#include <QThreadPool>

#include <future>
#include <memory>

namespace Acorn {

class ReportPhotos;

// Decodes a report's photos ahead of the page being drawn, on the other cores. Decoding is most of a photobook's
// work (a 12-megapixel JPEG takes ~30 ms even when libjpeg scales it down); decrypting needs the session's database
// connection, so it stays on the session's thread, and the decrypted bytes go straight to a decoding task (memory
// only, wiped after). At most `ahead` photos are decrypted or decoded but not yet drawn, which bounds memory.
class PhotoPrefetcher final
{
public:
    struct Request
    {
        MediaItem item;
        QSize pixels;
    };

    PhotoPrefetcher(const ReportPhotos& photos, QList<Request> requests, int ahead = 6);
    ~PhotoPrefetcher(); // drops what has not started, waits for what has

    // The photo, decoded at its requested size; photos should be asked for in the order requested. One that was
    // not requested is loaded at once, at `fallbackPixels`.
    QImage take(const MediaItem& item, const QSize& fallbackPixels);

private:
    void fill();

    const ReportPhotos& m_photos;
    QList<Request> m_requests;
    int m_ahead;
    int m_next = 0; // the next request to start
    int m_pending = 0; // started but not yet taken
    QThreadPool m_pool;
    QHash<QString, std::shared_ptr<std::future<QImage>>> m_started;
};

} // namespace Acorn
