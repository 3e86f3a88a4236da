#include "sync/PortalInvitations.h"

#include "Clock.h"
#include "auth/AuditLog.h"
#include "auth/Permissions.h"
#include "auth/Session.h"
#include "domain/Ids.h"
#include "sync/SyncClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace Acorn {

namespace {
QDateTime timeOrNull(const QJsonValue& value)
{
    return value.isString() ? Ids::fromIso(value.toString()) : QDateTime();
}
} // namespace

PortalInvitations::PortalInvitations(Session& session, QNetworkAccessManager& network, int timeoutMs)
    : m_session(session)
    , m_network(network)
    , m_timeoutMs(timeoutMs)
{
}

VoidResult PortalInvitations::checkAllowed() const
{
    if (!m_session.can(Action::ManageGuardians))
        return Error(Error::Code::PermissionDenied,
                     tr("Only managers and administrators can invite parents and carers to the portal."));
    return {};
}

Result<PortalInvitations::Issued> PortalInvitations::invite(const QString& guardianId, const QStringList& childIds,
                                                            int days, bool email)
{
    if (auto allowed = checkAllowed(); !allowed)
        return allowed.error();
    const QByteArray body
        = QJsonDocument(QJsonObject {{QStringLiteral("guardian_id"), guardianId},
                                     {QStringLiteral("child_ids"), QJsonArray::fromStringList(childIds)},
                                     {QStringLiteral("days"), days},
                                     {QStringLiteral("email"), email}})
              .toJson(QJsonDocument::Compact);
    auto answer = SyncClient::callServer(m_session, m_network, "POST", QStringLiteral("/api/v1/portal/invitations"),
                                         body, m_timeoutMs, 201);
    if (!answer)
        return answer.error();
    Issued issued;
    issued.invitationId = answer.value().value(QStringLiteral("invitation_id")).toString();
    issued.code = answer.value().value(QStringLiteral("code")).toString();
    issued.expiresAt = Ids::fromIso(answer.value().value(QStringLiteral("expires_at")).toString());
    const QUrl server = SyncClient::link(m_session).value().serverUrl;
    issued.link = server.resolved(QUrl(answer.value().value(QStringLiteral("path")).toString()));
    issued.emailed = answer.value().value(QStringLiteral("emailed")).toBool();
    issued.emailProblem = answer.value().value(QStringLiteral("email_problem")).toString();
    (void)m_session.audit().append(QStringLiteral("portal_invitation_created"), m_session.staff().id,
                                   QStringLiteral("guardian"), guardianId);
    return issued;
}

Result<QList<PortalInvitations::Info>> PortalInvitations::list(const QString& guardianId, bool* hasAccount)
{
    if (auto allowed = checkAllowed(); !allowed)
        return allowed.error();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("guardian_id"), guardianId);
    auto answer = SyncClient::callServer(m_session, m_network, "GET",
                                         QStringLiteral("/api/v1/portal/invitations?") + query.toString(), {},
                                         m_timeoutMs, 200);
    if (!answer)
        return answer.error();
    if (hasAccount)
        *hasAccount = answer.value().value(QStringLiteral("has_account")).toBool();
    QList<Info> list;
    for (const QJsonValue& v : answer.value().value(QStringLiteral("invitations")).toArray()) {
        const QJsonObject o = v.toObject();
        Info info;
        info.invitationId = o.value(QStringLiteral("invitation_id")).toString();
        for (const QJsonValue& c : o.value(QStringLiteral("child_ids")).toArray())
            info.childIds << c.toString();
        info.createdAt = timeOrNull(o.value(QStringLiteral("created_at")));
        info.expiresAt = timeOrNull(o.value(QStringLiteral("expires_at")));
        info.usedAt = timeOrNull(o.value(QStringLiteral("used_at")));
        info.revokedAt = timeOrNull(o.value(QStringLiteral("revoked_at")));
        list.append(info);
    }
    return list;
}

VoidResult PortalInvitations::revoke(const QString& invitationId)
{
    if (auto allowed = checkAllowed(); !allowed)
        return allowed;
    auto answer = SyncClient::callServer(m_session, m_network, "POST",
                                         QStringLiteral("/api/v1/portal/invitations/%1/revoke").arg(invitationId), "{}",
                                         m_timeoutMs, 204);
    if (!answer)
        return answer.error();
    (void)m_session.audit().append(QStringLiteral("portal_invitation_revoked"), m_session.staff().id,
                                   QStringLiteral("invitation"), invitationId);
    return {};
}

Result<QList<PortalInvitations::Event>> PortalInvitations::events(int limit)
{
    if (!m_session.can(Action::ViewAuditLog))
        return Error(Error::Code::PermissionDenied, tr("Only managers can see the portal's sign-in record."));
    auto answer = SyncClient::callServer(
        m_session, m_network, "GET", QStringLiteral("/api/v1/portal/events?limit=%1").arg(limit), {}, m_timeoutMs, 200);
    if (!answer)
        return answer.error();
    QList<Event> list;
    for (const QJsonValue& v : answer.value().value(QStringLiteral("events")).toArray()) {
        const QJsonObject o = v.toObject();
        list.append({timeOrNull(o.value(QStringLiteral("at"))), o.value(QStringLiteral("guardian_id")).toString(),
                     o.value(QStringLiteral("action")).toString(), o.value(QStringLiteral("detail")).toString()});
    }
    return list;
}

QString PortalInvitations::describeAction(const QString& action)
{
    if (action == QLatin1String("invited"))
        return tr("Invited");
    if (action == QLatin1String("invitation_accepted"))
        return tr("Accepted the invitation and set a password");
    if (action == QLatin1String("signed_in"))
        return tr("Signed in");
    if (action == QLatin1String("sign_in_failed"))
        return tr("Sign-in failed (wrong password)");
    if (action == QLatin1String("agreement_signed"))
        return tr("Signed the agreement");
    if (action == QLatin1String("consent_recorded"))
        return tr("Recorded photo permission");
    if (action == QLatin1String("signed_out_everywhere"))
        return tr("Signed out everywhere");
    return action;
}

} // namespace Acorn
