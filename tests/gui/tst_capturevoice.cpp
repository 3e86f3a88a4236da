// Voice notes through QMediaRecorder + QAudioInput (Qt Multimedia's GStreamer backend), recorded from a private
// PulseAudio server whose only microphone is the monitor of a null sink that the test plays a tone into. The note is
// sealed into the vault, the RAM file is gone, the decrypted note decodes (through a pipe, never a file) to about as
// long as was recorded and is not silence. A lock while recording keeps the note with the draft.
#include "auth/Session.h"
#include "capture/CaptureChildChips.h"
#include "capture/CapturePage.h"
#include "capture/CaptureSessionRecorder.h"
#include "capture/MediaSourceFactory.h"
#include "crypto/PasswordKdf.h"
#include "journal/ObservationMedia.h"
#include "lock/LockController.h"
#include "media/RamFolder.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"
#include "tst_capturepulse.h"

#include <QApplication>
#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSource>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMediaDevices>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>

using namespace Acorn;
using Acorn::Test::child;

namespace {
constexpr int SampleRate = 48000;

Test::PulseServer* g_pulse = nullptr;

// No camera, a microphone: voice notes must still work.
class MicrophoneOnlyFactory final : public MediaSourceFactory
{
public:
    QList<CameraChoice> cameras() const override { return {}; }
    FrameSource* createFrameSource(const QString&, QObject*) override { return nullptr; }
    Recorder* createVideoRecorder(FrameSource&, const RecordingPreset&, QObject*) override { return nullptr; }
};

// Decodes an Ogg Opus note held in memory to 48 kHz mono samples, through pipes only.
QVector<qint16> decode(const QByteArray& ogg)
{
    QProcess gst;
    gst.start(QStringLiteral("gst-launch-1.0"),
              {QStringLiteral("-q"), QStringLiteral("fdsrc"), QStringLiteral("fd=0"), QStringLiteral("!"),
               QStringLiteral("oggdemux"), QStringLiteral("!"), QStringLiteral("opusdec"), QStringLiteral("!"),
               QStringLiteral("audioconvert"), QStringLiteral("!"), QStringLiteral("audioresample"),
               QStringLiteral("!"), QStringLiteral("audio/x-raw,format=S16LE,channels=1,rate=48000"),
               QStringLiteral("!"), QStringLiteral("fdsink"), QStringLiteral("fd=1")});
    if (!gst.waitForStarted(5000))
        return {};
    gst.write(ogg);
    gst.closeWriteChannel();
    QByteArray out;
    while (gst.state() != QProcess::NotRunning || gst.bytesAvailable() > 0) {
        gst.waitForReadyRead(200);
        out += gst.readAllStandardOutput();
        if (gst.state() == QProcess::NotRunning && gst.bytesAvailable() == 0)
            break;
    }
    gst.waitForFinished(5000);
    out += gst.readAllStandardOutput();
    QVector<qint16> samples(out.size() / 2);
    std::memcpy(samples.data(), out.constData(), size_t(samples.size()) * 2);
    return samples;
}

double rms(const QVector<qint16>& samples)
{
    if (samples.isEmpty())
        return 0;
    double sum = 0;
    for (qint16 s : samples)
        sum += double(s) * s;
    return std::sqrt(sum / samples.size());
}
} // namespace

class TestCaptureVoice final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testVoiceNoteIntoVault();
    void testLockWhileRecordingVoiceNote();
    void testSilentMicrophoneIsReported();
    void testRecorderStartsAgainWhenNothingFlows();

private:
    void startVoiceRecording();

    std::unique_ptr<Test::JournalFixture> m_fixture;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<CapturePage> m_page;
};

void TestCaptureVoice::initTestCase()
{
    if (!g_pulse->error().isEmpty())
        QSKIP(qPrintable(QStringLiteral("PulseAudio could not start, so there is no microphone to record from: ")
                         + g_pulse->error()));
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
    const auto inputs = QMediaDevices::audioInputs();
    QVERIFY2(!inputs.isEmpty(), "the test's PulseAudio microphone is not visible to Qt");
    QCOMPARE(QMediaDevices::defaultAudioInput().id(), QByteArray("acorn_mic"));

    // The rig is ready once its microphone delivers sound to an ordinary reader.
    QAudioFormat format;
    format.setSampleRate(SampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    QAudioSource source(QMediaDevices::defaultAudioInput(), format);
    QIODevice* input = source.start();
    QVERIFY(input);
    qint64 got = 0;
    QElapsedTimer clock;
    clock.start();
    while (got < SampleRate && clock.elapsed() < 15000) { // half a second of sound
        QTest::qWait(50);
        got += input->readAll().size();
    }
    source.stop();
    QVERIFY2(got >= SampleRate, "the test microphone delivers no sound");
}

void TestCaptureVoice::init()
{
    m_fixture = std::make_unique<Test::JournalFixture>();
    QVERIFY(m_fixture->isValid());
    m_lock = std::make_unique<LockController>(m_fixture->nursery().dataDir(), m_fixture->nursery().clock());
    m_lock->signIn(QStringLiteral("pia"), Test::JournalFixture::password());
    QTRY_VERIFY(m_lock->session());
    m_page = std::make_unique<CapturePage>(*m_lock, std::make_unique<MicrophoneOnlyFactory>());
    m_page->resize(1280, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestCaptureVoice::cleanup()
{
    m_page.reset();
    m_lock.reset();
    m_fixture.reset();
}

void TestCaptureVoice::startVoiceRecording()
{
    QTest::mouseClick(child<QPushButton>(m_page.get(), "voiceModeButton"), Qt::LeftButton);
    QCOMPARE(m_page->mode(), CapturePage::Mode::Voice);
    QVERIFY(child<QLabel>(m_page.get(), "voiceNoteLabel")->isVisible());
    // The page opens the microphone when the voice-note mode comes on screen; this test rig's microphone (a
    // remapped monitor of a null sink) takes about a second to deliver sound, a real one a fraction of that.
    QTest::qWait(1500);
    QTest::mouseClick(child<CaptureChildChips>(m_page.get(), "captureChildChips")->chip(m_fixture->cal),
                      Qt::LeftButton);
    auto* recordButton = child<QPushButton>(m_page.get(), "recordButton");
    QVERIFY(recordButton->isVisible());
    QVERIFY(recordButton->isEnabled());
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(m_page.get(), "recordingTimerLabel")->isVisible(), 10000);
    QVERIFY(m_page->isRecording());
    QCOMPARE(QDir(m_page->recordingFolder()).entryList(QDir::Files).size(), 1);
}

void TestCaptureVoice::testVoiceNoteIntoVault()
{
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    startVoiceRecording();
    QVERIFY(child<QLabel>(m_page.get(), "recordingTimerLabel")->text().contains(QLatin1String("/ 5:00")));
    QTest::qWait(2500);
    QTest::mouseClick(child<QPushButton>(m_page.get(), "recordButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isRecording(), 10000);

    QVERIFY2(g_pulse->toneRunning(), "the test tone stopped playing");
    QVERIFY2(captured.size() == 1, qPrintable(child<QLabel>(m_page.get(), "captureMessageLabel")->text()));
    const auto item = captured.first().at(0).value<MediaItem>();
    QCOMPARE(item.kind, MediaKind::Audio);
    QCOMPARE(item.childIds, QStringList {m_fixture->cal});
    QVERIFY(QDir(m_page->recordingFolder()).entryList(QDir::Files | QDir::Hidden).isEmpty());

    auto content = ObservationMedia(*m_lock->session()).content(item.id);
    QVERIFY(content);
    QVERIFY(content.value().startsWith("OggS"));
    QVERIFY(content.value().contains("OpusHead"));
    QFile stored(m_lock->session()->dataDir().vaultPath() + QLatin1Char('/') + item.vaultFile);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QVERIFY(!stored.readAll().contains("OggS"));

    const QVector<qint16> samples = decode(content.value());
    const double seconds = double(samples.size()) / SampleRate;
    QVERIFY2(seconds > 1.8 && seconds < 4.0, qPrintable(QString::number(seconds)));
    const double level = rms(samples);
    QVERIFY2(level > 500, qPrintable(QStringLiteral("the note is silent: RMS %1").arg(level)));
}

void TestCaptureVoice::testLockWhileRecordingVoiceNote()
{
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    startVoiceRecording();
    const QString folder = m_page->recordingFolder();
    // Long enough that this rig's microphone has certainly delivered sound (it can lag by up to two seconds).
    QTest::qWait(3000);
    m_lock->lock(); // QMediaRecorder stops asynchronously: the lock waits (bounded) for the file
    QVERIFY(m_lock->isLocked());
    QVERIFY(!m_page->isRecording());
    QVERIFY2(captured.size() == 1, qPrintable(child<QLabel>(m_page.get(), "captureMessageLabel")->text()));
    QVERIFY(!QFileInfo::exists(folder));

    auto session = m_fixture->signIn(QStringLiteral("pia"));
    QVERIFY(session);
    const auto items = ObservationMedia(*session).of(m_page->draftObservationId());
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().kind, MediaKind::Audio);
    auto content = ObservationMedia(*session).content(items.first().id);
    QVERIFY(content);
    QVERIFY(content.value().startsWith("OggS"));
    const double seconds = double(decode(content.value()).size()) / SampleRate;
    QVERIFY2(seconds > 1.0 && seconds < 4.0, qPrintable(QString::number(seconds)));
    session->end(Session::EndReason::SignOut);
}

void TestCaptureVoice::testSilentMicrophoneIsReported()
{
    // A suspended source delivers nothing: the recorder must notice, try once more, then say so.
    const auto pactl = [](const QString& state) {
        return QProcess::execute(QStringLiteral("pactl"),
                                 {QStringLiteral("suspend-source"), QStringLiteral("acorn_mic"), state});
    };
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    QTest::mouseClick(child<QPushButton>(m_page.get(), "voiceModeButton"), Qt::LeftButton);
    QTest::mouseClick(child<CaptureChildChips>(m_page.get(), "captureChildChips")->chip(m_fixture->cal),
                      Qt::LeftButton);
    QCOMPARE(pactl(QStringLiteral("1")), 0);
    auto* recordButton = child<QPushButton>(m_page.get(), "recordButton");
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QVERIFY(m_page->isRecording());
    QVERIFY(!child<QLabel>(m_page.get(), "recordingTimerLabel")->isVisible()); // not counting until sound arrives
    QVERIFY(child<QLabel>(m_page.get(), "actionCaptionLabel")->text().contains(QLatin1String("microphone")));
    auto* message = child<QLabel>(m_page.get(), "captureMessageLabel");
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isRecording(), 15000);
    QCOMPARE(pactl(QStringLiteral("0")), 0);
    QVERIFY2(message->text().contains(QLatin1String("sends no sound")), qPrintable(message->text()));
    QCOMPARE(captured.size(), 0);
    QVERIFY(QDir(m_page->recordingFolder()).entryList(QDir::Files | QDir::Hidden).isEmpty());

    // With the microphone back, the next note records.
    QTest::qWait(1500);
    QTRY_VERIFY(recordButton->isEnabled());
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(m_page.get(), "recordingTimerLabel")->isVisible(), 10000);
    QTest::qWait(1500);
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isRecording(), 10000);
    QVERIFY2(captured.size() == 1, qPrintable(message->text()));
}

void TestCaptureVoice::testRecorderStartsAgainWhenNothingFlows()
{
    // Nothing flows at first (the microphone is suspended: to the recorder this looks like Qt 6.4's occasional
    // recording that never starts); the recorder tries again with a new pipeline, which works once sound is back.
    const auto pactl = [](const QString& state) {
        return QProcess::execute(QStringLiteral("pactl"),
                                 {QStringLiteral("suspend-source"), QStringLiteral("acorn_mic"), state});
    };
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    QTest::mouseClick(child<QPushButton>(m_page.get(), "voiceModeButton"), Qt::LeftButton);
    QTest::mouseClick(child<CaptureChildChips>(m_page.get(), "captureChildChips")->chip(m_fixture->ava),
                      Qt::LeftButton);
    QTest::qWait(1500);
    QCOMPARE(pactl(QStringLiteral("1")), 0);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no media reached the recorder")));
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("starting it again \\(attempt 2\\)")));
    QTest::mouseClick(child<QPushButton>(m_page.get(), "recordButton"), Qt::LeftButton);
    QTest::qWait(CaptureSessionRecorder::StartTimeoutMs + 200); // the first attempt has given up
    QCOMPARE(pactl(QStringLiteral("0")), 0);
    QVERIFY(m_page->isRecording());
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(m_page.get(), "recordingTimerLabel")->isVisible(), 10000);
    QTest::qWait(1500);
    QTest::mouseClick(child<QPushButton>(m_page.get(), "recordButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isRecording(), 10000);
    QVERIFY2(captured.size() == 1, qPrintable(child<QLabel>(m_page.get(), "captureMessageLabel")->text()));
    auto content = ObservationMedia(*m_lock->session()).content(captured.first().at(0).value<MediaItem>().id);
    QVERIFY(content);
    const double seconds = double(decode(content.value()).size()) / SampleRate;
    QVERIFY2(seconds > 0.8 && seconds < 4.0, qPrintable(QString::number(seconds)));
}

int main(int argc, char** argv)
{
    Test::PulseServer pulse(Test::PulseServer::Tone::Play);
    g_pulse = &pulse;
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestCaptureVoice test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_capturevoice.moc"
