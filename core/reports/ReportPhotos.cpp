#include "reports/ReportPhotos.h"

#include "crypto/SecureBuffer.h"
#include "journal/ObservationMedia.h"
#include "reports/ReportsLogging.h"

#include <QBuffer>
#include <QImageReader>

#include <cmath>

namespace Acorn {

namespace {
constexpr qint64 MaxPhotoBytes = 64 * 1024 * 1024;
} // namespace

ReportPhotos::ReportPhotos(Session& session)
    : m_session(session)
{
}

QSize ReportPhotos::pixelsFor(const QSizeF& printedMm)
{
    QSizeF px(printedMm.width() / 25.4 * PrintDpi, printedMm.height() / 25.4 * PrintDpi);
    if (px.width() > MaxPixels || px.height() > MaxPixels)
        px = px.scaled(MaxPixels, MaxPixels, Qt::KeepAspectRatio);
    return QSize(qMax(1, int(std::ceil(px.width()))), qMax(1, int(std::ceil(px.height()))));
}

QImage ReportPhotos::load(const MediaItem& item, const QSize& pixels) const
{
    QByteArray bytes = decrypt(item);
    return decode(bytes, pixels, item.id);
}

QByteArray ReportPhotos::decrypt(const MediaItem& item) const
{
    if (item.kind != MediaKind::Photo)
        return {};
    auto content = ObservationMedia(m_session).content(item.id, MaxPhotoBytes);
    if (!content) {
        qCWarning(lcReports) << "photo" << item.id << "could not be read for print";
        return {};
    }
    return content.take();
}

QImage ReportPhotos::decode(QByteArray& bytes, const QSize& pixels, const QString& mediaId)
{
    if (bytes.isEmpty())
        return {};
    QImage image;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        reader.setAutoTransform(true);
        const QSize full = reader.size();
        // Decoding at the print size (libjpeg scales while decoding) keeps a 12-megapixel photo from ever being
        // held in memory at full size.
        if (full.isValid() && (full.width() > pixels.width() || full.height() > pixels.height()))
            reader.setScaledSize(full.scaled(pixels, Qt::KeepAspectRatio));
        image = reader.read();
        if (image.isNull())
            qCWarning(lcReports) << "photo" << mediaId << "could not be decoded for print";
    }
    wipeBytes(bytes);
    return image;
}

} // namespace Acorn
