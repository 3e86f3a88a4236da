#include "media/ImageSanitizer.h"

#include "Logging.h"

#include <QBuffer>
#include <QColorSpace>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <QTimeZone>

#include <cstring>

namespace Acorn {

namespace {

// Enough for a 120-megapixel picture at 4 bytes a pixel. Qt's default (128 MiB) refuses anything above ~32 MP,
// which many phones exceed. The limit is process-wide, so it is only ever raised, never lowered.
constexpr int AllocationLimitMb = 512;

// --- a small Exif reader: just enough TIFF to find DateTimeOriginal, every offset checked -----------------------

constexpr quint16 TagExifIfd = 0x8769;
constexpr quint16 TagDateTimeOriginal = 0x9003;
constexpr quint16 TagOffsetTimeOriginal = 0x9011;
constexpr quint16 TypeAscii = 2;
constexpr quint16 TypeLong = 4;
constexpr quint16 TypeIfd = 13;

class TiffView
{
public:
    explicit TiffView(const QByteArray& bytes)
        : m_data(reinterpret_cast<const uchar*>(bytes.constData()))
        , m_size(bytes.size())
    {
    }

    bool init()
    {
        if (m_size < 8)
            return false;
        if (m_data[0] == 'I' && m_data[1] == 'I')
            m_littleEndian = true;
        else if (m_data[0] == 'M' && m_data[1] == 'M')
            m_littleEndian = false;
        else
            return false;
        quint16 magic = 0;
        return u16(2, &magic) && magic == 42;
    }

    bool contains(qint64 offset, qint64 length) const
    {
        return offset >= 0 && length >= 0 && offset <= m_size && length <= m_size - offset;
    }

    bool u16(qint64 offset, quint16* value) const
    {
        if (!contains(offset, 2))
            return false;
        const uchar* p = m_data + offset;
        *value = m_littleEndian ? quint16(p[0] | p[1] << 8) : quint16(p[0] << 8 | p[1]);
        return true;
    }

    bool u32(qint64 offset, quint32* value) const
    {
        if (!contains(offset, 4))
            return false;
        const uchar* p = m_data + offset;
        *value = m_littleEndian ? quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24
                                : quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | quint32(p[3]);
        return true;
    }

    const uchar* at(qint64 offset) const { return m_data + offset; }

    // Finds `tag` in the IFD at `ifdOffset`; gives the offset of its 12-byte entry.
    bool findEntry(qint64 ifdOffset, quint16 tag, qint64* entryOffset) const
    {
        quint16 count = 0;
        if (!u16(ifdOffset, &count) || !contains(ifdOffset + 2, qint64(count) * 12))
            return false; // an IFD that claims more entries than the block holds is not trusted at all
        for (qint64 i = 0; i < count; ++i) {
            const qint64 entry = ifdOffset + 2 + i * 12;
            quint16 entryTag = 0;
            if (!u16(entry, &entryTag))
                return false;
            if (entryTag == tag) {
                *entryOffset = entry;
                return true;
            }
        }
        return false;
    }

    // An ASCII value of at most maxLength bytes (values of four bytes or fewer sit in the entry itself).
    bool ascii(qint64 entry, int maxLength, QByteArray* value) const
    {
        quint16 type = 0;
        quint32 count = 0;
        if (!u16(entry + 2, &type) || !u32(entry + 4, &count) || type != TypeAscii || count == 0
            || count > quint32(maxLength))
            return false;
        qint64 offset = entry + 8;
        if (count > 4) {
            quint32 pointer = 0;
            if (!u32(entry + 8, &pointer))
                return false;
            offset = pointer;
        }
        if (!contains(offset, count))
            return false;
        *value = QByteArray(reinterpret_cast<const char*>(at(offset)), int(count));
        const int nul = value->indexOf('\0');
        if (nul >= 0)
            value->truncate(nul);
        return true;
    }

    bool ifdPointer(qint64 entry, qint64* ifdOffset) const
    {
        quint16 type = 0;
        quint32 count = 0;
        quint32 pointer = 0;
        if (!u16(entry + 2, &type) || !u32(entry + 4, &count) || !u32(entry + 8, &pointer))
            return false;
        if ((type != TypeLong && type != TypeIfd) || count != 1 || !contains(pointer, 2))
            return false;
        *ifdOffset = pointer;
        return true;
    }

private:
    const uchar* m_data;
    qint64 m_size;
    bool m_littleEndian = false;
};

bool digits(const QByteArray& text, int from, int count, int* value)
{
    int v = 0;
    for (int i = from; i < from + count; ++i) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (text[i] - '0');
    }
    *value = v;
    return true;
}

// "YYYY:MM:DD HH:MM:SS". Cameras without a clock write blanks or zeros: those give no time.
bool parseExifDateTime(const QByteArray& text, QDate* date, QTime* time)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 19 || !digits(text, 0, 4, &year) || !digits(text, 5, 2, &month) || !digits(text, 8, 2, &day)
        || !digits(text, 11, 2, &hour) || !digits(text, 14, 2, &minute) || !digits(text, 17, 2, &second))
        return false;
    if (text[13] != ':' || text[16] != ':' || (text[10] != ' ' && text[10] != 'T'))
        return false;
    *date = QDate(year, month, day);
    *time = QTime(hour, minute, second);
    return year >= 1900 && date->isValid() && time->isValid();
}

// "+HH:MM" or "-HH:MM", as seconds ahead of UTC.
bool parseExifOffset(const QByteArray& text, int* seconds)
{
    int hours = 0, minutes = 0;
    if (text.size() < 6 || (text[0] != '+' && text[0] != '-') || !digits(text, 1, 2, &hours) || text[3] != ':'
        || !digits(text, 4, 2, &minutes) || hours > 14 || minutes > 59)
        return false;
    *seconds = (text[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    return true;
}

// --- encoding --------------------------------------------------------------------------------------------------

// Pixels to JPEG bytes, and nothing else: the QImage handed to the writer is a fresh one over the same pixels, so it
// has no text (which Qt would write as JPEG comments), no colour space (an ICC segment) and no stray resolution.
QByteArray encodeBareJpeg(QImage image, int quality)
{
    if (image.hasAlphaChannel()) {
        // JPEG has no transparency; put it on white, as a viewer would show it.
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter painter(&flat);
        painter.drawImage(0, 0, image);
        painter.end();
        flat.setColorSpace(image.colorSpace());
        image = flat;
    } else if (image.format() != QImage::Format_RGB32 && image.format() != QImage::Format_Grayscale8) {
        image.convertTo(QImage::Format_RGB32);
    }
    // Without its ICC profile a wide-gamut (e.g. Display P3) picture would look dull, so bring the pixels to sRGB,
    // which is what a JPEG without a profile means.
    const QColorSpace srgb(QColorSpace::SRgb);
    if (image.colorSpace().isValid() && image.colorSpace() != srgb && image.format() == QImage::Format_RGB32)
        image.convertToColorSpace(srgb);

    const QImage bare(image.constBits(), image.width(), image.height(), image.bytesPerLine(), image.format());
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(quality);
    if (!writer.write(bare))
        return {};
    return bytes;
}

} // namespace

QDateTime ImageSanitizer::captureTimeFromExif(const QByteArray& tiffBytes)
{
    TiffView tiff(tiffBytes);
    if (!tiff.init())
        return {};
    quint32 ifd0 = 0;
    qint64 entry = 0;
    qint64 exifIfd = 0;
    if (!tiff.u32(4, &ifd0) || !tiff.findEntry(ifd0, TagExifIfd, &entry) || !tiff.ifdPointer(entry, &exifIfd))
        return {};

    QByteArray text;
    QDate date;
    QTime time;
    if (!tiff.findEntry(exifIfd, TagDateTimeOriginal, &entry) || !tiff.ascii(entry, 64, &text)
        || !parseExifDateTime(text, &date, &time))
        return {};

    int offsetSeconds = 0;
    if (tiff.findEntry(exifIfd, TagOffsetTimeOriginal, &entry) && tiff.ascii(entry, 16, &text)
        && parseExifOffset(text, &offsetSeconds))
        return QDateTime(date, time, QTimeZone(offsetSeconds));
    // No offset recorded: the camera's clock was local time, and this device's zone is the best guess we have.
    return QDateTime(date, time);
}

QDateTime ImageSanitizer::captureTimeFromJpeg(const QByteArray& jpeg)
{
    const auto* d = reinterpret_cast<const uchar*>(jpeg.constData());
    const qint64 n = jpeg.size();
    if (n < 4 || d[0] != 0xFF || d[1] != 0xD8)
        return {};
    qint64 pos = 2;
    while (pos + 4 <= n) {
        if (d[pos] != 0xFF)
            return {}; // lost the segment structure
        const uchar marker = d[pos + 1];
        if (marker == 0xFF) { // fill byte
            ++pos;
            continue;
        }
        pos += 2;
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
            continue; // markers without a length
        if (marker == 0xD9 || marker == 0xDA)
            return {}; // end of image, or start of the compressed data: metadata comes before it
        const qint64 length = qint64(d[pos]) << 8 | d[pos + 1];
        if (length < 2 || length > n - pos)
            return {};
        static const char ExifId[6] = {'E', 'x', 'i', 'f', '\0', '\0'};
        if (marker == 0xE1 && length >= 2 + 6 && std::memcmp(d + pos + 2, ExifId, 6) == 0)
            return captureTimeFromExif(jpeg.mid(int(pos + 8), int(length - 8)));
        pos += length;
    }
    return {};
}

Result<SanitizedImage> ImageSanitizer::sanitize(const QByteArray& imageBytes)
{
    const Error unreadable(Error::Code::InvalidInput,
                           tr("Acorn could not open this picture: the file is damaged, or in a format this device "
                              "cannot read. Try saving it as a JPEG or PNG first."));
    if (imageBytes.isEmpty())
        return unreadable;
    if (QImageReader::allocationLimit() != 0 && QImageReader::allocationLimit() < AllocationLimitMb)
        QImageReader::setAllocationLimit(AllocationLimitMb);

    QBuffer source;
    source.setData(imageBytes);
    source.open(QIODevice::ReadOnly);
    QImageReader reader(&source);
    reader.setAutoTransform(true);
    if (!reader.canRead())
        return unreadable;
    const QByteArray format = reader.format();

    const auto tooLarge = [](QSize size) {
        return Error(Error::Code::InvalidInput,
                     tr("This picture is too large (%1 × %2 pixels). Acorn takes pictures of up to %3 megapixels; "
                        "make it smaller and try again.")
                         .arg(size.width())
                         .arg(size.height())
                         .arg(MaxPixels / 1'000'000));
    };
    // The header's claim is checked before anything is decoded, so a tiny file that claims a huge picture costs
    // nothing.
    const QSize storedSize = reader.size(); // before the Exif orientation is applied
    if (storedSize.isValid() && qint64(storedSize.width()) * storedSize.height() > MaxPixels)
        return tooLarge(storedSize);
    const bool fastThumbnail = reader.supportsOption(QImageIOHandler::ScaledSize) && storedSize.isValid();

    QImage image = reader.read();
    if (image.isNull())
        return unreadable;
    if (qint64(image.width()) * image.height() > MaxPixels)
        return tooLarge(image.size());

    SanitizedImage result;
    result.size = image.size();
    result.jpeg = encodeBareJpeg(image, JpegQuality);
    if (result.jpeg.isEmpty())
        return Error(Error::Code::Internal, tr("Acorn could not prepare this picture for saving."));

    QImage thumbnail;
    const bool needsScaling = qMax(image.width(), image.height()) > ThumbnailSide;
    if (needsScaling && fastThumbnail) {
        // The decoder scales while it decodes (for JPEG, in the DCT): far cheaper than scaling the full picture.
        QBuffer again;
        again.setData(imageBytes);
        again.open(QIODevice::ReadOnly);
        QImageReader scaled(&again, format);
        scaled.setAutoTransform(true);
        scaled.setScaledSize(storedSize.scaled(ThumbnailSide, ThumbnailSide, Qt::KeepAspectRatio));
        thumbnail = scaled.read();
    }
    if (thumbnail.isNull()) {
        thumbnail = needsScaling
            ? image.scaled(ThumbnailSide, ThumbnailSide, Qt::KeepAspectRatio, Qt::SmoothTransformation)
            : image;
    }
    image = QImage(); // the full picture is no longer needed; give its memory back before encoding again
    result.thumbnailJpeg = encodeBareJpeg(thumbnail, ThumbnailQuality);
    if (result.thumbnailJpeg.isEmpty())
        return Error(Error::Code::Internal, tr("Acorn could not prepare this picture for saving."));

    if (format == "jpeg" || format == "jpg")
        result.capturedAt = captureTimeFromJpeg(imageBytes);
    qCDebug(lcMedia) << "sanitized a picture of" << result.size << "format" << format;
    return result;
}

} // namespace Acorn
