#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;

namespace Acorn {

class Session;

// Staff's side of the parent portal, through the nursery's server (docs/portal.md): invitations for a parent or
// carer (a one-time code and link, for a letter or an e-mail), withdrawing them, and the portal's trail of sign-ins
// and signatures for managers. Synchronous calls; who may do what is checked here (ManageGuardians), as everywhere
// in core.
class PortalInvitations final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::PortalInvitations)
public:
    struct Issued
    {
        QString invitationId;
        QString code; // shown once
        QDateTime expiresAt;
        QUrl link; // the server's address + /portal/accept?code=…
        bool emailed = false; // sent to the address on the guardian's record as well
        QString emailProblem; // why not, when it was asked for
    };
    struct Info
    {
        QString invitationId;
        QStringList childIds;
        QDateTime createdAt;
        QDateTime expiresAt;
        QDateTime usedAt;
        QDateTime revokedAt;
        bool isOpen(const QDateTime& now) const { return usedAt.isNull() && revokedAt.isNull() && now < expiresAt; }
    };
    struct Event
    {
        QDateTime at;
        QString guardianId;
        QString action;
        QString detail;
    };

    PortalInvitations(Session& session, QNetworkAccessManager& network, int timeoutMs = 15000);

    // The guardian and children must be on the server already (sync first); the audit log records it.
    // `email`: also send it to the address on the guardian's record (when the server has a mail relay).
    [[nodiscard]] Result<Issued> invite(const QString& guardianId, const QStringList& childIds, int days = 14,
                                        bool email = false);
    [[nodiscard]] Result<QList<Info>> list(const QString& guardianId, bool* hasAccount = nullptr);
    [[nodiscard]] VoidResult revoke(const QString& invitationId);
    [[nodiscard]] Result<QList<Event>> events(int limit = 200);

    // "signed_in" → "Signed in", and so on, for the managers' view.
    static QString describeAction(const QString& action);

private:
    VoidResult checkAllowed() const;

    Session& m_session;
    QNetworkAccessManager& m_network;
    int m_timeoutMs;
};

} // namespace Acorn
