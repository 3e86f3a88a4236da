#include "portal/PortalServer.h"

#include "Clock.h"
#include "ServerLogging.h"
#include "crypto/Sha256.h"
#include "domain/Ids.h"
#include "http/ByteRange.h"
#include "http/FormData.h"
#include "media/ImageSanitizer.h"
#include "media/MediaUploads.h"
#include "media/Mp4Metadata.h"
#include "store/ServerStore.h"
#include "sync/SyncEntities.h"
#include "sync/SyncTypes.h"

#include <QBuffer>
#include <QFile>
#include <QHttpServerRequest>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QPainter>
#include <QRegularExpression>
#include <QThreadPool>
#include <QUrlQuery>

#include <sodium.h>

#include <cmath>

namespace Acorn::Server {

namespace {
QString esc(const QString& text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\''), QLatin1String("&#39;"));
}

QByteArray headerOf(const QHttpServerRequest& request, const QByteArray& name)
{
    for (const auto& [key, value] : request.headers())
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QString when(const QDateTime& time)
{
    return QLocale(QLocale::English, QLocale::UnitedKingdom)
        .toString(time.toLocalTime(), QStringLiteral("dddd d MMMM yyyy"));
}

// What a file is, from its first bytes (never from its name or the browser's word).
QByteArray sniff(const QByteArray& head)
{
    if (head.startsWith("\xFF\xD8\xFF"))
        return "image/jpeg";
    if (head.startsWith("\x89PNG\r\n\x1a\n"))
        return "image/png";
    if (head.startsWith("\x1A\x45\xDF\xA3"))
        return "video/webm";
    if (head.size() >= 12 && head.mid(4, 4) == "ftyp")
        return "video/mp4";
    if (head.startsWith("OggS"))
        return "audio/ogg";
    return {};
}

// Bytes after the end of the picture (a JPEG's last EOI marker, a PNG's IEND chunk): how polyglot files smuggle an
// archive or a script inside something that decodes as an image. Such a file is refused rather than cleaned.
bool hasTrailingData(const QByteArray& bytes, const QByteArray& type)
{
    if (type == "image/jpeg") {
        const qsizetype eoi = bytes.lastIndexOf("\xFF\xD9");
        return eoi < 0 || bytes.size() - (eoi + 2) > 16;
    }
    if (type == "image/png") {
        const qsizetype iend = bytes.lastIndexOf("IEND");
        return iend < 0 || bytes.size() - (iend + 8) > 0;
    }
    return false;
}

QString mediaKind(const QByteArray& type)
{
    if (type.startsWith("image/"))
        return QStringLiteral("photo");
    if (type.startsWith("video/"))
        return QStringLiteral("video");
    return QStringLiteral("audio");
}
} // namespace

struct PortalServer::Request
{
    const QHttpServerRequest& http;
    QByteArray method;
    QString path;
    QStringList params; // ids in the path
    QUrlQuery query;
    QString token; // from the cookie
    std::optional<PortalSession> session;
    GuardianIdentity guardian;
    QHash<QString, QString> form; // urlencoded POST fields
    QString nurseryName; // for the page header, once the setting is known

    QString field(const QString& name) const { return form.value(name); }
};

PortalServer::PortalServer(ServerStore& store, MediaUploads& media, const Mailer& mailer, const Clock& clock)
    : m_store(store)
    , m_media(media)
    , m_mailer(mailer)
    , m_clock(clock)
    , m_auth(store, clock)
    , m_journal(store, clock)
    , m_records(store, clock)
    , m_linkKey(crypto_auth_hmacsha256_KEYBYTES, '\0')
{
    randombytes_buf(m_linkKey.data(), std::size_t(m_linkKey.size()));
}

bool PortalServer::handles(const QString& path)
{
    return path == QLatin1String("/portal") || path.startsWith(QLatin1String("/portal/"));
}

qint64 PortalServer::bodyLimit(const QByteArray& method, const QByteArray& path)
{
    if (method == "POST" && path == "/portal/add")
        return MaxUploadRequest;
    if (method == "PUT" && path.startsWith("/portal/uploads/"))
        return Limits::MediaChunk;
    return MaxFormRequest;
}

// --- plumbing --------------------------------------------------------------------------------------------------------

ApiReply PortalServer::handle(const QHttpServerRequest& http, QString* route)
{
    Request r {http, {}, http.url().path(), {}, QUrlQuery(http.url()), {}, std::nullopt, {}, {}, {}};
    switch (http.method()) {
    case QHttpServerRequest::Method::Get:
        r.method = "GET";
        break;
    case QHttpServerRequest::Method::Post:
        r.method = "POST";
        break;
    case QHttpServerRequest::Method::Put:
        r.method = "PUT";
        break;
    default:
        r.method = "OTHER";
        break;
    }
    r.token = FormData::cookies(headerOf(http, "Cookie")).value(QString::fromLatin1(CookieName));
    const QByteArray contentType = headerOf(http, "Content-Type");
    if (r.method == "POST" && contentType.startsWith("application/x-www-form-urlencoded"))
        r.form = FormData::urlEncoded(http.body());
    ApiReply reply = dispatch(r, route);
    // Every portal answer: no framing, no sniffing, no referrer, scripts and styles from here only.
    reply.headers.append({QByteArrayLiteral("Content-Security-Policy"),
                          QByteArrayLiteral("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                            "media-src 'self'; connect-src 'self'; form-action 'self'; base-uri "
                                            "'none'; frame-ancestors 'none'")});
    reply.headers.append({QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")});
    reply.headers.append({QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY")});
    reply.headers.append({QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("same-origin")});
    reply.headers.append({QByteArrayLiteral("Cross-Origin-Opener-Policy"), QByteArrayLiteral("same-origin")});
    reply.headers.append(
        {QByteArrayLiteral("Permissions-Policy"), QByteArrayLiteral("camera=(), microphone=(), geolocation=()")});
    return reply;
}

ApiReply PortalServer::dispatch(Request& r, QString* route)
{
    struct Route
    {
        const char* method;
        const char* path; // ":id" matches one segment
        Handler handler;
    };
    static const Route routes[] = {
        {"GET", "/portal", &PortalServer::home},
        {"GET", "/portal/static/:id", &PortalServer::asset},
        {"GET", "/portal/sign-in", &PortalServer::signInPage},
        {"POST", "/portal/sign-in", &PortalServer::signIn},
        {"GET", "/portal/accept", &PortalServer::acceptPage},
        {"POST", "/portal/accept", &PortalServer::accept},
        {"GET", "/portal/agreement", &PortalServer::agreementPage},
        {"POST", "/portal/agreement", &PortalServer::signAgreement},
        {"GET", "/portal/consent", &PortalServer::consentPage},
        {"POST", "/portal/consent", &PortalServer::recordConsent},
        {"GET", "/portal/journal", &PortalServer::journalPage},
        {"POST", "/portal/reply", &PortalServer::reply},
        {"GET", "/portal/add", &PortalServer::addPage},
        {"POST", "/portal/add", &PortalServer::add},
        {"GET", "/portal/mine", &PortalServer::minePage},
        {"GET", "/portal/media/:id", &PortalServer::mediaFile},
        {"POST", "/portal/uploads", &PortalServer::startUpload},
        {"GET", "/portal/uploads/:id", &PortalServer::uploadStatus},
        {"PUT", "/portal/uploads/:id/chunks/:id", &PortalServer::uploadChunk},
        {"POST", "/portal/uploads/:id/complete", &PortalServer::completeUpload},
        {"GET", "/portal/forgot", &PortalServer::forgotPage},
        {"POST", "/portal/forgot", &PortalServer::forgot},
        {"GET", "/portal/sign-in/code", &PortalServer::codePage},
        {"POST", "/portal/sign-in/code", &PortalServer::code},
        {"GET", "/portal/account", &PortalServer::accountPage},
        {"GET", "/portal/account/two-factor", &PortalServer::twoFactorPage},
        {"POST", "/portal/account/two-factor", &PortalServer::enableTwoFactor},
        {"POST", "/portal/account/two-factor/off", &PortalServer::disableTwoFactor},
        {"POST", "/portal/account/password", &PortalServer::changePassword},
        {"POST", "/portal/sign-out", &PortalServer::signOut},
        {"POST", "/portal/sign-out-everywhere", &PortalServer::signOutEverywhere},
    };
    const QStringList segments = r.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    bool pathKnown = false;
    for (const Route& candidate : routes) {
        const QStringList pattern = QString::fromLatin1(candidate.path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (pattern.size() != segments.size())
            continue;
        QStringList params;
        bool match = true;
        for (int i = 0; i < pattern.size() && match; ++i) {
            if (pattern.at(i) == QLatin1String(":id"))
                params << segments.at(i);
            else
                match = pattern.at(i) == segments.at(i);
        }
        if (!match)
            continue;
        pathKnown = true;
        *route = QString::fromLatin1(candidate.path);
        if (r.method != candidate.method)
            continue;
        r.params = params;
        return (this->*candidate.handler)(r);
    }
    if (!pathKnown)
        *route = QStringLiteral("(unknown portal page)");
    if (pathKnown)
        return html(page(r, tr("Not here"), QStringLiteral("<p>%1</p>").arg(esc(tr("This page does not take that.")))),
                    405);
    return html(page(r, tr("Not found"),
                     QStringLiteral("<p>%1</p><p><a href=\"/portal\">%2</a></p>")
                         .arg(esc(tr("There is nothing at this address.")), esc(tr("Go to the journal")))),
                404);
}

ApiReply PortalServer::html(const QString& document, int status) const
{
    ApiReply reply;
    reply.status = status;
    reply.contentType = "text/html; charset=utf-8";
    reply.body = document.toUtf8();
    return reply;
}

ApiReply PortalServer::redirect(const QString& location)
{
    ApiReply reply;
    reply.status = 303;
    reply.contentType.clear();
    reply.headers.append({QByteArrayLiteral("Location"), location.toUtf8()});
    return reply;
}

ApiReply PortalServer::sessionCookie(ApiReply reply, const QString& token) const
{
    const QByteArray value = token.isEmpty()
        ? CookieName + "=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0"
        : CookieName + '=' + token.toLatin1() + "; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age="
            + QByteArray::number(PortalAuth::SessionHours * 3600);
    reply.headers.append({QByteArrayLiteral("Set-Cookie"), value});
    return reply;
}

std::optional<ApiReply> PortalServer::requireSession(Request& r)
{
    if (r.session)
        return std::nullopt;
    auto session = m_auth.session(r.token);
    if (!session) {
        if (session.code() == Error::Code::PermissionDenied)
            return sessionCookie(redirect(QStringLiteral("/portal/sign-in")), QString());
        return failurePage(r, session.error());
    }
    if (session.value().pendingSecondFactor && r.path != QLatin1String("/portal/sign-in/code")
        && r.path != QLatin1String("/portal/sign-out"))
        return redirect(QStringLiteral("/portal/sign-in/code"));
    r.session = session.value();
    r.guardian = {session.value().settingId, session.value().guardianId};
    r.nurseryName = nurseryName(r.guardian.settingId);
    return std::nullopt;
}

std::optional<ApiReply> PortalServer::requireReady(Request& r)
{
    if (auto refused = requireSession(r))
        return refused;
    auto state = m_records.state(r.guardian);
    if (!state)
        return failurePage(r, state.error());
    if (!state.value().agreementSigned)
        return redirect(QStringLiteral("/portal/agreement"));
    if (!state.value().pendingConsents.isEmpty())
        return redirect(QStringLiteral("/portal/consent"));
    if (auto settled = m_records.settleLinks(r.guardian); !settled)
        return failurePage(r, settled.error());
    return std::nullopt;
}

std::optional<ApiReply> PortalServer::checkPost(Request& r, bool needsCsrf)
{
    // A form posted from another site is refused whatever it carries. Browsers say where a form came from (Origin,
    // Sec-Fetch-Site); "null" (a sandboxed frame) or another site is refused. Programs that say neither (scripts,
    // tests) are left to the CSRF token.
    const QByteArray origin = headerOf(r.http, "Origin");
    const QByteArray host = headerOf(r.http, "Host");
    const QByteArray fetchSite = headerOf(r.http, "Sec-Fetch-Site");
    bool crossSite = origin == "null" || (!fetchSite.isEmpty() && fetchSite != "same-origin" && fetchSite != "none");
    if (!origin.isEmpty() && origin != "null") {
        const QUrl url(QString::fromLatin1(origin));
        const QString authority
            = url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
        crossSite = crossSite || authority != QString::fromLatin1(host);
    }
    if (crossSite)
        return html(
            page(r, tr("Refused"),
                 QStringLiteral("<p>%1</p>").arg(esc(tr("This form came from another website and was refused.")))),
            403);
    if (needsCsrf && (!r.session || !PortalAuth::csrfMatches(*r.session, r.field(QStringLiteral("csrf")))))
        return html(page(r, tr("Please try again"),
                         QStringLiteral("<p>%1</p><p><a href=\"/portal/journal\">%2</a></p>")
                             .arg(esc(tr("This form was out of date. Go back, reload the page and try again.")),
                                  esc(tr("Back to the journal")))),
                    403);
    return std::nullopt;
}

QString PortalServer::csrfField(const Request& r) const
{
    return r.session
        ? QStringLiteral("<input type=\"hidden\" name=\"csrf\" value=\"%1\">").arg(esc(r.session->csrfToken))
        : QString();
}

ApiReply PortalServer::failurePage(const Request& r, const Error& error)
{
    const bool busy = error.code == Error::Code::Io;
    qCWarning(lcServer, "portal: a page failed (%d)", int(error.code));
    return html(page(r, tr("Something went wrong"),
                     QStringLiteral("<p class=\"error\" role=\"alert\">%1</p>")
                         .arg(esc(busy ? tr("The nursery's server is busy. Please try again in a minute.")
                                       : tr("Something went wrong on the nursery's server. Please try again.")))),
                busy ? 503 : 500);
}

QString PortalServer::page(const Request& r, const QString& title, const QString& body, const QString& current) const
{
    QString nav;
    if (r.session && current == QLatin1String("setup")) {
        // Before the agreement and consent: only the way out.
        nav = QStringLiteral(
                  "<nav class=\"main\" aria-label=\"%1\"><form method=\"post\" action=\"/portal/sign-out\">%2"
                  "<button type=\"submit\">%3</button></form></nav>")
                  .arg(esc(tr("Portal")), csrfField(r), esc(tr("Sign out")));
    } else if (r.session) {
        const auto link = [&](const QString& href, const QString& key, const QString& text) {
            return QStringLiteral("<a href=\"%1\"%2>%3</a>")
                .arg(href, key == current ? QStringLiteral(" aria-current=\"page\"") : QString(), esc(text));
        };
        nav = QStringLiteral("<nav class=\"main\" aria-label=\"%1\">%2%3%4"
                             "<form method=\"post\" action=\"/portal/sign-out\">%5<button type=\"submit\">%6</button>"
                             "</form></nav>")
                  .arg(esc(tr("Portal")),
                       link(QStringLiteral("/portal/journal"), QStringLiteral("journal"), tr("Journal")),
                       link(QStringLiteral("/portal/add"), QStringLiteral("add"), tr("Add from home")),
                       link(QStringLiteral("/portal/mine"), QStringLiteral("mine"), tr("What I added"))
                           + link(QStringLiteral("/portal/account"), QStringLiteral("account"), tr("Account")),
                       csrfField(r), esc(tr("Sign out")));
    }
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                          "<meta name=\"referrer\" content=\"same-origin\">"
                          "<title>%1 — %2</title><link rel=\"stylesheet\" href=\"/portal/static/portal.css\">"
                          "<link rel=\"icon\" href=\"/portal/static/icon.svg\" type=\"image/svg+xml\">"
                          "<script src=\"/portal/static/portal.js\" defer></script></head><body>"
                          "<a class=\"skip\" href=\"#main\">%3</a>"
                          "<header class=\"top\"><div class=\"nursery\">%4</div>%5</header>"
                          "<main id=\"main\"><h1>%1</h1>%6</main></body></html>\n")
        .arg(esc(title), esc(tr("Acorn learning journal")), esc(tr("Skip to the content")),
             esc(r.nurseryName.isEmpty() ? tr("Learning journal") : tr("%1 · learning journal").arg(r.nurseryName)),
             nav, body);
}

QString PortalServer::nurseryName(const QString& settingId)
{
    auto row = m_store.entity(settingId, QStringLiteral("setting_value"),
                              SyncEntities::settingValueId(QStringLiteral("nursery.name")));
    if (!row || !row.value())
        return {};
    return QJsonDocument::fromJson(row.value()->state.data).object().value(QStringLiteral("value")).toString();
}

bool PortalServer::watermarkOn(const QString& settingId)
{
    auto row = m_store.entity(settingId, QStringLiteral("setting_value"),
                              SyncEntities::settingValueId(QStringLiteral("portal.watermark")));
    if (!row)
        return true; // unknown: mark rather than risk an unmarked photo
    if (!row.value())
        return false;
    const QString value
        = QJsonDocument::fromJson(row.value()->state.data).object().value(QStringLiteral("value")).toString();
    return value == QLatin1String("true") || value == QLatin1String("1");
}

QString PortalServer::guardianName(const GuardianIdentity& guardian)
{
    auto row = m_store.entity(guardian.settingId, QStringLiteral("guardian"), guardian.guardianId);
    if (!row || !row.value())
        return {};
    return QJsonDocument::fromJson(row.value()->state.data).object().value(QStringLiteral("name")).toString();
}

QByteArray PortalServer::watermark(const QByteArray& jpeg, const QString& name) const
{
    QImage image = QImage::fromData(jpeg, "JPEG");
    if (image.isNull())
        return {};
    image = image.convertToFormat(QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(qMax(14, qMin(image.width(), image.height()) / 14));
    font.setBold(true);
    painter.setFont(font);
    const QString text = tr("For %1 only · %2").arg(name, when(m_clock.now()));
    // Diagonal rows across the whole picture, light and faint enough to see the photo through.
    painter.translate(image.width() / 2.0, image.height() / 2.0);
    painter.rotate(-30);
    const int diagonal = int(std::hypot(image.width(), image.height()));
    const int step = font.pixelSize() * 4;
    for (int y = -diagonal / 2; y < diagonal / 2; y += step) {
        painter.setPen(QColor(0, 0, 0, 70));
        painter.drawText(QRect(-diagonal / 2 + 1, y + 1, diagonal, step), Qt::AlignCenter, text);
        painter.setPen(QColor(255, 255, 255, 110));
        painter.drawText(QRect(-diagonal / 2, y, diagonal, step), Qt::AlignCenter, text);
    }
    painter.end();
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "JPEG", 85))
        return {};
    return out;
}

QString PortalServer::mediaLink(const GuardianIdentity& guardian, const QString& childId, const QString& mediaId) const
{
    const qint64 expires = m_clock.now().toSecsSinceEpoch() + MediaLinkSeconds;
    const QByteArray message = (mediaId + QLatin1Char('|') + childId + QLatin1Char('|') + guardian.guardianId
                                + QLatin1Char('|') + QString::number(expires))
                                   .toUtf8();
    QByteArray mac(crypto_auth_hmacsha256_BYTES, '\0');
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char*>(mac.data()),
                           reinterpret_cast<const unsigned char*>(message.constData()), quint64(message.size()),
                           reinterpret_cast<const unsigned char*>(m_linkKey.constData()));
    return QStringLiteral("/portal/media/%1?c=%2&e=%3&s=%4")
        .arg(mediaId, childId, QString::number(expires),
             QString::fromLatin1(mac.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
}

// --- pages -----------------------------------------------------------------------------------------------------------

ApiReply PortalServer::home(Request& r)
{
    return redirect(m_auth.session(r.token) ? QStringLiteral("/portal/journal") : QStringLiteral("/portal/sign-in"));
}

ApiReply PortalServer::asset(Request& r)
{
    // The portal's few static files, from the binary's resources (portal/assets).
    static const QHash<QString, QByteArray> types {{QStringLiteral("portal.css"), "text/css; charset=utf-8"},
                                                   {QStringLiteral("portal.js"), "text/javascript; charset=utf-8"},
                                                   {QStringLiteral("icon.svg"), "image/svg+xml"}};
    const QString name = r.params.value(0);
    QFile file(QStringLiteral(":/acorn-server/portal/") + name);
    if (!types.contains(name) || !file.open(QIODevice::ReadOnly))
        return html(
            page(r, tr("Not found"), QStringLiteral("<p>%1</p>").arg(esc(tr("There is nothing at this address.")))),
            404);
    ApiReply reply;
    reply.contentType = types.value(name);
    reply.body = file.readAll();
    return reply;
}

ApiReply PortalServer::signInPage(Request& r)
{
    const QString message = r.query.queryItemValue(QStringLiteral("m"));
    QString notice;
    if (message == QLatin1String("out"))
        notice = QStringLiteral("<p class=\"notice\" role=\"status\">%1</p>").arg(esc(tr("You have signed out.")));
    else if (message == QLatin1String("everywhere"))
        notice = QStringLiteral("<p class=\"notice\" role=\"status\">%1</p>")
                     .arg(esc(tr("You have signed out on every phone and computer.")));
    return html(page(
        r, tr("Sign in"),
        notice
            + QStringLiteral("<form class=\"card\" method=\"post\" action=\"/portal/sign-in\">"
                             "<label for=\"email\">%1</label><input type=\"email\" id=\"email\" "
                             "name=\"email\" autocomplete=\"username\" required>"
                             "<label for=\"password\">%2</label><input type=\"password\" id=\"password\" "
                             "name=\"password\" autocomplete=\"current-password\" required>"
                             "<button class=\"primary\" type=\"submit\">%3</button></form>"
                             "<p>%4 <a href=\"/portal/accept\">%5</a></p>")
                  .arg(esc(tr("E-mail address")), esc(tr("Password")), esc(tr("Sign in")),
                       esc(tr("Invited by the nursery?")), esc(tr("Start here with your code")))
            + QStringLiteral("<p><a href=\"/portal/forgot\">%1</a></p>").arg(esc(tr("Forgotten your password?")))));
}

ApiReply PortalServer::signIn(Request& r)
{
    if (auto refused = checkPost(r, false))
        return *refused;
    auto signedIn = m_auth.signIn(r.field(QStringLiteral("email")), r.field(QStringLiteral("password")));
    if (!signedIn) {
        if (signedIn.code() != Error::Code::WrongPassword && signedIn.code() != Error::Code::Throttled)
            return failurePage(r, signedIn.error());
        return html(
            page(r, tr("Sign in"),
                 QStringLiteral("<p class=\"error\" role=\"alert\">%1</p><p><a href=\"/portal/sign-in\">%2</a></p>")
                     .arg(esc(signedIn.errorMessage()), esc(tr("Try again")))),
            signedIn.code() == Error::Code::Throttled ? 429 : 401);
    }
    // The old session (if any) ends; a new token every sign-in.
    m_auth.signOut(r.token);
    return sessionCookie(redirect(signedIn.value().session.pendingSecondFactor ? QStringLiteral("/portal/sign-in/code")
                                                                               : QStringLiteral("/portal/journal")),
                         signedIn.value().token);
}

ApiReply PortalServer::acceptPage(Request& r)
{
    const QString code = r.query.queryItemValue(QStringLiteral("code"));
    if (code.isEmpty())
        return html(page(r, tr("Your invitation"),
                         QStringLiteral("<form class=\"card\" method=\"get\" action=\"/portal/accept\">"
                                        "<label for=\"code\">%1</label><input type=\"text\" id=\"code\" name=\"code\" "
                                        "autocomplete=\"one-time-code\" autocapitalize=\"characters\" required>"
                                        "<p class=\"hint\">%2</p><button class=\"primary\" type=\"submit\">%3</button>"
                                        "</form>")
                             .arg(esc(tr("The code from the nursery's letter or e-mail")),
                                  esc(tr("It looks like ABCD-EFGH-JKLM.")), esc(tr("Continue")))));
    auto invitation = m_auth.findInvitation(code);
    if (invitation)
        r.nurseryName = nurseryName(invitation.value().settingId);
    if (!invitation) {
        if (invitation.code() != Error::Code::NotFound)
            return failurePage(r, invitation.error());
        return html(
            page(r, tr("Your invitation"),
                 QStringLiteral("<p class=\"error\" role=\"alert\">%1</p>").arg(esc(invitation.errorMessage()))),
            404);
    }
    return html(
        page(r, tr("Set up your account"),
             QStringLiteral(
                 "<p>%1</p><form class=\"card\" method=\"post\" action=\"/portal/accept\">"
                 "<input type=\"hidden\" name=\"code\" value=\"%2\">"
                 "<label for=\"email\">%3</label><input type=\"email\" id=\"email\" name=\"email\" "
                 "autocomplete=\"username\" required>"
                 "<label for=\"password\">%4</label><input type=\"password\" id=\"password\" name=\"password\" "
                 "autocomplete=\"new-password\" minlength=\"12\" required aria-describedby=\"pw-hint\">"
                 "<p class=\"hint\" id=\"pw-hint\">%5</p>"
                 "<label for=\"password2\">%6</label><input type=\"password\" id=\"password2\" name=\"password2\" "
                 "autocomplete=\"new-password\" required>"
                 "<button class=\"primary\" type=\"submit\">%7</button></form>")
                 .arg(esc(tr("Choose the e-mail address you will sign in with and a password only you know.")),
                      esc(code), esc(tr("E-mail address")), esc(tr("New password")),
                      esc(tr("At least 12 characters. A few unrelated words make a strong, memorable password. Common "
                             "passwords are refused.")),
                      esc(tr("The same password again")), esc(tr("Continue")))));
}

ApiReply PortalServer::accept(Request& r)
{
    if (auto refused = checkPost(r, false))
        return *refused;
    const QString code = r.field(QStringLiteral("code"));
    const auto again = [&](const QString& message, int status) {
        return html(
            page(r, tr("Set up your account"),
                 QStringLiteral("<p class=\"error\" role=\"alert\">%1</p><p><a href=\"/portal/accept?code=%2\">%3"
                                "</a></p>")
                     .arg(esc(message), esc(QString::fromLatin1(QUrl::toPercentEncoding(code))), esc(tr("Try again")))),
            status);
    };
    if (r.field(QStringLiteral("password")) != r.field(QStringLiteral("password2")))
        return again(tr("The two passwords are not the same."), 400);
    auto invitation = m_auth.findInvitation(code);
    QString name;
    if (invitation) {
        if (auto g
            = m_store.entity(invitation.value().settingId, QStringLiteral("guardian"), invitation.value().guardianId);
            g && g.value())
            name = QJsonDocument::fromJson(g.value()->state.data).object().value(QStringLiteral("name")).toString();
    }
    auto signedIn = m_auth.accept(code, r.field(QStringLiteral("email")), r.field(QStringLiteral("password")), name);
    if (!signedIn) {
        if (signedIn.code() == Error::Code::Io || signedIn.code() == Error::Code::Internal)
            return failurePage(r, signedIn.error());
        return again(signedIn.errorMessage(), signedIn.code() == Error::Code::NotFound ? 404 : 400);
    }
    m_auth.signOut(r.token);
    return sessionCookie(redirect(QStringLiteral("/portal/agreement")), signedIn.value().token);
}

ApiReply PortalServer::agreementPage(Request& r)
{
    if (auto refused = requireSession(r))
        return *refused;
    auto state = m_records.state(r.guardian);
    if (!state)
        return failurePage(r, state.error());
    if (state.value().agreementSigned)
        return redirect(QStringLiteral("/portal/journal"));
    QString text;
    for (const QString& paragraph : state.value().agreement.text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts))
        text += QStringLiteral("<p class=\"text\">%1</p>").arg(esc(paragraph.trimmed()));
    return html(page(
        r, tr("Before you start: the agreement"),
        QStringLiteral(
            "<p>%1</p><section class=\"card agreement\" aria-label=\"%2\" tabindex=\"0\">%3</section>"
            "<form class=\"card\" method=\"post\" action=\"/portal/agreement\">%4"
            "<input type=\"hidden\" name=\"version\" value=\"%5\">"
            "<label class=\"choice\"><input type=\"checkbox\" name=\"agree\" value=\"yes\" required>%6</label>"
            "<label for=\"typed_name\">%7</label><input type=\"text\" id=\"typed_name\" name=\"typed_name\" "
            "autocomplete=\"name\" required value=\"\">"
            "<button class=\"primary\" type=\"submit\">%8</button></form>")
            .arg(esc(tr("Please read the nursery's agreement. You will see your child's journal once you have signed "
                        "it.")),
                 esc(tr("The agreement, version %1").arg(state.value().agreement.version)), text, csrfField(r),
                 QString::number(state.value().agreement.version),
                 esc(tr("I agree not to download, copy or share anything from the journal.")),
                 esc(tr("Type your full name to sign")), esc(tr("Sign the agreement"))),
        QStringLiteral("setup")));
}

ApiReply PortalServer::signAgreement(Request& r)
{
    if (auto refused = requireSession(r))
        return *refused;
    if (auto refused = checkPost(r, true))
        return *refused;
    const auto again = [&](const QString& message) {
        return html(page(r, tr("Before you start: the agreement"),
                         QStringLiteral("<p class=\"error\" role=\"alert\">%1</p><p><a href=\"/portal/agreement\">%2"
                                        "</a></p>")
                             .arg(esc(message), esc(tr("Back to the agreement")))),
                    400);
    };
    if (r.field(QStringLiteral("agree")) != QLatin1String("yes"))
        return again(tr("Please tick the box to agree."));
    auto done = m_records.signAgreement(r.guardian, r.field(QStringLiteral("version")).toInt(),
                                        r.field(QStringLiteral("typed_name")));
    if (!done) {
        if (done.code() == Error::Code::InvalidInput)
            return again(done.errorMessage());
        return failurePage(r, done.error());
    }
    return redirect(QStringLiteral("/portal/consent"));
}

ApiReply PortalServer::consentPage(Request& r)
{
    if (auto refused = requireSession(r))
        return *refused;
    auto state = m_records.state(r.guardian);
    if (!state)
        return failurePage(r, state.error());
    if (!state.value().agreementSigned)
        return redirect(QStringLiteral("/portal/agreement"));
    if (state.value().pendingConsents.isEmpty())
        return redirect(QStringLiteral("/portal/journal"));
    QString questions;
    for (const auto& child : state.value().pendingConsents) {
        questions
            += QStringLiteral("<fieldset class=\"card\"><legend>%1</legend>"
                              "<label class=\"choice\"><input type=\"radio\" name=\"consent-%2\" value=\"yes\" "
                              "required>%3</label>"
                              "<label class=\"choice\"><input type=\"radio\" name=\"consent-%2\" value=\"no\">%4"
                              "</label></fieldset>")
                   .arg(esc(tr("May photos of %1 appear in other children's journals?").arg(child.childName)),
                        esc(child.childId),
                        esc(tr("Yes: photos with %1 in them may be in their friends' journals too")
                                .arg(child.childName)),
                        esc(tr("No: photos with %1 in them are shown only in %1's own journal").arg(child.childName)));
    }
    return html(page(r, tr("Photos with other children"),
                     QStringLiteral("<p>%1</p><form method=\"post\" action=\"/portal/consent\">%2%3"
                                    "<button class=\"primary\" type=\"submit\">%4</button></form>")
                         .arg(esc(tr("Children often play together, so photos can show more than one child. The "
                                     "nursery needs your answer before you see the journal; you can change it later "
                                     "by asking the nursery.")),
                              csrfField(r), questions, esc(tr("Save and open the journal"))),
                     QStringLiteral("setup")));
}

ApiReply PortalServer::recordConsent(Request& r)
{
    if (auto refused = requireSession(r))
        return *refused;
    if (auto refused = checkPost(r, true))
        return *refused;
    QHash<QString, bool> consent;
    for (auto it = r.form.cbegin(); it != r.form.cend(); ++it) {
        if (!it.key().startsWith(QLatin1String("consent-")))
            continue;
        if (it.value() != QLatin1String("yes") && it.value() != QLatin1String("no"))
            continue;
        consent.insert(it.key().mid(8), it.value() == QLatin1String("yes"));
    }
    auto done = m_records.recordConsent(r.guardian, consent);
    if (!done) {
        if (done.code() == Error::Code::InvalidInput || done.code() == Error::Code::NotFound
            || done.code() == Error::Code::PermissionDenied)
            return html(page(r, tr("Photos with other children"),
                             QStringLiteral("<p class=\"error\" role=\"alert\">%1</p><p><a href=\"/portal/consent\">%2"
                                            "</a></p>")
                                 .arg(esc(done.errorMessage()), esc(tr("Back")))),
                        400);
        return failurePage(r, done.error());
    }
    return redirect(QStringLiteral("/portal/journal"));
}

QString PortalServer::entryHtml(const Request& r, const PortalJournal::Entry& e, const QString& childId,
                                bool replyForm) const
{
    QString media;
    for (const auto& m : e.media) {
        const QString link = esc(mediaLink(r.guardian, childId, m.id));
        if (m.kind == QLatin1String("photo"))
            media += QStringLiteral("<img src=\"%1\" alt=\"%2\" loading=\"lazy\"%3>")
                         .arg(link, esc(tr("A photo from this observation")),
                              m.width > 0 && m.height > 0
                                  ? QStringLiteral(" width=\"%1\" height=\"%2\"").arg(m.width).arg(m.height)
                                  : QString());
        else
            media += QStringLiteral("<video src=\"%1\" controls preload=\"none\" controlslist=\"nodownload\" "
                                    "disablepictureinpicture aria-label=\"%2\"></video>")
                         .arg(link,
                              esc(m.kind == QLatin1String("video") ? tr("A video from this observation")
                                                                   : tr("A voice note from this observation")));
    }
    QString replies;
    for (const auto& reply : e.replies)
        replies += QStringLiteral("<li><span class=\"who\">%1</span> <span class=\"meta\">%2</span>"
                                  "<div class=\"text\">%3</div></li>")
                       .arg(esc(reply.byNursery  ? tr("The nursery")
                                    : reply.byMe ? tr("You")
                                                 : reply.authorName),
                            esc(when(reply.at)), esc(reply.text));
    QString status;
    if (e.status == QLatin1String("pending"))
        status = QStringLiteral("<p><span class=\"status\">%1</span></p>").arg(esc(tr("Awaiting the nursery")));
    else if (e.status == QLatin1String("declined"))
        status
            = QStringLiteral("<p><span class=\"status\">%1</span> %2</p>")
                  .arg(esc(tr("Not added to the journal")),
                       esc(e.declinedReason.isEmpty() ? QString() : tr("The nursery said: %1").arg(e.declinedReason)));
    QString form;
    if (replyForm)
        form = QStringLiteral(
                   "<form method=\"post\" action=\"/portal/reply\">%1"
                   "<input type=\"hidden\" name=\"observation\" value=\"%2\">"
                   "<input type=\"hidden\" name=\"child\" value=\"%3\">"
                   "<label for=\"reply-%2\">%4</label><textarea id=\"reply-%2\" name=\"text\" maxlength=\"%5\" "
                   "required></textarea><button class=\"secondary\" type=\"submit\">%6</button></form>")
                   .arg(csrfField(r), esc(e.id), esc(childId), esc(tr("Reply to the nursery")),
                        QString::number(PortalJournal::MaxReplyLength), esc(tr("Send reply")));
    return QStringLiteral(
               "<article class=\"card\" id=\"o-%1\"><p class=\"meta\">%2%3</p>%4<div class=\"text\">%5</div>%6"
               "<div class=\"media\">%7</div>%8%9</article>")
        .arg(esc(e.id), esc(when(e.observedAt)), e.byMe ? esc(tr(" · added by you")) : QString(), status, esc(e.text),
             e.nextSteps.isEmpty()
                 ? QString()
                 : QStringLiteral("<p class=\"next\">%1 %2</p>").arg(esc(tr("Next steps:")), esc(e.nextSteps)),
             media, replies.isEmpty() ? QString() : QStringLiteral("<ul class=\"replies\">%1</ul>").arg(replies), form);
}

ApiReply PortalServer::journalPage(Request& r)
{
    if (auto refused = requireReady(r))
        return *refused;
    auto children = m_journal.children(r.guardian);
    if (!children)
        return failurePage(r, children.error());
    if (children.value().isEmpty())
        return html(page(r, tr("Journal"),
                         QStringLiteral("<p class=\"notice\">%1</p>")
                             .arg(esc(tr("The nursery has not linked a child to your account yet."))),
                         QStringLiteral("journal")));
    QString childId = r.query.queryItemValue(QStringLiteral("child"));
    QString childName;
    for (const auto& c : children.value())
        if (c.id == childId)
            childName = c.name;
    if (childName.isEmpty()) {
        childId = children.value().first().id;
        childName = children.value().first().name;
    }
    const int pageNumber = qMax(0, r.query.queryItemValue(QStringLiteral("page")).toInt());
    auto journal = m_journal.journal(r.guardian, childId, pageNumber);
    if (!journal)
        return failurePage(r, journal.error());
    QString switcher;
    if (children.value().size() > 1) {
        for (const auto& c : children.value())
            switcher += QStringLiteral("<a href=\"/portal/journal?child=%1\"%2>%3</a>")
                            .arg(esc(c.id), c.id == childId ? QStringLiteral(" aria-current=\"page\"") : QString(),
                                 esc(c.name));
        switcher = QStringLiteral("<nav class=\"children\" aria-label=\"%1\">%2</nav>")
                       .arg(esc(tr("Your children")), switcher);
    }
    QString entries;
    for (const auto& e : journal.value().entries)
        entries += entryHtml(r, e, childId, true);
    if (entries.isEmpty())
        entries
            = QStringLiteral("<p class=\"notice\">%1</p>").arg(esc(tr("Nothing in %1's journal yet.").arg(childName)));
    QString pager;
    if (pageNumber > 0 || journal.value().more)
        pager
            = QStringLiteral("<nav class=\"pager\" aria-label=\"%1\">%2%3</nav>")
                  .arg(esc(tr("Pages")),
                       pageNumber > 0 ? QStringLiteral("<a href=\"/portal/journal?child=%1&amp;page=%2\">%3</a>")
                                            .arg(esc(childId))
                                            .arg(pageNumber - 1)
                                            .arg(esc(tr("Newer")))
                                      : QStringLiteral("<span></span>"),
                       journal.value().more ? QStringLiteral("<a href=\"/portal/journal?child=%1&amp;page=%2\">%3</a>")
                                                  .arg(esc(childId))
                                                  .arg(pageNumber + 1)
                                                  .arg(esc(tr("Older")))
                                            : QString());
    return html(page(r, tr("%1's journal").arg(childName), switcher + entries + pager, QStringLiteral("journal")));
}

ApiReply PortalServer::reply(Request& r)
{
    if (auto refused = requireReady(r))
        return *refused;
    if (auto refused = checkPost(r, true))
        return *refused;
    const QString childId = r.field(QStringLiteral("child"));
    auto added
        = m_journal.addReply(r.guardian, r.field(QStringLiteral("observation")), r.field(QStringLiteral("text")));
    if (!added) {
        if (added.code() == Error::Code::InvalidInput || added.code() == Error::Code::NotFound)
            return html(page(r, tr("Reply"),
                             QStringLiteral("<p class=\"error\" role=\"alert\">%1</p><p><a href=\"/portal/journal\">%2"
                                            "</a></p>")
                                 .arg(esc(added.errorMessage()), esc(tr("Back to the journal")))),
                        added.code() == Error::Code::NotFound ? 404 : 400);
        return failurePage(r, added.error());
    }
    return redirect(QStringLiteral("/portal/journal?child=%1#o-%2")
                        .arg(QString::fromLatin1(QUrl::toPercentEncoding(childId)),
                             QString::fromLatin1(QUrl::toPercentEncoding(r.field(QStringLiteral("observation"))))));
}

ApiReply PortalServer::addPage(Request& r)
{
    if (auto refused = requireReady(r))
        return *refused;
    auto children = m_journal.children(r.guardian);
    if (!children)
        return failurePage(r, children.error());
    if (children.value().isEmpty())
        return redirect(QStringLiteral("/portal/journal"));
    const QString chosen = r.query.queryItemValue(QStringLiteral("child"));
    QString choices;
    for (const auto& c : children.value())
        choices += QStringLiteral(
                       "<label class=\"choice\"><input type=\"checkbox\" name=\"child\" value=\"%1\"%2>%3</label>")
                       .arg(esc(c.id),
                            (c.id == chosen || children.value().size() == 1) ? QStringLiteral(" checked") : QString(),
                            esc(c.name));
    return html(page(
        r, tr("Add something from home"),
        QStringLiteral("<p>%1</p><form class=\"card\" method=\"post\" action=\"/portal/add\" "
                       "enctype=\"multipart/form-data\" data-upload=\"progress\">%2"
                       "<fieldset><legend>%3</legend>%4</fieldset>"
                       "<label for=\"text\">%5</label><textarea id=\"text\" name=\"text\" maxlength=\"%6\"></textarea>"
                       "<label for=\"files\">%7</label><input type=\"file\" id=\"files\" name=\"file\" "
                       "accept=\"image/jpeg,image/png,video/mp4,video/webm\" multiple aria-describedby=\"files-hint\">"
                       "<p class=\"hint\" id=\"files-hint\">%8</p>"
                       "<progress hidden max=\"100\" value=\"0\" aria-label=\"%9\"></progress>"
                       "<p class=\"hint\" role=\"status\" aria-live=\"polite\" data-upload-status></p>"
                       "<button class=\"primary\" type=\"submit\">%10</button></form>")
            .arg(esc(tr("Tell the nursery about something your child did at home. The nursery looks at it first; "
                        "then it appears in the journal.")),
                 csrfField(r), esc(tr("Who is it about?")), choices, esc(tr("What happened?")),
                 QString::number(PortalJournal::MaxTextLength), esc(tr("Photos or videos (optional)")),
                 esc(tr("Photos (JPEG, PNG) and videos (MP4, WebM), up to 60 MB in all.")), esc(tr("Sending")),
                 esc(tr("Send to the nursery"))),
        QStringLiteral("add")));
}

ApiReply PortalServer::add(Request& r)
{
    if (auto refused = requireReady(r))
        return *refused;
    const auto parts = FormData::multipart(headerOf(r.http, "Content-Type"), r.http.body(), 64);
    const auto again = [&](const QString& message, int status) {
        return html(page(r, tr("Add something from home"),
                         QStringLiteral("<p class=\"error\" role=\"alert\">%1</p><p><a href=\"/portal/add\">%2</a></p>")
                             .arg(esc(message), esc(tr("Back"))),
                         QStringLiteral("add")),
                    status);
    };
    if (!parts)
        return again(tr("The form did not arrive whole. Please try again."), 400);
    QStringList childIds;
    QString text;
    QString csrf;
    // The files: sent in the form itself (no JavaScript), or uploaded before in resumable chunks (portal.js) and named
    // here by their upload ids.
    struct Incoming
    {
        QString name;
        QByteArray bytes;
        QString uploadId;
    };
    QList<Incoming> files;
    QStringList uploadIds;
    for (const auto& part : *parts) {
        if (part.name == QLatin1String("csrf"))
            csrf = QString::fromUtf8(part.data);
        else if (part.name == QLatin1String("child"))
            childIds << QString::fromUtf8(part.data);
        else if (part.name == QLatin1String("text"))
            text = QString::fromUtf8(part.data);
        else if (part.name == QLatin1String("file") && !part.data.isEmpty())
            files.append({part.fileName, part.data, {}});
        else if (part.name == QLatin1String("upload"))
            uploadIds << QString::fromLatin1(part.data).trimmed();
    }
    r.form.insert(QStringLiteral("csrf"), csrf);
    if (auto refused = checkPost(r, true))
        return *refused;
    qint64 total = 0;
    for (const Incoming& file : std::as_const(files))
        total += file.bytes.size();
    uploadIds.removeDuplicates();
    if (files.size() + uploadIds.size() > 20)
        return again(tr("At most 20 photos or videos at a time."), 400);
    // Sizes first, from the records: nothing is read into memory for a form that asks for too much.
    QList<MediaUpload> uploads;
    for (const QString& id : std::as_const(uploadIds)) {
        auto upload = ownUpload(r, id);
        if (!upload || !upload->complete)
            return again(tr("A file did not finish sending. Please choose it again."), 404);
        total += upload->size;
        uploads.append(*upload);
    }
    if (total > MaxUploadFile)
        return again(tr("These files are too large together (at most 60 MB)."), 413);
    for (const MediaUpload& upload : std::as_const(uploads)) {
        const QString id = upload.mediaId;
        Incoming file {tr("Your file"), {}, id};
        for (qint64 at = 0; at < upload.size;) {
            const auto part = m_media.read(r.guardian.settingId, id, at, MediaUploads::MaxRead);
            if (part.kind != MediaUploads::Outcome::Kind::Ok || part.bytes.isEmpty())
                return failurePage(r, Error(Error::Code::Io, part.message));
            file.bytes += part.bytes;
            at += part.bytes.size();
        }
        files.append(file);
    }
    // Each file is checked by what it is: a picture is decoded and encoded again (nothing but pixels survives — no
    // hidden archive, no metadata, no oversized image); a video must look like one.
    QList<PortalJournal::NewMedia> media;
    for (const Incoming& file : std::as_const(files)) {
        const QByteArray type = sniff(file.bytes.left(16));
        PortalJournal::NewMedia item;
        item.id = Ids::newId();
        QByteArray bytes;
        if (type == "image/jpeg" || type == "image/png") {
            if (hasTrailingData(file.bytes, type))
                return again(tr("%1 has something hidden after the picture, so it was not accepted. Please send the "
                                "photo straight from your phone's camera or gallery.")
                                 .arg(file.name),
                             415);
            auto clean = ImageSanitizer::sanitize(file.bytes);
            if (!clean)
                return again(tr("%1 could not be read as a photo: %2").arg(file.name, clean.errorMessage()), 400);
            bytes = clean.value().jpeg;
            item.width = clean.value().size.width();
            item.height = clean.value().size.height();
            item.kind = QStringLiteral("photo");
        } else if (type == "video/mp4") {
            // Phones write where a video was taken into it: blanked before it is kept (a new file, never the
            // upload as it came).
            bytes = file.bytes;
            if (Mp4Metadata::strip(bytes) < 0)
                return again(tr("%1 could not be read as a video.").arg(file.name), 415);
            item.kind = QStringLiteral("video");
        } else if (type == "video/webm") {
            item.kind = mediaKind(type);
            if (!file.uploadId.isEmpty())
                item.id = file.uploadId; // already stored, encrypted, exactly these bytes
            else
                bytes = file.bytes;
        } else {
            return again(
                tr("%1 is not a photo or a video the journal can show (JPEG, PNG, MP4 or WebM).").arg(file.name), 415);
        }
        const QByteArray& kept = bytes.isEmpty() ? file.bytes : bytes;
        item.sha256 = Sha256::hash(kept);
        item.size = kept.size();
        if (!bytes.isEmpty()) {
            const auto outcome = m_media.storeWhole(
                DeviceIdentity {QStringLiteral("guardian:") + r.guardian.guardianId, r.guardian.settingId}, item.id,
                bytes);
            if (outcome.kind != MediaUploads::Outcome::Kind::Ok)
                return failurePage(r, Error(Error::Code::Io, outcome.message));
        }
        media.append(item);
    }
    auto added = m_journal.addContribution(r.guardian, childIds, text, media);
    if (!added) {
        if (added.code() == Error::Code::InvalidInput || added.code() == Error::Code::NotFound)
            return again(added.errorMessage(), added.code() == Error::Code::NotFound ? 404 : 400);
        return failurePage(r, added.error());
    }
    return redirect(QStringLiteral("/portal/mine?m=sent"));
}

// --- resumable uploads (portal.js): a file in checked chunks, resumed after a dropped connection ------------------

std::optional<MediaUpload> PortalServer::ownUpload(const Request& r, const QString& id)
{
    if (!isUuid(id))
        return std::nullopt;
    auto upload = m_store.mediaUpload(id);
    if (!upload || !upload.value() || upload.value()->settingId != r.guardian.settingId
        || upload.value()->deviceId != QStringLiteral("guardian:") + r.guardian.guardianId)
        return std::nullopt; // another parent's, a device's, or none: all alike
    return *upload.value();
}

std::optional<ApiReply> PortalServer::requireUploader(Request& r)
{
    if (auto refused = requireReady(r)) {
        ApiReply reply = ApiReply::error(401, QStringLiteral("unauthorized"), tr("Please sign in again."));
        return reply;
    }
    // The body is the file's bytes: the CSRF token comes in a header (which only this site's script can set).
    r.form.insert(QStringLiteral("csrf"), QString::fromLatin1(headerOf(r.http, "X-CSRF-Token")));
    if (auto refused = checkPost(r, true))
        return ApiReply::forbidden(tr("This page was out of date. Reload it and try again."));
    return std::nullopt;
}

ApiReply PortalServer::uploadReply(const MediaUploads::Outcome& outcome, const QString& id) const
{
    using Kind = MediaUploads::Outcome::Kind;
    switch (outcome.kind) {
    case Kind::Ok:
        break;
    case Kind::BadRequest:
        return ApiReply::badRequest(outcome.message);
    case Kind::TooLarge:
        return ApiReply::tooLarge(outcome.message);
    case Kind::Conflict:
        return ApiReply::conflict(outcome.message);
    case Kind::Forbidden:
    case Kind::NotFound:
        return ApiReply::notFound(tr("There is nothing here."));
    case Kind::Failed:
        return ApiReply::unavailable(tr("The nursery's server is busy. The file will carry on sending."));
    }
    QJsonArray received;
    for (int i : outcome.chunks)
        received.append(i);
    return ApiReply::json({{QStringLiteral("upload_id"), id},
                           {QStringLiteral("chunk_size"), double(outcome.chunkSize)},
                           {QStringLiteral("received"), received},
                           {QStringLiteral("complete"), outcome.complete}});
}

ApiReply PortalServer::startUpload(Request& r)
{
    if (auto refused = requireUploader(r))
        return *refused;
    const qint64 size = r.query.queryItemValue(QStringLiteral("size")).toLongLong();
    const QString sha256 = r.query.queryItemValue(QStringLiteral("sha256"));
    if (size <= 0 || size > MaxUploadFile)
        return ApiReply::tooLarge(tr("A file may be at most 60 MB."));
    // A parent's unfinished uploads are capped, so that nobody can fill the server's disk by starting files.
    auto open = m_store.openUploads(QStringLiteral("guardian:") + r.guardian.guardianId);
    if (!open)
        return ApiReply::unavailable(tr("The nursery's server is busy. The file will carry on sending."));
    if (open.value() >= MaxOpenUploads)
        return ApiReply::error(429, QStringLiteral("rate_limited"),
                               tr("Too many files are still half-sent. Send or remove those first, or try again "
                                  "tomorrow."));
    const QString id = Ids::newId();
    const auto outcome
        = m_media.start(DeviceIdentity {QStringLiteral("guardian:") + r.guardian.guardianId, r.guardian.settingId}, id,
                        size, sha256, 1024 * 1024);
    return uploadReply(outcome, id);
}

ApiReply PortalServer::uploadStatus(Request& r)
{
    if (auto refused = requireReady(r))
        return ApiReply::error(401, QStringLiteral("unauthorized"), tr("Please sign in again."));
    const QString id = r.params.value(0);
    if (!ownUpload(r, id))
        return ApiReply::notFound(tr("There is nothing here."));
    return uploadReply(
        m_media.status(DeviceIdentity {QStringLiteral("guardian:") + r.guardian.guardianId, r.guardian.settingId}, id),
        id);
}

ApiReply PortalServer::uploadChunk(Request& r)
{
    if (auto refused = requireUploader(r))
        return *refused;
    const QString id = r.params.value(0);
    bool ok = false;
    const int index = r.params.value(1).toInt(&ok);
    if (!ok || !ownUpload(r, id))
        return ApiReply::notFound(tr("There is nothing here."));
    const DeviceIdentity uploader {QStringLiteral("guardian:") + r.guardian.guardianId, r.guardian.settingId};
    const auto outcome = m_media.putChunk(
        uploader, id, index, QString::fromLatin1(headerOf(r.http, "X-Chunk-Sha256")).trimmed(), r.http.body());
    if (outcome.kind != MediaUploads::Outcome::Kind::Ok)
        return uploadReply(outcome, id);
    return ApiReply::noContent();
}

ApiReply PortalServer::completeUpload(Request& r)
{
    if (auto refused = requireUploader(r))
        return *refused;
    const QString id = r.params.value(0);
    if (!ownUpload(r, id))
        return ApiReply::notFound(tr("There is nothing here."));
    return uploadReply(
        m_media.complete(DeviceIdentity {QStringLiteral("guardian:") + r.guardian.guardianId, r.guardian.settingId},
                         id),
        id);
}

ApiReply PortalServer::minePage(Request& r)
{
    if (auto refused = requireReady(r))
        return *refused;
    auto mine = m_journal.contributions(r.guardian);
    if (!mine)
        return failurePage(r, mine.error());
    QString body;
    if (r.query.queryItemValue(QStringLiteral("m")) == QLatin1String("sent"))
        body += QStringLiteral("<p class=\"notice\" role=\"status\">%1</p>")
                    .arg(esc(tr("Sent. The nursery will look at it soon.")));
    for (const auto& e : mine.value())
        body += entryHtml(r, e, e.childIds.value(0), false);
    if (mine.value().isEmpty())
        body += QStringLiteral("<p>%1 <a href=\"/portal/add\">%2</a></p>")
                    .arg(esc(tr("You have not added anything yet.")), esc(tr("Add something from home")));
    return html(page(r, tr("What I added"), body, QStringLiteral("mine")));
}

ApiReply PortalServer::mediaFile(Request& r)
{
    ApiReply refused;
    refused.status = 404;
    refused.contentType = "text/plain; charset=utf-8";
    refused.body = tr("Not found.").toUtf8();
    if (auto noSession = requireSession(r))
        return refused;
    const QString mediaId = r.params.value(0);
    const QString childId = r.query.queryItemValue(QStringLiteral("c"));
    const QString expires = r.query.queryItemValue(QStringLiteral("e"));
    const QByteArray signature
        = QByteArray::fromBase64(r.query.queryItemValue(QStringLiteral("s")).toLatin1(), QByteArray::Base64UrlEncoding);
    // The link must be this guardian's, for this child, unexpired; and the item must still be visible to them.
    const QByteArray message
        = (mediaId + QLatin1Char('|') + childId + QLatin1Char('|') + r.guardian.guardianId + QLatin1Char('|') + expires)
              .toUtf8();
    if (signature.size() != crypto_auth_hmacsha256_BYTES
        || crypto_auth_hmacsha256_verify(reinterpret_cast<const unsigned char*>(signature.constData()),
                                         reinterpret_cast<const unsigned char*>(message.constData()),
                                         quint64(message.size()),
                                         reinterpret_cast<const unsigned char*>(m_linkKey.constData()))
            != 0
        || expires.toLongLong() < m_clock.now().toSecsSinceEpoch())
        return refused;
    auto visible = m_journal.mayShowMedia(r.guardian, childId, mediaId);
    if (!visible || !visible.value())
        return refused;
    const auto head = m_media.read(r.guardian.settingId, mediaId, 0, 16);
    if (head.kind != MediaUploads::Outcome::Kind::Ok)
        return refused;
    qint64 size = head.size;
    // Photos with the parent's name across them, when the nursery has chosen that (Settings → Journal): the photo is
    // read whole, marked, and served from memory (ranges then apply to the marked bytes).
    QByteArray marked;
    if (sniff(head.bytes) == "image/jpeg" && watermarkOn(r.guardian.settingId)) {
        QByteArray whole;
        for (qint64 at = 0; at < size;) {
            const auto part = m_media.read(r.guardian.settingId, mediaId, at, MediaUploads::MaxRead);
            if (part.kind != MediaUploads::Outcome::Kind::Ok || part.bytes.isEmpty())
                return refused;
            whole += part.bytes;
            at += part.bytes.size();
        }
        marked = watermark(whole, guardianName(r.guardian));
        if (marked.isEmpty())
            return refused;
        size = marked.size();
    }
    ByteRange range;
    const auto parsed = ByteRange::parse(headerOf(r.http, "Range"), size, &range);
    if (parsed == ByteRange::Parse::Unsatisfiable) {
        ApiReply reply;
        reply.status = 416;
        reply.contentType.clear();
        reply.headers.append({QByteArrayLiteral("Content-Range"), "bytes */" + QByteArray::number(size)});
        return reply;
    }
    if (parsed == ByteRange::Parse::None)
        range = {0, size - 1};
    MediaUploads::Outcome part;
    if (!marked.isEmpty())
        part.bytes = marked.mid(range.first, qMin<qint64>(range.length(), MediaUploads::MaxRead));
    else
        part = m_media.read(r.guardian.settingId, mediaId, range.first, range.length());
    if (part.kind != MediaUploads::Outcome::Kind::Ok)
        return refused;
    ApiReply reply;
    reply.contentType = sniff(head.bytes);
    if (reply.contentType.isEmpty())
        reply.contentType = "application/octet-stream";
    reply.body = part.bytes;
    reply.headers.append({QByteArrayLiteral("Content-Disposition"), QByteArrayLiteral("inline")});
    reply.headers.append({QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes")});
    // A whole file larger than one read is sent as its first part, as a range, which media players ask for anyway.
    if (parsed == ByteRange::Parse::Valid || part.bytes.size() < size) {
        reply.status = 206;
        range.last = range.first + part.bytes.size() - 1;
        reply.headers.append({QByteArrayLiteral("Content-Range"), range.contentRange(size)});
    }
    return reply;
}

ApiReply PortalServer::forgotPage(Request& r)
{
    if (!m_mailer.isEnabled())
        return html(page(r, tr("Forgotten your password?"),
                         QStringLiteral("<p>%1</p><p><a href=\"/portal/accept\">%2</a></p>")
                             .arg(esc(tr("Ask the nursery for a new code: with it you set a new password.")),
                                  esc(tr("I have a new code")))));
    return html(page(r, tr("Forgotten your password?"),
                     QStringLiteral("<form class=\"card\" method=\"post\" action=\"/portal/forgot\">"
                                    "<label for=\"email\">%1</label><input type=\"email\" id=\"email\" name=\"email\" "
                                    "autocomplete=\"username\" required><p class=\"hint\">%2</p>"
                                    "<button class=\"primary\" type=\"submit\">%3</button></form>")
                         .arg(esc(tr("Your e-mail address")),
                              esc(tr("We send a link to set a new password. It works once, for a day.")),
                              esc(tr("Send me a link")))));
}

ApiReply PortalServer::forgot(Request& r)
{
    if (auto refused = checkPost(r, false))
        return *refused;
    // The same answer whether or not the address has an account: the page tells nobody who uses the portal.
    const ApiReply answer = html(page(r, tr("Forgotten your password?"),
                                      QStringLiteral("<p class=\"notice\" role=\"status\">%1</p>")
                                          .arg(esc(tr("If an account uses that address, a link to set a new password "
                                                      "is on its way. It works once, for a day.")))));
    if (!m_mailer.isEnabled())
        return redirect(QStringLiteral("/portal/forgot"));
    auto account = m_store.accountByEmail(PortalAuth::normaliseEmail(r.field(QStringLiteral("email"))));
    if (!account || !account.value() || account.value()->disabled)
        return answer;
    const PortalAccount& a = *account.value();
    auto earlier = m_store.invitations(a.settingId, a.guardianId);
    auto guardian = m_store.entity(a.settingId, QStringLiteral("guardian"), a.guardianId);
    if (!earlier || !guardian || !guardian.value())
        return answer;
    // The children the guardian is linked to now, and those invited but not linked yet (still at the agreement or
    // consent step) — never one the nursery has unlinked.
    QStringList children;
    QStringList everLinked;
    for (const QJsonValue& v :
         QJsonDocument::fromJson(guardian.value()->state.data).object().value(QStringLiteral("children")).toArray()) {
        const QJsonObject link = v.toObject();
        const QString child = link.value(QStringLiteral("child_id")).toString();
        everLinked << child;
        if (!PortalJournal::isOn(link.value(QStringLiteral("deleted"))))
            children << child;
    }
    QDateTime lastReset;
    for (const PortalInvitation& i : earlier.value()) {
        if (i.createdByDevice == QLatin1String("portal"))
            lastReset = qMax(lastReset, i.createdAt);
        if (i.usedAt.isValid())
            for (const QString& c : i.childIds)
                if (!everLinked.contains(c) && !children.contains(c))
                    children << c;
    }
    // One link every ten minutes at most, however often the form is sent.
    if (children.isEmpty() || (lastReset.isValid() && lastReset.secsTo(m_clock.now()) < 600))
        return answer;
    auto issued = m_auth.invite(DeviceIdentity {QStringLiteral("portal"), a.settingId}, a.guardianId, children, 1);
    if (!issued) {
        qCWarning(lcServer, "portal: a password-reset link could not be made");
        return answer;
    }
    const QString text
        = tr("Someone (we hope you) asked to set a new password for the nursery's learning journal.\n\n"
             "Open this link to choose a new one (it works once, for a day):\n%1\n\nIf it was not you, "
             "ignore this message: your password stays as it is.")
              .arg(m_mailer.link(QStringLiteral("/portal/accept?code=") + issued.value().code).toString());
    // Sent on a worker thread: the answer does not wait for the relay (which would tell, by the time it took, that
    // the address has an account), and a slow relay does not hold up everyone else's requests.
    QThreadPool::globalInstance()->start(
        [mailer = Mailer(m_mailer), to = a.email, subject = tr("Set a new password for the learning journal"), text] {
            if (auto sent = mailer.send(to, subject, text); !sent)
                qCWarning(lcServer, "portal: a password-reset message could not be sent");
        });
    return answer;
}

ApiReply PortalServer::codePage(Request& r)
{
    if (auto refused = requireSession(r))
        return *refused;
    if (!r.session->pendingSecondFactor)
        return redirect(QStringLiteral("/portal/journal"));
    return html(page(
        r, tr("Your code"),
        QStringLiteral("<form class=\"card\" method=\"post\" action=\"/portal/sign-in/code\">%1"
                       "<label for=\"code\">%2</label><input type=\"text\" id=\"code\" name=\"code\" "
                       "inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"7\" required>"
                       "<button class=\"primary\" type=\"submit\">%3</button></form>")
            .arg(csrfField(r), esc(tr("The 6-digit code your authenticator app shows for Acorn")), esc(tr("Sign in"))),
        QStringLiteral("setup")));
}

ApiReply PortalServer::code(Request& r)
{
    if (auto refused = requireSession(r))
        return *refused;
    if (auto refused = checkPost(r, true))
        return *refused;
    auto signedIn = m_auth.completeSecondFactor(r.token, r.field(QStringLiteral("code")));
    if (!signedIn) {
        if (signedIn.code() != Error::Code::WrongPassword && signedIn.code() != Error::Code::Throttled)
            return failurePage(r, signedIn.error());
        return html(page(r, tr("Your code"),
                         QStringLiteral("<p class=\"error\" role=\"alert\">%1</p><p><a href=\"/portal/sign-in/code\">%2"
                                        "</a></p>")
                             .arg(esc(signedIn.errorMessage()), esc(tr("Try again"))),
                         QStringLiteral("setup")),
                    signedIn.code() == Error::Code::Throttled ? 429 : 401);
    }
    return sessionCookie(redirect(QStringLiteral("/portal/journal")), signedIn.value().token);
}

ApiReply PortalServer::accountPage(Request& r)
{
    if (auto refused = requireReady(r))
        return *refused;
    auto account = m_store.accountByGuardian(r.guardian.guardianId);
    if (!account || !account.value())
        return failurePage(r, account ? Error(Error::Code::NotFound, QString()) : account.error());
    const bool twoFactor = !account.value()->totpSecret.isEmpty();
    const QString message = r.query.queryItemValue(QStringLiteral("m"));
    QString notice;
    if (message == QLatin1String("password"))
        notice = tr("Your password is changed. Other phones and computers will ask for it.");
    else if (message == QLatin1String("2fa-on"))
        notice = tr("Two-step sign-in is on.");
    else if (message == QLatin1String("2fa-off"))
        notice = tr("Two-step sign-in is off.");
    const QString twoFactorSection = twoFactor
        ? QStringLiteral("<p>%1</p><form method=\"post\" action=\"/portal/account/two-factor/off\">%2"
                         "<label for=\"off-password\">%3</label><input type=\"password\" id=\"off-password\" "
                         "name=\"password\" autocomplete=\"current-password\" required>"
                         "<button class=\"secondary\" type=\"submit\">%4</button></form>")
              .arg(esc(tr("Two-step sign-in is on: after your password you type a code from your authenticator app.")),
                   csrfField(r), esc(tr("Your password, to turn it off")), esc(tr("Turn two-step sign-in off")))
        : QStringLiteral("<p>%1</p><p><a class=\"primary\" href=\"/portal/account/two-factor\">%2</a></p>")
              .arg(esc(tr("Add a code from an authenticator app to your password, so that your password alone is "
                          "not enough.")),
                   esc(tr("Turn on two-step sign-in")));
    return html(page(
        r, tr("Your account"),
        (notice.isEmpty() ? QString() : QStringLiteral("<p class=\"notice\" role=\"status\">%1</p>").arg(esc(notice)))
            + QStringLiteral("<section class=\"card\"><h2>%1</h2><p>%2</p></section>"
                             "<section class=\"card\"><h2>%3</h2>%4</section>"
                             "<section class=\"card\"><h2>%5</h2><form method=\"post\" "
                             "action=\"/portal/account/password\">%6"
                             "<label for=\"current\">%7</label><input type=\"password\" id=\"current\" "
                             "name=\"current\" autocomplete=\"current-password\" required>"
                             "<label for=\"next\">%8</label><input type=\"password\" id=\"next\" name=\"next\" "
                             "autocomplete=\"new-password\" minlength=\"12\" required>"
                             "<button class=\"secondary\" type=\"submit\">%9</button></form></section>"
                             "<section class=\"card\"><h2>%10</h2><p>%11</p><form method=\"post\" "
                             "action=\"/portal/sign-out-everywhere\">%6<button class=\"secondary\" type=\"submit\">%12"
                             "</button></form></section>")
                  .arg(esc(tr("Signed in as")), esc(account.value()->email), esc(tr("Two-step sign-in")),
                       twoFactorSection, esc(tr("Change your password")), csrfField(r), esc(tr("Current password")),
                       esc(tr("New password (at least 12 characters)")), esc(tr("Change password")),
                       esc(tr("Lost a phone?")),
                       esc(tr("Sign out on every phone and computer where you are signed in, this one too.")),
                       esc(tr("Sign out everywhere"))),
        QStringLiteral("account")));
}

ApiReply PortalServer::twoFactorPage(Request& r)
{
    if (auto refused = requireReady(r))
        return *refused;
    auto account = m_store.accountByGuardian(r.guardian.guardianId);
    if (!account || !account.value())
        return failurePage(r, account ? Error(Error::Code::NotFound, QString()) : account.error());
    const auto secret = m_auth.newTotpSecret(account.value()->email);
    // The key goes into the form (this page is the guardian's own, sent over TLS, never cached) and is stored only
    // once a code from the app proves it arrived there.
    return html(
        page(r, tr("Turn on two-step sign-in"),
             QStringLiteral("<ol class=\"card\"><li>%1</li><li>%2<p><code class=\"text\">%3</code></p>"
                            "<p class=\"hint\">%4 <a href=\"%5\">%6</a></p></li><li>%7</li></ol>"
                            "<form class=\"card\" method=\"post\" action=\"/portal/account/two-factor\">%8"
                            "<input type=\"hidden\" name=\"secret\" value=\"%3\">"
                            "<label for=\"tf-password\">%11</label><input type=\"password\" id=\"tf-password\" "
                            "name=\"password\" autocomplete=\"current-password\" required>"
                            "<label for=\"code\">%9</label><input type=\"text\" id=\"code\" name=\"code\" "
                            "inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"7\" required>"
                            "<button class=\"primary\" type=\"submit\">%10</button></form>")
                 .arg(esc(tr("Open an authenticator app on your phone (any app that makes 6-digit codes).")),
                      esc(tr("Add an account by typing this key:")), esc(secret.secret), esc(tr("On this phone?")),
                      esc(secret.uri), esc(tr("Open it in the app")), esc(tr("Type the code the app shows.")),
                      csrfField(r), esc(tr("Code from the app")), esc(tr("Turn on")), esc(tr("Your password"))),
             QStringLiteral("account")));
}

ApiReply PortalServer::enableTwoFactor(Request& r)
{
    if (auto refused = requireReady(r))
        return *refused;
    if (auto refused = checkPost(r, true))
        return *refused;
    const QString secret = r.field(QStringLiteral("secret"));
    static const QRegularExpression base32(QStringLiteral("^[A-Z2-7]{32}$"));
    if (!base32.match(secret).hasMatch())
        return redirect(QStringLiteral("/portal/account/two-factor"));
    if (auto done
        = m_auth.enableTotp(*r.session, r.field(QStringLiteral("password")), secret, r.field(QStringLiteral("code")));
        !done) {
        if (done.code() != Error::Code::InvalidInput && done.code() != Error::Code::WrongPassword)
            return failurePage(r, done.error());
        return html(
            page(r, tr("Turn on two-step sign-in"),
                 QStringLiteral("<p class=\"error\" role=\"alert\">%1</p><p><a href=\"/portal/account/two-factor\">"
                                "%2</a></p>")
                     .arg(esc(done.errorMessage()), esc(tr("Start again"))),
                 QStringLiteral("account")),
            400);
    }
    return redirect(QStringLiteral("/portal/account?m=2fa-on"));
}

ApiReply PortalServer::disableTwoFactor(Request& r)
{
    if (auto refused = requireReady(r))
        return *refused;
    if (auto refused = checkPost(r, true))
        return *refused;
    if (auto done = m_auth.disableTotp(*r.session, r.field(QStringLiteral("password"))); !done) {
        if (done.code() != Error::Code::WrongPassword)
            return failurePage(r, done.error());
        return html(
            page(r, tr("Your account"),
                 QStringLiteral("<p class=\"error\" role=\"alert\">%1</p><p><a href=\"/portal/account\">%2</a></p>")
                     .arg(esc(done.errorMessage()), esc(tr("Back"))),
                 QStringLiteral("account")),
            401);
    }
    return redirect(QStringLiteral("/portal/account?m=2fa-off"));
}

ApiReply PortalServer::changePassword(Request& r)
{
    if (auto refused = requireReady(r))
        return *refused;
    if (auto refused = checkPost(r, true))
        return *refused;
    auto done = m_auth.changePassword(*r.session, r.field(QStringLiteral("current")), r.field(QStringLiteral("next")));
    if (!done) {
        if (done.code() != Error::Code::WrongPassword && done.code() != Error::Code::PolicyViolation
            && done.code() != Error::Code::InvalidInput)
            return failurePage(r, done.error());
        return html(
            page(r, tr("Your account"),
                 QStringLiteral("<p class=\"error\" role=\"alert\">%1</p><p><a href=\"/portal/account\">%2</a></p>")
                     .arg(esc(done.errorMessage()), esc(tr("Back"))),
                 QStringLiteral("account")),
            400);
    }
    // This browser stays signed in with a new session; every other one was signed out.
    auto account = m_store.accountByGuardian(r.guardian.guardianId);
    if (!account || !account.value())
        return sessionCookie(redirect(QStringLiteral("/portal/sign-in")), QString());
    auto again = m_auth.signIn(account.value()->email, r.field(QStringLiteral("next")));
    if (!again)
        return sessionCookie(redirect(QStringLiteral("/portal/sign-in")), QString());
    return sessionCookie(redirect(QStringLiteral("/portal/account?m=password")), again.value().token);
}

ApiReply PortalServer::signOut(Request& r)
{
    if (auto refused = requireSession(r))
        return *refused;
    if (auto refused = checkPost(r, true))
        return *refused;
    m_auth.signOut(r.token);
    return sessionCookie(redirect(QStringLiteral("/portal/sign-in?m=out")), QString());
}

ApiReply PortalServer::signOutEverywhere(Request& r)
{
    if (auto refused = requireSession(r))
        return *refused;
    if (auto refused = checkPost(r, true))
        return *refused;
    if (auto ended = m_auth.signOutEverywhere(*r.session); !ended)
        return failurePage(r, ended.error());
    return sessionCookie(redirect(QStringLiteral("/portal/sign-in?m=everywhere")), QString());
}

} // namespace Acorn::Server
