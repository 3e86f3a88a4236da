// The capture page, driven by object name with the generated clip as its camera: several captures in a row go to
// one draft; the length limit stops a recording; no camera, a camera that fails mid-recording and a full disk each
// give a clear message while everything captured stays; a lock while recording keeps the recording, encrypted, with
// the draft; and no plaintext media reaches the disk outside the RAM folder, which is empty afterwards.
#include "Theme.h"
#include "auth/Session.h"
#include "capture/CameraSourceFactory.h"
#include "capture/CaptureChildChips.h"
#include "capture/CapturePage.h"
#include "capture/FrameStreamRecorder.h"
#include "capture/FrameView.h"
#include "capture/GeneratedClipSource.h"
#include "capture/TestClipSourceFactory.h"
#include "crypto/PasswordKdf.h"
#include "demo/DemoPictures.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "lock/LockController.h"
#include "media/RamFolder.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QApplication>
#include <QCameraDevice>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QLabel>
#include <QMediaDevices>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace Acorn;
using Acorn::Test::child;

namespace {
const QByteArray EbmlMagic("\x1a\x45\xdf\xa3", 4);
const QByteArray JpegMagic("\xff\xd8\xff", 3);

// Two generated "cameras", to choose between.
class TwoClipsFactory final : public MediaSourceFactory
{
public:
    QList<CameraChoice> cameras() const override
    {
        return {{QStringLiteral("clip-a"), QStringLiteral("Clip A")},
                {QStringLiteral("clip-b"), QStringLiteral("Clip B")}};
    }
    FrameSource* createFrameSource(const QString& cameraId, QObject* parent) override
    {
        created << cameraId;
        return new GeneratedClipSource(cameraId == QLatin1String("clip-a") ? QSize(640, 480) : QSize(320, 240), 15,
                                       parent);
    }
    Recorder* createVideoRecorder(FrameSource& source, const RecordingPreset& preset, QObject* parent) override
    {
        return new FrameStreamRecorder(source, preset, parent);
    }
    QStringList created;
};

// A machine with neither camera nor microphone.
class NoDevicesFactory final : public MediaSourceFactory
{
public:
    QList<CameraChoice> cameras() const override { return {}; }
    FrameSource* createFrameSource(const QString&, QObject*) override { return nullptr; }
    Recorder* createVideoRecorder(FrameSource&, const RecordingPreset&, QObject*) override { return nullptr; }
    bool hasMicrophone() const override { return false; }
};

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
    ~FileSizeLimit() { restore(); }
    void restore() { setrlimit(RLIMIT_FSIZE, &m_saved); }
    bool ok() const { return m_ok; }

private:
    rlimit m_saved {};
    bool m_ok = false;
};

QStringList ownRamFolders()
{
    const QString prefix = QString::fromLatin1(RamFolder::NamePrefix) + QString::number(getuid()) + QLatin1Char('-')
        + QString::number(getpid()) + QLatin1Char('-');
    QStringList found;
    for (const QString& base : RamFolder::defaultBases())
        for (const QFileInfo& info : QDir(base).entryInfoList({prefix + QLatin1Char('*')}, QDir::Dirs))
            found << info.absoluteFilePath();
    return found;
}

// Slices of what was captured: a file that holds one of them holds captured media in the clear.
QList<QByteArray> windowsOf(const QByteArray& plain)
{
    QList<QByteArray> windows;
    for (int part = 1; part <= 3; ++part)
        windows << plain.mid(plain.size() * part / 4, 48);
    return windows;
}

QStringList filesHolding(const QStringList& roots, const QDateTime& since, const QList<QByteArray>& windows,
                         bool checkSignatures)
{
    QStringList found;
    for (const QString& root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QFileInfo info(path);
            if (info.lastModified() < since || info.size() > 200'000'000)
                continue;
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            if (checkSignatures
                && (bytes.startsWith(EbmlMagic) || bytes.startsWith(JpegMagic) || bytes.startsWith("OggS")
                    || bytes.mid(4, 4) == "ftyp")) {
                found << path + QStringLiteral(" (media signature)");
                continue;
            }
            for (const QByteArray& w : windows) {
                if (bytes.contains(w)) {
                    found << path;
                    break;
                }
            }
        }
    }
    return found;
}
} // namespace

class TestCapturePage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testPhotosAndVideoGoToOneDraft();
    void testGivenDraftAndRefusals();
    void testMaxLengthStopsRecording();
    void testNoCameraScreen();
    void testRealCamerasOrNone();
    void testCameraFailsMidRecording();
    void testFullDiskKeepsWhatWasCaptured();
    void testLockWhileRecordingKeepsRecording();
    void testCameraChoiceRemembered();
    void testNoPlaintextOnDisk();
    void testScreenshotsAndTargets();

private:
    CapturePage* makePage(std::unique_ptr<MediaSourceFactory> factory, CaptureOptions options = {});
    void chooseChild(const QString& childId);
    void waitForPreview();
    void takePhoto(QSignalSpy& captured);
    void record(int ms);
    QList<MediaItem> itemsOf(const QString& observationId);
    void shoot(const QString& name);

    std::unique_ptr<Test::JournalFixture> m_fixture;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<CapturePage> m_page;
};

void TestCapturePage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AcornTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_capturepage"));
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
    Theme::apply(*qApp);
    QString missing;
    if (!FrameStreamRecorder::isAvailable(&missing))
        QFAIL(qPrintable(QStringLiteral("GStreamer element missing: %1 (run scripts/bootstrap)").arg(missing)));
}

void TestCapturePage::init()
{
    QSettings().remove(QLatin1String(CapturePage::CameraSettingKey));
    m_fixture = std::make_unique<Test::JournalFixture>();
    QVERIFY(m_fixture->isValid());
    m_lock = std::make_unique<LockController>(m_fixture->nursery().dataDir(), m_fixture->nursery().clock());
    m_lock->signIn(QStringLiteral("pia"), Test::JournalFixture::password());
    QTRY_VERIFY(m_lock->session());
}

void TestCapturePage::cleanup()
{
    m_page.reset();
    QVERIFY2(ownRamFolders().isEmpty(), "the RAM folder is removed with the page");
    m_lock.reset();
    m_fixture.reset();
}

CapturePage* TestCapturePage::makePage(std::unique_ptr<MediaSourceFactory> factory, CaptureOptions options)
{
    m_page = std::make_unique<CapturePage>(*m_lock, std::move(factory), options);
    m_page->resize(1280, 800);
    m_page->show();
    if (!QTest::qWaitForWindowExposed(m_page.get()))
        return nullptr;
    return m_page.get();
}

void TestCapturePage::chooseChild(const QString& childId)
{
    auto* chips = child<CaptureChildChips>(m_page.get(), "captureChildChips");
    QVERIFY(chips);
    QPushButton* chip = chips->chip(childId);
    QVERIFY(chip);
    QCOMPARE(chip->objectName(), QStringLiteral("childChip_") + childId);
    QTest::mouseClick(chip, Qt::LeftButton);
    QVERIFY(chip->isChecked());
}

void TestCapturePage::waitForPreview()
{
    auto* preview = child<FrameView>(m_page.get(), "capturePreview");
    QVERIFY(preview);
    QTRY_VERIFY(preview->framesReceived() >= 3);
    QVERIFY(preview->isVisible());
    QVERIFY(!preview->currentImage().isNull());
}

void TestCapturePage::takePhoto(QSignalSpy& captured)
{
    const int before = captured.size();
    auto* shutter = child<QPushButton>(m_page.get(), "shutterButton");
    QVERIFY(shutter && shutter->isVisible());
    QTRY_VERIFY(shutter->isEnabled());
    QTest::mouseClick(shutter, Qt::LeftButton);
    QTRY_COMPARE(captured.size(), before + 1);
}

void TestCapturePage::record(int ms)
{
    auto* button = child<QPushButton>(m_page.get(), "recordButton");
    QVERIFY(button && button->isVisible());
    QTRY_VERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(m_page->isRecording());
    QTest::qWait(ms);
    QTRY_VERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(!m_page->isRecording());
}

QList<MediaItem> TestCapturePage::itemsOf(const QString& observationId)
{
    return ObservationMedia(*m_lock->session()).of(observationId);
}

void TestCapturePage::shoot(const QString& name)
{
    const QString dir = qEnvironmentVariable("ACORN_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(50); // let pending layout requests run
    QVERIFY(m_page->grab().save(dir + QStringLiteral("/capture-") + name + QStringLiteral(".png")));
}

void TestCapturePage::testPhotosAndVideoGoToOneDraft()
{
    QVERIFY(makePage(std::make_unique<TestClipSourceFactory>()));
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    QSignalSpy drafts(m_page.get(), &CapturePage::draftCreated);
    waitForPreview();
    auto* message = child<QLabel>(m_page.get(), "captureMessageLabel");

    // Nobody chosen and no draft: the page asks first, nothing is stored.
    auto* shutter = child<QPushButton>(m_page.get(), "shutterButton");
    QTRY_VERIFY(shutter->isEnabled());
    QTest::mouseClick(shutter, Qt::LeftButton);
    QVERIFY(message->isVisible());
    QVERIFY(message->text().contains(QLatin1String("children")));
    QCOMPARE(captured.size(), 0);

    chooseChild(m_fixture->ava);
    takePhoto(captured);
    QCOMPARE(drafts.size(), 1);
    const QString draft = m_page->draftObservationId();
    QCOMPARE(drafts.first().at(0).toString(), draft);
    takePhoto(captured);

    QTest::mouseClick(child<QPushButton>(m_page.get(), "videoModeButton"), Qt::LeftButton);
    QCOMPARE(m_page->mode(), CapturePage::Mode::Video);
    QVERIFY(!shutter->isVisible());
    auto* recordButton = child<QPushButton>(m_page.get(), "recordButton");
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY(m_page->isRecording());
    auto* timer = child<QLabel>(m_page.get(), "recordingTimerLabel");
    QVERIFY(timer->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(timer->text().contains(QLatin1String("0:01 / 2:00")), 3000);
    QVERIFY(!child<QPushButton>(m_page.get(), "photoModeButton")->isEnabled()); // no switching mid-recording
    QVERIFY(!m_page->recordingFolder().isEmpty());
    QVERIFY(RamFolder::isRamBacked(m_page->recordingFolder()));
    QCOMPARE(QDir(m_page->recordingFolder()).entryList(QDir::Files).size(), 1);
    QTest::qWait(800);
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY(!m_page->isRecording());
    QCOMPARE(captured.size(), 3);
    QVERIFY(!timer->isVisible());
    QVERIFY(QDir(m_page->recordingFolder()).entryList(QDir::Files | QDir::Hidden).isEmpty());

    // All three on the one draft, with Ava in each; nothing created twice.
    QCOMPARE(drafts.size(), 1);
    const auto items = itemsOf(draft);
    QCOMPARE(items.size(), 3);
    QCOMPARE(m_page->capturedCount(), 3);
    int photos = 0;
    int videos = 0;
    for (const MediaItem& item : items) {
        QCOMPARE(item.childIds, QStringList {m_fixture->ava});
        photos += item.kind == MediaKind::Photo;
        videos += item.kind == MediaKind::Video;
        auto content = ObservationMedia(*m_lock->session()).content(item.id);
        QVERIFY(content);
        if (item.kind == MediaKind::Photo) {
            QCOMPARE(QImage::fromData(content.value()).size(), QSize(640, 480));
            QCOMPARE(item.dimensions, QSize(640, 480));
        } else {
            QVERIFY(content.value().startsWith(EbmlMagic));
            QVERIFY(item.size > 10'000);
        }
    }
    QCOMPARE(photos, 2);
    QCOMPARE(videos, 1);
    QVERIFY(child<QLabel>(m_page.get(), "capturedCountLabel")->text().contains(QLatin1String("3")));
    const auto mine = Observations(*m_lock->session()).myDrafts();
    QVERIFY(std::any_of(mine.begin(), mine.end(), [&](const Observation& o) { return o.id == draft; }));
}

void TestCapturePage::testGivenDraftAndRefusals()
{
    auto created = Observations(*m_lock->session()).createDraft({m_fixture->ava, m_fixture->ben});
    QVERIFY(created);
    QVERIFY(makePage(std::make_unique<TestClipSourceFactory>()));
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    QSignalSpy drafts(m_page.get(), &CapturePage::draftCreated);
    m_page->setDraftObservationId(created.value().id);
    auto* chips = child<CaptureChildChips>(m_page.get(), "captureChildChips");
    const QStringList preselected = chips->selectedIds();
    QCOMPARE(QSet<QString>(preselected.begin(), preselected.end()), (QSet<QString> {m_fixture->ava, m_fixture->ben}));
    // Children of another room are not offered to Pia.
    QVERIFY(!chips->chip(m_fixture->dot));
    waitForPreview();
    takePhoto(captured);
    QCOMPARE(drafts.size(), 0);
    const auto items = itemsOf(created.value().id);
    QCOMPARE(items.size(), 1);
    QCOMPARE(QSet<QString>(items.first().childIds.begin(), items.first().childIds.end()),
             (QSet<QString> {m_fixture->ava, m_fixture->ben}));

    // Someone else's draft: refused before a single second is recorded.
    QString othersDraft;
    {
        auto rita = m_fixture->signIn(QStringLiteral("rita"));
        QVERIFY(rita);
        auto other = Observations(*rita).createDraft({m_fixture->ava});
        QVERIFY(other);
        othersDraft = other.value().id;
    }
    m_page->setDraftObservationId(othersDraft);
    m_page->setMode(CapturePage::Mode::Video);
    auto* recordButton = child<QPushButton>(m_page.get(), "recordButton");
    QTRY_VERIFY(recordButton->isEnabled());
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QVERIFY(!m_page->isRecording());
    QVERIFY(child<QLabel>(m_page.get(), "captureMessageLabel")->isVisible());
    QCOMPARE(captured.size(), 1);
}

void TestCapturePage::testMaxLengthStopsRecording()
{
    CaptureOptions options;
    options.maxVideoSeconds = 2;
    QVERIFY(makePage(std::make_unique<TestClipSourceFactory>(), options));
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    waitForPreview();
    chooseChild(m_fixture->cal);
    m_page->setMode(CapturePage::Mode::Video);
    auto* recordButton = child<QPushButton>(m_page.get(), "recordButton");
    QTRY_VERIFY(recordButton->isEnabled());
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY(m_page->isRecording());
    QVERIFY(child<QLabel>(m_page.get(), "recordingTimerLabel")->text().contains(QLatin1String("/ 0:02")));
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isRecording(), 10000);
    const qint64 took = clock.elapsed();
    QVERIFY2(took >= 1700 && took < 6000, qPrintable(QString::number(took)));
    QCOMPARE(captured.size(), 1);
    QCOMPARE(captured.first().at(0).value<MediaItem>().kind, MediaKind::Video);
    QVERIFY(child<QLabel>(m_page.get(), "captureMessageLabel")->text().contains(QLatin1String("limit")));
}

void TestCapturePage::testNoCameraScreen()
{
    QVERIFY(makePage(std::make_unique<NoDevicesFactory>()));
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    auto* label = child<QLabel>(m_page.get(), "noCameraLabel");
    QVERIFY(label && label->isVisible());
    QVERIFY(label->text().contains(QLatin1String("No camera")));
    QVERIFY(!child<FrameView>(m_page.get(), "capturePreview")->isVisible());
    QVERIFY(!child<QPushButton>(m_page.get(), "shutterButton")->isVisible());
    QVERIFY(!child<QPushButton>(m_page.get(), "shutterButton")->isEnabled());
    auto* import = child<QPushButton>(m_page.get(), "importFileButton");
    QVERIFY(import && import->isVisible() && import->isEnabled());
    QVERIFY(import->property("primary").toBool());
    QVERIFY(!child<QComboBox>(m_page.get(), "cameraComboBox")->isVisible());
    shoot(QStringLiteral("nocamera"));

    // Voice notes say there is no microphone, rather than failing when tapped.
    QTest::mouseClick(child<QPushButton>(m_page.get(), "voiceModeButton"), Qt::LeftButton);
    QVERIFY(child<QLabel>(m_page.get(), "voiceNoteLabel")->text().contains(QLatin1String("No microphone")));
    QVERIFY(!child<QPushButton>(m_page.get(), "recordButton")->isEnabled());

    // Importing works without a camera.
    QTemporaryDir files;
    const QString photo = files.filePath(QStringLiteral("blocks.jpg"));
    QFile f(photo);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(DemoPictures::make(0, 7, 800, 600));
    f.close();
    m_page->setFilePicker([&](QWidget*) { return QStringList {photo}; });
    chooseChild(m_fixture->ava);
    QTest::mouseClick(import, Qt::LeftButton);
    QCOMPARE(captured.size(), 1);
    QCOMPARE(captured.first().at(0).value<MediaItem>().kind, MediaKind::Photo);
    QCOMPARE(itemsOf(m_page->draftObservationId()).size(), 1);
}

void TestCapturePage::testRealCamerasOrNone()
{
    // The real factory on this machine: with no camera it must be the no-camera screen.
    if (!QMediaDevices::videoInputs().isEmpty())
        QSKIP("this machine has a camera; the no-camera screen is covered with a stand-in factory");
    QVERIFY(makePage(std::make_unique<CameraSourceFactory>()));
    QVERIFY(child<QLabel>(m_page.get(), "noCameraLabel")->isVisible());
    QVERIFY(child<QPushButton>(m_page.get(), "importFileButton")->isEnabled());
    QCOMPARE(m_page->frameSource(), nullptr);
}

void TestCapturePage::testCameraFailsMidRecording()
{
    QVERIFY(makePage(std::make_unique<TestClipSourceFactory>()));
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    waitForPreview();
    chooseChild(m_fixture->ava);
    takePhoto(captured);
    m_page->setMode(CapturePage::Mode::Video);
    auto* recordButton = child<QPushButton>(m_page.get(), "recordButton");
    QTRY_VERIFY(recordButton->isEnabled());
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY(m_page->isRecording());
    QTest::qWait(1200);

    auto* clip = qobject_cast<GeneratedClipSource*>(m_page->frameSource());
    QVERIFY(clip);
    clip->simulateFailure(FrameSource::Failure::Disconnected, QStringLiteral("The camera was disconnected."));
    QTRY_VERIFY(!m_page->isRecording());
    QCOMPARE(captured.size(), 2); // the photo and the part recorded before the camera went
    QCOMPARE(captured.last().at(0).value<MediaItem>().kind, MediaKind::Video);
    auto* label = child<QLabel>(m_page.get(), "noCameraLabel");
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QLatin1String("disconnected")));
    QVERIFY(label->text().contains(QLatin1String("kept")));
    QVERIFY(child<QPushButton>(m_page.get(), "importFileButton")->isEnabled());
    QVERIFY(!recordButton->isVisible());
    QVERIFY(child<QLabel>(m_page.get(), "captureMessageLabel")->text().contains(QLatin1String("saved")));
    QCOMPARE(itemsOf(m_page->draftObservationId()).size(), 2);
    QVERIFY(QDir(m_page->recordingFolder()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    shoot(QStringLiteral("camera-disconnected"));
}

void TestCapturePage::testFullDiskKeepsWhatWasCaptured()
{
    QVERIFY(makePage(std::make_unique<TestClipSourceFactory>()));
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    waitForPreview();
    chooseChild(m_fixture->ava);
    takePhoto(captured);
    const QString draft = m_page->draftObservationId();
    m_page->setMode(CapturePage::Mode::Video);
    auto* recordButton = child<QPushButton>(m_page.get(), "recordButton");
    QTRY_VERIFY(recordButton->isEnabled());
    auto* message = child<QLabel>(m_page.get(), "captureMessageLabel");
    auto* retry = child<QPushButton>(m_page.get(), "retryButton");
    {
        // Every file write past 16 KiB fails from here, in RAM and on disk alike.
        FileSizeLimit limit(16 * 1024);
        QVERIFY(limit.ok());
        QTest::mouseClick(recordButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isRecording(), 15000);
        QVERIFY2(message->text().contains(QLatin1String("no room")), qPrintable(message->text()));
        QVERIFY(retry->isVisible()); // the part recorded could not be stored either: kept in RAM for a retry
    }
    QCOMPARE(captured.size(), 1);
    QCOMPARE(itemsOf(draft).size(), 1); // the photo is still there
    QVERIFY(child<QPushButton>(m_page.get(), "importFileButton")->isEnabled());
    QCOMPARE(QDir(m_page->recordingFolder()).entryList(QDir::Files).size(), 1);

    QTest::mouseClick(retry, Qt::LeftButton);
    QCOMPARE(captured.size(), 2);
    QCOMPARE(itemsOf(draft).size(), 2);
    QVERIFY(!retry->isVisible());
    QVERIFY(QDir(m_page->recordingFolder()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

void TestCapturePage::testLockWhileRecordingKeepsRecording()
{
    QVERIFY(makePage(std::make_unique<TestClipSourceFactory>()));
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    waitForPreview();
    chooseChild(m_fixture->ben);
    m_page->setMode(CapturePage::Mode::Video);
    auto* recordButton = child<QPushButton>(m_page.get(), "recordButton");
    QTRY_VERIFY(recordButton->isEnabled());
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY(m_page->isRecording());
    const QString folder = m_page->recordingFolder();
    QTest::qWait(1500);

    m_lock->lock();
    QVERIFY(m_lock->isLocked());
    QVERIFY(!m_page->isRecording());
    QCOMPARE(captured.size(), 1);
    const QString draft = m_page->draftObservationId();
    QVERIFY(!draft.isEmpty());
    QVERIFY2(!QFileInfo::exists(folder), "the lock wiped and removed the RAM folder");
    QVERIFY(m_page->recordingFolder().isEmpty());
    QVERIFY(!child<QPushButton>(m_page.get(), "recordButton")->isEnabled());

    // Signed in again: the recording is with the draft, encrypted.
    auto session = m_fixture->signIn(QStringLiteral("pia"));
    QVERIFY(session);
    const auto items = ObservationMedia(*session).of(draft);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().kind, MediaKind::Video);
    QCOMPARE(items.first().childIds, QStringList {m_fixture->ben});
    auto content = ObservationMedia(*session).content(items.first().id);
    QVERIFY(content);
    QVERIFY(content.value().startsWith(EbmlMagic));
    QFile stored(session->dataDir().vaultPath() + QLatin1Char('/') + items.first().vaultFile);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QVERIFY(!stored.readAll().contains(content.value().mid(content.value().size() / 2, 64)));
    const auto drafts = Observations(*session).myDrafts();
    QVERIFY(std::any_of(drafts.begin(), drafts.end(), [&](const Observation& o) { return o.id == draft; }));
    session->end(Session::EndReason::SignOut);

    // Unlocked again, the page carries on with the same draft.
    m_lock->signIn(QStringLiteral("pia"), Test::JournalFixture::password());
    QTRY_VERIFY(m_lock->session());
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->setMode(CapturePage::Mode::Photo);
    auto* preview = child<FrameView>(m_page.get(), "capturePreview");
    const qint64 frames = preview->framesReceived();
    QTRY_VERIFY(preview->framesReceived() > frames + 2);
    takePhoto(captured);
    QCOMPARE(m_page->draftObservationId(), draft);
    QCOMPARE(itemsOf(draft).size(), 2);
}

void TestCapturePage::testCameraChoiceRemembered()
{
    auto factory = std::make_unique<TwoClipsFactory>();
    TwoClipsFactory* first = factory.get();
    QVERIFY(makePage(std::move(factory)));
    auto* combo = child<QComboBox>(m_page.get(), "cameraComboBox");
    QCOMPARE(combo->count(), 2);
    QVERIFY(combo->isEnabled());
    QCOMPARE(combo->currentData().toString(), QStringLiteral("clip-a"));
    QCOMPARE(first->created, QStringList {QStringLiteral("clip-a")});
    combo->setCurrentIndex(1);
    emit combo->activated(1);
    QCOMPARE(first->created.last(), QStringLiteral("clip-b"));
    QTRY_COMPARE(child<FrameView>(m_page.get(), "capturePreview")->currentImage().size(), QSize(320, 240));
    QCOMPARE(QSettings().value(QLatin1String(CapturePage::CameraSettingKey)).toString(), QStringLiteral("clip-b"));
    m_page.reset();

    // The next time, on this device, the same camera.
    auto again = std::make_unique<TwoClipsFactory>();
    TwoClipsFactory* second = again.get();
    QVERIFY(makePage(std::move(again)));
    QCOMPARE(child<QComboBox>(m_page.get(), "cameraComboBox")->currentData().toString(), QStringLiteral("clip-b"));
    QCOMPARE(second->created, QStringList {QStringLiteral("clip-b")});
}

void TestCapturePage::testNoPlaintextOnDisk()
{
    // Modification times have one-second granularity on some file systems.
    const QDateTime since = QDateTime::currentDateTime().addSecs(-2);
    QVERIFY(makePage(std::make_unique<TestClipSourceFactory>()));
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    waitForPreview();
    chooseChild(m_fixture->ava);
    takePhoto(captured);
    m_page->setMode(CapturePage::Mode::Video);
    record(1500);
    QCOMPARE(captured.size(), 2);
    // ...and one more, cut short by a lock.
    auto* recordButton = child<QPushButton>(m_page.get(), "recordButton");
    QTRY_VERIFY(recordButton->isEnabled());
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY(m_page->isRecording());
    QTest::qWait(1000);
    const QString draft = m_page->draftObservationId();
    m_lock->lock();
    QCOMPARE(captured.size(), 3);
    m_page.reset();
    QVERIFY(ownRamFolders().isEmpty());

    QList<QByteArray> windows;
    {
        auto session = m_fixture->signIn(QStringLiteral("pia"));
        QVERIFY(session);
        const auto items = ObservationMedia(*session).of(draft);
        QCOMPARE(items.size(), 3);
        for (const MediaItem& item : items) {
            auto content = ObservationMedia(*session).content(item.id);
            QVERIFY(content);
            QVERIFY(content.value().size() > 1000);
            windows << windowsOf(content.value());
            if (item.kind == MediaKind::Photo) {
                auto thumbnail = ObservationMedia(*session).thumbnail(item.id);
                QVERIFY(thumbnail);
                windows << windowsOf(thumbnail.value());
            }
        }
        session->end(Session::EndReason::SignOut);
    }

    const QString data = m_fixture->nursery().path();
    const QStringList elsewhere {QDir::tempPath(), QDir::homePath() + QStringLiteral("/.cache")};
    QStringList found = filesHolding({data}, since, windows, true);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1String(", "))));
    // Other tests may write their own media to the temp folder at the same time: look for ours only.
    found = filesHolding(elsewhere, since, windows, false);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1String(", "))));

    // The scan itself finds what it looks for.
    QTemporaryDir canaryDir;
    QFile canary(canaryDir.filePath(QStringLiteral("canary.bin")));
    QVERIFY(canary.open(QIODevice::WriteOnly));
    canary.write(QByteArray("prefix") + windows.first() + QByteArray("suffix"));
    canary.close();
    QCOMPARE(filesHolding({canaryDir.path()}, since, windows, false).size(), 1);
    QFile::remove(canary.fileName());
    QFile signature(canaryDir.filePath(QStringLiteral("clip.bin")));
    QVERIFY(signature.open(QIODevice::WriteOnly));
    signature.write(EbmlMagic + QByteArray(100, 'x'));
    signature.close();
    QCOMPARE(filesHolding({canaryDir.path()}, since, {}, true).size(), 1);
}

void TestCapturePage::testScreenshotsAndTargets()
{
    QVERIFY(makePage(std::make_unique<TestClipSourceFactory>()));
    QSignalSpy captured(m_page.get(), &CapturePage::mediaCaptured);
    waitForPreview();
    chooseChild(m_fixture->ava);
    chooseChild(m_fixture->cal);
    takePhoto(captured);
    QTest::qWait(300);
    shoot(QStringLiteral("photo"));

    auto* shutter = child<QPushButton>(m_page.get(), "shutterButton");
    QVERIFY2(shutter->width() >= 80 && shutter->height() >= 80,
             qPrintable(QStringLiteral("%1x%2").arg(shutter->width()).arg(shutter->height())));
    const auto buttons = m_page->findChildren<QPushButton*>();
    for (QPushButton* button : buttons) {
        if (button->isVisible())
            QVERIFY2(button->height() >= 48, qPrintable(button->objectName()));
    }
    QVERIFY(child<QComboBox>(m_page.get(), "cameraComboBox")->height() >= 44);

    m_page->setMode(CapturePage::Mode::Video);
    auto* recordButton = child<QPushButton>(m_page.get(), "recordButton");
    QTRY_VERIFY(recordButton->isEnabled());
    QVERIFY(recordButton->width() >= 80 && recordButton->height() >= 80);
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY(m_page->isRecording());
    QTest::qWait(1300);
    shoot(QStringLiteral("recording"));
    QTest::mouseClick(recordButton, Qt::LeftButton);
    QTRY_VERIFY(!m_page->isRecording());
    QTest::qWait(100);
    shoot(QStringLiteral("video-saved"));

    // Voice notes need no camera: it rests meanwhile, and comes back for photos.
    m_page->setMode(CapturePage::Mode::Voice);
    QVERIFY(!m_page->frameSource()->isActive());
    QVERIFY(child<QLabel>(m_page.get(), "voiceNoteLabel")->isVisible());
    shoot(QStringLiteral("voice"));
    m_page->setMode(CapturePage::Mode::Photo);
    QVERIFY(m_page->frameSource()->isActive());
}

QTEST_MAIN(TestCapturePage)
#include "tst_capturepage.moc"
