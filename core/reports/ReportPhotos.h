#pragma once

#include "domain/MediaItem.h"

#include <QImage>
#include <QSize>
#include <QSizeF>

namespace Acorn {

class Session;

// Photos for print: decrypted from the vault into memory (never to a file) and decoded straight to the size they
// are printed at — 200 dpi, at most MaxPixels on the long side — which keeps both the PDF and memory small.
class ReportPhotos final
{
public:
    static constexpr int PrintDpi = 200;
    static constexpr int MaxPixels = 1600;

    explicit ReportPhotos(Session& session);

    // Pixels for a photo printed `printedMm` large (never more than MaxPixels on the long side).
    static QSize pixelsFor(const QSizeF& printedMm);
    // The photo no larger than `pixels` (never enlarged), or a null image if it cannot be read (logged by id).
    QImage load(const MediaItem& item, const QSize& pixels) const;

    // load() in two halves, for PhotoPrefetcher. decrypt() reads the database, so it runs on the session's thread;
    // decode() runs on any thread and wipes `bytes` when done.
    QByteArray decrypt(const MediaItem& item) const;
    static QImage decode(QByteArray& bytes, const QSize& pixels, const QString& mediaId);

private:
    Session& m_session;
};

} // namespace Acorn
