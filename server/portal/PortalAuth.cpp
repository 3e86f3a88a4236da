#include "portal/PortalAuth.h"

#include "Clock.h"
#include "ServerLogging.h"
#include "auth/PasswordPolicy.h"
#include "crypto/Sha256.h"
#include "domain/Ids.h"
#include "store/ServerStore.h"
#include "sync/EnrolmentCode.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <sodium.h>

namespace Acorn::Server {

namespace {
QString randomToken()
{
    QByteArray bytes(32, '\0');
    randombytes_buf(bytes.data(), std::size_t(bytes.size()));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Error refusedSignIn()
{
    // One message whatever was wrong: the address, the password, a disabled account.
    return Error(Error::Code::WrongPassword, PortalAuth::tr("That e-mail address and password do not match."));
}
} // namespace

PortalAuth::PortalAuth(ServerStore& store, const Clock& clock)
    : m_store(store)
    , m_clock(clock)
{
}

QString PortalAuth::tokenHash(const QString& token)
{
    return QString::fromLatin1(Sha256::hash(token.toLatin1()).toHex());
}

QString PortalAuth::normaliseEmail(const QString& email)
{
    return email.trimmed().toLower();
}

bool PortalAuth::csrfMatches(const PortalSession& session, const QString& submitted)
{
    const QByteArray a = session.csrfToken.toLatin1();
    const QByteArray b = submitted.toLatin1();
    return !a.isEmpty() && a.size() == b.size()
        && sodium_memcmp(a.constData(), b.constData(), std::size_t(a.size())) == 0;
}

int PortalAuth::waitSeconds(int failures, const QDateTime& last, const QDateTime& now)
{
    if (failures < 3 || !last.isValid())
        return 0;
    const qint64 delay = qMin<qint64>(15 * 60, qint64(1) << qMin(failures - 3, 10));
    return int(qMax<qint64>(0, delay - last.secsTo(now)));
}

void PortalAuth::record(const QString& settingId, const QString& guardianId, const QString& action,
                        const QString& detail)
{
    if (settingId.isEmpty())
        return;
    (void)m_store.addPortalEvent({Ids::newId(), settingId, m_clock.now(), guardianId, action, detail});
}

Result<PortalAuth::IssuedInvitation> PortalAuth::invite(const DeviceIdentity& device, const QString& guardianId,
                                                        const QStringList& childIds, int days)
{
    if (days < 1 || days > MaxInvitationDays)
        return Error(Error::Code::InvalidInput, tr("An invitation works for 1 to %1 days.").arg(MaxInvitationDays));
    auto guardian = m_store.entity(device.settingId, QStringLiteral("guardian"), guardianId);
    if (!guardian)
        return guardian.error();
    if (!guardian.value() || guardian.value()->state.deleted)
        return Error(Error::Code::NotFound,
                     tr("The server does not know this parent or carer yet: sync this device, then try again."));
    if (childIds.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Name the child (or children) this parent or carer will see."));
    for (const QString& child : childIds) {
        auto row = m_store.entity(device.settingId, QStringLiteral("child"), child);
        if (!row)
            return row.error();
        if (!row.value() || row.value()->state.deleted)
            return Error(Error::Code::NotFound,
                         tr("The server does not know one of these children yet: sync this device, then try again."));
    }
    IssuedInvitation issued;
    issued.invitationId = Ids::newId();
    issued.code = EnrolmentCode::generate();
    issued.expiresAt = m_clock.now().addDays(days);
    PortalInvitation invitation;
    invitation.invitationId = issued.invitationId;
    invitation.settingId = device.settingId;
    invitation.guardianId = guardianId;
    invitation.childIds = childIds;
    invitation.createdAt = m_clock.now();
    invitation.expiresAt = issued.expiresAt;
    invitation.createdByDevice = device.deviceId;
    if (auto created = m_store.createInvitation(invitation, EnrolmentCode::hash(EnrolmentCode::normalise(issued.code)));
        !created)
        return created.error();
    record(device.settingId, guardianId, QStringLiteral("invited"), QStringLiteral("device %1").arg(device.deviceId));
    return issued;
}

Result<PortalInvitation> PortalAuth::findInvitation(const QString& code)
{
    const QString normalised = EnrolmentCode::normalise(code);
    const Error unusable(Error::Code::NotFound,
                         tr("This invitation cannot be used: it may have expired, been used already, or been "
                            "withdrawn. Ask the nursery for a new one."));
    if (normalised.isEmpty())
        return unusable;
    auto found = m_store.invitationByCode(EnrolmentCode::hash(normalised));
    if (!found)
        return found.error();
    if (!found.value() || !found.value()->isUsable(m_clock.now()))
        return unusable;
    return *found.value();
}

Result<PortalAuth::SignedIn> PortalAuth::openSession(const PortalAccount& account)
{
    SignedIn signedIn;
    signedIn.token = randomToken();
    signedIn.session.guardianId = account.guardianId;
    signedIn.session.settingId = account.settingId;
    signedIn.session.csrfToken = randomToken();
    signedIn.session.createdAt = m_clock.now();
    signedIn.session.expiresAt = m_clock.now().addSecs(SessionHours * 3600);
    if (auto created = m_store.createSession(tokenHash(signedIn.token), signedIn.session); !created)
        return created.error();
    return signedIn;
}

Result<PortalAuth::SignedIn> PortalAuth::accept(const QString& code, const QString& email, const QString& password,
                                                const QString& guardianName)
{
    auto invitation = findInvitation(code);
    if (!invitation)
        return invitation.error();
    const QString address = normaliseEmail(email);
    static const QRegularExpression plausible(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!plausible.match(address).hasMatch() || address.size() > 254)
        return Error(Error::Code::InvalidInput, tr("Enter your e-mail address, like name@example.com."));
    if (password.size() > MaxPasswordLength)
        return Error(Error::Code::InvalidInput,
                     tr("That password is too long (at most %1 characters).").arg(MaxPasswordLength));
    const PasswordPolicy policy = PasswordPolicy::passphraseDefault();
    if (!policy.accepts(password, address, guardianName))
        return Error(Error::Code::PolicyViolation, policy.explainRefusal(password, address, guardianName));
    QByteArray utf8 = password.toUtf8();
    char hashed[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str(hashed, utf8.constData(), std::size_t(utf8.size()),
                                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sodium_memzero(utf8.data(), std::size_t(utf8.size()));
    if (rc != 0)
        return Error(Error::Code::Internal, tr("The server is too busy to set your password now. Try again soon."));
    PortalAccount account;
    account.guardianId = invitation.value().guardianId;
    account.settingId = invitation.value().settingId;
    account.email = address;
    account.passwordHash = QString::fromLatin1(hashed);
    auto outcome = m_store.acceptInvitation(invitation.value().invitationId, account);
    if (!outcome)
        return outcome.error();
    if (outcome.value() == ServerStore::AcceptOutcome::EmailTaken)
        return Error(Error::Code::AlreadyExists,
                     tr("Another account uses this e-mail address. Use another address, or ask the nursery."));
    if (outcome.value() == ServerStore::AcceptOutcome::NotUsable)
        return findInvitation(QString()).error(); // the same words as any unusable invitation
    record(account.settingId, account.guardianId, QStringLiteral("invitation_accepted"));
    return openSession(account);
}

Result<PortalAuth::SignedIn> PortalAuth::signIn(const QString& email, const QString& password)
{
    const QString address = normaliseEmail(email);
    auto failures = m_store.signInFailures(address);
    if (!failures)
        return failures.error();
    if (const int wait = waitSeconds(failures.value().count, failures.value().last, m_clock.now()); wait > 0)
        return Error(Error::Code::Throttled,
                     wait == 1 ? tr("Too many tries. Wait a second, then try again.")
                               : tr("Too many tries. Wait %1 seconds, then try again.").arg(wait));
    auto account = m_store.accountByEmail(address);
    if (!account)
        return account.error();
    QByteArray utf8 = password.left(MaxPasswordLength).toUtf8();
    bool ok = false;
    if (account.value() && !account.value()->disabled) {
        const QByteArray stored = account.value()->passwordHash.toLatin1();
        ok = crypto_pwhash_str_verify(stored.constData(), utf8.constData(), std::size_t(utf8.size())) == 0;
    } else {
        // The same work for an unknown address, so that timing does not tell which addresses have accounts.
        char dummy[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(dummy, utf8.constData(), std::size_t(utf8.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE)
            != 0)
            qCWarning(lcServer, "portal: password hashing failed (out of memory?)");
    }
    sodium_memzero(utf8.data(), std::size_t(utf8.size()));
    if (!ok) {
        (void)m_store.recordSignInFailure(address);
        if (account.value())
            record(account.value()->settingId, account.value()->guardianId, QStringLiteral("sign_in_failed"));
        qCInfo(lcServer, "portal: a sign-in failed");
        return refusedSignIn();
    }
    (void)m_store.clearSignInFailures(address);
    record(account.value()->settingId, account.value()->guardianId, QStringLiteral("signed_in"));
    return openSession(*account.value());
}

Result<PortalSession> PortalAuth::session(const QString& token)
{
    if (token.isEmpty() || token.size() > 100)
        return Error(Error::Code::PermissionDenied, tr("Please sign in."));
    auto found = m_store.session(tokenHash(token));
    if (!found)
        return found.error();
    if (!found.value())
        return Error(Error::Code::PermissionDenied, tr("Please sign in."));
    return *found.value();
}

void PortalAuth::signOut(const QString& token)
{
    if (!token.isEmpty())
        (void)m_store.endSession(tokenHash(token));
}

Result<int> PortalAuth::signOutEverywhere(const PortalSession& session)
{
    auto ended = m_store.endAllSessions(session.guardianId);
    if (ended)
        record(session.settingId, session.guardianId, QStringLiteral("signed_out_everywhere"),
               QStringLiteral("%1 sessions").arg(ended.value()));
    return ended;
}

} // namespace Acorn::Server
