// MediaImporter: photos through the sanitizer into the vault with a thumbnail, videos and voice notes streamed in as
// they are, everything else refused in plain words, oversized files refused before they are read — and afterwards no
// plaintext of any imported file in the vault or in the system's temporary folder.
#include "TestDataDir.h"

#include "media/MediaImporter.h"
#include "media/MediaVault.h"

#include <QBuffer>
#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QMimeDatabase>
#include <QPainter>
#include <QTest>
#include <QtEndian>

#include <sodium.h>

using namespace Acorn;
using Acorn::Test::TestDataDir;

namespace {

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    randombytes_buf(bytes.data(), std::size_t(size));
    return bytes;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray encode(const QImage& image, const char* format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (!writer.write(image))
        qFatal("could not encode the test image");
    return bytes;
}

QImage drawing(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(250, 240, 200));
    QPainter p(&image);
    p.setBrush(QColor(40, 120, 200));
    p.drawEllipse(QRect(width / 4, height / 4, width / 2, height / 2));
    p.fillRect(10, 10, width / 5, height / 6, QColor(200, 60, 60));
    return image;
}

// A minimal Exif block: IFD0 -> Exif IFD -> DateTimeOriginal, little-endian.
QByteArray exifSegment(const QByteArray& dateTime)
{
    auto u16 = [](quint16 v) {
        QByteArray b(2, '\0');
        qToLittleEndian(v, b.data());
        return b;
    };
    auto u32 = [](quint32 v) {
        QByteArray b(4, '\0');
        qToLittleEndian(v, b.data());
        return b;
    };
    const QByteArray date = dateTime + '\0';
    QByteArray tiff = "II" + u16(42) + u32(8);
    tiff += u16(1) + u16(0x8769) + u16(4) + u32(1) + u32(26) + u32(0); // IFD0 at 8, 18 bytes
    tiff += u16(1) + u16(0x9003) + u16(2) + u32(quint32(date.size())) + u32(44) + u32(0); // Exif IFD at 26
    tiff += date; // at 44
    QByteArray length(2, '\0');
    qToBigEndian(quint16(2 + 6 + tiff.size()), length.data());
    return QByteArray("\xFF\xE1", 2) + length + QByteArray("Exif\0\0", 6) + tiff;
}

qint64 bytesReadSoFar()
{
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : io.readAll().split('\n')) {
        if (line.startsWith("rchar:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return -1;
}

// Every regular file under `root` changed since `since` (except under `skip`), read whole in overlapping blocks.
QStringList filesContaining(const QString& root, const QList<QByteArray>& needles, const QDateTime& since,
                            const QString& skip, int* scanned)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    qsizetype longest = 0;
    for (const auto& n : needles)
        longest = qMax(longest, n.size());
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if ((!skip.isEmpty() && path.startsWith(skip + QLatin1Char('/'))) || info.lastModified() < since)
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        ++*scanned;
        QByteArray carry;
        while (!file.atEnd()) {
            const QByteArray block = carry + file.read(1 << 20);
            bool hit = false;
            for (const auto& n : needles)
                hit = hit || block.contains(n);
            if (hit) {
                found << path;
                break;
            }
            carry = block.right(longest);
            if (block.size() == carry.size())
                break;
        }
    }
    return found;
}

} // namespace

class TestMediaImporter : public QObject
{
    Q_OBJECT

private:
    QDateTime m_start;
    QByteArray m_marker;
    TestDataDir m_sources; // the test's own plaintext inputs: the one place the marker may be
    TestDataDir m_data;
    std::unique_ptr<MediaVault> m_vault;
    QList<QByteArray> m_storedPlaintext; // slices of what the vault holds, to look for anywhere else

    QString source(const QString& name) const { return m_sources.filePath(name); }

private slots:
    void initTestCase()
    {
        m_start = QDateTime::currentDateTime().addSecs(-2);
        m_marker = "ACORN-IMPORT-" + randomBytes(6).toHex(); // made at run time: in no file but ours
        m_vault = std::make_unique<MediaVault>(m_data.filePath("vault"));
        QMimeDatabase().mimeTypeForFile(QStringLiteral("warm-up.txt")); // load the MIME data before measuring reads
    }

    void testImportPhoto()
    {
        QImage image = drawing(800, 600);
        image.setText("Comment", QString::fromLatin1(m_marker)); // a PNG text chunk: metadata to be dropped
        const QByteArray png = encode(image, "png");
        QVERIFY(png.contains(m_marker));
        QVERIFY(writeFile(source("photo.png"), png));

        MediaImporter importer(*m_vault);
        auto result = importer.importFile(source("photo.png"));
        QVERIFY2(result, qPrintable(result.errorMessage()));
        const ImportedMedia& media = result.value();
        QCOMPARE(media.kind, MediaKind::Photo);
        QCOMPARE(media.mimeType, QString("image/jpeg"));
        QCOMPARE(media.size, QSize(800, 600));
        QVERIFY(!media.capturedAt.isValid());
        QVERIFY(media.thumbnail.has_value());
        QVERIFY(m_vault->exists(media.file.fileId));
        QVERIFY(m_vault->exists(media.thumbnail->fileId));

        auto stored = m_vault->readAll(media.file.fileId, media.file.key, 100 << 20);
        QVERIFY(stored);
        QCOMPARE(stored.value().size(), media.file.size);
        QVERIFY(stored.value().startsWith("\xFF\xD8"));
        QVERIFY(!stored.value().contains(m_marker));
        QCOMPARE(QImage::fromData(stored.value(), "jpeg").size(), QSize(800, 600));
        QByteArray digest(crypto_hash_sha256_BYTES, '\0');
        crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                           reinterpret_cast<const unsigned char*>(stored.value().constData()),
                           quint64(stored.value().size()));
        QCOMPARE(media.file.sha256, digest);

        auto thumbnail = m_vault->readAll(media.thumbnail->fileId, media.thumbnail->key, 10 << 20);
        QVERIFY(thumbnail);
        QCOMPARE(QImage::fromData(thumbnail.value(), "jpeg").size(), QSize(320, 240));

        m_storedPlaintext << stored.value().mid(stored.value().size() / 2, 64)
                          << thumbnail.value().mid(thumbnail.value().size() / 2, 64);
    }

    void testImportJpegKeepsCaptureTime()
    {
        const QByteArray jpeg = encode(drawing(640, 480), "jpeg");
        const QByteArray withExif = jpeg.left(2) + exifSegment("2025:03:04 09:15:00") + jpeg.mid(2);
        QVERIFY(writeFile(source("camera.jpg"), withExif));
        auto result = MediaImporter(*m_vault).importFile(source("camera.jpg"));
        QVERIFY2(result, qPrintable(result.errorMessage()));
        QCOMPARE(result.value().capturedAt, QDateTime(QDate(2025, 3, 4), QTime(9, 15)));
        auto stored = m_vault->readAll(result.value().file.fileId, result.value().file.key, 10 << 20);
        QVERIFY(stored);
        QVERIFY(!stored.value().contains("2025:03:04"));
        QVERIFY(!stored.value().contains("Exif"));
    }

    void testImportVideoAndAudioAsTheyAre_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("mime");
        QTest::addColumn<MediaKind>("kind");
        // Bytes that are no real container: the name decides, as QMimeDatabase gives an unambiguous extension
        // precedence over content.
        QTest::newRow("webm") << "clip.webm"
                              << "video/webm" << MediaKind::Video;
        QTest::newRow("mp3") << "voice.mp3"
                             << "audio/mpeg" << MediaKind::Audio;
    }

    void testImportVideoAndAudioAsTheyAre()
    {
        QFETCH(QString, name);
        QFETCH(QString, mime);
        QFETCH(MediaKind, kind);
        QByteArray bytes;
        while (bytes.size() < 3 * 1024 * 1024)
            bytes += m_marker + randomBytes(4096);
        QVERIFY(writeFile(source(name), bytes));
        QCOMPARE(QMimeDatabase().mimeTypeForFile(source(name)).name(), mime);

        auto result = MediaImporter(*m_vault).importFile(source(name));
        QVERIFY2(result, qPrintable(result.errorMessage()));
        QCOMPARE(result.value().kind, kind);
        QCOMPARE(result.value().mimeType, mime);
        QVERIFY(!result.value().thumbnail.has_value());
        QVERIFY(!result.value().size.isValid());
        QCOMPARE(result.value().file.size, qint64(bytes.size()));
        auto stored = m_vault->readAll(result.value().file.fileId, result.value().file.key, bytes.size());
        QVERIFY(stored);
        QVERIFY(stored.value() == bytes);
    }

    void testImportMp4LosesWhereItWasFilmed()
    {
        // A phone's MP4 (ftyp, moov with mvhd and a udta holding the place and the phone, a few MB of media data).
        const auto box = [](const char* type, const QByteArray& payload) {
            const quint32 size = quint32(8 + payload.size());
            QByteArray b;
            b.append(char(size >> 24)).append(char(size >> 16)).append(char(size >> 8)).append(char(size));
            return b + QByteArray(type, 4) + payload;
        };
        QByteArray media;
        while (media.size() < 3 * 1024 * 1024)
            media += m_marker + randomBytes(4096);
        const QByteArray file = box("ftyp", QByteArray("isom\0\0\x02\0isomiso2", 16))
            + box("moov",
                  box("mvhd", QByteArray(100, '\x02'))
                      + box("udta", box("\xA9xyz", "+48.8584+002.2945/") + box("\xA9mod", "Testphone 9")))
            + box("mdat", media);
        QVERIFY(writeFile(source("garden.mp4"), file));
        auto result = MediaImporter(*m_vault).importFile(source("garden.mp4"));
        QVERIFY2(result, qPrintable(result.errorMessage()));
        QCOMPARE(result.value().kind, MediaKind::Video);
        auto stored = m_vault->readAll(result.value().file.fileId, result.value().file.key, file.size());
        QVERIFY(stored);
        QCOMPARE(stored.value().size(), file.size());
        QVERIFY(!stored.value().contains("+48.8584"));
        QVERIFY(!stored.value().contains("Testphone 9"));
        QVERIFY(stored.value().endsWith(media)); // every media byte as it was
        // The file on disk is the user's and stays as it was.
        QFile original(source("garden.mp4"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QVERIFY(original.readAll().contains("+48.8584"));
        // Something named .mp4 that is no MP4 cannot be cleaned, so it is refused in words.
        QVERIFY(writeFile(source("broken.mp4"), m_marker + randomBytes(4096)));
        auto refused = MediaImporter(*m_vault).importFile(source("broken.mp4"));
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(QLatin1String("could not be read")),
                 qPrintable(refused.errorMessage()));
    }

    void testRefusesOtherFiles()
    {
        const QStringList before = m_vault->fileIds();
        QVERIFY(writeFile(source("notes.txt"), "Snack time notes " + m_marker));
        auto result = MediaImporter(*m_vault).importFile(source("notes.txt"));
        QVERIFY(!result);
        QCOMPARE(result.code(), Error::Code::InvalidInput);
        const QString comment = QMimeDatabase().mimeTypeForName("text/plain").comment();
        QCOMPARE(result.errorMessage(),
                 QString("Acorn can attach photos, videos and voice notes; this file is a %1.").arg(comment));

        QVERIFY(writeFile(source("report.pdf"), "%PDF-1.4\n" + m_marker));
        result = MediaImporter(*m_vault).importFile(source("report.pdf"));
        QVERIFY(!result);
        QVERIFY(result.errorMessage().startsWith("Acorn can attach photos, videos and voice notes"));

        result = MediaImporter(*m_vault).importFile(source("no-such-file.png"));
        QCOMPARE(result.code(), Error::Code::NotFound);

        // A text file dressed as a photo gets past the name check but not the decoder.
        QVERIFY(writeFile(source("fake.jpg"), "not a picture at all " + m_marker));
        result = MediaImporter(*m_vault).importFile(source("fake.jpg"));
        QVERIFY(!result);
        QVERIFY2(result.errorMessage().contains("could not open this picture"), qPrintable(result.errorMessage()));
        QCOMPARE(m_vault->fileIds(), before);
    }

    void testRefusesOversizedWithoutReadingThem_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("limit");
        QTest::newRow("photo") << "huge.jpg" << MediaImporter::MaxPhotoBytes + 1 << "up to 60 MB";
        QTest::newRow("video") << "huge.mp4" << MediaImporter::MaxVideoBytes + 1 << "up to 500 MB";
        QTest::newRow("audio") << "huge.mp3" << MediaImporter::MaxAudioBytes + 1 << "up to 100 MB";
    }

    void testRefusesOversizedWithoutReadingThem()
    {
        QFETCH(QString, name);
        QFETCH(qint64, size);
        QFETCH(QString, limit);
        const QStringList before = m_vault->fileIds();
        {
            QFile sparse(source(name)); // holes: no disk space, but a size to refuse
            QVERIFY(sparse.open(QIODevice::WriteOnly));
            QVERIFY(sparse.resize(size));
        }
        const qint64 readBefore = bytesReadSoFar();
        QVERIFY(readBefore >= 0);
        auto result = MediaImporter(*m_vault).importFile(source(name));
        const qint64 read = bytesReadSoFar() - readBefore;
        QFile::remove(source(name));
        QVERIFY(!result);
        QCOMPARE(result.code(), Error::Code::InvalidInput);
        QVERIFY2(result.errorMessage().contains(limit), qPrintable(result.errorMessage()));
        QVERIFY2(read < 1024 * 1024, qPrintable(QString("read %1 bytes of a file it refused").arg(read)));
        QCOMPARE(m_vault->fileIds(), before);
    }

    // Last: everything above has been imported by now.
    void testNoPlaintextInVaultOrTemp()
    {
        QVERIFY(m_vault->fileIds().size() >= 6);
        QVERIFY(m_storedPlaintext.size() == 2);
        QList<QByteArray> needles = m_storedPlaintext;
        needles << m_marker;

        // The scan can fail: our own inputs hold the marker.
        int scanned = 0;
        QVERIFY(!filesContaining(m_sources.path(), {m_marker}, m_start, {}, &scanned).isEmpty());

        scanned = 0;
        QStringList found = filesContaining(m_vault->folder(), needles, m_start, {}, &scanned);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(", ")));
        QCOMPARE(scanned, m_vault->fileIds().size());

        scanned = 0;
        found = filesContaining(QDir::tempPath(), needles, m_start, m_sources.path(), &scanned);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(", ")));
        QVERIFY(scanned >= m_vault->fileIds().size()); // the vault is under the temp folder too
    }
};

QTEST_GUILESS_MAIN(TestMediaImporter)
#include "tst_mediaimporter.moc"
