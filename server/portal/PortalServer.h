#pragma once

#include "http/ApiReply.h"
#include "media/MediaUploads.h"
#include "portal/Mailer.h"
#include "portal/PortalAuth.h"
#include "portal/PortalJournal.h"
#include "portal/PortalRecords.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <optional>

class QHttpServerRequest;

namespace Acorn {
class Clock;
}

namespace Acorn::Server {

class MediaUploads;
class ServerStore;

// The parent portal's pages (docs/portal.md), under /portal: server-rendered HTML that works without JavaScript,
// phone first. Sessions in a __Host- cookie (Secure, HttpOnly, SameSite=Lax) rotated at sign-in; a CSRF token in
// every form and the Origin checked on every POST; a strict Content-Security-Policy (no inline script or style);
// every value written into a page escaped. Before the journal opens a parent signs the current agreement and records
// any missing photo consent (PortalRecords). Photos and videos come through short-lived signed links that also need
// the session, with Range support, `Cache-Control: no-store` and `Content-Disposition: inline`.
class PortalServer final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::PortalServer)
public:
    static constexpr qint64 MaxUploadRequest = 64 * 1024 * 1024; // a home observation's photos and videos
    static constexpr qint64 MaxUploadFile = 60 * 1000 * 1000;
    static constexpr qint64 MaxFormRequest = 256 * 1024;
    static constexpr int MediaLinkSeconds = 10 * 60;
    static constexpr int MaxOpenUploads = 40; // unfinished chunked uploads per parent
    static inline const QByteArray CookieName = QByteArrayLiteral("__Host-acorn-session");

    PortalServer(ServerStore& store, MediaUploads& media, const Mailer& mailer, const Clock& clock);

    static bool handles(const QString& path);
    static qint64 bodyLimit(const QByteArray& method, const QByteArray& path);

    // `route` is set to the route's name for the request log (ids replaced).
    ApiReply handle(const QHttpServerRequest& request, QString* route);

    // A signed link to a media item for this guardian and child journal, valid MediaLinkSeconds.
    QString mediaLink(const GuardianIdentity& guardian, const QString& childId, const QString& mediaId) const;

private:
    struct Request;
    using Handler = ApiReply (PortalServer::*)(Request&);

    ApiReply dispatch(Request& r, QString* route);
    // Session pages: the signed-in guardian, or a redirect to sign in.
    std::optional<ApiReply> requireSession(Request& r);
    // After sign-in: the agreement, then consent, before anything else.
    std::optional<ApiReply> requireReady(Request& r);
    std::optional<ApiReply> checkPost(Request& r, bool needsCsrf);

    ApiReply home(Request& r);
    ApiReply asset(Request& r);
    ApiReply signInPage(Request& r);
    ApiReply signIn(Request& r);
    ApiReply acceptPage(Request& r);
    ApiReply accept(Request& r);
    ApiReply agreementPage(Request& r);
    ApiReply signAgreement(Request& r);
    ApiReply consentPage(Request& r);
    ApiReply recordConsent(Request& r);
    ApiReply journalPage(Request& r);
    ApiReply reply(Request& r);
    ApiReply addPage(Request& r);
    ApiReply add(Request& r);
    ApiReply minePage(Request& r);
    ApiReply mediaFile(Request& r);
    ApiReply startUpload(Request& r);
    ApiReply uploadStatus(Request& r);
    ApiReply uploadChunk(Request& r);
    ApiReply completeUpload(Request& r);
    std::optional<MediaUpload> ownUpload(const Request& r, const QString& id);
    std::optional<ApiReply> requireUploader(Request& r);
    ApiReply uploadReply(const MediaUploads::Outcome& outcome, const QString& id) const;
    ApiReply codePage(Request& r);
    ApiReply code(Request& r);
    ApiReply accountPage(Request& r);
    ApiReply twoFactorPage(Request& r);
    ApiReply enableTwoFactor(Request& r);
    ApiReply disableTwoFactor(Request& r);
    ApiReply changePassword(Request& r);
    ApiReply forgotPage(Request& r);
    ApiReply forgot(Request& r);
    ApiReply signOut(Request& r);
    ApiReply signOutEverywhere(Request& r);

    QString page(const Request& r, const QString& title, const QString& body, const QString& current = {}) const;
    QString entryHtml(const Request& r, const PortalJournal::Entry& entry, const QString& childId,
                      bool replyForm) const;
    QString csrfField(const Request& r) const;
    QString nurseryName(const QString& settingId);
    bool watermarkOn(const QString& settingId);
    QString guardianName(const GuardianIdentity& guardian);
    QByteArray watermark(const QByteArray& jpeg, const QString& name) const;
    ApiReply html(const QString& document, int status = 200) const;
    static ApiReply redirect(const QString& location);
    ApiReply sessionCookie(ApiReply reply, const QString& token) const;
    ApiReply failurePage(const Request& r, const Error& error);

    ServerStore& m_store;
    MediaUploads& m_media;
    const Mailer& m_mailer;
    const Clock& m_clock;
    PortalAuth m_auth;
    PortalJournal m_journal;
    PortalRecords m_records;
    QByteArray m_linkKey; // signs media links; new at every start (links live minutes)
};

} // namespace Acorn::Server
