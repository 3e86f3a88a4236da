// Printed reports, read back with poppler-utils (pdftotext, pdfimages, pdffonts): what a photobook, a progress check,
// a meeting record and an audit-log report contain and leave out (staff-only entries, other children's entries,
// photos the consent rule keeps out), who may print them, cancelling, and that nothing but the PDF reaches the disk.
// Set ACORN_REPORT_SHOTS to a folder to keep a copy of each PDF for looking at.
#include "JournalFixture.h"

#include "auth/AuditLog.h"
#include "demo/DemoPictures.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "people/Children.h"
#include "reports/AuditLogReport.h"
#include "reports/ChildJournalReport.h"
#include "reports/MeetingReport.h"
#include "reports/PhotoGrid.h"
#include "reports/ProgressCheckReport.h"
#include "reports/ReportProgress.h"
#include "review/Meetings.h"

#include "journal/ConsentRules.h"
#include "journal/JournalQuery.h"
#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Acorn;
using Acorn::Test::JournalFixture;

namespace {
struct Photo
{
    int kind = 0;
    QStringList appearing;
    QSize size = QSize(1024, 768);
};

QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString pdfText(const QString& path)
{
    return run("pdftotext", {"-enc", "UTF-8", path, "-"});
}

int imageCount(const QString& path)
{
    // pdfimages -list: two header lines, then one line per image drawn.
    const QStringList lines = run("pdfimages", {"-list", path}).split('\n', Qt::SkipEmptyParts);
    return int(lines.size()) - 2;
}

int pageCount(const QString& path)
{
    for (const auto& line : run("pdfinfo", {path}).split('\n'))
        if (line.startsWith("Pages:"))
            return line.mid(6).trimmed().toInt();
    return -1;
}

// Whether `needles` appear in `text` in this order.
bool inOrder(const QString& text, const QStringList& needles)
{
    qsizetype at = 0;
    for (const auto& n : needles) {
        at = text.indexOf(n, at);
        if (at < 0) {
            qWarning("not found in order: %s", qPrintable(n));
            return false;
        }
        at += n.size();
    }
    return true;
}

bool isImageFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = f.read(8);
    return head.startsWith("\xFF\xD8\xFF") || head.startsWith("\x89PNG");
}

// New files anywhere under `root` since `since`, except `allowed`.
QStringList newFiles(const QString& root, const QDateTime& since, const QStringList& allowed)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).lastModified() >= since && !allowed.contains(QFileInfo(path).absoluteFilePath()))
            found << path;
    }
    return found;
}
} // namespace

class TestReports : public QObject
{
    Q_OBJECT
private:
    // Publishes an observation by `user` about `children` on `day`, with photos (generated pictures) in which the
    // given children appear; approved by the manager unless it is to stay submitted.
    QString publish(const QString& user, const QStringList& children, const QDate& day, const QString& text,
                    const QStringList& tags = {}, const QList<Photo>& photos = {}, bool staffOnly = false,
                    const QString& nextSteps = {})
    {
        QString id;
        {
            auto author = m_f->signIn(user);
            Observations obs(*author);
            auto o = obs.createDraft(children, QDateTime(day, QTime(10, 0), QTimeZone::utc())).value();
            o.text = text;
            o.nextSteps = nextSteps;
            o.staffOnly = staffOnly;
            for (const auto& t : tags)
                o.tags.append({"eyfs-2024", t});
            if (!obs.saveDraft(o))
                return {};
            MediaVault vault(author->dataDir().vaultPath());
            MediaImporter importer(vault);
            for (int i = 0; i < photos.size(); ++i) {
                auto imported = importer.importPhotoData(DemoPictures::make(
                    photos[i].kind, quint32(day.day() * 10 + i), photos[i].size.width(), photos[i].size.height()));
                if (!imported || !ObservationMedia(*author).insert(o.id, imported.value(), photos[i].appearing))
                    return {};
            }
            if (!obs.submit(o.id))
                return {};
            id = o.id;
        }
        auto mabel = m_f->signIn("mabel");
        return Observations(*mabel).approve(id) ? id : QString();
    }

    QString pdf(const QString& name) const { return m_out->filePath(name + ".pdf"); }

    // Keeps a copy for looking at (ACORN_REPORT_SHOTS), and checks what every report shares.
    void checkCommon(const QString& path)
    {
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const QString fonts = run("pdffonts", {path});
        QVERIFY2(fonts.contains("DejaVuSans"), qPrintable(fonts));
        for (const auto& line : fonts.split('\n').mid(2, -1))
            if (!line.trimmed().isEmpty())
                QVERIFY2(line.contains(" yes "), qPrintable("not embedded: " + line)); // every font embedded
        QCOMPARE(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
        const QString keep = qEnvironmentVariable("ACORN_REPORT_SHOTS");
        if (!keep.isEmpty()) {
            QDir().mkpath(keep);
            const QString copy = keep + "/" + QFileInfo(path).fileName();
            QFile::remove(copy);
            QFile::copy(path, copy);
        }
    }

private slots:
    void initTestCase()
    {
        for (const char* tool : {"pdftotext", "pdfimages", "pdffonts", "pdfinfo"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QFAIL(qPrintable(QString("%1 is missing: run scripts/bootstrap (poppler-utils)").arg(tool)));
    }

    void init()
    {
        m_f = std::make_unique<JournalFixture>();
        QVERIFY(m_f->isValid());
        m_out = std::make_unique<QTemporaryDir>();
    }

    void testPhotoGrid_data()
    {
        QTest::addColumn<QList<QSizeF>>("sizes");
        const QSizeF wide(4000, 3000), tall(3000, 4000), pano(4000, 1000);
        QTest::newRow("one") << QList<QSizeF> {wide};
        QTest::newRow("one tall") << QList<QSizeF> {tall};
        QTest::newRow("two") << QList<QSizeF> {wide, tall};
        QTest::newRow("three") << QList<QSizeF> {wide, wide, wide};
        QTest::newRow("three mixed") << QList<QSizeF> {tall, pano, wide};
        QTest::newRow("four") << QList<QSizeF> {wide, tall, tall, wide};
        QTest::newRow("five: four shown") << QList<QSizeF> {wide, wide, wide, wide, wide};
        QTest::newRow("unknown size") << QList<QSizeF> {QSizeF(), wide};
    }

    void testPhotoGrid()
    {
        QFETCH(QList<QSizeF>, sizes);
        const qreal width = 174, maxHeight = 105, gap = 3;
        const QList<QRectF> rects = PhotoGrid::layout(sizes, width, maxHeight, gap);
        QCOMPARE(rects.size(), std::min<int>(int(sizes.size()), PhotoGrid::MaxPhotos));
        QVERIFY(PhotoGrid::height(rects) <= maxHeight + 1e-6);
        qreal right = 0;
        for (int i = 0; i < rects.size(); ++i) {
            const QRectF& r = rects[i];
            QVERIFY2(r.left() >= -1e-6 && r.right() <= width + 1e-6 && r.top() >= -1e-6,
                     qPrintable(QTest::toString(r)));
            QVERIFY(r.width() > 20 && r.height() > 20); // nothing printed as a postage stamp
            right = std::max(right, r.right());
            if (sizes[i].isValid()) // the photo's shape is kept
                QVERIFY(qAbs(r.width() / r.height() - sizes[i].width() / sizes[i].height()) < 0.01);
            for (int j = i + 1; j < rects.size(); ++j)
                QVERIFY2(!r.adjusted(0.01, 0.01, -0.01, -0.01).intersects(rects[j]), "photos overlap");
        }
        // Either the rows fill the width, or the block was scaled down to its height limit (and centred).
        QVERIFY(qAbs(right - width) < 0.01 || qAbs(PhotoGrid::height(rects) - maxHeight) < 0.01);
    }

    void testPhotobookHasTheJournalInOrder()
    {
        // Published out of order, so that the book has to sort them.
        QVERIFY(
            !publish("pia", {m_f->ava}, QDate(2026, 1, 7), "Ava poured water into three cups.", {"eyfs.maths.number"})
                 .isEmpty());
        QVERIFY(!publish("pia", {m_f->ava}, QDate(2026, 1, 5), "Ava stacked five blocks into a tower.",
                         {"eyfs.pd.fine-motor"}, {{0, {m_f->ava}}}, false, "Offer smaller blocks to stack.")
                     .isEmpty());
        QVERIFY(!publish("pia", {m_f->ava, m_f->cal}, QDate(2026, 1, 6), "Ava and Cal sang the rain song together.",
                         {"eyfs.cl.speaking"})
                     .isEmpty());
        QVERIFY(
            !publish("pia", {m_f->ava}, QDate(2026, 1, 8), "Internal note about settling in.", {}, {}, true).isEmpty());
        QVERIFY(!publish("pia", {m_f->ben}, QDate(2026, 1, 6), "Ben built a sandcastle.").isEmpty());
        {
            auto pia = m_f->signIn("pia");
            Observations obs(*pia);
            auto draft = obs.createDraft({m_f->ava}).value();
            draft.text = "Unfinished draft about the garden.";
            QVERIFY(obs.saveDraft(draft));
        }

        auto mabel = m_f->signIn("mabel");
        ReportProgress progress;
        QSignalSpy spy(&progress, &ReportProgress::progress);
        ChildJournalReport::Options options;
        auto made = ChildJournalReport(*mabel).write(m_f->ava, pdf("report-photobook"), options, &progress);
        QVERIFY2(made, qPrintable(made.errorMessage()));
        checkCommon(pdf("report-photobook"));
        QCOMPARE(made.value().entries, 3);
        QCOMPARE(made.value().photos, 1);
        QCOMPARE(made.value().pages, pageCount(pdf("report-photobook")));
        QCOMPARE(spy.size(), 4); // 0 of 3, then after each entry
        QCOMPARE(spy.last().at(0).toInt(), 3);
        QCOMPARE(spy.last().at(1).toInt(), 3);

        const QString text = pdfText(pdf("report-photobook"));
        QVERIFY(text.contains("Puddle Lane Test Nursery"));
        QVERIFY(text.contains("Ava Testling"));
        QVERIFY(inOrder(text,
                        {"Learning journal", "Ava Testling", "Ava stacked five blocks into a tower.",
                         "Offer smaller blocks to stack.", "Physical Development › Fine Motor Skills",
                         "Ava and Cal sang the rain song together.", "Ava poured water into three cups."}));
        QVERIFY(text.contains("Observed by Pia Nettle"));
        QVERIFY(!text.contains("Internal note")); // staff-only
        QVERIFY(!text.contains("sandcastle")); // Ben's alone
        QVERIFY(!text.contains("Unfinished draft")); // not published
        QVERIFY(!text.contains("Staff only"));
        QCOMPARE(imageCount(pdf("report-photobook")), 1);

        // The internal copy has the staff-only entry, marked, and says what it is.
        options.internalCopy = true;
        made = ChildJournalReport(*mabel).write(m_f->ava, pdf("report-photobook-internal"), options);
        QVERIFY2(made, qPrintable(made.errorMessage()));
        const QString internal = pdfText(pdf("report-photobook-internal"));
        QVERIFY(internal.contains("Internal note about settling in."));
        QVERIFY(internal.contains("Staff only"));
        QVERIFY(internal.contains("Not for parents"));
        QCOMPARE(made.value().entries, 4);

        // A period: only what falls in it.
        options = {};
        options.from = QDate(2026, 1, 6);
        options.to = QDate(2026, 1, 6);
        made = ChildJournalReport(*mabel).write(m_f->ava, pdf("report-photobook-period"), options);
        QVERIFY(made);
        QCOMPARE(made.value().entries, 1);
        const QString period = pdfText(pdf("report-photobook-period"));
        QVERIFY(period.contains("rain song"));
        QVERIFY(!period.contains("stacked five blocks"));
    }

    void testPhotoConsentInPrint()
    {
        // Ben (no consent) appears in one photo of an observation about Ava and Ben; the other photo shows Ava only.
        const QString both
            = publish("pia", {m_f->ava, m_f->ben}, QDate(2026, 1, 5), "Ava and Ben built a bridge for the cars.",
                      {"eyfs.pd.gross-motor"}, {{1, {m_f->ava, m_f->ben}}, {2, {m_f->ava}}});
        QVERIFY(!both.isEmpty());
        auto mabel = m_f->signIn("mabel");
        ChildJournalReport::Options options;
        auto ava = ChildJournalReport(*mabel).write(m_f->ava, pdf("consent-ava"), options);
        auto ben = ChildJournalReport(*mabel).write(m_f->ben, pdf("consent-ben"), options);
        QVERIFY2(ava && ben, qPrintable(ava.errorMessage() + ben.errorMessage()));
        QCOMPARE(imageCount(pdf("consent-ava")), 1); // Ben's photo stays out of Ava's book
        QCOMPARE(imageCount(pdf("consent-ben")), 2); // and is in his own
        QVERIFY(imageCount(pdf("consent-ava")) < imageCount(pdf("consent-ben")));
        QVERIFY(pdfText(pdf("consent-ava")).contains("built a bridge"));

        // Consent changed later applies to print at once.
        QVERIFY(Children(*mabel).setPhotoConsent(m_f->ben, PhotoConsent::Yes));
        QVERIFY(ChildJournalReport(*mabel).write(m_f->ava, pdf("consent-ava-after"), options));
        QCOMPARE(imageCount(pdf("consent-ava-after")), 2);
        QVERIFY(Children(*mabel).setPhotoConsent(m_f->ben, PhotoConsent::No));

        // A meeting record belongs to no child: only photos every journal may show.
        Meetings meetings(*mabel);
        auto meeting = meetings.create(QDate(2026, 1, 9), "January staff meeting", {m_f->mabel, m_f->pia});
        QVERIFY(meeting);
        QVERIFY(meetings.setItems(meeting.value().id, {both}));
        auto record = MeetingReport(*mabel).write(meeting.value().id, pdf("report-meeting-consent"), {});
        QVERIFY2(record, qPrintable(record.errorMessage()));
        checkCommon(pdf("report-meeting-consent"));
        QCOMPARE(imageCount(pdf("report-meeting-consent")), 1);
        QCOMPARE(record.value().photos, 1);
        QCOMPARE(record.value().photosLeftOut, 1);
        QVERIFY(pdfText(pdf("report-meeting-consent")).contains("not shown here"));
    }

    void testPhotoLayoutsAndLogo()
    {
        const QSize portrait(768, 1024);
        auto mabel = m_f->signIn("mabel");
        Children children(*mabel);
        Child ava = *children.byId(m_f->ava);
        ava.dateOfBirth = QDate(2022, 3, 14);
        ava.startDate = QDate(2023, 9, 4);
        ava.leaveDate = QDate(2026, 7, 17);
        QVERIFY(children.update(ava));
        const QStringList a {m_f->ava};
        QVERIFY(!publish("pia", a, QDate(2026, 2, 2), "Two paintings, side by side on the easel.",
                         {"eyfs.ead.creating-with-materials"}, {{1, a}, {1, a, portrait}}, false,
                         "Offer thicker brushes and a bigger sheet.")
                     .isEmpty());
        QVERIFY(!publish("pia", a, QDate(2026, 2, 3),
                         "Ava collected leaves in the garden and sorted them by colour: red, yellow and brown. She "
                         "told Rita which pile was the biggest and counted the leaves in the smallest one.",
                         {"eyfs.utw.natural-world", "eyfs.maths.number"}, {{2, a, portrait}, {2, a}, {3, a}})
                     .isEmpty());
        QVERIFY(!publish("pia", a, QDate(2026, 2, 4), "A morning in the sand tray.", {"eyfs.pd.fine-motor"},
                         {{3, a}, {3, a}, {0, a, portrait}, {3, a}, {0, a}})
                     .isEmpty());
        QImage logo(600, 200, QImage::Format_RGB32);
        logo.fill(QColor(46, 107, 79));
        ChildJournalReport::Options options;
        options.logo = logo;
        auto made = ChildJournalReport(*mabel).write(m_f->ava, pdf("report-photobook-layouts"), options);
        QVERIFY2(made, qPrintable(made.errorMessage()));
        checkCommon(pdf("report-photobook-layouts"));
        QCOMPARE(made.value().photos, 2 + 3 + 4); // at most four photos an entry
        QCOMPARE(made.value().photosLeftOut, 1);
        // The logo on the cover and in every page's header, besides the photos.
        QCOMPARE(imageCount(pdf("report-photobook-layouts")), made.value().photos + made.value().pages);
        const QString text = pdfText(pdf("report-photobook-layouts"));
        QVERIFY(text.contains("1 more photo in the online journal."));
        QVERIFY(text.contains("Born 14 March 2022"));
        QVERIFY(text.contains("from 4 September 2023 to 17 July 2026"));
    }

    void testNothingButThePdfReachesTheDisk()
    {
        QVERIFY(!publish("pia", {m_f->ava}, QDate(2026, 1, 5), "Leaves in the garden.", {},
                         {{2, {m_f->ava}}, {3, {m_f->ava}}, {0, {m_f->ava}}})
                     .isEmpty());
        auto mabel = m_f->signIn("mabel");
        // A private temporary folder for the report's run: the shared /tmp sees other programs' files.
        QTemporaryDir privateTemp;
        const QByteArray oldTemp = qgetenv("TMPDIR");
        qputenv("TMPDIR", privateTemp.path().toUtf8());
        QTest::qWait(1100); // file times have a one-second grain on some file systems
        const QDateTime start = QDateTime::currentDateTime().addMSecs(-500);
        const QString path = pdf("plaintext");
        auto made = ChildJournalReport(*mabel).write(m_f->ava, path, ChildJournalReport::Options());
        oldTemp.isNull() ? qunsetenv("TMPDIR") : qputenv("TMPDIR", oldTemp);
        QVERIFY(made);
        QCOMPARE(made.value().photos, 3);
        QCOMPARE(QDir(privateTemp.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList());
        QCOMPARE(QDir(m_out->path()).entryList(QDir::Files | QDir::Hidden), QStringList {"plaintext.pdf"});
        // In the data folder only the database changes (the audit event); no picture appears anywhere.
        for (const auto& file : newFiles(m_f->nursery().path(), start, {})) {
            QVERIFY2(!isImageFile(file), qPrintable("plaintext image on disk: " + file));
            QVERIFY2(file.startsWith(m_f->nursery().dataDir().databasePath()), qPrintable("unexpected file: " + file));
        }
    }

    void testCancelledReportLeavesNoFile()
    {
        for (int d = 1; d <= 4; ++d)
            QVERIFY(!publish("pia", {m_f->ava}, QDate(2026, 1, d), QString("Day %1 in the garden.").arg(d), {},
                             {{d % 4, {m_f->ava}}})
                         .isEmpty());
        auto mabel = m_f->signIn("mabel");
        ReportProgress progress;
        connect(&progress, &ReportProgress::progress, &progress, [&](int done, int) {
            if (done == 2)
                progress.cancel();
        });
        const QString path = pdf("cancelled");
        auto made = ChildJournalReport(*mabel).write(m_f->ava, path, ChildJournalReport::Options(), &progress);
        QVERIFY(!made);
        QVERIFY(made.errorMessage().contains("cancelled"));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(m_out->path()).entryList(QDir::Files | QDir::Hidden), QStringList()); // no temporary file either

        // An existing file of that name is left as it was.
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the earlier report");
        old.close();
        ReportProgress later;
        connect(&later, &ReportProgress::progress, &later, [&](int done, int) {
            if (done == 1)
                later.cancel();
        });
        QVERIFY(!ChildJournalReport(*mabel).write(m_f->ava, path, ChildJournalReport::Options(), &later));
        ReportProgress before;
        before.cancel();
        QVERIFY(!AuditLogReport(*mabel).write(path, AuditLogReport::Options(), &before));
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("the earlier report"));
        QCOMPARE(QDir(m_out->path()).entryList(QDir::Files | QDir::Hidden), QStringList {"cancelled.pdf"});
    }

    void testUnwritableFolderSaysSo()
    {
        auto mabel = m_f->signIn("mabel");
        auto made = ChildJournalReport(*mabel).write(m_f->ava, m_out->filePath("no-such-folder/book.pdf"),
                                                     ChildJournalReport::Options());
        QVERIFY(!made);
        QVERIFY2(made.errorMessage().contains("no-such-folder"), qPrintable(made.errorMessage()));
        QVERIFY(mabel->audit().events(AuditLog::Filter {{}, {}, "report_printed", 10}).isEmpty()); // nothing printed
    }

    void testMeetingRecord()
    {
        const QString a = publish("pia", {m_f->ava}, QDate(2026, 1, 2), "Ava counted the spoons at lunch.",
                                  {"eyfs.maths.number"}, {{0, {m_f->ava}}});
        const QString b
            = publish("sam", {m_f->dot}, QDate(2026, 1, 3), "Dot fed the fish.", {"eyfs.utw.natural-world"});
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        auto mabel = m_f->signIn("mabel");
        Meetings meetings(*mabel);
        auto m = meetings.create(QDate(2026, 1, 9), "January staff meeting", {m_f->mabel, m_f->pia, m_f->rita});
        QVERIFY(m);
        const QString id = m.value().id;
        QVERIFY(meetings.setItems(id, {a, b}));
        QVERIFY(meetings.setOutcome(id, a, "A clear example of counting; share with the team."));
        QVERIFY(meetings.setNotes(id, "Focus next month: mathematical language at lunch."));
        QVERIFY(meetings.signOff(id));

        auto made = MeetingReport(*mabel).write(id, pdf("report-meeting"), {});
        QVERIFY2(made, qPrintable(made.errorMessage()));
        checkCommon(pdf("report-meeting"));
        QCOMPARE(made.value().entries, 2);
        const QString text = pdfText(pdf("report-meeting"));
        QVERIFY(inOrder(text,
                        {"January staff meeting", "Mabel Quince", "Pia Nettle", "Rita Cobble", "Focus next month",
                         "Ava counted the spoons", "A clear example of counting", "Dot fed the fish",
                         "No outcome was recorded", "Signed off by Mabel Quince"}));
        QCOMPARE(imageCount(pdf("report-meeting")), 1);

        // A room leader may print it, with only what she may see: Dot is in another room.
        auto rita = m_f->signIn("rita");
        made = MeetingReport(*rita).write(id, pdf("meeting-rita"), {});
        QVERIFY2(made, qPrintable(made.errorMessage()));
        const QString ritas = pdfText(pdf("meeting-rita"));
        QVERIFY(ritas.contains("Ava counted the spoons"));
        QVERIFY(!ritas.contains("Dot fed the fish"));
        QVERIFY(ritas.contains("not available to you"));

        // A practitioner may not.
        auto pia = m_f->signIn("pia");
        auto refused = MeetingReport(*pia).write(id, pdf("meeting-pia"), {});
        QCOMPARE(refused.code(), Error::Code::PermissionDenied);
        QVERIFY(refused.errorMessage().contains("room leaders and managers"));
        QVERIFY(!QFile::exists(pdf("meeting-pia")));
        QCOMPARE(MeetingReport(*mabel).write("no-such-meeting", pdf("none"), {}).code(), Error::Code::NotFound);
    }

    void testProgressCheck()
    {
        auto mabel = m_f->signIn("mabel");
        Children children(*mabel);
        Child ava = *children.byId(m_f->ava);
        ava.dateOfBirth = QDate(2024, 1, 20);
        ava.startDate = QDate(2025, 2, 1);
        QVERIFY(children.update(ava));
        QVERIFY(!publish("pia", {m_f->ava}, QDate(2026, 1, 5), "Ava said 'more milk please' at snack time.",
                         {"eyfs.cl.speaking"}, {{0, {m_f->ava}}})
                     .isEmpty());
        QVERIFY(!publish("pia", {m_f->ava}, QDate(2026, 1, 6), "Ava climbed the steps to the slide alone.",
                         {"eyfs.pd.gross-motor"})
                     .isEmpty());
        QVERIFY(!publish("pia", {m_f->ava, m_f->ben}, QDate(2026, 1, 7), "Ava took turns with Ben on the bikes.",
                         {"eyfs.psed.building-relationships"}, {{1, {m_f->ava, m_f->ben}}})
                     .isEmpty());
        QVERIFY(!publish("pia", {m_f->ava}, QDate(2026, 1, 8), "Ava sorted shells by size.", {"eyfs.maths.number"})
                     .isEmpty());
        QVERIFY(!publish("pia", {m_f->ava}, QDate(2025, 6, 1), "Long ago: Ava waved goodbye.", {"eyfs.cl.speaking"})
                     .isEmpty());

        ProgressCheckReport::Options options;
        options.from = QDate(2025, 12, 1);
        options.to = QDate(2026, 1, 31);
        options.checkDate = QDate(2026, 1, 25);
        options.strengths = "Ava is chatty and confident with adults she knows.";
        options.nextSteps = "Model two-word phrases during play.";
        options.parentComments = "She sings at home all day.";
        auto made = ProgressCheckReport(*mabel).write(m_f->ava, pdf("report-progresscheck"), options);
        QVERIFY2(made, qPrintable(made.errorMessage()));
        checkCommon(pdf("report-progresscheck"));
        QCOMPARE(made.value().entries, 3); // the three prime-area observations in the period
        const QString text = pdfText(pdf("report-progresscheck"));
        QVERIFY(text.contains("Progress check at age two"));
        QVERIFY(text.contains("24 months"));
        QVERIFY(inOrder(text,
                        {"Communication and Language", "more milk please", "Physical Development", "climbed the steps",
                         "Personal, Social and Emotional Development", "took turns with Ben", "Strengths",
                         "chatty and confident", "Next steps", "two-word phrases", "Parent", "sings at home"}));
        QVERIFY(!text.contains("sorted shells")); // not a prime area
        QVERIFY(!text.contains("waved goodbye")); // before the period
        // Ben (no consent) is in the bikes photo: Ava's progress check leaves it out.
        QCOMPARE(imageCount(pdf("report-progresscheck")), 1);

        // Empty fields become lines to write on, not an error.
        made = ProgressCheckReport(*mabel).write(m_f->ava, pdf("progresscheck-blank"), ProgressCheckReport::Options());
        QVERIFY2(made, qPrintable(made.errorMessage()));

        // Sam works in Saplings: not Ava's room.
        auto sam = m_f->signIn("sam");
        auto refused = ProgressCheckReport(*sam).write(m_f->ava, pdf("progresscheck-sam"), options);
        QCOMPARE(refused.code(), Error::Code::PermissionDenied);
        QVERIFY(!QFile::exists(pdf("progresscheck-sam")));
        QCOMPARE(ChildJournalReport(*sam).write(m_f->ava, pdf("photobook-sam"), {}).code(),
                 Error::Code::PermissionDenied);
    }

    void testAuditLogReport()
    {
        auto mabel = m_f->signIn("mabel");
        for (int i = 0; i < 120; ++i)
            QVERIFY(mabel->audit().append(AuditLog::AccountChanged, m_f->mabel, "staff", m_f->pia,
                                          QString("marker-%1").arg(i)));
        QVERIFY(mabel->audit().append(AuditLog::SignInFailed, {}, {}, {}, {}, "ghost-user"));
        const int events = int(mabel->audit().events(AuditLog::Filter {{}, {}, {}, 100000}).size());
        AuditLogReport::Options options;
        auto made = AuditLogReport(*mabel).write(pdf("report-auditlog"), options);
        QVERIFY2(made, qPrintable(made.errorMessage()));
        checkCommon(pdf("report-auditlog"));
        QVERIFY(made.value().pages >= 3); // a table over as many pages as it needs
        QCOMPARE(made.value().entries, events);
        const QString text = pdfText(pdf("report-auditlog"));
        QVERIFY(inOrder(text,
                        {"Audit log", "Nursery set up", "Signed in", "Mabel Quince", "Account changed", "marker-0",
                         "marker-1", "marker-119", "Failed sign-in", "ghost-user"}));
        QVERIFY(text.contains(m_f->pia)); // the object's id
        QVERIFY(text.contains(mabel->deviceId().left(8))); // the device
        QCOMPARE(text.count("Time"), made.value().pages); // the header row repeats on every page

        // A period leaves the rest out.
        options.from = QDate(2000, 1, 1);
        options.to = QDate(2000, 1, 2);
        made = AuditLogReport(*mabel).write(pdf("auditlog-empty"), options);
        QVERIFY(made);
        QCOMPARE(made.value().entries, 0);
        QVERIFY(pdfText(pdf("auditlog-empty")).contains("No events"));

        auto rita = m_f->signIn("rita");
        auto refused = AuditLogReport(*rita).write(pdf("auditlog-rita"), AuditLogReport::Options());
        QCOMPARE(refused.code(), Error::Code::PermissionDenied);
        QVERIFY(refused.errorMessage().contains("managers"));
        QVERIFY(!QFile::exists(pdf("auditlog-rita")));
    }

    void testPrintingIsAudited()
    {
        auto mabel = m_f->signIn("mabel");
        QVERIFY(ChildJournalReport(*mabel).write(m_f->ava, pdf("audited"), ChildJournalReport::Options()));
        const auto events = mabel->audit().events(AuditLog::Filter {{}, {}, "report_printed", 10});
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].objectId, m_f->ava);
        QCOMPARE(events[0].actorStaffId, m_f->mabel);
    }

private:
    std::unique_ptr<JournalFixture> m_f;
    std::unique_ptr<QTemporaryDir> m_out;
};

QTEST_MAIN(TestReports)
#include "tst_reports.moc"
