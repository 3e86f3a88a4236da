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

#include <liboath/oath.h>
#include <sodium.h>

#include <QUrl>

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

Result<PortalAuth::SignedIn> PortalAuth::openSession(const PortalAccount& account, bool pendingSecondFactor)
{
    SignedIn signedIn;
    signedIn.session.pendingSecondFactor = pendingSecondFactor;
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
    auto hashed = hashPassword(password, address, guardianName);
    if (!hashed)
        return hashed.error();
    PortalAccount account;
    account.guardianId = invitation.value().guardianId;
    account.settingId = invitation.value().settingId;
    account.email = address;
    account.passwordHash = hashed.value();
    auto outcome = m_store.acceptInvitation(invitation.value().invitationId, account);
    if (!outcome)
        return outcome.error();
    if (outcome.value() == ServerStore::AcceptOutcome::EmailTaken)
        return Error(Error::Code::AlreadyExists,
                     tr("Another account uses this e-mail address. Use another address, or ask the nursery."));
    if (outcome.value() == ServerStore::AcceptOutcome::NotUsable)
        return findInvitation(QString()).error(); // the same words as any unusable invitation
    record(account.settingId, account.guardianId, QStringLiteral("invitation_accepted"));
    // A new password (a reset, too) does not get round two-step sign-in: with it on, the code still comes next.
    auto stored = m_store.accountByGuardian(account.guardianId);
    if (!stored)
        return stored.error();
    return openSession(account, stored.value() && !stored.value()->totpSecret.isEmpty());
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
    bool ok = false;
    if (account.value() && !account.value()->disabled) {
        ok = verifyPassword(*account.value(), password);
    } else {
        // The same work for an unknown address, so that timing does not tell which addresses have accounts.
        QByteArray utf8 = password.left(MaxPasswordLength).toUtf8();
        char dummy[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(dummy, utf8.constData(), std::size_t(utf8.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE)
            != 0)
            qCWarning(lcServer, "portal: password hashing failed (out of memory?)");
        sodium_memzero(utf8.data(), std::size_t(utf8.size()));
    }
    if (!ok) {
        if (auto recorded = m_store.recordSignInFailure(address); !recorded)
            return recorded.error(); // no throttling without the record: refuse rather than carry on
        if (account.value())
            record(account.value()->settingId, account.value()->guardianId, QStringLiteral("sign_in_failed"));
        qCInfo(lcServer, "portal: a sign-in failed");
        return refusedSignIn();
    }
    if (!account.value()->totpSecret.isEmpty())
        return openSession(*account.value(), true); // the code comes next; failures still count until then
    (void)m_store.clearSignInFailures(address);
    record(account.value()->settingId, account.value()->guardianId, QStringLiteral("signed_in"));
    return openSession(*account.value());
}

Result<QString> PortalAuth::hashPassword(const QString& password, const QString& email, const QString& name)
{
    if (password.size() > MaxPasswordLength)
        return Error(Error::Code::InvalidInput,
                     tr("That password is too long (at most %1 characters).").arg(MaxPasswordLength));
    const PasswordPolicy policy = PasswordPolicy::passphraseDefault();
    if (!policy.accepts(password, email, name))
        return Error(Error::Code::PolicyViolation, policy.explainRefusal(password, email, name));
    QByteArray utf8 = password.toUtf8();
    char hashed[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str(hashed, utf8.constData(), std::size_t(utf8.size()),
                                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sodium_memzero(utf8.data(), std::size_t(utf8.size()));
    if (rc != 0)
        return Error(Error::Code::Internal, tr("The server is too busy to set your password now. Try again soon."));
    return QString::fromLatin1(hashed);
}

bool PortalAuth::verifyPassword(const PortalAccount& account, const QString& password) const
{
    QByteArray utf8 = password.left(MaxPasswordLength).toUtf8();
    const QByteArray stored = account.passwordHash.toLatin1();
    const bool ok = crypto_pwhash_str_verify(stored.constData(), utf8.constData(), std::size_t(utf8.size())) == 0;
    sodium_memzero(utf8.data(), std::size_t(utf8.size()));
    return ok;
}

QString PortalAuth::totpCode(const QString& secret, const QDateTime& time)
{
    char* raw = nullptr;
    size_t rawLength = 0;
    const QByteArray base32 = secret.toLatin1();
    if (oath_init() != OATH_OK
        || oath_base32_decode(base32.constData(), std::size_t(base32.size()), &raw, &rawLength) != OATH_OK)
        return {};
    char otp[10] = {};
    const int rc = oath_totp_generate(raw, rawLength, time_t(time.toSecsSinceEpoch()), TotpStepSeconds, 0, 6, otp);
    sodium_memzero(raw, rawLength);
    free(raw);
    return rc == OATH_OK ? QString::fromLatin1(otp) : QString();
}

qint64 PortalAuth::totpStep(const QString& secret, const QString& code) const
{
    const QString digits = code.simplified().remove(QLatin1Char(' '));
    if (digits.size() != 6 || !std::all_of(digits.cbegin(), digits.cend(), [](QChar c) { return c.isDigit(); }))
        return -1;
    char* raw = nullptr;
    size_t rawLength = 0;
    const QByteArray base32 = secret.toLatin1();
    if (oath_init() != OATH_OK
        || oath_base32_decode(base32.constData(), std::size_t(base32.size()), &raw, &rawLength) != OATH_OK)
        return -1;
    const time_t now = time_t(m_clock.now().toSecsSinceEpoch());
    int position = 0;
    const QByteArray otp = digits.toLatin1();
    const int rc = oath_totp_validate2(raw, rawLength, now, TotpStepSeconds, 0, 1, &position, otp.constData());
    sodium_memzero(raw, rawLength);
    free(raw);
    if (rc < 0)
        return -1;
    return qint64(now) / TotpStepSeconds + position;
}

PortalAuth::NewSecret PortalAuth::newTotpSecret(const QString& email) const
{
    QByteArray raw(20, '\0');
    randombytes_buf(raw.data(), std::size_t(raw.size()));
    char* encoded = nullptr;
    size_t length = 0;
    NewSecret secret;
    if (oath_init() == OATH_OK
        && oath_base32_encode(raw.constData(), std::size_t(raw.size()), &encoded, &length) == OATH_OK) {
        secret.secret = QString::fromLatin1(encoded, qsizetype(length)).remove(QLatin1Char('='));
        free(encoded);
    }
    sodium_memzero(raw.data(), std::size_t(raw.size()));
    // One arg() call: an address's "%2B" (a "+") must not be read as a placeholder.
    secret.uri = QStringLiteral("otpauth://totp/Acorn:%1?secret=%2&issuer=Acorn&period=%3&digits=6")
                     .arg(QString::fromLatin1(QUrl::toPercentEncoding(email)), secret.secret,
                          QString::number(TotpStepSeconds));
    return secret;
}

Result<PortalAuth::SignedIn> PortalAuth::completeSecondFactor(const QString& token, const QString& code)
{
    auto pending = session(token);
    if (!pending)
        return pending.error();
    if (!pending.value().pendingSecondFactor)
        return Error(Error::Code::InvalidInput, tr("You are signed in already."));
    auto account = m_store.accountByGuardian(pending.value().guardianId);
    if (!account)
        return account.error();
    if (!account.value())
        return Error(Error::Code::PermissionDenied, tr("Please sign in."));
    auto failures = m_store.signInFailures(account.value()->email);
    if (!failures)
        return failures.error();
    if (const int wait = waitSeconds(failures.value().count, failures.value().last, m_clock.now()); wait > 0)
        return Error(Error::Code::Throttled, tr("Too many tries. Wait %1 seconds, then try again.").arg(wait));
    const qint64 step = totpStep(account.value()->totpSecret, code);
    auto fresh = step >= 0 ? m_store.useTotpStep(account.value()->guardianId, step) : Result<bool>(false);
    if (!fresh)
        return fresh.error();
    if (!fresh.value()) {
        (void)m_store.recordSignInFailure(account.value()->email);
        record(account.value()->settingId, account.value()->guardianId, QStringLiteral("sign_in_failed"),
               QStringLiteral("second factor"));
        return Error(Error::Code::WrongPassword,
                     tr("That code is not right, or it was used already. Use the newest code your app shows."));
    }
    (void)m_store.clearSignInFailures(account.value()->email);
    signOut(token);
    record(account.value()->settingId, account.value()->guardianId, QStringLiteral("signed_in"),
           QStringLiteral("with two-factor"));
    return openSession(*account.value());
}

VoidResult PortalAuth::enableTotp(const PortalSession& s, const QString& password, const QString& secret,
                                  const QString& code)
{
    // The password first: a borrowed session must not be able to lock the parent out with someone else's app.
    auto account = m_store.accountByGuardian(s.guardianId);
    if (!account)
        return account.error();
    if (!account.value() || !verifyPassword(*account.value(), password))
        return Error(Error::Code::WrongPassword, tr("That password is not right."));
    const qint64 step = totpStep(secret, code);
    if (step < 0)
        return Error(Error::Code::InvalidInput,
                     tr("That code does not match. Check the app has the key shown here, then type its newest code."));
    if (auto set = m_store.setTotpSecret(s.guardianId, secret); !set)
        return set;
    (void)m_store.useTotpStep(s.guardianId, step);
    record(s.settingId, s.guardianId, QStringLiteral("two_factor_on"));
    return {};
}

VoidResult PortalAuth::disableTotp(const PortalSession& s, const QString& password)
{
    auto account = m_store.accountByGuardian(s.guardianId);
    if (!account)
        return account.error();
    if (!account.value() || !verifyPassword(*account.value(), password))
        return Error(Error::Code::WrongPassword, tr("That password is not right."));
    if (auto set = m_store.setTotpSecret(s.guardianId, QString()); !set)
        return set;
    record(s.settingId, s.guardianId, QStringLiteral("two_factor_off"));
    return {};
}

VoidResult PortalAuth::changePassword(const PortalSession& s, const QString& current, const QString& next)
{
    auto account = m_store.accountByGuardian(s.guardianId);
    if (!account)
        return account.error();
    if (!account.value() || !verifyPassword(*account.value(), current))
        return Error(Error::Code::WrongPassword, tr("Your current password is not right."));
    auto hashed = hashPassword(next, account.value()->email, QString());
    if (!hashed)
        return hashed.error();
    if (auto set = m_store.setPassword(s.guardianId, hashed.value()); !set)
        return set;
    // Every other phone and computer signs in again with the new password.
    if (auto ended = m_store.endAllSessions(s.guardianId); !ended)
        return ended.error();
    record(s.settingId, s.guardianId, QStringLiteral("password_changed"));
    return {};
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
