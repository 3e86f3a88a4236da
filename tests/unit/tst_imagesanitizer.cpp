// ImageSanitizer: metadata (Exif with GPS, ICC, comments) gone, orientation applied, capture time read by our own
// Exif parser, which must survive any malformed input. Every picture here is drawn by the test: coloured blocks.
#include "media/ImageSanitizer.h"

#include <QBuffer>
#include <QColorSpace>
#include <QElapsedTimer>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>
#include <QtEndian>

using namespace Acorn;

namespace {

// Four quadrants, so that a rotation shows: red top-left, green top-right, blue bottom-left, yellow bottom-right.
QImage quadrants(int width, int height, QImage::Format format = QImage::Format_RGB32)
{
    QImage image(width, height, format);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.fillRect(0, 0, width / 2, height / 2, Qt::red);
    p.fillRect(width / 2, 0, width - width / 2, height / 2, Qt::green);
    p.fillRect(0, height / 2, width / 2, height - height / 2, Qt::blue);
    p.fillRect(width / 2, height / 2, width - width / 2, height - height / 2, Qt::yellow);
    return image;
}

QByteArray encode(const QImage& image, const char* format, int quality = 90)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    if (!writer.write(image))
        qFatal("could not encode the test image");
    return bytes;
}

// Builds TIFF structures in either byte order.
class TiffBuilder
{
public:
    explicit TiffBuilder(bool littleEndian)
        : m_le(littleEndian)
    {
    }
    QByteArray u16(quint16 v) const
    {
        QByteArray b(2, '\0');
        m_le ? qToLittleEndian(v, b.data()) : qToBigEndian(v, b.data());
        return b;
    }
    QByteArray u32(quint32 v) const
    {
        QByteArray b(4, '\0');
        m_le ? qToLittleEndian(v, b.data()) : qToBigEndian(v, b.data());
        return b;
    }
    // One 12-byte IFD entry; `value` is either the inline value (<= 4 bytes, left-aligned) or an offset.
    QByteArray entry(quint16 tag, quint16 type, quint32 count, const QByteArray& value) const
    {
        QByteArray v = value.left(4);
        v.append(QByteArray(4 - v.size(), '\0'));
        return u16(tag) + u16(type) + u32(count) + v;
    }
    QByteArray shortValue(quint16 v) const { return u16(v) + QByteArray(2, '\0'); }

private:
    bool m_le;
};

struct ExifOptions
{
    bool littleEndian = true;
    quint16 orientation = 1;
    QByteArray dateTimeOriginal = "2024:05:17 10:42:07";
    QByteArray offsetTimeOriginal = "+01:00"; // empty: leave the tag out
};

// The GPS position we plant: 51° 30' 26.123456" N, 0° 7' 39.987654" W, as TIFF rationals (distinctive bytes).
const quint32 GpsLatitude[6] = {51, 1, 30, 1, 26123456, 1000000};
const quint32 GpsLongitude[6] = {0, 1, 7, 1, 39987654, 1000000};

QByteArray rationals(const TiffBuilder& t, const quint32 (&values)[6])
{
    QByteArray out;
    for (quint32 v : values)
        out += t.u32(v);
    return out;
}

// A complete TIFF block: IFD0 (orientation, Exif pointer, GPS pointer), the Exif IFD (DateTimeOriginal,
// OffsetTimeOriginal) and a GPS IFD, then their data.
QByteArray exifTiff(const ExifOptions& o)
{
    const TiffBuilder t(o.littleEndian);
    const bool withOffset = !o.offsetTimeOriginal.isEmpty();
    const quint32 ifd0 = 8;
    const quint32 ifd0Size = 2 + 3 * 12 + 4;
    const quint32 exifIfd = ifd0 + ifd0Size;
    const quint32 exifCount = withOffset ? 2 : 1;
    const quint32 exifIfdSize = 2 + exifCount * 12 + 4;
    const quint32 gpsIfd = exifIfd + exifIfdSize;
    const quint32 gpsIfdSize = 2 + 5 * 12 + 4;
    const quint32 dataStart = gpsIfd + gpsIfdSize;
    const QByteArray date = o.dateTimeOriginal + '\0';
    const QByteArray offset = o.offsetTimeOriginal + '\0';
    const quint32 dateAt = dataStart;
    const quint32 offsetAt = dateAt + quint32(date.size());
    const quint32 latitudeAt = offsetAt + (withOffset ? quint32(offset.size()) : 0);
    const quint32 longitudeAt = latitudeAt + 24;

    QByteArray tiff = (o.littleEndian ? QByteArray("II") : QByteArray("MM")) + t.u16(42) + t.u32(ifd0);
    tiff += t.u16(3);
    tiff += t.entry(0x0112, 3, 1, t.shortValue(o.orientation));
    tiff += t.entry(0x8769, 4, 1, t.u32(exifIfd));
    tiff += t.entry(0x8825, 4, 1, t.u32(gpsIfd));
    tiff += t.u32(0);
    tiff += t.u16(quint16(exifCount));
    tiff += t.entry(0x9003, 2, quint32(date.size()), t.u32(dateAt));
    if (withOffset)
        tiff += t.entry(0x9011, 2, quint32(offset.size()), t.u32(offsetAt));
    tiff += t.u32(0);
    tiff += t.u16(5);
    tiff += t.entry(0x0000, 1, 4, QByteArray("\x02\x03\x00\x00", 4));
    tiff += t.entry(0x0001, 2, 2, QByteArray("N\0", 2));
    tiff += t.entry(0x0002, 5, 3, t.u32(latitudeAt));
    tiff += t.entry(0x0003, 2, 2, QByteArray("W\0", 2));
    tiff += t.entry(0x0004, 5, 3, t.u32(longitudeAt));
    tiff += t.u32(0);
    Q_ASSERT(quint32(tiff.size()) == dataStart);
    tiff += date;
    if (withOffset)
        tiff += offset;
    tiff += rationals(t, GpsLatitude);
    tiff += rationals(t, GpsLongitude);
    return tiff;
}

QByteArray app1(const QByteArray& tiff)
{
    QByteArray segment("\xFF\xE1", 2);
    QByteArray length(2, '\0');
    qToBigEndian(quint16(2 + 6 + tiff.size()), length.data());
    return segment + length + QByteArray("Exif\0\0", 6) + tiff;
}

// Puts a segment straight after SOI.
QByteArray splice(const QByteArray& jpeg, const QByteArray& segment)
{
    return jpeg.left(2) + segment + jpeg.mid(2);
}

// The markers of a JPEG's header segments, up to the start of scan.
QList<int> segmentMarkers(const QByteArray& jpeg)
{
    QList<int> markers;
    const auto* d = reinterpret_cast<const uchar*>(jpeg.constData());
    int pos = 2;
    while (pos + 4 <= jpeg.size() && d[pos] == 0xFF) {
        const int marker = d[pos + 1];
        markers << marker;
        if (marker == 0xDA)
            break;
        pos += 2 + (d[pos + 2] << 8 | d[pos + 3]);
    }
    return markers;
}

// Metadata-free: only JFIF (APP0), tables, frame and scan. No APP1-15 (Exif, XMP, ICC...) and no comments.
QString metadataProblem(const QByteArray& jpeg)
{
    if (!jpeg.startsWith("\xFF\xD8"))
        return "not a JPEG";
    for (int marker : segmentMarkers(jpeg)) {
        if ((marker >= 0xE1 && marker <= 0xEF) || marker == 0xFE)
            return QString("segment 0x%1 present").arg(marker, 2, 16);
    }
    if (jpeg.contains("Exif") || jpeg.contains("ICC_PROFILE") || jpeg.contains("http://ns.adobe.com"))
        return "metadata identifier present";
    return {};
}

bool near(QRgb a, QColor b)
{
    return qAbs(qRed(a) - b.red()) < 40 && qAbs(qGreen(a) - b.green()) < 40 && qAbs(qBlue(a) - b.blue()) < 40;
}

} // namespace

class TestImageSanitizer : public QObject
{
    Q_OBJECT

private slots:
    void testStripsMetadataAndTurnsUpright_data()
    {
        QTest::addColumn<bool>("littleEndian");
        QTest::newRow("Intel byte order") << true;
        QTest::newRow("Motorola byte order") << false;
    }

    void testStripsMetadataAndTurnsUpright()
    {
        QFETCH(bool, littleEndian);
        QImage source = quadrants(400, 300);
        source.setColorSpace(QColorSpace(QColorSpace::DisplayP3)); // written as an ICC profile segment
        source.setText("Description", "LANTERN-COMMENT-8841"); // written as a JPEG comment
        const QByteArray plain = encode(source, "jpeg");
        QVERIFY(plain.contains("LANTERN-COMMENT-8841"));

        ExifOptions exif;
        exif.littleEndian = littleEndian;
        exif.orientation = 6; // stored sideways: turn 90° clockwise to show
        const QByteArray tiff = exifTiff(exif);
        const QByteArray withExif = splice(plain, app1(tiff));
        const TiffBuilder t(littleEndian);
        const QByteArray latitude = rationals(t, GpsLatitude);
        const QByteArray longitude = rationals(t, GpsLongitude);
        QVERIFY(withExif.contains(latitude) && withExif.contains(longitude) && withExif.contains("Exif"));
        QVERIFY(!metadataProblem(withExif).isEmpty()); // the check sees what it is meant to see

        auto result = ImageSanitizer::sanitize(withExif);
        QVERIFY2(result, qPrintable(result.errorMessage()));
        const SanitizedImage& image = result.value();

        for (const QByteArray* out : {&image.jpeg, &image.thumbnailJpeg}) {
            const QString problem = metadataProblem(*out);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QVERIFY(!out->contains(latitude));
            QVERIFY(!out->contains(longitude));
            QVERIFY(!out->contains(latitude.mid(16, 8))); // the seconds alone: the most distinctive part
            QVERIFY(!out->contains("2024:05:17"));
            QVERIFY(!out->contains("LANTERN-COMMENT"));
        }

        QCOMPARE(image.size, QSize(300, 400));
        const QImage decoded = QImage::fromData(image.jpeg, "jpeg");
        QCOMPARE(decoded.size(), QSize(300, 400));
        // Turned clockwise: the red top-left corner is now top-right, blue bottom-left now top-left.
        QVERIFY(near(decoded.pixel(225, 100), Qt::red));
        QVERIFY(near(decoded.pixel(75, 100), Qt::blue));
        QVERIFY(near(decoded.pixel(225, 300), Qt::green));
        QVERIFY(near(decoded.pixel(75, 300), Qt::yellow));

        const QImage thumbnail = QImage::fromData(image.thumbnailJpeg, "jpeg");
        QCOMPARE(thumbnail.size(), QSize(240, 320));
        QVERIFY(near(thumbnail.pixel(180, 80), Qt::red));
        QVERIFY(near(thumbnail.pixel(60, 240), Qt::yellow));

        const QDateTime expected(QDate(2024, 5, 17), QTime(10, 42, 7), QTimeZone(3600));
        QCOMPARE(image.capturedAt, expected);
        QCOMPARE(image.capturedAt.offsetFromUtc(), 3600);
        QCOMPARE(image.capturedAt.toUTC(), QDateTime(QDate(2024, 5, 17), QTime(9, 42, 7), QTimeZone::utc()));
    }

    void testCaptureTimeWithoutOffsetIsLocal()
    {
        ExifOptions exif;
        exif.offsetTimeOriginal.clear();
        exif.littleEndian = false;
        const QDateTime at = ImageSanitizer::captureTimeFromExif(exifTiff(exif));
        QCOMPARE(at, QDateTime(QDate(2024, 5, 17), QTime(10, 42, 7)));
        QCOMPARE(at.timeSpec(), Qt::LocalTime);
    }

    void testCaptureTimeRejectsNonsense_data()
    {
        QTest::addColumn<QByteArray>("date");
        QTest::addColumn<QByteArray>("offset");
        QTest::addColumn<bool>("valid");
        QTest::newRow("good") << QByteArray("2023:12:31 23:59:59") << QByteArray("-05:30") << true;
        QTest::newRow("no clock: zeros") << QByteArray("0000:00:00 00:00:00") << QByteArray() << false;
        QTest::newRow("no clock: blanks") << QByteArray("    :  :     :  :  ") << QByteArray() << false;
        QTest::newRow("month 13") << QByteArray("2023:13:01 10:00:00") << QByteArray() << false;
        QTest::newRow("hour 25") << QByteArray("2023:01:01 25:00:00") << QByteArray() << false;
        QTest::newRow("too short") << QByteArray("2023:01:01") << QByteArray() << false;
        QTest::newRow("bad offset ignored") << QByteArray("2023:01:01 10:00:00") << QByteArray("+99:00") << true;
    }

    void testCaptureTimeRejectsNonsense()
    {
        QFETCH(QByteArray, date);
        QFETCH(QByteArray, offset);
        QFETCH(bool, valid);
        ExifOptions exif;
        exif.dateTimeOriginal = date;
        exif.offsetTimeOriginal = offset;
        const QDateTime at = ImageSanitizer::captureTimeFromExif(exifTiff(exif));
        QCOMPARE(at.isValid(), valid);
        if (valid && offset == "-05:30")
            QCOMPARE(at.offsetFromUtc(), -(5 * 3600 + 30 * 60));
        if (valid && offset == "+99:00")
            QCOMPARE(at.timeSpec(), Qt::LocalTime);
    }

    void testMalformedExifGivesNoTime()
    {
        const QByteArray good = exifTiff({});
        QVERIFY(ImageSanitizer::captureTimeFromExif(good).isValid());
        const TiffBuilder t(true);
        QList<QByteArray> bad;
        bad << QByteArray() << QByteArray("II") << good.left(7) << good.left(20) << good.left(60);
        QByteArray wrongMagic = good;
        wrongMagic[2] = 43;
        bad << wrongMagic;
        QByteArray hugeIfd0 = good;
        hugeIfd0.replace(4, 4, t.u32(0xFFFFFFF0));
        bad << hugeIfd0;
        QByteArray manyEntries = good;
        manyEntries.replace(8, 2, t.u16(0xFFFF)); // claims 65535 entries in a few dozen bytes
        bad << manyEntries;
        QByteArray exifPointerOut = good;
        exifPointerOut.replace(8 + 2 + 12 + 8, 4, t.u32(quint32(good.size()) - 1));
        bad << exifPointerOut;
        QByteArray dateOffsetOut = good;
        const int exifIfd = 8 + 2 + 3 * 12 + 4;
        dateOffsetOut.replace(exifIfd + 2 + 8, 4, t.u32(quint32(good.size()) - 5)); // 20 bytes from 5 before the end
        bad << dateOffsetOut;
        QByteArray hugeCount = good;
        hugeCount.replace(exifIfd + 2 + 4, 4, t.u32(0xFFFFFFFF));
        bad << hugeCount;
        for (int i = 0; i < bad.size(); ++i)
            QVERIFY2(!ImageSanitizer::captureTimeFromExif(bad[i]).isValid(), qPrintable(QString("case %1").arg(i)));

        // And inside a JPEG: segment lengths that lie.
        const QByteArray jpeg = encode(quadrants(64, 48), "jpeg");
        QByteArray segment = app1(good);
        QVERIFY(ImageSanitizer::captureTimeFromJpeg(splice(jpeg, segment)).isValid());
        QByteArray longer = segment;
        longer[2] = char(0xFF);
        longer[3] = char(0xFF);
        QVERIFY(!ImageSanitizer::captureTimeFromJpeg(jpeg.left(2) + longer).isValid());
        QVERIFY(!ImageSanitizer::captureTimeFromJpeg(QByteArray("\xFF\xD8\xFF\xE1\x00", 5)).isValid());
        QVERIFY(!ImageSanitizer::captureTimeFromJpeg(QByteArray("\xFF\xD8", 2)).isValid());
        QVERIFY(!ImageSanitizer::captureTimeFromJpeg(splice(jpeg, segment).left(40)).isValid());
    }

    void testFuzzedExifNeverCrashes()
    {
        const QByteArray jpeg = encode(quadrants(64, 48), "jpeg");
        auto* rng = QRandomGenerator::global();
        int withTime = 0;
        int withoutTime = 0;
        for (int round = 0; round < 2000; ++round) {
            ExifOptions options;
            options.littleEndian = round % 2 == 0;
            QByteArray segment = app1(exifTiff(options));
            const int kind = int(rng->bounded(4));
            const int mutations = 1 + int(rng->bounded(6));
            for (int m = 0; m < mutations && segment.size() > 3; ++m) {
                const int at = 2 + int(rng->bounded(segment.size() - 2));
                if (kind == 0) { // flip bits
                    segment[at] = char(segment[at] ^ (1 << rng->bounded(8)));
                } else if (kind == 1) { // random byte
                    segment[at] = char(rng->bounded(256));
                } else if (kind == 2) { // a wild 32-bit value where offsets and counts live
                    const quint32 value = rng->bounded(3) == 0 ? rng->generate() : quint32(rng->bounded(400));
                    for (int i = 0; i < 4 && at + i < segment.size(); ++i)
                        segment[at + i] = char(value >> (8 * i));
                } else { // cut short, keeping or not keeping the declared length
                    segment.truncate(at);
                }
            }
            const QByteArray mutated = splice(jpeg, segment);
            // Parse the TIFF alone from a tight copy (no slack after it) and as part of the file.
            const QByteArray tiff
                = segment.size() > 10 ? QByteArray(segment.constData() + 10, segment.size() - 10) : QByteArray();
            const QDateTime fromTiff = ImageSanitizer::captureTimeFromExif(tiff);
            const QDateTime fromJpeg = ImageSanitizer::captureTimeFromJpeg(mutated);
            (fromJpeg.isValid() ? withTime : withoutTime)++;
            if (fromTiff.isValid())
                QVERIFY(fromTiff.date().year() >= 1900);
            if (round % 100 == 0) { // the whole pipeline, now and then: decoding costs time
                auto result = ImageSanitizer::sanitize(mutated);
                if (result)
                    QVERIFY(metadataProblem(result.value().jpeg).isEmpty());
            }
        }
        // Both outcomes happened: the mutations reached the parser's depths and also left some files intact.
        QVERIFY(withTime > 0);
        QVERIFY(withoutTime > 0);
        qInfo("fuzz: %d with a time, %d without", withTime, withoutTime);
    }

    void testRefusals()
    {
        // Random bytes.
        QByteArray noise(4000, Qt::Uninitialized);
        for (char& c : noise)
            c = char(QRandomGenerator::global()->bounded(256));
        auto result = ImageSanitizer::sanitize(noise);
        QVERIFY(!result);
        QCOMPARE(result.code(), Error::Code::InvalidInput);
        QVERIFY2(result.errorMessage().contains("could not open"), qPrintable(result.errorMessage()));
        QVERIFY(!ImageSanitizer::sanitize({}));

        // A small JPEG whose frame header claims 12000 × 12000 (144 megapixels): refused from the header alone.
        QByteArray jpeg = encode(quadrants(64, 48), "jpeg");
        const int sof = jpeg.indexOf(QByteArray("\xFF\xC0", 2));
        QVERIFY(sof > 0);
        qToBigEndian(quint16(12000), jpeg.data() + sof + 5); // height
        qToBigEndian(quint16(12000), jpeg.data() + sof + 7); // width
        QElapsedTimer timer;
        timer.start();
        result = ImageSanitizer::sanitize(jpeg);
        QVERIFY(!result);
        QCOMPARE(result.code(), Error::Code::InvalidInput);
        QVERIFY2(result.errorMessage().contains("12000") && result.errorMessage().contains("120 megapixels"),
                 qPrintable(result.errorMessage()));
        QVERIFY(timer.elapsed() < 1000);
    }

    void testThumbnailSizes_data()
    {
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QSize>("thumbnail");
        QTest::newRow("jpeg landscape") << QByteArray("jpeg") << QSize(2000, 1000) << QSize(320, 160);
        QTest::newRow("jpeg portrait") << QByteArray("jpeg") << QSize(900, 1200) << QSize(240, 320);
        QTest::newRow("png tall") << QByteArray("png") << QSize(600, 1920) << QSize(100, 320);
        QTest::newRow("small: never enlarged") << QByteArray("png") << QSize(200, 100) << QSize(200, 100);
    }

    void testThumbnailSizes()
    {
        QFETCH(QByteArray, format);
        QFETCH(QSize, size);
        QFETCH(QSize, thumbnail);
        auto result = ImageSanitizer::sanitize(encode(quadrants(size.width(), size.height()), format.constData()));
        QVERIFY2(result, qPrintable(result.errorMessage()));
        QCOMPARE(result.value().size, size);
        QCOMPARE(QImage::fromData(result.value().jpeg, "jpeg").size(), size);
        const QImage thumb = QImage::fromData(result.value().thumbnailJpeg, "jpeg");
        QCOMPARE(thumb.size(), thumbnail);
        QVERIFY(qMax(thumb.width(), thumb.height()) <= ImageSanitizer::ThumbnailSide);
        QVERIFY(!result.value().capturedAt.isValid()); // no Exif here
    }

    void testPngTransparencyAndText()
    {
        QImage source = quadrants(300, 200, QImage::Format_ARGB32);
        QPainter p(&source);
        p.setCompositionMode(QPainter::CompositionMode_Clear);
        p.fillRect(0, 0, 60, 60, Qt::transparent);
        p.end();
        source.setText("Comment", "QUINCE-PNG-TEXT-5521");
        const QByteArray png = encode(source, "png");
        QVERIFY(png.contains("QUINCE-PNG-TEXT-5521"));
        auto result = ImageSanitizer::sanitize(png);
        QVERIFY2(result, qPrintable(result.errorMessage()));
        QVERIFY(!result.value().jpeg.contains("QUINCE-PNG-TEXT"));
        QVERIFY(metadataProblem(result.value().jpeg).isEmpty());
        const QImage decoded = QImage::fromData(result.value().jpeg, "jpeg");
        QVERIFY(near(decoded.pixel(20, 20), Qt::white)); // transparency on white, not black
        QVERIFY(near(decoded.pixel(100, 40), Qt::red));
    }
};

QTEST_GUILESS_MAIN(TestImageSanitizer)
#include "tst_imagesanitizer.moc"
