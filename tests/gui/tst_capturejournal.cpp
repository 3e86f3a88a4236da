// The camera as staff reach it, in the whole window: one tap from a child's journal (photos first, then the editor
// opens on the draft to write what was seen), from the observation editor (captures join the observation being
// written), the manager's longest-video setting reaching the camera, a recording's length stored with it, and the
// video played back in the observation's detail page from the vault.
#include "HomePage.h"
#include "MainWindow.h"
#include "Theme.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "capture/CapturePage.h"
#include "capture/FrameStreamRecorder.h"
#include "capture/FrameView.h"
#include "capture/MediaPlayerWidget.h"
#include "capture/TestClipSourceFactory.h"
#include "crypto/PasswordKdf.h"
#include "journal/ChildJournalPage.h"
#include "journal/ChildrenOverviewPage.h"
#include "journal/JournalEntryCard.h"
#include "journal/JournalPage.h"
#include "journal/MediaAttachmentCard.h"
#include "journal/ObservationDetail.h"
#include "journal/ObservationEditor.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "lock/LockController.h"
#include "settings/SettingsPage.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"
#include "tst_capturepulse.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace Acorn;
using Acorn::Test::child;

class TestCaptureJournal final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testCameraFromChildJournal();
    void testCameraFromEditor();
    void testCameraNeedsChildrenInEditor();
    void testLongestVideoSetting();
    void testDetailPlaysRecording();

private:
    void signIn(const QString& user);
    JournalPage* journal() const;
    ChildJournalPage* openChild(const QString& childId);
    CapturePage* capture() const { return journal() ? journal()->capturePage() : nullptr; }
    void waitForPreview();
    void takePhoto();
    void record(int ms);
    void setMode(const char* buttonName);
    void shoot(const QString& name);

    std::unique_ptr<Test::JournalWindow> m_app;
};

void TestCaptureJournal::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AcornTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_capturejournal"));
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
    Theme::apply(*qApp);
    QString missing;
    if (!FrameStreamRecorder::isAvailable(&missing))
        QFAIL(qPrintable(QStringLiteral("GStreamer element missing: %1 (run scripts/bootstrap)").arg(missing)));
}

void TestCaptureJournal::init()
{
    QSettings().remove(QLatin1String(CapturePage::CameraSettingKey));
    m_app = std::make_unique<Test::JournalWindow>();
    QVERIFY(m_app->isValid());
}

void TestCaptureJournal::cleanup()
{
    m_app.reset();
}

void TestCaptureJournal::signIn(const QString& user)
{
    QVERIFY(m_app->signIn(user));
    QVERIFY(journal());
    journal()->setMediaSources([] { return std::make_unique<TestClipSourceFactory>(); });
}

JournalPage* TestCaptureJournal::journal() const
{
    return m_app->journal();
}

ChildJournalPage* TestCaptureJournal::openChild(const QString& childId)
{
    return m_app->openChild(childId);
}

void TestCaptureJournal::waitForPreview()
{
    QVERIFY(capture());
    auto* preview = child<FrameView>(capture(), "capturePreview");
    QVERIFY(preview);
    QTRY_VERIFY(preview->framesReceived() >= 3);
    QVERIFY(preview->isVisible());
}

void TestCaptureJournal::takePhoto()
{
    const int before = capture()->capturedCount();
    auto* shutter = child<QPushButton>(capture(), "shutterButton");
    QVERIFY(shutter && shutter->isVisible());
    QTRY_VERIFY(shutter->isEnabled());
    QTest::mouseClick(shutter, Qt::LeftButton);
    QTRY_COMPARE(capture()->capturedCount(), before + 1);
}

void TestCaptureJournal::setMode(const char* buttonName)
{
    auto* button = child<QPushButton>(capture(), buttonName);
    QVERIFY(button && button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(button->isChecked());
}

void TestCaptureJournal::record(int ms)
{
    const int before = capture()->capturedCount();
    auto* button = child<QPushButton>(capture(), "recordButton");
    QVERIFY(button && button->isVisible());
    QTRY_VERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(capture()->isRecording());
    QTest::qWait(ms);
    QTRY_VERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(!capture()->isRecording());
    QTRY_COMPARE(capture()->capturedCount(), before + 1);
}

void TestCaptureJournal::shoot(const QString& name)
{
    const QString dir = qEnvironmentVariable("ACORN_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(100); // let pending layout requests and frames arrive
    QVERIFY(m_app->window().grab().save(dir + QStringLiteral("/camera-") + name + QStringLiteral(".png")));
}

void TestCaptureJournal::testCameraFromChildJournal()
{
    signIn(QStringLiteral("pia"));
    // From the overview the camera is there too, with nobody chosen yet.
    QPushButton* camera = journal()->cameraButton();
    QVERIFY(camera->isVisible());
    QVERIFY(camera->height() >= 56);

    ChildJournalPage* page = openChild(m_app->fixture().ava);
    QVERIFY(page);
    QVERIFY(camera->isVisible());
    QTest::mouseClick(camera, Qt::LeftButton); // one tap
    QVERIFY(capture());
    QCOMPARE(journal()->currentPage(), capture());
    QVERIFY(!camera->isVisible()); // no second camera over the first
    QVERIFY(!journal()->newObservationButton()->isVisible());
    waitForPreview();

    // Ava is chosen already: the first photo makes the draft, the second joins it.
    QSignalSpy drafts(capture(), &CapturePage::draftCreated);
    takePhoto();
    takePhoto();
    shoot(QStringLiteral("from-child-journal"));
    QCOMPARE(drafts.size(), 1);
    const QString draftId = capture()->draftObservationId();
    QVERIFY(!draftId.isEmpty());
    const auto draft = Observations(*m_app->lock().session()).byId(draftId);
    QVERIFY(draft);
    QCOMPARE(draft->childIds, QStringList({m_app->fixture().ava}));
    QCOMPARE(draft->status, ObservationStatus::Draft);

    // Done: the editor opens on that draft, with both photos, ready for the words.
    QTest::mouseClick(child<QPushButton>(capture(), "captureDoneButton"), Qt::LeftButton);
    QTRY_VERIFY(!capture());
    ObservationEditor* editor = journal()->editor();
    QVERIFY(editor);
    QCOMPARE(journal()->currentPage(), editor);
    QCOMPARE(editor->observationId(), draftId);
    QCOMPARE(editor->attachments().size(), 2);
    shoot(QStringLiteral("editor-after"));
    QTest::keyClicks(editor->textEdit(), QStringLiteral("Ava stacked six blocks."));
    QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
    QTRY_VERIFY(!journal()->editor());
    const auto sent = Observations(*m_app->lock().session()).byId(draftId);
    QVERIFY(sent);
    QCOMPARE(sent->text, QStringLiteral("Ava stacked six blocks."));
    QVERIFY(sent->status != ObservationStatus::Draft);
}

void TestCaptureJournal::testCameraFromEditor()
{
    signIn(QStringLiteral("pia"));
    QVERIFY(openChild(m_app->fixture().ben));
    QTest::mouseClick(journal()->newObservationButton(), Qt::LeftButton);
    ObservationEditor* editor = journal()->editor();
    QVERIFY(editor);
    QTest::keyClicks(editor->textEdit(), QStringLiteral("Ben and the tunnel."));

    // The camera from the editor: what was typed is stored, and the captures go to this observation.
    QPushButton* camera = editor->cameraButton();
    QVERIFY(camera->isVisible());
    QVERIFY(camera->height() >= 56);
    QTest::mouseClick(camera, Qt::LeftButton);
    QVERIFY(capture());
    const QString observationId = editor->observationId();
    QVERIFY(!observationId.isEmpty());
    QCOMPARE(capture()->draftObservationId(), observationId);
    QCOMPARE(Observations(*m_app->lock().session()).byId(observationId)->text, QStringLiteral("Ben and the tunnel."));
    QCOMPARE(journal()->backButton()->text(), QStringLiteral("‹ Observation"));
    waitForPreview();

    takePhoto();
    setMode("videoModeButton");
    record(1500);
    QCOMPARE(editor->attachments().size(), 2); // shown in the editor as they are taken

    // The recording's length is stored with it, as the page timed it.
    const auto items = ObservationMedia(*m_app->lock().session()).of(observationId);
    QCOMPARE(items.size(), 2);
    const auto video
        = std::find_if(items.cbegin(), items.cend(), [](const MediaItem& m) { return m.kind == MediaKind::Video; });
    QVERIFY(video != items.cend());
    QVERIFY2(video->durationMs >= 1000 && video->durationMs < 30000, qPrintable(QString::number(video->durationMs)));

    // Back goes to the same editor, words and all.
    QTest::mouseClick(journal()->backButton(), Qt::LeftButton);
    QTRY_VERIFY(!capture());
    QCOMPARE(journal()->currentPage(), editor);
    QCOMPARE(editor->textEdit()->toPlainText(), QStringLiteral("Ben and the tunnel."));
    QCOMPARE(editor->attachments().size(), 2);

    // The header's camera, while writing, also goes to this observation.
    QVERIFY(!journal()->cameraButton()->isVisible());
    journal()->openCamera();
    QVERIFY(capture());
    QCOMPARE(capture()->draftObservationId(), observationId);
}

void TestCaptureJournal::testCameraNeedsChildrenInEditor()
{
    signIn(QStringLiteral("pia"));
    QTest::mouseClick(journal()->newObservationButton(), Qt::LeftButton); // from the overview: nobody chosen
    ObservationEditor* editor = journal()->editor();
    QVERIFY(editor);
    QTest::mouseClick(editor->cameraButton(), Qt::LeftButton);
    QVERIFY(!capture());
    QVERIFY(editor->errorLabel()->isVisible());
    QVERIFY(editor->errorLabel()->text().contains(QLatin1String("who this observation is about")));
}

void TestCaptureJournal::testLongestVideoSetting()
{
    signIn(QStringLiteral("mabel")); // a manager
    HomePage* home = m_app->window().homePage();
    SettingsPage* settings = home->findChild<SettingsPage*>();
    QVERIFY(settings);
    home->tabs()->setCurrentWidget(settings);
    QComboBox* combo = settings->maxVideoComboBox();
    QCOMPARE(combo->currentData().toInt(), 120); // the default: two minutes
    combo->setCurrentIndex(combo->findData(30));
    QTest::mouseClick(child<QPushButton>(settings, "saveSettingsButton"), Qt::LeftButton);
    QCOMPARE(m_app->lock().session()->settings().intValue(SettingsStore::Key::MaxVideoSeconds), 30);

    home->tabs()->setCurrentWidget(journal());
    journal()->openCamera();
    QVERIFY(capture());
    QCOMPARE(capture()->options().maxVideoSeconds, 30);

    // A practitioner cannot change it.
    journal()->goBack();
    QTRY_VERIFY(!capture());
    m_app->lock().signOut();
    signIn(QStringLiteral("sam"));
    SettingsPage* theirs = m_app->window().homePage()->findChild<SettingsPage*>();
    QVERIFY(!theirs || !theirs->maxVideoComboBox()->isEnabled());
}

void TestCaptureJournal::testDetailPlaysRecording()
{
    signIn(QStringLiteral("pia"));
    ChildJournalPage* page = openChild(m_app->fixture().ava);
    QVERIFY(page);
    QTest::mouseClick(journal()->cameraButton(), Qt::LeftButton);
    waitForPreview();
    setMode("videoModeButton");
    record(2000);
    const QString draftId = capture()->draftObservationId();
    QTest::mouseClick(child<QPushButton>(capture(), "captureDoneButton"), Qt::LeftButton);
    ObservationEditor* editor = journal()->editor();
    QVERIFY(editor);
    QTest::keyClicks(editor->textEdit(), QStringLiteral("Ava's song."));
    QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
    QTRY_VERIFY(!journal()->editor());

    // Someone else opens it: a big Play button with the length, then the player in its place.
    m_app->lock().signOut();
    signIn(QStringLiteral("mabel"));
    page = openChild(m_app->fixture().ava);
    QVERIFY(page);
    QTRY_VERIFY(!page->cards().isEmpty());
    QTest::mouseClick(page->cards().first(), Qt::LeftButton);
    ObservationDetail* detail = journal()->detail();
    QVERIFY(detail);
    QCOMPARE(detail->observationId(), draftId);
    QCOMPARE(detail->playButtons().size(), 1);
    QPushButton* play = detail->playButtons().first();
    QVERIFY(play->isVisible());
    QVERIFY(play->height() >= 56);
    // "(2 s)": the recording's length, as timed when it was made (a slow machine may add a second).
    QVERIFY2(play->text().contains(QRegularExpression(QStringLiteral("\\([234] s\\)"))), qPrintable(play->text()));
    QTest::mouseClick(play, Qt::LeftButton);
    QCOMPARE(detail->players().size(), 1);
    MediaPlayerWidget* player = detail->players().first();
    QVERIFY(player->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(player->view()->framesReceived() >= 3, 15000);
    QCOMPARE(player->player()->error(), QMediaPlayer::NoError);
    QTRY_VERIFY(player->player()->duration() >= 1000);
    shoot(QStringLiteral("detail-playing"));
}

int main(int argc, char** argv)
{
    Test::PulseServer pulse; // before QApplication: Qt reads PULSE_SERVER when its audio backend first connects
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    if (!pulse.error().isEmpty())
        qWarning("PulseAudio null sink not running: %s", qPrintable(pulse.error()));
    TestCaptureJournal test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_capturejournal.moc"
