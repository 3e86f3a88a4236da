// SqlServerStore's parent-portal records (store/migrations/0002_portal.sql): invitations, accounts, sessions,
// sign-in failures and the portal's audit trail. The same portable SQL on SQLite and PostgreSQL.
#include "store/SqlServerStore.h"

#include "Clock.h"
#include "domain/Ids.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Acorn::Server {

namespace {
QString iso(const QDateTime& time)
{
    return time.isValid() ? Ids::toIso(time) : QString();
}

QDateTime timeFrom(const QVariant& value)
{
    return value.isNull() ? QDateTime() : Ids::fromIso(value.toString());
}

QString childIdsJson(const QStringList& ids)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
}

QStringList childIdsFrom(const QVariant& value)
{
    QStringList ids;
    for (const QJsonValue& v : QJsonDocument::fromJson(value.toString().toUtf8()).array())
        ids << v.toString();
    return ids;
}

const QString InvitationColumns
    = QStringLiteral("invitation_id, setting_id, guardian_id, child_ids, created_at, expires_at, used_at, revoked_at, "
                     "created_by_device");

PortalInvitation invitationFrom(const QSqlQuery& q)
{
    PortalInvitation i;
    i.invitationId = q.value(0).toString();
    i.settingId = q.value(1).toString();
    i.guardianId = q.value(2).toString();
    i.childIds = childIdsFrom(q.value(3));
    i.createdAt = timeFrom(q.value(4));
    i.expiresAt = timeFrom(q.value(5));
    i.usedAt = timeFrom(q.value(6));
    i.revokedAt = timeFrom(q.value(7));
    i.createdByDevice = q.value(8).toString();
    return i;
}

const QString AccountColumns = QStringLiteral("guardian_id, setting_id, email, password_hash, totp_secret, created_at, "
                                              "password_changed_at, disabled, totp_last_step");

PortalAccount accountFrom(const QSqlQuery& q)
{
    PortalAccount a;
    a.guardianId = q.value(0).toString();
    a.settingId = q.value(1).toString();
    a.email = q.value(2).toString();
    a.passwordHash = q.value(3).toString();
    a.totpSecret = q.value(4).toString();
    a.createdAt = timeFrom(q.value(5));
    a.passwordChangedAt = timeFrom(q.value(6));
    a.disabled = q.value(7).toInt() != 0;
    a.totpLastStep = q.value(8).toLongLong();
    return a;
}
} // namespace

VoidResult SqlServerStore::createInvitation(const PortalInvitation& i, const QString& codeSha256)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("INSERT INTO portal_invitations (invitation_id, setting_id, guardian_id, child_ids, "
                            "code_sha256, created_at, created_by_device, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
             {i.invitationId, i.settingId, i.guardianId, childIdsJson(i.childIds), codeSha256, iso(i.createdAt),
              i.createdByDevice, iso(i.expiresAt)}))
        return failure("portal: create invitation");
    return {};
}

Result<std::optional<PortalInvitation>> SqlServerStore::invitationByCode(const QString& codeSha256)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("SELECT %1 FROM portal_invitations WHERE code_sha256 = ?").arg(InvitationColumns),
             {codeSha256}))
        return failure("portal: invitation");
    if (!q.next())
        return std::optional<PortalInvitation>();
    return std::optional<PortalInvitation>(invitationFrom(q));
}

Result<QList<PortalInvitation>> SqlServerStore::invitations(const QString& settingId, const QString& guardianId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("SELECT %1 FROM portal_invitations WHERE setting_id = ? AND guardian_id = ? ORDER BY "
                            "created_at")
                 .arg(InvitationColumns),
             {settingId, guardianId}))
        return failure("portal: invitations");
    QList<PortalInvitation> list;
    while (q.next())
        list.append(invitationFrom(q));
    return list;
}

Result<bool> SqlServerStore::revokeInvitation(const QString& settingId, const QString& invitationId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("UPDATE portal_invitations SET revoked_at = ? WHERE setting_id = ? AND invitation_id = ? "
                            "AND used_at IS NULL AND revoked_at IS NULL"),
             {now(), settingId, invitationId}))
        return failure("portal: revoke invitation");
    return q.numRowsAffected() == 1;
}

Result<ServerStore::AcceptOutcome> SqlServerStore::acceptInvitation(const QString& invitationId,
                                                                    const PortalAccount& account)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    TransactionGuard tx(*this);
    if (!tx.begun())
        return failure("portal: accept: begin");
    QSqlQuery q(sql());
    // Used once: the row is claimed first, so two browsers racing with the same code cannot both get in.
    if (!run(q,
             QStringLiteral("UPDATE portal_invitations SET used_at = ? WHERE invitation_id = ? AND used_at IS NULL "
                            "AND revoked_at IS NULL AND expires_at > ?"),
             {now(), invitationId, now()}))
        return failure("portal: accept: claim");
    if (q.numRowsAffected() != 1)
        return AcceptOutcome::NotUsable; // the guard rolls back
    if (!run(q, QStringLiteral("SELECT guardian_id FROM portal_accounts WHERE email = ? AND guardian_id <> ?"),
             {account.email, account.guardianId}))
        return failure("portal: accept: email");
    if (q.next())
        return AcceptOutcome::EmailTaken;
    q.finish();
    const QString at = now();
    if (!run(q,
             QStringLiteral("INSERT INTO portal_accounts (guardian_id, setting_id, email, password_hash, created_at, "
                            "password_changed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guardian_id) DO UPDATE SET "
                            "email = excluded.email, password_hash = excluded.password_hash, password_changed_at = "
                            "excluded.password_changed_at, disabled = 0"),
             {account.guardianId, account.settingId, account.email, account.passwordHash, at, at}))
        return failure("portal: accept: account");
    // A new password ends every session the old one opened.
    if (!run(q, QStringLiteral("DELETE FROM portal_sessions WHERE guardian_id = ?"), {account.guardianId}))
        return failure("portal: accept: sessions");
    q.finish();
    if (!commit())
        return failure("portal: accept: commit");
    return AcceptOutcome::Accepted;
}

Result<std::optional<PortalAccount>> SqlServerStore::accountByEmail(const QString& email)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("SELECT %1 FROM portal_accounts WHERE email = ?").arg(AccountColumns), {email}))
        return failure("portal: account");
    if (!q.next())
        return std::optional<PortalAccount>();
    return std::optional<PortalAccount>(accountFrom(q));
}

Result<std::optional<PortalAccount>> SqlServerStore::accountByGuardian(const QString& guardianId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("SELECT %1 FROM portal_accounts WHERE guardian_id = ?").arg(AccountColumns),
             {guardianId}))
        return failure("portal: account");
    if (!q.next())
        return std::optional<PortalAccount>();
    return std::optional<PortalAccount>(accountFrom(q));
}

VoidResult SqlServerStore::setPassword(const QString& guardianId, const QString& passwordHash)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("UPDATE portal_accounts SET password_hash = ?, password_changed_at = ? WHERE "
                            "guardian_id = ?"),
             {passwordHash, now(), guardianId}))
        return failure("portal: password");
    return {};
}

VoidResult SqlServerStore::setTotpSecret(const QString& guardianId, const QString& secret)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("UPDATE portal_accounts SET totp_secret = ? WHERE guardian_id = ?"),
             {secret.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(secret), guardianId}))
        return failure("portal: totp");
    return {};
}

VoidResult SqlServerStore::createSession(const QString& tokenSha256, const PortalSession& s)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("INSERT INTO portal_sessions (token_sha256, guardian_id, csrf_token, created_at, "
                            "last_seen_at, expires_at, pending_second_factor) VALUES (?, ?, ?, ?, ?, ?, ?)"),
             {tokenSha256, s.guardianId, s.csrfToken, now(), now(), iso(s.expiresAt), s.pendingSecondFactor ? 1 : 0}))
        return failure("portal: create session");
    return {};
}

Result<bool> SqlServerStore::useTotpStep(const QString& guardianId, qint64 step)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    // One statement: two sign-ins racing with the same code cannot both win.
    if (!run(q,
             QStringLiteral(
                 "UPDATE portal_accounts SET totp_last_step = ? WHERE guardian_id = ? AND totp_last_step < ?"),
             {step, guardianId, step}))
        return failure("portal: totp step");
    return q.numRowsAffected() == 1;
}

Result<std::optional<PortalSession>> SqlServerStore::session(const QString& tokenSha256)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("SELECT s.guardian_id, a.setting_id, s.csrf_token, s.created_at, s.expires_at, "
                            "s.pending_second_factor FROM "
                            "portal_sessions s JOIN portal_accounts a ON a.guardian_id = s.guardian_id WHERE "
                            "s.token_sha256 = ? AND a.disabled = 0"),
             {tokenSha256}))
        return failure("portal: session");
    if (!q.next())
        return std::optional<PortalSession>();
    PortalSession s;
    s.guardianId = q.value(0).toString();
    s.settingId = q.value(1).toString();
    s.csrfToken = q.value(2).toString();
    s.createdAt = timeFrom(q.value(3));
    s.expiresAt = timeFrom(q.value(4));
    s.pendingSecondFactor = q.value(5).toInt() != 0;
    q.finish();
    if (s.expiresAt <= m_clock.now()) {
        (void)endSession(tokenSha256);
        return std::optional<PortalSession>();
    }
    return std::optional<PortalSession>(s);
}

VoidResult SqlServerStore::endSession(const QString& tokenSha256)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("DELETE FROM portal_sessions WHERE token_sha256 = ?"), {tokenSha256}))
        return failure("portal: end session");
    return {};
}

Result<int> SqlServerStore::endAllSessions(const QString& guardianId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("DELETE FROM portal_sessions WHERE guardian_id = ?"), {guardianId}))
        return failure("portal: end sessions");
    return q.numRowsAffected();
}

Result<SignInFailures> SqlServerStore::signInFailures(const QString& email)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("SELECT failures, last_failure_at FROM portal_signin_failures WHERE email = ?"),
             {email}))
        return failure("portal: failures");
    SignInFailures f;
    if (q.next()) {
        f.count = q.value(0).toInt();
        f.last = timeFrom(q.value(1));
    }
    return f;
}

VoidResult SqlServerStore::recordSignInFailure(const QString& email)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("INSERT INTO portal_signin_failures (email, failures, last_failure_at) VALUES (?, 1, ?) "
                            "ON CONFLICT (email) DO UPDATE SET failures = portal_signin_failures.failures + 1, "
                            "last_failure_at = excluded.last_failure_at"),
             {email, now()}))
        return failure("portal: record failure");
    return {};
}

VoidResult SqlServerStore::clearSignInFailures(const QString& email)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("DELETE FROM portal_signin_failures WHERE email = ?"), {email}))
        return failure("portal: clear failures");
    return {};
}

VoidResult SqlServerStore::addPortalEvent(const PortalEvent& e)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("INSERT INTO portal_events (event_id, setting_id, at, guardian_id, action, detail) VALUES "
                            "(?, ?, ?, ?, ?, ?)"),
             {e.eventId.isEmpty() ? Ids::newId() : e.eventId, e.settingId, e.at.isValid() ? iso(e.at) : now(),
              e.guardianId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(e.guardianId), e.action,
              e.detail.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(e.detail)}))
        return failure("portal: event");
    return {};
}

Result<QList<PortalEvent>> SqlServerStore::portalEvents(const QString& settingId, int limit)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("SELECT event_id, setting_id, at, guardian_id, action, detail FROM portal_events WHERE "
                            "setting_id = ? ORDER BY at DESC, event_id LIMIT ?"),
             {settingId, qBound(1, limit, 1000)}))
        return failure("portal: events");
    QList<PortalEvent> list;
    while (q.next())
        list.append({q.value(0).toString(), q.value(1).toString(), timeFrom(q.value(2)), q.value(3).toString(),
                     q.value(4).toString(), q.value(5).toString()});
    return list;
}

} // namespace Acorn::Server
