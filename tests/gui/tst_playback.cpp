// Playing from the vault without a plaintext file: MediaPlayerWidget hands QMediaPlayer::setSourceDevice() the
// decrypting, seekable MediaReader. A generated clip recorded and sealed into the vault plays with the right
// duration, decodes to the picture that was drawn, and seeks; a voice note plays; a photo is decrypted to memory;
// a damaged file is refused with a message. Sound goes to a private PulseAudio null sink (tst_capturepulse.h).
#include "auth/Session.h"
#include "capture/FrameStreamRecorder.h"
#include "capture/FrameView.h"
#include "capture/GeneratedClipSource.h"
#include "capture/MediaPlayerWidget.h"
#include "crypto/PasswordKdf.h"
#include "demo/DemoPictures.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaVault.h"
#include "media/RamFolder.h"
#include "media/RecordingSealer.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"
#include "TestDataDir.h"
#include "tst_capturepulse.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <QVideoSink>

using namespace Acorn;
using Acorn::Test::child;

namespace {
// Records `ms` of the generated clip into a RAM folder and seals it into `vault`.
Result<ImportedMedia> recordClip(MediaVault& vault, int ms)
{
    auto folder = RamFolder::create();
    if (!folder)
        return folder.error();
    GeneratedClipSource clip({640, 480}, 15);
    clip.start();
    FrameStreamRecorder recorder(clip, RecordingPreset());
    QString written;
    QObject::connect(&recorder, &Recorder::finished, [&](const QString& path) { written = path; });
    recorder.start(folder.value()->newFilePath(recorder.fileSuffix()));
    QTest::qWait(ms);
    recorder.stop();
    if (written.isEmpty())
        return Error(Error::Code::Internal, QStringLiteral("the clip was not recorded"));
    return RecordingSealer::sealFile(vault, written, MediaKind::Video);
}

bool closeTo(QRgb pixel, QRgb expected, int tolerance)
{
    return std::abs(qRed(pixel) - qRed(expected)) <= tolerance
        && std::abs(qGreen(pixel) - qGreen(expected)) <= tolerance
        && std::abs(qBlue(pixel) - qBlue(expected)) <= tolerance;
}

Test::PulseServer* g_pulse = nullptr;

// Sound needs somewhere to go: Qt 6.4's GStreamer player gives up on a stream with sound when it can reach no audio
// server, so these run against the test's own PulseAudio null sink, as on a tablet with speakers.
#define REQUIRE_AUDIO_OUTPUT()                                                                                         \
    do {                                                                                                               \
        if (!g_pulse->error().isEmpty())                                                                               \
            QSKIP(qPrintable(QStringLiteral("PulseAudio could not start: ") + g_pulse->error()));                      \
    } while (false)

QStringList recentFilesHolding(const QStringList& roots, const QDateTime& since, const QByteArray& needle)
{
    QStringList found;
    for (const QString& root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (QFileInfo(path).lastModified() < since)
                continue;
            QFile f(path);
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
                found << path;
        }
    }
    return found;
}
} // namespace

class TestPlayback final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        KdfParams::setDefaultsForTests(KdfParams::fastForTests());
        QString missing;
        if (!FrameStreamRecorder::isAvailable(&missing))
            QFAIL(qPrintable(QStringLiteral("GStreamer element missing: %1 (run scripts/bootstrap)").arg(missing)));
    }

    void testEncryptedVideoPlaysAndSeeks()
    {
        const QDateTime since = QDateTime::currentDateTime().addSecs(-2);
        Test::TestDataDir dir;
        MediaVault vault(dir.filePath(QStringLiteral("vault")));
        auto video = recordClip(vault, 3000);
        QVERIFY2(video, qPrintable(video.errorMessage()));
        auto plain = vault.readAll(video.value().file.fileId, video.value().file.key, 50'000'000);
        QVERIFY(plain);

        MediaPlayerWidget widget;
        widget.resize(800, 600);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QString error;
        auto reader = vault.openReader(video.value().file.fileId, video.value().file.key, &error);
        QVERIFY2(reader, qPrintable(error));
        QVERIFY(!reader->isSequential());
        QList<qint64> frameTimes;
        connect(widget.videoSink(), &QVideoSink::videoFrameChanged, this,
                [&](const QVideoFrame& frame) { frameTimes << frame.startTime(); });
        widget.openDevice(std::move(reader), MediaKind::Video, video.value().mimeType);
        QMediaPlayer* player = widget.player();
        QTRY_VERIFY_WITH_TIMEOUT(player->duration() > 0, 10000);
        QVERIFY2(player->duration() >= 2400 && player->duration() <= 3800,
                 qPrintable(QString::number(player->duration())));
        QVERIFY(player->isSeekable());
        QCOMPARE(child<QSlider>(&widget, "positionSlider")->maximum(), int(player->duration()));

        QTest::mouseClick(child<QPushButton>(&widget, "playPauseButton"), Qt::LeftButton);
        QTRY_COMPARE(player->playbackState(), QMediaPlayer::PlayingState);
        QTRY_VERIFY_WITH_TIMEOUT(widget.view()->framesReceived() >= 3, 10000);
        // The picture that was drawn: sand below, sky above.
        const QImage frame = widget.view()->currentImage().convertToFormat(QImage::Format_RGB32);
        QCOMPARE(frame.size(), QSize(640, 480));
        QVERIFY2(closeTo(frame.pixel(320, 460), qRgb(0xe8, 0xc9, 0x8a), 24), "no sand where the clip has sand");
        QVERIFY2(closeTo(frame.pixel(320, 30), qRgb(0x9f, 0xd3, 0xf5), 24), "no sky where the clip has sky");

        // Seek forward, past what has been decrypted so far.
        QTRY_VERIFY(player->position() > 100);
        QSignalSpy positions(player, &QMediaPlayer::positionChanged);
        frameTimes.clear();
        player->setPosition(2000);
        QTRY_VERIFY_WITH_TIMEOUT(!positions.isEmpty() && positions.last().at(0).toLongLong() >= 2000, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(frameTimes.begin(), frameTimes.end(), [](qint64 t) { return t >= 1'900'000; }), 10000);
        QVERIFY(child<QLabel>(&widget, "playbackTimeLabel")->text().startsWith(QLatin1String("0:0")));
        // ...and back.
        frameTimes.clear();
        player->setPosition(300);
        QTRY_VERIFY_WITH_TIMEOUT(!frameTimes.isEmpty() && frameTimes.first() < 1'500'000, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(player->mediaStatus(), QMediaPlayer::EndOfMedia, 10000);
        QVERIFY(child<QLabel>(&widget, "playbackMessageLabel")->isHidden());

        widget.clear();
        const QStringList found = recentFilesHolding({QDir::tempPath(), QDir::homePath() + QStringLiteral("/.cache")},
                                                     since, plain.value().mid(plain.value().size() / 2, 64));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1String(", "))));
    }

    void testVoiceNotePlays()
    {
        REQUIRE_AUDIO_OUTPUT();
        // An Opus voice note made by GStreamer straight into memory (through a pipe).
        QProcess gst;
        gst.start(QStringLiteral("gst-launch-1.0"),
                  {QStringLiteral("-q"), QStringLiteral("audiotestsrc"), QStringLiteral("num-buffers=100"),
                   QStringLiteral("!"), QStringLiteral("audio/x-raw,rate=48000,channels=1"), QStringLiteral("!"),
                   QStringLiteral("opusenc"), QStringLiteral("!"), QStringLiteral("oggmux"), QStringLiteral("!"),
                   QStringLiteral("fdsink"), QStringLiteral("fd=1")});
        QVERIFY(gst.waitForFinished(20000));
        const QByteArray note = gst.readAllStandardOutput();
        QVERIFY(note.startsWith("OggS"));

        Test::TestDataDir dir;
        MediaVault vault(dir.filePath(QStringLiteral("vault")));
        auto stored = vault.store(note);
        QVERIFY(stored);
        MediaPlayerWidget widget;
        widget.show();
        widget.openDevice(vault.openReader(stored.value().fileId, stored.value().key), MediaKind::Audio,
                          QStringLiteral("audio/x-opus+ogg"));
        QTRY_VERIFY_WITH_TIMEOUT(widget.player()->duration() > 0, 10000);
        // 100 buffers of 1024 samples at 48 kHz: about 2.1 s.
        QVERIFY2(std::abs(widget.player()->duration() - 2133) < 300,
                 qPrintable(QString::number(widget.player()->duration())));
        widget.play();
        QTRY_VERIFY_WITH_TIMEOUT(widget.player()->position() > 300, 10000);
    }

    void testVideoWithSoundPlays()
    {
        REQUIRE_AUDIO_OUTPUT();
        // What a camera recording looks like (WebM: VP8 + Opus), made by GStreamer into memory.
        QProcess gst;
        gst.start(QStringLiteral("gst-launch-1.0"),
                  QStringLiteral("-q webmmux name=mux ! fdsink fd=1 "
                                 "videotestsrc num-buffers=30 ! video/x-raw,width=320,height=240,framerate=15/1 ! "
                                 "vp8enc ! mux. "
                                 "audiotestsrc num-buffers=94 ! audio/x-raw,rate=48000,channels=1 ! opusenc ! mux.")
                      .split(QLatin1Char(' ')));
        QVERIFY(gst.waitForFinished(30000));
        const QByteArray clip = gst.readAllStandardOutput();
        QVERIFY(clip.size() > 1000);
        Test::TestDataDir dir;
        MediaVault vault(dir.filePath(QStringLiteral("vault")));
        auto stored = vault.store(clip);
        QVERIFY(stored);
        MediaPlayerWidget widget;
        widget.show();
        widget.openDevice(vault.openReader(stored.value().fileId, stored.value().key), MediaKind::Video,
                          QStringLiteral("video/webm"));
        QTRY_VERIFY_WITH_TIMEOUT(widget.player()->duration() > 1000, 10000); // 2 s, give or take encoder timing
        widget.play();
        QTRY_VERIFY_WITH_TIMEOUT(widget.view()->framesReceived() >= 3, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(widget.player()->position() > 500, 10000);
        QVERIFY(child<QLabel>(&widget, "playbackMessageLabel")->isHidden());
    }

    void testPhotoAndVideoFromObservation()
    {
        Test::JournalFixture fixture;
        QVERIFY(fixture.isValid());
        auto session = fixture.signIn(QStringLiteral("pia"));
        QVERIFY(session);
        auto draft = Observations(*session).createDraft({fixture.ava});
        QVERIFY(draft);
        auto photo = RecordingSealer(*session).attachPhoto(draft.value().id, DemoPictures::make(1, 3, 1024, 768),
                                                           {fixture.ava});
        QVERIFY2(photo, qPrintable(photo.errorMessage()));

        MediaPlayerWidget widget;
        widget.resize(800, 600);
        widget.show();
        ObservationMedia media(*session);
        QVERIFY(widget.open(media, photo.value()));
        QCOMPARE(widget.view()->currentImage().size(), QSize(1024, 768));
        QVERIFY(!child<QPushButton>(&widget, "playPauseButton")->isVisible());

        MediaVault vault(session->dataDir().vaultPath());
        auto clip = recordClip(vault, 1500);
        QVERIFY(clip);
        auto item = ObservationMedia(*session).insert(draft.value().id, clip.value(), {fixture.ava});
        QVERIFY(item);
        QVERIFY(widget.open(media, item.value()));
        QVERIFY(child<QPushButton>(&widget, "playPauseButton")->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(widget.player()->duration() > 1000, 10000);
        widget.play();
        QTRY_VERIFY_WITH_TIMEOUT(widget.view()->framesReceived() >= 2, 10000);

        // A file damaged on disk is refused before anything is played.
        widget.clear();
        QFile file(vault.filePath(item.value().vaultFile));
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(MediaVault::PrefixSize + 24 + 100);
        const char byte = file.read(1).at(0);
        file.seek(MediaVault::PrefixSize + 24 + 100);
        file.write(QByteArray(1, char(byte ^ 0x5a)));
        file.close();
        auto opened = widget.open(media, item.value());
        QVERIFY(!opened);
        QVERIFY2(opened.errorMessage().contains(QLatin1String("damaged")), qPrintable(opened.errorMessage()));
        session->end(Session::EndReason::SignOut);
    }
};

int main(int argc, char** argv)
{
    Test::PulseServer pulse; // before QApplication: Qt reads PULSE_SERVER when its audio backend first connects
    g_pulse = &pulse;
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestPlayback test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_playback.moc"
