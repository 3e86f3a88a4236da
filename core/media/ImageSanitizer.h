#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QSize>

namespace Acorn {

struct SanitizedImage
{
    QByteArray jpeg; // the picture, re-encoded: pixels only, no metadata of any kind
    QByteArray thumbnailJpeg; // longest side ThumbnailSide (or the picture's own size if smaller)
    QSize size; // of `jpeg`, upright
    QDateTime capturedAt; // from Exif DateTimeOriginal (+ OffsetTimeOriginal); null when unknown
};

// Turns whatever a camera or a phone produced into a plain JPEG that carries nothing but pixels: Exif (with GPS),
// XMP, IPTC, ICC profiles, comments and embedded thumbnails are all dropped by decoding and encoding again. The
// Exif orientation is applied first, so the picture stays upright. Works in memory only; writes nothing to disk.
class ImageSanitizer final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::ImageSanitizer)

public:
    static constexpr qint64 MaxPixels = 120'000'000;
    static constexpr int ThumbnailSide = 320;
    static constexpr int JpegQuality = 90;
    static constexpr int ThumbnailQuality = 80;

    [[nodiscard]] static Result<SanitizedImage> sanitize(const QByteArray& imageBytes);

    // The capture time recorded in a JPEG's Exif segment, or a null QDateTime. Malformed data gives a null time,
    // never a crash or a read outside `jpeg`.
    static QDateTime captureTimeFromJpeg(const QByteArray& jpeg);
    // The same, from the TIFF structure that follows "Exif\0\0" in the APP1 segment.
    static QDateTime captureTimeFromExif(const QByteArray& tiff);
};

} // namespace Acorn
