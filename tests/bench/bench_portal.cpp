// The parent portal's journal page at nursery scale: a child with 500 published observations (every fifth with a
// photo, a reply under every tenth) in a real acorn-server (SQLite), the page fetched by wrk with the parent's session
// cookie, against nginx serving a saved copy of the very same page in the same run. Prints the server's own time per
// request (from its request log), requests per second for both, and the ratio.
#include "BenchServers.h"

#include "Clock.h"
#include "ServerApp.h"
#include "demo/DemoPictures.h"
#include "domain/Ids.h"
#include "media/MediaUploads.h"
#include "portal/PortalAuth.h"
#include "portal/PortalServer.h"
#include "store/ServerStore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <algorithm>
#include <optional>

using namespace Acorn;
using namespace Acorn::Bench;
using namespace Acorn::Server;

namespace {

constexpr int DefaultObservations = 500;

int fail(const QString& why)
{
    std::printf("bench_portal: failed: %s%s\n", qUtf8Printable(why), interrupted() ? " (interrupted)" : "");
    std::fflush(stdout);
    return 1;
}

struct Nursery
{
    QString childId;
    QString token; // the parent's session cookie
};

QByteArray row(QJsonObject data, const QString& id, const QString& now)
{
    data.insert(QStringLiteral("id"), id);
    data.insert(QStringLiteral("created_at"), now);
    data.insert(QStringLiteral("updated_at"), now);
    data.insert(QStringLiteral("revision"), 1);
    data.insert(QStringLiteral("deleted"), 0);
    return QJsonDocument(data).toJson(QJsonDocument::Compact);
}

// The synced rows a nursery's devices would have pushed, written straight into the server's store (one transaction
// per batch, as a push), then a parent's account and session made the way the accept page makes them.
std::optional<Nursery> populate(const QString& dataDir, const QString& code, int observations, QString* error)
{
    ServerApp app(ServerOptions {dataDir});
    if (auto opened = app.open(); !opened) {
        *error = opened.errorMessage();
        return std::nullopt;
    }
    ServerStore& store = app.store();
    const QString deviceId = Ids::newId();
    auto enrolled = store.enrol(code, deviceId, QStringLiteral("Bench laptop"), QStringLiteral("c").repeated(64));
    if (!enrolled || enrolled.value().status != EnrolOutcome::Status::Enrolled) {
        *error = QStringLiteral("enrolment failed");
        return std::nullopt;
    }
    const QString setting = enrolled.value().settingId;
    const QString now = Ids::toIso(QDateTime::currentDateTimeUtc());
    Nursery n;
    n.childId = Ids::newId();
    const QString other = Ids::newId();
    const QString guardian = Ids::newId();
    QList<ServerChange> batch;
    const auto flush = [&] {
        if (batch.isEmpty())
            return true;
        auto written = store.writeServerChanges(setting, deviceId, batch);
        batch.clear();
        return written && written.value();
    };
    batch << ServerChange {
        QStringLiteral("child"), n.childId, 0, false,
        row({{"first_name", "Ava"}, {"last_name", "Benchling"}, {"photo_consent", "yes"}}, n.childId, now)};
    batch << ServerChange {
        QStringLiteral("child"), other, 0, false,
        row({{"first_name", "Ben"}, {"last_name", "Benchling"}, {"photo_consent", "no"}}, other, now)};
    batch << ServerChange {QStringLiteral("guardian"), guardian, 0, false,
                           row({{"name", "Rosa Benchparent"},
                                {"agreement_version", 1},
                                {"children", QJsonArray {QJsonObject {{"child_id", n.childId}, {"deleted", 0}}}}},
                               guardian, now)};
    const QByteArray photo = DemoPictures::make(2, 5, 640, 480);
    const QString photoSha
        = QString::fromLatin1(QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toBase64());
    for (int i = 0; i < observations && !interrupted(); ++i) {
        const QString id = Ids::newId();
        const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-3600LL * i);
        batch << ServerChange {
            QStringLiteral("observation"), id, 0, false,
            row({{"observed_at", Ids::toIso(at)},
                 {"text",
                  QStringLiteral("Ava explored the sand tray and poured sand between cups of different sizes, "
                                 "talking about full and empty. Morning %1.")
                      .arg(i)},
                 {"next_steps", QStringLiteral("Offer jugs and funnels.")},
                 {"status", "published"},
                 {"staff_only", 0},
                 {"author_guardian_id", QJsonValue::Null},
                 {"children", QJsonArray {i % 7 == 0 ? QJsonValue(other) : QJsonValue(n.childId)}}},
                id, now)};
        if (i % 5 == 0) {
            const QString media = Ids::newId();
            if (app.media().storeWhole(DeviceIdentity {deviceId, setting}, media, photo).kind
                != MediaUploads::Outcome::Kind::Ok) {
                *error = QStringLiteral("could not store a photo");
                return std::nullopt;
            }
            batch << ServerChange {QStringLiteral("media_item"), media, 0, false,
                                   row({{"observation_id", id},
                                        {"kind", "photo"},
                                        {"sha256", photoSha},
                                        {"size", photo.size()},
                                        {"width", 640},
                                        {"height", 480},
                                        {"children", QJsonArray {n.childId}}},
                                       media, now)};
        }
        if (i % 10 == 0) {
            const QString comment = Ids::newId();
            batch << ServerChange {QStringLiteral("comment"), comment, 0, false,
                                   row({{"observation_id", id},
                                        {"author_guardian_id", guardian},
                                        {"text", QStringLiteral("She loves sand at the beach too!")}},
                                       comment, now)};
        }
        if (batch.size() >= 200 && !flush()) {
            *error = QStringLiteral("could not write rows");
            return std::nullopt;
        }
    }
    if (!flush()) {
        *error = QStringLiteral("could not write rows");
        return std::nullopt;
    }
    PortalAuth auth(store, Clock::system());
    auto invitation = auth.invite(DeviceIdentity {deviceId, setting}, guardian, {n.childId});
    if (!invitation) {
        *error = invitation.errorMessage();
        return std::nullopt;
    }
    auto signedIn = auth.accept(invitation.value().code, QStringLiteral("rosa@example.invalid"),
                                QStringLiteral("kettle orchard lantern sparrow"), {});
    if (!signedIn) {
        *error = signedIn.errorMessage();
        return std::nullopt;
    }
    n.token = signedIn.value().token;
    return n;
}

// The mean of duration_ms over the log lines of one route (the server's own time per request).
std::optional<double> meanServerMs(const QString& logPath, const QString& route, int* count)
{
    QFile log(logPath);
    if (!log.open(QIODevice::ReadOnly))
        return std::nullopt;
    double total = 0;
    *count = 0;
    while (!log.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(log.readLine()).object();
        if (line.value(QStringLiteral("route")).toString() == route
            && line.value(QStringLiteral("status")).toInt() == 200) {
            total += line.value(QStringLiteral("duration_ms")).toDouble();
            ++*count;
        }
    }
    return *count > 0 ? std::optional<double>(total / *count) : std::nullopt;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("acorn.*.info=false"));
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGPIPE, SIG_IGN);
    const QString wrk = QStandardPaths::findExecutable(QStringLiteral("wrk"));
    if (wrk.isEmpty())
        return fail(QStringLiteral("wrk is not installed (scripts/bootstrap)"));
    const int observations = envInt("ACORN_BENCH_PORTAL_OBSERVATIONS", DefaultObservations);
    QTemporaryDir root(QDir::tempPath() + QStringLiteral("/acorn-bench-portal-XXXXXX"));
    AcornServer server(root.filePath(QStringLiteral("server")));
    QString code, error;
    if (!server.createSetting(&code, &error))
        return fail(error);
    QElapsedTimer prep;
    prep.start();
    const auto nursery = populate(server.dataDir(), code, observations, &error);
    if (!nursery)
        return fail(error);
    if (!server.start(&error))
        return fail(error);
    const QString cookie = QString::fromLatin1(PortalServer::CookieName) + QLatin1Char('=') + nursery->token;
    const QUrl page = server.url(QStringLiteral("/portal/journal?child=") + nursery->childId);

    // The page as the parent's browser gets it, saved for nginx.
    QNetworkAccessManager network;
    QNetworkRequest request(page);
    request.setRawHeader("Cookie", cookie.toLatin1());
    QNetworkReply* reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    runLoop(loop, 30000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray html = reply->readAll();
    reply->deleteLater();
    if (status != 200 || !html.contains("Ava explored the sand tray"))
        return fail(QStringLiteral("the journal page answered %1").arg(status));
    const int entries = int(html.count("<article"));
    Nginx nginx(root.filePath(QStringLiteral("nginx")));
    if (!nginx.start(&error))
        return fail(error);
    QDir().mkpath(QFileInfo(nginx.storedFile(QStringLiteral("journal.html"))).absolutePath());
    QFile copy(nginx.storedFile(QStringLiteral("journal.html")));
    if (!copy.open(QIODevice::WriteOnly) || copy.write(html) != html.size())
        return fail(QStringLiteral("could not save the page for nginx"));
    copy.close();

    // Warm both, then measure each for 5 seconds.
    const auto warm = runWrk(wrk, page, QStringLiteral("Cookie: ") + cookie, 1);
    if (!warm.error.isEmpty())
        return fail(warm.error);
    const auto portal = runWrk(wrk, page, QStringLiteral("Cookie: ") + cookie, 5);
    if (!portal.error.isEmpty())
        return fail(portal.error);
    (void)runWrk(wrk, nginx.url(QStringLiteral("/upload/journal.html")), {}, 1);
    const auto saved = runWrk(wrk, nginx.url(QStringLiteral("/upload/journal.html")), {}, 5);
    if (!saved.error.isEmpty())
        return fail(saved.error);
    server.stop();
    int logged = 0;
    const auto serverMs = meanServerMs(server.logPath(), QStringLiteral("/portal/journal"), &logged);
    if (!serverMs)
        return fail(QStringLiteral("no journal requests in the server's log"));

    std::printf(
        "bench_portal: journal page of a child with %d observations (%d published to this child's journal, %d "
        "on the first page, %.0f KB; populated in %.1f s) from acorn-server (SQLite) with the parent's session, "
        "wrk 2 threads 16 connections 5 s: %.0f requests/s, %.1f ms average latency, server time %.2f ms per "
        "request (%d requests logged) vs nginx serving a saved copy of the same page %.0f requests/s (%.2f ms); "
        "ratio %.3f (portal/nginx)\n",
        observations, observations - (observations + 6) / 7, entries, html.size() / 1024.0, prep.elapsed() / 1000.0,
        portal.rps, portal.latencyMs, *serverMs, logged, saved.rps, saved.latencyMs, portal.rps / saved.rps);
    std::fflush(stdout);
    return interrupted() ? 1 : 0;
}
