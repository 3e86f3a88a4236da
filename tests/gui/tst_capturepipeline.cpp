// The capture pipeline without the page, fed by the generated clip: a photo from the latest frame into the vault; a
// video recorded with GStreamer into the RAM folder, sealed into the vault, the RAM file gone; a recording refused
// outside RAM; a recorder that runs out of room says so.
#include "capture/FrameStreamRecorder.h"
#include "capture/GeneratedClipSource.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "media/RamFolder.h"
#include "media/RecordingSealer.h"

#include "TestDataDir.h"

#include <QApplication>
#include <QBuffer>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace Acorn;

namespace {
const QByteArray EbmlMagic("\x1a\x45\xdf\xa3", 4);

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Sets the largest file this process may write (RLIMIT_FSIZE) for as long as it lives: writes beyond it fail with
// EFBIG, which is what a full disk or a full tmpfs looks like to the writer.
class FileSizeLimit final
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &m_saved);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        m_ok = setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &m_saved); }
    bool ok() const { return m_ok; }

private:
    rlimit m_saved {};
    bool m_ok = false;
};
} // namespace

class TestCapturePipeline final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString missing;
        if (!FrameStreamRecorder::isAvailable(&missing))
            QFAIL(qPrintable(QStringLiteral("GStreamer element missing: %1 (run scripts/bootstrap)").arg(missing)));
    }

    void testClipDrawsMovingFrames()
    {
        GeneratedClipSource clip({320, 240}, 20);
        const QImage a = clip.drawFrame(0);
        const QImage b = clip.drawFrame(700);
        QCOMPARE(a.size(), QSize(320, 240));
        QVERIFY(a != b);
        QSignalSpy frames(&clip, &FrameSource::frameAvailable);
        clip.start();
        QTRY_VERIFY(frames.size() >= 5);
        const auto frame = frames.last().at(0).value<QVideoFrame>();
        QCOMPARE(frame.size(), QSize(320, 240));
        QCOMPARE(frame.toImage().convertToFormat(QImage::Format_RGB32).size(), QSize(320, 240));
        clip.stop();
        QVERIFY(!clip.isActive());
    }

    void testPhotoFromClipIntoVault()
    {
        Test::TestDataDir dir;
        MediaVault vault(dir.filePath(QStringLiteral("vault")));
        GeneratedClipSource clip({640, 480}, 15);
        QSignalSpy photos(&clip, &FrameSource::photoCaptured);
        QSignalSpy failures(&clip, &FrameSource::photoFailed);
        clip.capturePhoto(); // not started: refused, clearly
        QCOMPARE(failures.size(), 1);
        clip.start();
        clip.capturePhoto();
        QTRY_COMPARE(photos.size(), 1);
        const QImage image = photos.first().at(0).value<QImage>();
        QCOMPARE(image.size(), QSize(640, 480));

        QByteArray jpeg;
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(QImageWriter(&buffer, "jpeg").write(image));
        auto imported = MediaImporter(vault).importPhotoData(jpeg);
        QVERIFY2(imported, qPrintable(imported.errorMessage()));
        QCOMPARE(imported.value().kind, MediaKind::Photo);
        QCOMPARE(imported.value().size, QSize(640, 480));
        QVERIFY(imported.value().file.size > 5'000);
        QVERIFY(imported.value().file.size < 1'000'000);
        QVERIFY(imported.value().thumbnail);
        // Encrypted on disk, the picture back in memory.
        QVERIFY(!readFile(vault.filePath(imported.value().file.fileId)).startsWith("\xff\xd8\xff"));
        auto back = vault.readAll(imported.value().file.fileId, imported.value().file.key, 10'000'000);
        QVERIFY(back);
        QCOMPARE(QImage::fromData(back.value()).size(), QSize(640, 480));
    }

    void testVideoFromClipSealedIntoVault()
    {
        Test::TestDataDir dir;
        MediaVault vault(dir.filePath(QStringLiteral("vault")));
        auto folder = RamFolder::create();
        QVERIFY2(folder, qPrintable(folder.errorMessage()));
        GeneratedClipSource clip({640, 480}, 15);
        clip.start();
        RecordingPreset preset;
        FrameStreamRecorder recorder(clip, preset);
        QSignalSpy started(&recorder, &Recorder::started);
        QSignalSpy finished(&recorder, &Recorder::finished);
        QSignalSpy failed(&recorder, &Recorder::failed);

        const QString path = folder.value()->newFilePath(recorder.fileSuffix());
        recorder.start(path);
        QCOMPARE(started.size(), 1);
        QVERIFY(recorder.isRecording());
        QTest::qWait(2000);
        recorder.stop();
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toString(), path);
        QVERIFY(!recorder.isRecording());
        QVERIFY2(recorder.framesRecorded() >= 20, qPrintable(QString::number(recorder.framesRecorded())));

        // The recording is in RAM, a real WebM of a sensible size.
        QVERIFY(folder.value()->contains(path));
        const QByteArray plain = readFile(path);
        QVERIFY(plain.startsWith(EbmlMagic));
        QVERIFY(plain.contains("webm"));
        QVERIFY2(plain.size() > 10'000 && plain.size() < 2'000'000, qPrintable(QString::number(plain.size())));
        const QByteArray sha = QCryptographicHash::hash(plain, QCryptographicHash::Sha256);

        auto sealed = RecordingSealer::sealFile(vault, path, MediaKind::Video);
        QVERIFY2(sealed, qPrintable(sealed.errorMessage()));
        QCOMPARE(sealed.value().kind, MediaKind::Video);
        QCOMPARE(sealed.value().mimeType, QStringLiteral("video/webm"));
        QCOMPARE(sealed.value().file.sha256, sha);
        QVERIFY2(!QFile::exists(path), "the RAM file is gone once sealed");
        QVERIFY(folder.value()->files().isEmpty());
        const QByteArray stored = readFile(vault.filePath(sealed.value().file.fileId));
        QVERIFY(!stored.contains(plain.mid(plain.size() / 2, 64)));
        auto back = vault.readAll(sealed.value().file.fileId, sealed.value().file.key, 10'000'000);
        QVERIFY(back);
        QCOMPARE(back.value(), plain);
    }

    void testStopWithoutFramesFails()
    {
        auto folder = RamFolder::create();
        QVERIFY(folder);
        GeneratedClipSource clip({320, 240}, 15);
        FrameStreamRecorder recorder(clip, RecordingPreset());
        QSignalSpy failed(&recorder, &Recorder::failed);
        recorder.start(folder.value()->newFilePath(recorder.fileSuffix())); // the clip is not running
        QCOMPARE(failed.size(), 1);
        QVERIFY(!recorder.isRecording());
    }

    void testSealRefusesFilesOutsideRam()
    {
        Test::TestDataDir dir;
        if (RamFolder::isRamBacked(dir.path()))
            QSKIP("the temporary folder is on tmpfs here");
        MediaVault vault(dir.filePath(QStringLiteral("vault")));
        const QString onDisk = dir.filePath(QStringLiteral("clip.webm"));
        QFile f(onDisk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(EbmlMagic + QByteArray(4096, 'x'));
        f.close();
        auto sealed = RecordingSealer::sealFile(vault, onDisk, MediaKind::Video);
        QVERIFY(!sealed);
        QVERIFY(QFile::exists(onDisk));
        QVERIFY(vault.fileIds().isEmpty());
    }

    void testRecorderOutOfRoom()
    {
        auto folder = RamFolder::create();
        QVERIFY(folder);
        GeneratedClipSource clip({640, 480}, 15);
        clip.start();
        FrameStreamRecorder recorder(clip, RecordingPreset());
        QSignalSpy failed(&recorder, &Recorder::failed);
        QSignalSpy finished(&recorder, &Recorder::finished);
        const QString path = folder.value()->newFilePath(recorder.fileSuffix());
        {
            FileSizeLimit limit(16 * 1024);
            QVERIFY(limit.ok());
            recorder.start(path);
            QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty() || !finished.isEmpty(), 15000);
        }
        QVERIFY(finished.isEmpty());
        QCOMPARE(failed.first().at(0).toString(), path);
        QVERIFY2(failed.first().at(1).toString().contains(QLatin1String("no room")),
                 qPrintable(failed.first().at(1).toString()));
        QVERIFY(!recorder.isRecording());
        QVERIFY(folder.value()->wipeAll());
    }
};

QTEST_MAIN(TestCapturePipeline)
#include "tst_capturepipeline.moc"
