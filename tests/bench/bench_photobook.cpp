// A leaving photobook at the size of a real one: 300 published observations with one to four photos each (750
// photos, a fifth of them showing a child without photo consent, so the consent rule has work to do), printed to
// PDF. Time and peak memory (VmHWM, reset before each run) against two baselines from the same process:
//   - the same report without photos (text, layout, fonts, PDF structure);
//   - decrypting the same photos alone, and decrypting and decoding them at the same print sizes on one thread,
//     without any PDF (the photo work's floor; the book decodes on every core while it draws).
// Goal: under 10 s and 500 MB.
//
// Photos: 16 generated pictures (DemoPictures) imported through MediaImporter::importPhotoData and
// ObservationMedia::insert — twelve at 1920×1440 as a tablet takes them, four at 4032×3024 as a phone does — and
// the further media rows point at those vault files (a row is a row: each is decrypted and decoded on its own).
#include "TestNursery.h"

#include "demo/DemoPictures.h"
#include "domain/Ids.h"
#include "journal/JournalQuery.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "people/Children.h"
#include "people/Rooms.h"
#include "reports/ChildJournalReport.h"
#include "reports/ObservationBlock.h"
#include "reports/PhotoGrid.h"
#include "reports/ReportPhotos.h"
#include "storage/Database.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>

#include <cstdio>

using namespace Acorn;

namespace {
constexpr int ObservationCount = 300;
constexpr int PoolTablet = 12;
constexpr int PoolPhone = 4;

qint64 statusKiB(const char* field)
{
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const auto& line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    return 0;
}

// Linux: "5" resets VmHWM to the current RSS, so each run's peak is its own, not the set-up's.
void resetPeak()
{
    QFile f("/proc/self/clear_refs");
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

struct Run
{
    double seconds = 0;
    qint64 peakKiB = 0;
    qint64 startKiB = 0;
};

template<typename F> Run measure(F&& work)
{
    resetPeak();
    Run r;
    r.startKiB = statusKiB("VmRSS:");
    QElapsedTimer timer;
    timer.start();
    work();
    r.seconds = double(timer.nsecsElapsed()) / 1e9;
    r.peakKiB = statusKiB("VmHWM:");
    return r;
}

const char* Words[] = {"blocks", "tower",   "paint",  "sand",   "water",     "story",    "counted", "jumped",
                       "shared", "laughed", "garden", "leaves", "bucket",    "puzzle",   "song",    "drew",
                       "circle", "friend",  "snack",  "coat",   "carefully", "together", "outside", "again"};

// Generated pictures are flat colours that compress to almost nothing; grain like a camera sensor's makes them as
// large and as slow to decode as photos (about 1 MB at 1920×1440, 4 MB at 4032×3024).
QByteArray photoLike(const QByteArray& jpeg, quint32 seed)
{
    QImage image = QImage::fromData(jpeg).convertToFormat(QImage::Format_RGB32);
    QRandomGenerator rng(seed);
    for (int y = 0; y < image.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const quint32 r = rng.generate();
            const auto grain = [&](int value, int shift) {
                return qBound(0, value + int((r >> shift) & 31) - 16, 255);
            };
            line[x] = qRgb(grain(qRed(line[x]), 0), grain(qGreen(line[x]), 5), grain(qBlue(line[x]), 10));
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 90);
    return bytes;
}

QString sentence(QRandomGenerator& rng, int words)
{
    QStringList w;
    for (int i = 0; i < words; ++i)
        w << QString::fromLatin1(Words[rng.bounded(int(std::size(Words)))]);
    QString s = w.join(' ');
    s[0] = s[0].toUpper();
    return s + '.';
}
} // namespace

int main(int argc, char* argv[])
{
    QGuiApplication app(argc, argv); // fonts for the PDF need a GUI application (offscreen is enough)
    QLoggingCategory::setFilterRules("acorn.*.info=false");
    QRandomGenerator rng(7);
    Test::TestNursery nursery;
    auto session = nursery.signIn();
    if (!session) {
        std::printf("bench_photobook: could not set up the nursery\n");
        return 1;
    }
    Session& s = *session;
    const QString room = Rooms(s).create("Acorns").value().id;
    const auto makeChild = [&](const QString& first, PhotoConsent consent) {
        Child c;
        c.firstName = first;
        c.lastName = "Benchling";
        c.roomId = room;
        c.status = ChildStatus::Active;
        c.dateOfBirth = QDate(2021, 5, 4);
        c.startDate = QDate(2022, 9, 1);
        const QString id = Children(s).create(c).value().id;
        (void)Children(s).setPhotoConsent(id, consent);
        return id;
    };
    const QString child = makeChild("Nell", PhotoConsent::Yes);
    const QString friendWithoutConsent = makeChild("Otto", PhotoConsent::No);

    // Observations, published, as sync would bring them in.
    QStringList observationIds;
    {
        Transaction t(s.database());
        QSqlQuery o(s.database().sql()), oc(s.database().sql()), tag(s.database().sql());
        o.prepare("INSERT INTO observations (id, author_staff_id, observed_at, text, next_steps, status, created_at, "
                  "updated_at, origin_device) VALUES (?, ?, ?, ?, ?, 'published', ?, ?, 'bench')");
        oc.prepare("INSERT INTO observation_children (observation_id, child_id) VALUES (?, ?)");
        tag.prepare("INSERT INTO observation_tags (observation_id, framework, tag) VALUES (?, 'eyfs-2024', ?)");
        const char* tags[] = {"eyfs.cl.speaking",  "eyfs.pd.fine-motor",     "eyfs.psed.building-relationships",
                              "eyfs.maths.number", "eyfs.utw.natural-world", "eyfs.ead.creating-with-materials"};
        const QDateTime first(QDate(2023, 9, 4), QTime(10, 0), QTimeZone::utc());
        for (int i = 0; i < ObservationCount; ++i) {
            const QString id = Ids::newId();
            const QString at = Ids::toIso(first.addDays(i * 3));
            o.addBindValue(id);
            o.addBindValue(s.staff().id);
            o.addBindValue(at);
            o.addBindValue(sentence(rng, 35 + int(rng.bounded(50))));
            o.addBindValue(sentence(rng, 12));
            o.addBindValue(at);
            o.addBindValue(at);
            o.exec();
            oc.addBindValue(id);
            oc.addBindValue(child);
            oc.exec();
            for (int k = 0; k < 1 + i % 2; ++k) {
                tag.addBindValue(id);
                tag.addBindValue(tags[(i + k * 3) % 6]);
                tag.exec();
            }
            observationIds << id;
        }
        (void)t.commit();
    }

    // The pool of real, encrypted photos.
    QStringList pool;
    qint64 poolBytes = 0;
    {
        MediaVault vault(s.dataDir().vaultPath());
        MediaImporter importer(vault);
        for (int i = 0; i < PoolTablet + PoolPhone; ++i) {
            const bool phone = i >= PoolTablet;
            const bool portrait = i % 5 == 3;
            QSize size = phone ? QSize(4032, 3024) : QSize(1920, 1440);
            if (portrait)
                size.transpose();
            auto imported = importer.importPhotoData(photoLike(
                DemoPictures::make(i % DemoPictures::Kinds, quint32(i), size.width(), size.height()), quint32(i)));
            if (!imported) {
                std::printf("bench_photobook: import failed: %s\n", qPrintable(imported.errorMessage()));
                return 1;
            }
            poolBytes += imported.value().file.size;
            auto item = ObservationMedia(s).insert(observationIds[0], imported.value(), {child});
            pool << item.value().id;
        }
    }
    // One to four photos per observation (750 in all); every fifth also shows Otto, who has no photo consent.
    int mediaRows = int(pool.size());
    {
        Transaction t(s.database());
        QSqlQuery m(s.database().sql()), mc(s.database().sql());
        m.prepare("INSERT INTO media_items (id, observation_id, kind, sha256, size, width, height, captured_at, "
                  "vault_file, file_key, thumbnail_file, thumbnail_key, created_at, updated_at, origin_device) "
                  "SELECT ?, ?, kind, sha256, size, width, height, captured_at, vault_file, file_key, thumbnail_file, "
                  "thumbnail_key, created_at, updated_at, 'bench' FROM media_items WHERE id = ?");
        mc.prepare("INSERT INTO media_children (media_id, child_id) VALUES (?, ?)");
        int n = 0;
        for (int i = 0; i < ObservationCount; ++i) {
            const int photos = 1 + i % 4 - (i == 0 ? 1 : 0); // the first already holds the pool's first photo
            for (int k = 0; k < photos; ++k, ++n) {
                const QString id = Ids::newId();
                m.addBindValue(id);
                m.addBindValue(observationIds[i]);
                m.addBindValue(pool[n % pool.size()]);
                m.exec();
                mc.addBindValue(id);
                mc.addBindValue(child);
                mc.exec();
                if (n % 5 == 4) {
                    mc.addBindValue(id);
                    mc.addBindValue(friendWithoutConsent);
                    mc.exec();
                }
                ++mediaRows;
            }
        }
        // The pool's other photos stay on the first observation but are not shown: keep them out of the count.
        QSqlQuery hide(s.database().sql());
        hide.exec(
            QString("UPDATE media_items SET observation_id = NULL WHERE id IN ('%1')").arg(pool.mid(1).join("','")));
        mediaRows -= int(pool.size()) - 1;
        (void)t.commit();
    }

    QTemporaryDir out;
    ChildJournalReport report(s);
    ChildJournalReport::Options withPhotos;
    ChildJournalReport::Options textOnly;
    textOnly.includePhotos = false;

    // Baseline 1: the same book without photos.
    Result<ReportSummary> plain = Error();
    const Run text = measure([&] { plain = report.write(child, out.filePath("text.pdf"), textOnly); });

    // Baseline 2: decrypt and decode the same photos at the sizes the book prints them, nothing else.
    int decoded = 0;
    const Run photosOnly = measure([&] {
        const ReportPhotos photos(s);
        JournalQuery query(s);
        JournalFilter filter;
        filter.status = ObservationStatus::Published;
        for (int offset = 0; offset < ObservationCount; offset += 200) {
            for (const auto& e : query.timeline(child, filter, 200, offset)) {
                QList<QSizeF> sizes;
                for (const auto& m : e.media)
                    sizes << QSizeF(m.dimensions);
                const auto rects = PhotoGrid::layout(sizes, 174, ObservationBlock::MaxPhotoBlockMm, 3);
                for (int i = 0; i < rects.size(); ++i)
                    decoded += photos.load(e.media[i], ReportPhotos::pixelsFor(rects[i].size())).isNull() ? 0 : 1;
            }
        }
    });

    // Baseline 3: decrypt only (the vault and the database), the same photos.
    qint64 decryptedBytes = 0;
    const Run decryptOnly = measure([&] {
        JournalQuery query(s);
        ObservationMedia media(s);
        JournalFilter filter;
        filter.status = ObservationStatus::Published;
        for (int offset = 0; offset < ObservationCount; offset += 200)
            for (const auto& e : query.timeline(child, filter, 200, offset))
                for (int i = 0; i < std::min<int>(int(e.media.size()), PhotoGrid::MaxPhotos); ++i)
                    if (auto bytes = media.content(e.media[i].id))
                        decryptedBytes += bytes.value().size();
    });

    // The book.
    Result<ReportSummary> book = Error();
    const Run full = measure([&] { book = report.write(child, out.filePath("book.pdf"), withPhotos); });
    if (!plain || !book) {
        std::printf("bench_photobook: report failed: %s%s\n", qPrintable(plain.errorMessage()),
                    qPrintable(book.errorMessage()));
        return 1;
    }
    if (decoded != book.value().photos)
        std::printf("bench_photobook: the baseline decoded %d photos, the book printed %d\n", decoded,
                    book.value().photos);
    const double megabytes = double(QFileInfo(out.filePath("book.pdf")).size()) / 1e6;
    const double peakMb = double(full.peakKiB) / 1024;
    const bool ok = full.seconds < 10 && peakMb < 500;
    std::printf("bench_photobook: %d observations, %d photos printed (%d left out by consent; %.1f MB each on average, "
                "1920x1440 and 4032x3024), %d pages, %.0f MB PDF: %.2f s, peak %.0f MB (VmHWM, %.0f MB at the start) | "
                "same run: the book without photos %.2f s, peak %.0f MB; decrypting the photos alone %.2f s (%.0f MB); "
                "decrypting and decoding them alone, one thread, %.2f s, peak %.0f MB | goal < 10 s and < 500 MB: "
                "%s\n",
                book.value().entries, book.value().photos, mediaRows - book.value().photos,
                double(poolBytes) / 1e6 / double(pool.size()), book.value().pages, megabytes, full.seconds, peakMb,
                double(full.startKiB) / 1024, text.seconds, double(text.peakKiB) / 1024, decryptOnly.seconds,
                double(decryptedBytes) / 1e6, photosOnly.seconds, double(photosOnly.peakKiB) / 1024,
                ok ? "met" : "MISSED");
    return ok ? 0 : 1;
}
