// Printing from the app, read back with pdftotext: a child's journal as a photobook and the progress check at two
// from the child's journal, a staff meeting's record, the audit log for a period; the nursery's logo from Settings
// on every report; Cancel and a lock while writing leave no file; who may print what.
#include "HomePage.h"
#include "MainWindow.h"
#include "Theme.h"
#include "audit/AuditLogPage.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "crypto/PasswordKdf.h"
#include "journal/ChildJournalPage.h"
#include "journal/ChildrenOverviewPage.h"
#include "journal/JournalPage.h"
#include "journal/Observations.h"
#include "lock/LockController.h"
#include "meeting/MeetingRecordPanel.h"
#include "reports/ChildReportDialogs.h"
#include "reports/ReportRunner.h"
#include "review/Meetings.h"
#include "settings/SettingsPage.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Acorn;
using Acorn::Test::child;

namespace {
QString run(const char* program, const QStringList& arguments)
{
    QProcess process;
    process.start(QString::fromLatin1(program), arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

QString pdfText(const QString& path)
{
    // Words as printed, with line breaks and hyphenation folded into single spaces.
    return run("pdftotext", {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")}).simplified();
}

// With ACORN_REPORT_SHOTS set, a copy of the PDF is kept there for looking at (pdftoppm).
void keep(const QString& path)
{
    const QString dir = qEnvironmentVariable("ACORN_REPORT_SHOTS");
    if (dir.isEmpty() || !QFile::exists(path))
        return;
    QDir().mkpath(dir);
    const QString target = QDir(dir).filePath(QStringLiteral("ui-") + QFileInfo(path).fileName());
    QFile::remove(target);
    QFile::copy(path, target);
}

int imageCount(const QString& path)
{
    const QStringList lines = run("pdfimages", {QStringLiteral("-list"), path}).split('\n', Qt::SkipEmptyParts);
    return int(lines.size()) - 2;
}

void shoot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("ACORN_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    widget->grab().save(QDir(dir).filePath(QStringLiteral("reports-") + name + QStringLiteral(".png")));
}

// Accepts the next modal dialog of type T once it is up, after `fill` has filled it in.
template<typename T> void acceptWhenShown(std::function<void(T*)> fill = {})
{
    QTimer::singleShot(0, [fill] {
        auto* dialog = qobject_cast<T*>(QApplication::activeModalWidget());
        if (!dialog) {
            qWarning("expected dialog is not up");
            return;
        }
        if (fill)
            fill(dialog);
        shoot(dialog, dialog->objectName());
        QTest::mouseClick(child<QPushButton>(dialog, "reportSaveButton"), Qt::LeftButton);
    });
}
} // namespace

class TestReportsUi final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testPhotobookFromChildJournal();
    void testProgressCheckFromChildJournal();
    void testLogoOnReports();
    void testMeetingRecordAndAuditLog();
    void testCancelLeavesNoFile();
    void testLockWhileWritingWaitsAndLeavesNoFile();

private:
    void signIn(const QString& user);
    JournalPage* journal() const;
    ChildJournalPage* openChild(const QString& childId);
    QString observe(const QString& childId, const QString& text);
    QString pdfPath(const QString& name) const { return m_out->filePath(name); }

    std::unique_ptr<Test::JournalWindow> m_app;
    std::unique_ptr<QTemporaryDir> m_out;
    QString m_nextPath;
    QString m_suggested;
};

void TestReportsUi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    KdfParams::setDefaultsForTests(KdfParams::fastForTests());
    Theme::apply(*qApp);
    for (const char* tool : {"pdftotext", "pdfimages"})
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1 is missing: run scripts/bootstrap (poppler-utils)").arg(tool)));
    ReportRunner::setPathPicker([this](QWidget*, const QString& suggested) {
        m_suggested = suggested;
        return m_nextPath;
    });
}

void TestReportsUi::init()
{
    ReportRunner::setProgressDelay(300);
    m_out = std::make_unique<QTemporaryDir>();
    QVERIFY(m_out->isValid());
    m_app = std::make_unique<Test::JournalWindow>();
    QVERIFY(m_app->isValid());
}

void TestReportsUi::cleanup()
{
    m_app.reset();
    m_out.reset();
}

void TestReportsUi::signIn(const QString& user)
{
    QVERIFY(m_app->signIn(user));
}

JournalPage* TestReportsUi::journal() const
{
    return m_app->journal();
}

ChildJournalPage* TestReportsUi::openChild(const QString& childId)
{
    return m_app->openChild(childId);
}

QString TestReportsUi::observe(const QString& childId, const QString& text)
{
    Session& session = *m_app->lock().session();
    Observations observations(session);
    auto draft = observations.createDraft({childId}, session.clock().now().addDays(-3));
    if (!draft)
        return {};
    Observation o = draft.value();
    o.text = text;
    if (!observations.saveDraft(o) || !observations.submit(o.id))
        return {};
    // A manager's own observation may be published on sending; anyone else's waits for approval.
    if (observations.byId(o.id)->status != ObservationStatus::Published && !observations.approve(o.id))
        return {};
    return o.id;
}

void TestReportsUi::testPhotobookFromChildJournal()
{
    signIn(QStringLiteral("mabel"));
    QVERIFY(!observe(m_app->fixture().ava, QStringLiteral("Ava poured water between jugs.")).isEmpty());
    QVERIFY(!observe(m_app->fixture().ben, QStringLiteral("Ben counted the ducks.")).isEmpty());
    ChildJournalPage* page = openChild(m_app->fixture().ava);
    QVERIFY(page);
    QPushButton* print = page->printJournalButton();
    QVERIFY(print->isVisible());
    QVERIFY(print->height() >= 48);

    m_nextPath = pdfPath(QStringLiteral("journal.pdf"));
    acceptWhenShown<PhotobookDialog>();
    QTest::mouseClick(print, Qt::LeftButton);
    QVERIFY2(m_suggested.startsWith(QLatin1String("Ava-Testling")), qPrintable(m_suggested));
    QVERIFY(QFile::exists(m_nextPath));
    const QString text = pdfText(m_nextPath);
    QVERIFY2(text.contains(QLatin1String("Ava poured water between jugs.")), qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("Ben counted the ducks."))); // another child's journal
    QLabel* status = page->reportStatusLabel();
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().contains(QLatin1String("journal.pdf")), qPrintable(status->text()));
    QVERIFY(status->text().contains(QLatin1String("not encrypted")));
    shoot(&m_app->window(), QStringLiteral("child-journal-printed"));

    // Choosing no file writes nothing and says nothing.
    m_nextPath.clear();
    acceptWhenShown<PhotobookDialog>();
    QTest::mouseClick(print, Qt::LeftButton);
    QVERIFY(!status->isVisible());
}

void TestReportsUi::testProgressCheckFromChildJournal()
{
    signIn(QStringLiteral("pia"));
    ChildJournalPage* page = openChild(m_app->fixture().ava);
    QVERIFY(page);
    m_nextPath = pdfPath(QStringLiteral("check.pdf"));
    acceptWhenShown<ProgressCheckDialog>([](ProgressCheckDialog* dialog) {
        QTest::keyClicks(dialog->areaEdit(QStringLiteral("eyfs.cl")), QStringLiteral("Talks in short sentences."));
        QTest::keyClicks(dialog->strengthsEdit(), QStringLiteral("Loves the sand tray."));
    });
    QTest::mouseClick(page->progressCheckButton(), Qt::LeftButton);
    QVERIFY(QFile::exists(m_nextPath));
    keep(m_nextPath);
    const QString text = pdfText(m_nextPath);
    QVERIFY2(text.contains(QLatin1String("Talks in short sentences.")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("Loves the sand tray.")));
    QVERIFY(text.contains(QLatin1String("Communication and Language")));
    QVERIFY(text.contains(QLatin1String("Ava")));

    // A practitioner cannot print a child of another room: the child is not even on the overview.
    QVERIFY(!journal()->overviewPage()->tile(m_app->fixture().dot));
}

void TestReportsUi::testLogoOnReports()
{
    signIn(QStringLiteral("mabel"));
    HomePage* home = m_app->window().homePage();
    auto* settings = home->findChild<SettingsPage*>();
    QVERIFY(settings);
    home->tabs()->setCurrentWidget(settings);

    // A made-up logo: a green acorn-ish circle on white.
    QImage logo(400, 200, QImage::Format_RGB32);
    logo.fill(Qt::white);
    {
        QPainter painter(&logo);
        painter.setBrush(QColor(0x2e, 0x6b, 0x3a));
        painter.drawEllipse(QRect(150, 50, 100, 100));
    }
    const QString logoPath = m_out->filePath(QStringLiteral("logo.jpg"));
    QVERIFY(logo.save(logoPath));
    settings->setLogoPicker([&](QWidget*) { return logoPath; });
    QVERIFY(!settings->removeLogoButton()->isEnabled());
    QTest::mouseClick(settings->chooseLogoButton(), Qt::LeftButton);
    QVERIFY(settings->removeLogoButton()->isEnabled());
    QVERIFY(!settings->logoPreview()->pixmap().isNull());
    const QString stored = m_app->lock().session()->settings().stringValue(SettingsStore::Key::NurseryLogo);
    QVERIFY(!stored.isEmpty());
    QVERIFY(QByteArray::fromBase64(stored.toLatin1()).startsWith("\x89PNG")); // a fresh PNG, not the JPEG file

    // Not a picture: a clear message, the logo stays.
    const QString notPicture = m_out->filePath(QStringLiteral("notes.png"));
    QFile f(notPicture);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("these are not pixels");
    f.close();
    settings->setLogoPicker([&](QWidget*) { return notPicture; });
    QTest::mouseClick(settings->chooseLogoButton(), Qt::LeftButton);
    QVERIFY(child<QLabel>(settings, "logoStatusLabel")->text().contains(QLatin1String("not a picture")));
    QCOMPARE(m_app->lock().session()->settings().stringValue(SettingsStore::Key::NurseryLogo), stored);

    // Every report has it: the audit log, with no photos of its own, has exactly the logo's image on each page.
    home->tabs()->setCurrentWidget(home->findChild<AuditLogPage*>());
    m_nextPath = pdfPath(QStringLiteral("audit-with-logo.pdf"));
    home->findChild<AuditLogPage*>()->exportLog();
    QVERIFY(QFile::exists(m_nextPath));
    QVERIFY(imageCount(m_nextPath) >= 1);
    keep(m_nextPath);

    home->tabs()->setCurrentWidget(settings);
    QTest::mouseClick(settings->removeLogoButton(), Qt::LeftButton);
    QVERIFY(m_app->lock().session()->settings().stringValue(SettingsStore::Key::NurseryLogo).isEmpty());
    m_nextPath = pdfPath(QStringLiteral("audit-without-logo.pdf"));
    home->findChild<AuditLogPage*>()->exportLog();
    QCOMPARE(imageCount(m_nextPath), 0);
}

void TestReportsUi::testMeetingRecordAndAuditLog()
{
    signIn(QStringLiteral("mabel"));
    const QString obs = observe(m_app->fixture().ava, QStringLiteral("Ava built a den from cushions."));
    QVERIFY(!obs.isEmpty());
    Meetings meetings(*m_app->lock().session());
    auto meeting = meetings.create(QDate(2026, 1, 5), QStringLiteral("January staff meeting"), {});
    QVERIFY(meeting);
    QVERIFY(meetings.setItems(meeting.value().id, {obs}));
    QVERIFY(meetings.setOutcome(meeting.value().id, obs, QStringLiteral("A good example of schema play.")));

    MeetingRecordPanel panel(m_app->lock());
    QVERIFY(panel.setMeeting(meeting.value().id));
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(panel.exportButton()->isVisible());
    m_nextPath = pdfPath(QStringLiteral("meeting.pdf"));
    QTest::mouseClick(panel.exportButton(), Qt::LeftButton);
    QVERIFY2(m_suggested.contains(QLatin1String("2026-01-05")), qPrintable(m_suggested));
    const QString text = pdfText(m_nextPath);
    QVERIFY2(text.contains(QLatin1String("January staff meeting")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("A good example of schema play.")));
    QVERIFY(panel.exportStatusLabel()->text().contains(QLatin1String("meeting.pdf")));

    // The audit log: printing is itself recorded, and the printed log says who signed in.
    auto* audit = m_app->window().homePage()->findChild<AuditLogPage*>();
    QVERIFY(audit);
    m_app->window().homePage()->tabs()->setCurrentWidget(audit);
    QVERIFY(audit->exportButton()->isVisible());
    m_nextPath = pdfPath(QStringLiteral("audit.pdf"));
    QTest::mouseClick(audit->exportButton(), Qt::LeftButton);
    const QString log = pdfText(m_nextPath);
    QVERIFY2(log.contains(QLatin1String("Mabel Quince")), qPrintable(log));
    QVERIFY(log.contains(QLatin1String("report", Qt::CaseInsensitive)));
}

void TestReportsUi::testCancelLeavesNoFile()
{
    signIn(QStringLiteral("mabel"));
    for (int i = 0; i < 40; ++i)
        QVERIFY(!observe(m_app->fixture().ava, QStringLiteral("Ava at the water tray, day %1.").arg(i)).isEmpty());
    ChildJournalPage* page = openChild(m_app->fixture().ava);
    QVERIFY(page);
    ReportRunner::setProgressDelay(0);
    m_nextPath = pdfPath(QStringLiteral("cancelled.pdf"));
    // Cancel as soon as the progress dialog is up and the report is under way.
    auto* canceller = new QTimer(page);
    canceller->setInterval(1);
    connect(canceller, &QTimer::timeout, page, [canceller] {
        auto* dialog = qobject_cast<QProgressDialog*>(QApplication::activeModalWidget());
        if (dialog && dialog->objectName() == QLatin1String("reportProgressDialog") && dialog->value() >= 1) {
            canceller->stop();
            const auto buttons = dialog->findChildren<QPushButton*>();
            for (QPushButton* button : buttons)
                if (button->text() == QLatin1String("Cancel"))
                    button->click(); // as a person would: the button, not the slot
        }
    });
    canceller->start();
    acceptWhenShown<PhotobookDialog>();
    QTest::mouseClick(page->printJournalButton(), Qt::LeftButton);
    QVERIFY(!canceller->isActive()); // it did cancel
    QVERIFY(!QFile::exists(m_nextPath));
    QVERIFY(QDir(m_out->path()).entryList(QDir::Files | QDir::Hidden).isEmpty()); // no half-written file either
    QVERIFY2(page->reportStatusLabel()->text().contains(QLatin1String("cancelled")),
             qPrintable(page->reportStatusLabel()->text()));
}

void TestReportsUi::testLockWhileWritingWaitsAndLeavesNoFile()
{
    signIn(QStringLiteral("mabel"));
    for (int i = 0; i < 40; ++i)
        QVERIFY(!observe(m_app->fixture().ava, QStringLiteral("Ava in the garden, day %1.").arg(i)).isEmpty());
    ChildJournalPage* page = openChild(m_app->fixture().ava);
    QVERIFY(page);
    ReportRunner::setProgressDelay(0);
    m_nextPath = pdfPath(QStringLiteral("locked.pdf"));
    // The lock comes (idle time, a closed lid) while the report is writing.
    bool lockAsked = false;
    auto* locker = new QTimer(page);
    locker->setInterval(1);
    connect(locker, &QTimer::timeout, &m_app->lock(), [&, locker] {
        auto* dialog = qobject_cast<QProgressDialog*>(QApplication::activeModalWidget());
        if (dialog && dialog->value() >= 1) {
            locker->stop();
            lockAsked = true;
            m_app->lock().lock();
            // The session stays open until the report has stopped: it is still writing with it.
            QVERIFY(m_app->lock().session());
            QVERIFY(m_app->lock().isSessionEndPending());
        }
    });
    locker->start();
    acceptWhenShown<PhotobookDialog>();
    QTest::mouseClick(page->printJournalButton(), Qt::LeftButton);
    QVERIFY(lockAsked);
    QVERIFY(!QFile::exists(m_nextPath));
    QTRY_VERIFY(m_app->lock().isLocked()); // and then it locks
    QVERIFY(!m_app->lock().session());
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestReportsUi test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_reportsui.moc"
