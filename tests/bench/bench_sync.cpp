// Sync at nursery scale against a real acorn-server on loopback, each figure next to a baseline from the same run:
//  1. push: 1,000 submitted observations with a ~3 MB photo each (every photo its own vault file and upload) from
//     one device to a fresh server (SQLite) with SyncClient, 4 MiB chunks, timed from syncNow to the last media file
//     complete; against a plain HTTP PUT of the same plaintext bytes (same files, one request per file, the same
//     QNetworkAccessManager) to nginx (dav_methods PUT, which reads and stores the whole body before it answers).
//     Goal: ratio >= 0.7.
//  2. pull: 10,000 changes (comments and observations pushed by device A) into a second device (a copy of A's data
//     folder from before they were written, its own device id, cursor 0 and sync_known cleared), timed from syncNow
//     to the end of the round; against fetching the same pages (limit 500) over plain HTTP and parsing their JSON
//     without applying anything (the server's and the wire's share). Goal: < 2 s.
//  3. server: requests per second for GET /api/v1/sync/pull?since=0&limit=500 under wrk (2 threads, 16
//     connections, 5 s after a 1 s warm-up), the same 2,000 changes on the SQLite backend and on PostgreSQL 15 (a
//     throwaway cluster, PgTestCluster).
//
// acorn-server, nginx and wrk run as child processes; all of them, the PostgreSQL cluster and every temporary
// folder are gone when the benchmark ends, also when it fails or is interrupted (SIGINT/SIGTERM end the run
// cleanly; the children also get SIGTERM should this process die).
//
// ACORN_BENCH_SYNC_PHOTOS and ACORN_BENCH_SYNC_CHANGES scale parts 1 and 2 down for a quick try.
#include "BenchServers.h"
#include "JournalFixture.h"
#include "PgTestCluster.h"

#include "auth/Session.h"
#include "demo/DemoPictures.h"
#include "domain/Ids.h"
#include "journal/Comments.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "storage/Database.h"
#include "sync/Outbox.h"
#include "sync/SyncClient.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <functional>
#include <optional>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Acorn;
using namespace Acorn::Test;
using namespace Acorn::Bench;

namespace {

constexpr int DefaultPhotos = 1000;
constexpr int PhotoPool = 6; // distinct pictures; every media item is still its own vault file and upload
constexpr int DefaultChanges = 10000;
constexpr int RpsChanges = 2000;
constexpr qint64 MiB = 1024 * 1024;

bool fail(const char* part, const QString& why)
{
    std::printf("bench_sync: %s failed: %s%s\n", part, qUtf8Printable(why), interrupted() ? " (interrupted)" : "");
    std::fflush(stdout);
    return false;
}

// One push-and-pull round to its end; *endMs (on `clock`) is taken as the round's finished() arrives.
bool syncRound(SyncClient& client, int timeoutMs, const QElapsedTimer* clock = nullptr, qint64* endMs = nullptr)
{
    QEventLoop loop;
    bool ok = false;
    const auto connection = QObject::connect(&client, &SyncClient::finished, &loop, [&](bool success) {
        if (clock && endMs)
            *endMs = clock->elapsed();
        ok = success;
        loop.quit();
    });
    client.syncNow();
    if (!client.isBusy()) {
        QObject::disconnect(connection);
        return false;
    }
    const bool inTime = runLoop(loop, timeoutMs);
    QObject::disconnect(connection);
    if (!inTime)
        client.stop();
    return inTime && ok;
}

// A generated picture with film grain, so that JPEG cannot shrink it much: ~3 MB at 90% quality.
QByteArray grainyJpeg(int index, QSize size)
{
    QImage image = QImage::fromData(DemoPictures::make(index % DemoPictures::Kinds, quint32(100 + index), size.width(),
                                                       size.height()))
                       .convertToFormat(QImage::Format_RGB32);
    QRandomGenerator rng(quint32(7 + index));
    for (int y = 0; y < image.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const quint32 r = rng.generate();
            const auto grain = [&](int value, int shift) {
                return qBound(0, value + int((r >> shift) & 63) - 32, 255);
            };
            line[x] = qRgb(grain(qRed(line[x]), 0), grain(qGreen(line[x]), 6), grain(qBlue(line[x]), 12));
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 92);
    return bytes;
}

struct PoolPhoto
{
    QByteArray plaintext; // the sanitised JPEG as the vault holds it (what goes over the wire)
    QByteArray thumbnail;
    QSize size;
};

// curl PUTs the pool's files, `count` uploads in the same order as the baseline, over one connection; the time it
// took (process start included, a few milliseconds).
std::optional<qint64> curlUpload(const QString& folder, const Nginx& nginx, const QList<PoolPhoto>& pool, int count,
                                 QString* error)
{
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty()) {
        *error = QStringLiteral("curl is not installed");
        return std::nullopt;
    }
    QDir().mkpath(folder);
    for (int k = 0; k < pool.size(); ++k) {
        QFile file(folder + QStringLiteral("/photo-%1.jpg").arg(k));
        if (!file.open(QIODevice::WriteOnly) || file.write(pool.at(k).plaintext) != pool.at(k).plaintext.size()) {
            *error = QStringLiteral("cannot write ") + file.fileName();
            return std::nullopt;
        }
    }
    QFile config(folder + QStringLiteral("/curl.conf"));
    if (!config.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write ") + config.fileName();
        return std::nullopt;
    }
    config.write("silent\nwrite-out = \"%{http_code}\\n\"\n");
    for (int i = 0; i < count; ++i) {
        const QString name = QStringLiteral("photo-%1.jpg").arg(i % pool.size());
        config.write(QStringLiteral("upload-file = \"%1/%2\"\nurl = \"%3\"\noutput = \"/dev/null\"\n")
                         .arg(folder, name, nginx.url(QStringLiteral("/upload/curl-") + name).toString())
                         .toUtf8());
    }
    config.close();
    QProcess process;
    dieWithParent(process);
    QElapsedTimer clock;
    clock.start();
    process.start(curl, {QStringLiteral("-K"), config.fileName()});
    if (!process.waitForFinished(600000)) {
        process.kill();
        process.waitForFinished(5000);
        *error = QStringLiteral("curl did not finish");
        return std::nullopt;
    }
    const qint64 ms = clock.elapsed();
    int stored = 0;
    for (const QByteArray& code : process.readAllStandardOutput().split('\n'))
        stored += code == "201" || code == "204" ? 1 : 0;
    if (process.exitCode() != 0 || stored != count) {
        *error = QStringLiteral("curl stored %1 of %2 files: %3")
                     .arg(stored)
                     .arg(count)
                     .arg(QString::fromUtf8(process.readAllStandardError()));
        return std::nullopt;
    }
    return ms;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Push with photos against a plain upload to nginx.
bool benchPush(QNetworkAccessManager& network, int photoCount)
{
    const char* part = "push";
    QTemporaryDir root(QDir::tempPath() + QStringLiteral("/acorn-bench-sync-XXXXXX"));
    if (!root.isValid())
        return fail(part, QStringLiteral("no temporary folder"));
    QString code, error;
    AcornServer server(root.filePath(QStringLiteral("server")));
    if (!server.createSetting(&code, &error) || !server.start(&error))
        return fail(part, error);

    JournalFixture f;
    if (!f.isValid())
        return fail(part, QStringLiteral("could not set up the nursery"));
    auto mabel = f.signIn(QStringLiteral("mabel"));
    if (auto enrolled = SyncClient::enrol(*mabel, network, server.url(), code, QStringLiteral("Office laptop"));
        !enrolled)
        return fail(part, enrolled.errorMessage());
    SyncClient client(*mabel, network);
    client.setChunkSize(4 * MiB);
    if (!syncRound(client, 120000)) // the nursery's own rows first: the timed round is the observations only
        return fail(part, QStringLiteral("first sync: ") + client.lastError());

    // The photos: a pool of distinct pictures through the real importer (sanitised, thumbnailed), whose plaintext
    // then goes into the vault again for every media item: its own file, key and upload.
    QElapsedTimer prep;
    prep.start();
    MediaVault vault(mabel->dataDir().vaultPath());
    QList<PoolPhoto> pool;
    {
        MediaImporter importer(vault);
        for (int i = 0; i < PhotoPool; ++i) {
            auto imported = importer.importPhotoData(grainyJpeg(i, i % 3 == 2 ? QSize(2304, 3072) : QSize(3072, 2304)));
            if (!imported)
                return fail(part, QStringLiteral("import: ") + imported.errorMessage());
            const ImportedMedia& m = imported.value();
            auto plain = vault.readAll(m.file.fileId, m.file.key, 100 * MiB);
            auto thumb = vault.readAll(m.thumbnail->fileId, m.thumbnail->key, 10 * MiB);
            if (!plain || !thumb)
                return fail(part, QStringLiteral("could not read the pool back"));
            pool.append({plain.value(), thumb.value(), m.size});
            vault.remove(m.file.fileId);
            vault.remove(m.thumbnail->fileId);
        }
    }
    qint64 totalBytes = 0;
    {
        Observations observations(*mabel);
        ObservationMedia media(*mabel);
        for (int i = 0; i < photoCount && !interrupted(); ++i) {
            auto draft = observations.createDraft({f.dot}, mabel->clock().now());
            if (!draft)
                return fail(part, draft.errorMessage());
            Observation o = draft.value();
            o.text = QStringLiteral("Dot painted the garden again, picture %1.").arg(i);
            if (auto saved = observations.saveDraft(o); !saved)
                return fail(part, saved.errorMessage());
            const PoolPhoto& photo = pool.at(i % pool.size());
            auto file = vault.store(photo.plaintext);
            auto thumb = vault.store(photo.thumbnail);
            if (!file || !thumb)
                return fail(part, QStringLiteral("vault: ") + (file ? thumb.errorMessage() : file.errorMessage()));
            ImportedMedia imported;
            imported.kind = MediaKind::Photo;
            imported.mimeType = QStringLiteral("image/jpeg");
            imported.file = std::move(file.value());
            imported.thumbnail = std::move(thumb.value());
            imported.size = photo.size;
            if (auto item = media.insert(o.id, imported, {f.dot}); !item)
                return fail(part, item.errorMessage());
            if (auto submitted = observations.submit(o.id); !submitted)
                return fail(part, submitted.errorMessage());
            totalBytes += photo.plaintext.size();
        }
    }
    if (interrupted())
        return fail(part, QStringLiteral("interrupted"));
    const double prepSeconds = prep.elapsed() / 1000.0;
    const double totalMB = totalBytes / 1e6;

    // The timed round: rows in batches of 200, then the files, two at a time (start, chunk, complete each).
    QElapsedTimer clock;
    int completed = 0;
    qint64 firstUploadMs = -1, lastCompleteMs = -1, roundMs = -1;
    const auto watch = QObject::connect(&network, &QNetworkAccessManager::finished, [&](QNetworkReply* reply) {
        const QString path = reply->url().path();
        if (!path.startsWith(QLatin1String("/api/v1/media/")))
            return;
        if (firstUploadMs < 0)
            firstUploadMs = clock.elapsed();
        if (path.endsWith(QLatin1String("/complete"))
            && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 && ++completed == photoCount)
            lastCompleteMs = clock.elapsed();
    });
    clock.start();
    const bool synced = syncRound(client, 900000, &clock, &roundMs);
    QObject::disconnect(watch);
    if (!synced)
        return fail(part, QStringLiteral("sync: ") + client.lastError());
    if (completed != photoCount || client.mediaWaitingCount() != 0)
        return fail(part,
                    QStringLiteral("%1 of %2 files complete, %3 waiting")
                        .arg(completed)
                        .arg(photoCount)
                        .arg(client.mediaWaitingCount()));
    server.stop();
    const double syncMBps = totalMB / (lastCompleteMs / 1000.0);

    // Baseline: the same bytes, one PUT per file, the same client stack, to nginx.
    Nginx nginx(root.filePath(QStringLiteral("nginx")));
    if (!nginx.start(&error))
        return fail(part, error);
    QElapsedTimer plain;
    plain.start();
    for (int i = 0; i < photoCount && !interrupted(); ++i) {
        const PoolPhoto& photo = pool.at(i % pool.size());
        const auto put = http(network, "PUT", nginx.url(QStringLiteral("/upload/photo-%1.jpg").arg(i % pool.size())),
                              photo.plaintext, {}, "application/octet-stream");
        if (put.status != 201 && put.status != 204)
            return fail(part, QStringLiteral("nginx PUT answered %1 %2").arg(put.status).arg(put.error));
    }
    const qint64 plainMs = plain.elapsed();
    if (interrupted())
        return fail(part, QStringLiteral("interrupted"));
    if (QFileInfo(nginx.storedFile(QStringLiteral("photo-0.jpg"))).size() != pool.first().plaintext.size())
        return fail(part, QStringLiteral("nginx did not store the whole body"));
    const double plainMBps = totalMB / (plainMs / 1000.0);
    // The same with as many PUTs in flight as the client uploads files at once (SyncClient::UploadLanes), so that
    // the comparison is like for like.
    QElapsedTimer parallel;
    parallel.start();
    {
        int next = 0, inFlight = 0, failed = 0;
        QEventLoop loop;
        std::function<void()> sendMore = [&] {
            while (inFlight < SyncClient::UploadLanes && next < photoCount) {
                const PoolPhoto& photo = pool.at(next % pool.size());
                QNetworkRequest request(nginx.url(QStringLiteral("/upload/lane-%1.jpg").arg(next % pool.size())));
                request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/octet-stream"));
                QNetworkReply* reply = network.put(request, photo.plaintext);
                ++next;
                ++inFlight;
                QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    failed += (status == 201 || status == 204) ? 0 : 1;
                    reply->deleteLater();
                    --inFlight;
                    if (next < photoCount)
                        sendMore();
                    else if (inFlight == 0)
                        loop.quit();
                });
            }
        };
        sendMore();
        loop.exec();
        if (failed > 0)
            return fail(part, QStringLiteral("%1 parallel nginx PUTs failed").arg(failed));
    }
    const double parallelMBps = totalMB / (parallel.elapsed() / 1000.0);
    // For reference, outside Qt's HTTP stack: curl sending the same files (from disk) to the same nginx.
    const auto curlMs = curlUpload(root.filePath(QStringLiteral("curl")), nginx, pool, photoCount, &error);
    if (!curlMs)
        return fail(part, error);
    const double curlMBps = totalMB / (*curlMs / 1000.0);

    std::printf("bench_sync: push %d observations with a photo each (%.2f MB average, %.0f MB in all; prepared in "
                "%.0f s) over loopback to acorn-server (SQLite), 4 MiB chunks: SyncClient %.1f MB/s (rows up after "
                "%.1f s, last file complete at %.1f s, round over at %.1f s) vs plain HTTP PUT of the same bytes "
                "with the same QNetworkAccessManager to nginx %.1f MB/s (%.1f s); ratio %.2f (goal >= 0.7); "
                "the same with %d PUTs in flight (as the client uploads %d files at once) %.1f MB/s; ratio %.2f; "
                "reference: curl to the same nginx %.1f MB/s (ratio %.2f)\n",
                photoCount, totalMB / photoCount, totalMB, prepSeconds, syncMBps, firstUploadMs / 1000.0,
                lastCompleteMs / 1000.0, roundMs / 1000.0, plainMBps, plainMs / 1000.0, syncMBps / plainMBps,
                SyncClient::UploadLanes, SyncClient::UploadLanes, parallelMBps, syncMBps / parallelMBps, curlMBps,
                syncMBps / curlMBps);
    std::fflush(stdout);
    return true;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Pull into a fresh device against fetching the same pages without applying them.

// Every change since 0, as a device without a client would fetch them; the time it took.
std::optional<qint64> rawPull(QNetworkAccessManager& network, const AcornServer& server, const QByteArray& credential,
                              QJsonArray* changes, int* pages)
{
    QElapsedTimer clock;
    clock.start();
    qint64 since = 0;
    *pages = 0;
    for (;;) {
        const auto page = http(
            network, "GET",
            server.url(QStringLiteral("/api/v1/sync/pull?since=%1&limit=%2").arg(since).arg(SyncClient::PullLimit)), {},
            credential);
        if (page.status != 200)
            return std::nullopt;
        ++*pages;
        const QJsonObject json = page.json();
        for (const QJsonValue& change : json.value(QStringLiteral("changes")).toArray())
            changes->append(change);
        since = json.value(QStringLiteral("next")).toInteger(since);
        if (!json.value(QStringLiteral("more")).toBool())
            break;
    }
    return clock.elapsed();
}

int countRows(const Session& session, const QString& sql)
{
    QSqlQuery q(session.database().sql());
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

bool benchPull(QNetworkAccessManager& network, int changeCount, QJsonArray* sample)
{
    const char* part = "pull";
    QTemporaryDir root(QDir::tempPath() + QStringLiteral("/acorn-bench-sync-XXXXXX"));
    if (!root.isValid())
        return fail(part, QStringLiteral("no temporary folder"));
    QString code, error;
    AcornServer server(root.filePath(QStringLiteral("server")));
    if (!server.createSetting(&code, &error) || !server.start(&error))
        return fail(part, error);

    JournalFixture f;
    if (!f.isValid())
        return fail(part, QStringLiteral("could not set up the nursery"));
    QString codeForB;
    qint64 fixtureChanges = 0;
    {
        auto mabel = f.signIn(QStringLiteral("mabel"));
        if (auto enrolled = SyncClient::enrol(*mabel, network, server.url(), code, QStringLiteral("Office laptop"));
            !enrolled)
            return fail(part, enrolled.errorMessage());
        SyncClient a(*mabel, network);
        if (!syncRound(a, 120000))
            return fail(part, QStringLiteral("first sync: ") + a.lastError());
        fixtureChanges = SyncClient::link(*mabel).value().cursor;
        auto next = SyncClient::createEnrolmentCode(*mabel, network);
        if (!next)
            return fail(part, next.errorMessage());
        codeForB = next.value();
    }
    // Device B: the nursery's files as they are now (before the changes below), as a second laptop is set up.
    const DataDir bDir(root.filePath(QStringLiteral("device-b")));
    if (!copyTree(f.nursery().dataDir().path(), bDir.path()))
        return fail(part, QStringLiteral("could not copy the data folder"));

    // Device A writes the changes: observations, and comments on them until the server will hold `changeCount`.
    const int newChanges = changeCount - int(fixtureChanges);
    int commentCount = 0;
    QElapsedTimer prep;
    prep.start();
    {
        auto mabel = f.signIn(QStringLiteral("mabel"));
        Observations observations(*mabel);
        Comments comments(*mabel);
        Outbox outbox(mabel->database());
        QStringList observationIds;
        {
            Transaction t(mabel->database());
            for (int i = 0; i < 100; ++i) {
                auto draft = observations.createDraft({f.ava}, mabel->clock().now());
                if (!draft)
                    return fail(part, draft.errorMessage());
                Observation o = draft.value();
                o.text = QStringLiteral("Ava counted the conkers in the tray, morning %1.").arg(i);
                if (auto saved = observations.saveDraft(o); !saved)
                    return fail(part, saved.errorMessage());
                if (auto submitted = observations.submit(o.id); !submitted)
                    return fail(part, submitted.errorMessage());
                observationIds << o.id;
            }
            if (auto ok = t.commit(); !ok)
                return fail(part, ok.errorMessage());
        }
        int pending = outbox.pendingCount();
        while (pending < newChanges && !interrupted()) {
            Transaction t(mabel->database());
            for (int i = 0; i < 500 && pending < newChanges; ++i, ++pending, ++commentCount) {
                if (auto added = comments.add(
                        observationIds.at(commentCount % observationIds.size()),
                        QStringLiteral("She got to twelve on her own, then started again. %1").arg(commentCount));
                    !added)
                    return fail(part, added.errorMessage());
            }
            if (auto ok = t.commit(); !ok)
                return fail(part, ok.errorMessage());
        }
        if (interrupted())
            return fail(part, QStringLiteral("interrupted"));
        if (outbox.pendingCount() != newChanges)
            return fail(part, QStringLiteral("%1 changes waiting, not %2").arg(outbox.pendingCount()).arg(newChanges));
        SyncClient a(*mabel, network);
        if (!syncRound(a, 600000))
            return fail(part, QStringLiteral("populating: ") + a.lastError());
        if (outbox.pendingCount() != 0 || SyncClient::link(*mabel).value().cursor != changeCount)
            return fail(part,
                        QStringLiteral("the server holds %1 changes, not %2")
                            .arg(SyncClient::link(*mabel).value().cursor)
                            .arg(changeCount));
    }
    const double prepSeconds = prep.elapsed() / 1000.0;

    // B: its own device id, never synced (cursor 0, no known revisions), enrolled with the code A made.
    {
        auto b = Session::signIn(bDir, QStringLiteral("mabel"), JournalFixture::password(), f.nursery().clock());
        if (!b)
            return fail(part, b.errorMessage());
        QSqlQuery q(b.value()->database().sql());
        if (!q.exec(QStringLiteral(
                "UPDATE device_state SET value = '0000000b-0000-4000-8000-000000000000' WHERE key = 'device_id'"))
            || !q.exec(QStringLiteral("DELETE FROM device_state WHERE key LIKE 'sync.%'"))
            || !q.exec(QStringLiteral("DELETE FROM sync_known")))
            return fail(part, QStringLiteral("could not reset device B"));
        b.value()->end(Session::EndReason::SignOut);
    }
    auto b = Session::signIn(bDir, QStringLiteral("mabel"), JournalFixture::password(), f.nursery().clock());
    if (!b)
        return fail(part, b.errorMessage());
    Session& sb = *b.value();
    if (auto enrolled = SyncClient::enrol(sb, network, server.url(), codeForB, QStringLiteral("Seedlings tablet"));
        !enrolled)
        return fail(part, enrolled.errorMessage());
    const auto link = SyncClient::link(sb).value();
    if (link.cursor != 0 || countRows(sb, QStringLiteral("SELECT count(*) FROM sync_known")) != 0)
        return fail(part, QStringLiteral("device B is not fresh"));
    const int commentsBefore = countRows(sb, QStringLiteral("SELECT count(*) FROM comments"));

    // Baseline: the same pages over plain HTTP, JSON parsed, nothing applied (after one untimed warm-up fetch, so
    // that both the baseline and the client find the server's pages cached alike).
    int pages = 0;
    QJsonArray warm, changes;
    if (!rawPull(network, server, link.credential.toLatin1(), &warm, &pages))
        return fail(part, QStringLiteral("raw pull failed"));
    const auto rawMs = rawPull(network, server, link.credential.toLatin1(), &changes, &pages);
    if (!rawMs || changes.size() != changeCount)
        return fail(part, QStringLiteral("raw pull got %1 changes, not %2").arg(changes.size()).arg(changeCount));

    SyncClient client(sb, network);
    QElapsedTimer clock;
    qint64 pullMs = -1;
    clock.start();
    if (!syncRound(client, 600000, &clock, &pullMs))
        return fail(part, QStringLiteral("sync: ") + client.lastError());
    const int commentsAfter = countRows(sb, QStringLiteral("SELECT count(*) FROM comments"));
    if (SyncClient::link(sb).value().cursor != changeCount || commentsAfter - commentsBefore != commentCount)
        return fail(part,
                    QStringLiteral("device B is at %1 with %2 new comments, not %3 with %4")
                        .arg(SyncClient::link(sb).value().cursor)
                        .arg(commentsAfter - commentsBefore)
                        .arg(changeCount)
                        .arg(commentCount));
    sb.end(Session::EndReason::SignOut);

    for (int i = 0; i < RpsChanges && i < changes.size(); ++i)
        sample->append(changes.at(i));

    std::printf("bench_sync: pull %d changes (%d comments, 100 observations, %lld of the "
                "nursery's own rows; populated in %.0f s) into a fresh second device, %d pages of %d: SyncClient "
                "%.2f s (goal < 2 s) vs the same pages over plain HTTP with JSON parsed, nothing applied %.2f s; "
                "ratio %.1fx\n",
                changeCount, commentCount, fixtureChanges, prepSeconds, pages, SyncClient::PullLimit, pullMs / 1000.0,
                *rawMs / 1000.0, double(pullMs) / double(std::max<qint64>(1, *rawMs)));
    std::fflush(stdout);
    return true;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Pull requests per second under wrk, SQLite against PostgreSQL.

// PgTestCluster, and its postmaster reaped once stopped: pg_ctl leaves the postmaster an orphan, and this process is
// the subreaper (main()), so that it does not stay behind as a zombie of an init that reaps nothing.
struct ReapedPgCluster
{
    PgTestCluster pg;
    pid_t postmaster = 0;

    ~ReapedPgCluster() { stop(); }
    bool start(QString* error)
    {
        if (!pg.start(error))
            return false;
        QFile pidFile(QFileInfo(pg.socketDir()).dir().filePath(QStringLiteral("data/postmaster.pid")));
        if (pidFile.open(QIODevice::ReadOnly))
            postmaster = pid_t(pidFile.readLine().trimmed().toLongLong());
        return true;
    }
    void stop()
    {
        pg.stop();
        if (postmaster <= 0)
            return;
        for (int i = 0; i < 100; ++i) {
            const pid_t reaped = ::waitpid(postmaster, nullptr, WNOHANG);
            if (reaped == postmaster || (reaped < 0 && errno == ECHILD))
                break;
            QThread::msleep(50);
        }
        postmaster = 0;
    }
};

bool benchRps(QNetworkAccessManager& network, const QJsonArray& sample)
{
    const char* part = "rps";
    const QString wrk = QStandardPaths::findExecutable(QStringLiteral("wrk"));
    if (wrk.isEmpty())
        return fail(part, QStringLiteral("wrk is not installed (scripts/bootstrap)"));
    if (sample.size() < 500)
        return fail(part, QStringLiteral("no changes from the pull benchmark to load"));
    QTemporaryDir root(QDir::tempPath() + QStringLiteral("/acorn-bench-sync-XXXXXX"));
    if (!root.isValid())
        return fail(part, QStringLiteral("no temporary folder"));
    QString error;
    ReapedPgCluster cluster;
    PgTestCluster& pg = cluster.pg;
    if (!cluster.start(&error) || !pg.createDatabase(QStringLiteral("acorn_bench"), &error))
        return fail(part, QStringLiteral("PostgreSQL: ") + error);

    double rps[2] = {0, 0};
    const char* names[2] = {"sqlite", "postgresql"};
    for (int backend = 0; backend < 2; ++backend) {
        AcornServer server(root.filePath(QLatin1String(names[backend])));
        if (backend == 1)
            server.setDatabase(pg.url(QStringLiteral("acorn_bench")));
        QString code;
        if (!server.createSetting(&code, &error) || !server.start(&error))
            return fail(part, error);
        const auto enrolled = http(network, "POST", server.url(QStringLiteral("/api/v1/devices/enrol")),
                                   QJsonDocument(QJsonObject {{QStringLiteral("code"), code},
                                                              {QStringLiteral("device_id"), Ids::newId()},
                                                              {QStringLiteral("device_name"), QStringLiteral("wrk")}})
                                       .toJson(QJsonDocument::Compact));
        const QByteArray credential = enrolled.json().value(QStringLiteral("credential")).toString().toLatin1();
        if (enrolled.status != 201 || credential.isEmpty())
            return fail(part, QStringLiteral("enrol on %1: %2").arg(names[backend]).arg(enrolled.status));
        // The same changes on both, pushed as one device would (each row's revisions in order).
        QHash<QString, int> revisions;
        for (int start = 0; start < sample.size(); start += 500) {
            QJsonArray batch;
            for (int i = start; i < sample.size() && i < start + 500; ++i) {
                const QJsonObject c = sample.at(i).toObject();
                const QString key = c.value(QStringLiteral("entity")).toString() + QLatin1Char('/')
                    + c.value(QStringLiteral("id")).toString();
                const int base = revisions.value(key, 0);
                revisions.insert(key, base + 1);
                batch.append(QJsonObject {{QStringLiteral("device_seq"), i + 1},
                                          {QStringLiteral("entity"), c.value(QStringLiteral("entity"))},
                                          {QStringLiteral("id"), c.value(QStringLiteral("id"))},
                                          {QStringLiteral("base_revision"), base},
                                          {QStringLiteral("revision"), base + 1},
                                          {QStringLiteral("deleted"), c.value(QStringLiteral("deleted"))},
                                          {QStringLiteral("data"), c.value(QStringLiteral("data"))}});
            }
            const auto pushed = http(network, "POST", server.url(QStringLiteral("/api/v1/sync/push")),
                                     QJsonDocument(QJsonObject {{QStringLiteral("batch_id"), Ids::newId()},
                                                                {QStringLiteral("changes"), batch}})
                                         .toJson(QJsonDocument::Compact),
                                     credential);
            if (pushed.status != 200)
                return fail(part,
                            QStringLiteral("push to %1: %2 %3")
                                .arg(names[backend])
                                .arg(pushed.status)
                                .arg(QString::fromUtf8(pushed.body.left(300))));
            for (const QJsonValue& r : pushed.json().value(QStringLiteral("results")).toArray())
                if (r.toObject().value(QStringLiteral("status")).toString() != QLatin1String("applied"))
                    return fail(part,
                                QStringLiteral("push to %1: %2")
                                    .arg(names[backend])
                                    .arg(QString::fromUtf8(QJsonDocument(r.toObject()).toJson())));
        }
        const QUrl url = server.url(QStringLiteral("/api/v1/sync/pull?since=0&limit=500"));
        const auto check = http(network, "GET", url, {}, credential);
        if (check.status != 200 || check.json().value(QStringLiteral("changes")).toArray().size() != 500)
            return fail(part, QStringLiteral("pull on %1 answered %2").arg(names[backend]).arg(check.status));
        if (const auto warm
            = runWrk(wrk, url, QStringLiteral("Authorization: Bearer ") + QString::fromLatin1(credential), 1);
            !warm.error.isEmpty())
            return fail(part, warm.error);
        const auto measured
            = runWrk(wrk, url, QStringLiteral("Authorization: Bearer ") + QString::fromLatin1(credential), 5);
        if (!measured.error.isEmpty())
            return fail(part, measured.error);
        rps[backend] = measured.rps;
        server.stop();
        if (interrupted())
            return fail(part, QStringLiteral("interrupted"));
    }
    cluster.stop();

    std::printf("bench_sync: GET /api/v1/sync/pull?since=0&limit=500 over %d changes, wrk 2 threads 16 connections "
                "5 s: SQLite %.0f requests/s vs PostgreSQL 15 %.0f requests/s; ratio SQLite/PostgreSQL %.2f\n",
                int(sample.size()), rps[0], rps[1], rps[0] / std::max(1.0, rps[1]));
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("acorn.*.info=false"));
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGHUP, onSignal);
    std::signal(SIGPIPE, SIG_IGN);
    ::prctl(PR_SET_CHILD_SUBREAPER, 1); // see ReapedPgCluster
    if (!QFileInfo(AcornServer::binary()).isExecutable()) {
        std::printf("bench_sync: acorn-server not built at %s (set ACORN_BINARY_DIR)\n",
                    qUtf8Printable(AcornServer::binary()));
        return 1;
    }
    QNetworkAccessManager network;
    bool ok = benchPush(network, envInt("ACORN_BENCH_SYNC_PHOTOS", DefaultPhotos));
    QJsonArray sample;
    if (!interrupted())
        ok = benchPull(network, envInt("ACORN_BENCH_SYNC_CHANGES", DefaultChanges), &sample) && ok;
    if (!interrupted())
        ok = benchRps(network, sample) && ok;
    return ok && !interrupted() ? 0 : 1;
}
