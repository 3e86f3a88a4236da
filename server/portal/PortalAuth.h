#pragma once

#include "Result.h"
#include "portal/PortalTypes.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Acorn {
class Clock;
}

namespace Acorn::Server {

class ServerStore;
struct DeviceIdentity;

// Parents' accounts on the portal (DESIGN.md §5, server): invitations made by staff on a device, accepted by setting
// a password (Argon2id through libsodium's crypto_pwhash_str; the passphrase policy with the common-password
// deny-list), sign-in with growing delays after failures, sessions whose tokens are kept only as SHA-256, sign-out
// everywhere, and a trail of it all for managers. Nothing here knows HTTP or cookies.
class PortalAuth final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::PortalAuth)
public:
    static constexpr int InvitationDays = 14; // how long an invitation works unless staff say otherwise
    static constexpr int MaxInvitationDays = 60;
    static constexpr int SessionHours = 12;
    static constexpr int MaxPasswordLength = 256;
    static constexpr int TotpStepSeconds = 30;

    PortalAuth(ServerStore& store, const Clock& clock);

    struct IssuedInvitation
    {
        QString invitationId;
        QString code; // shown once: on the letter, in the link
        QDateTime expiresAt;
    };
    // For a guardian the device has synced (and children of the same setting). Staff roles are checked on the device.
    [[nodiscard]] Result<IssuedInvitation> invite(const DeviceIdentity& device, const QString& guardianId,
                                                  const QStringList& childIds, int days = InvitationDays);
    // The invitation a typed or linked code names, if it can still be used; NotFound otherwise (never which reason).
    [[nodiscard]] Result<PortalInvitation> findInvitation(const QString& code);

    struct SignedIn
    {
        QString token; // for the cookie; kept by the server only as its SHA-256
        PortalSession session;
    };
    // Sets the password (policy-checked), links the account to the e-mail address, and signs in.
    [[nodiscard]] Result<SignedIn> accept(const QString& code, const QString& email, const QString& password,
                                          const QString& guardianName);
    // Throttled: after 3 failures for a sign-in name, each further try waits 2^(n-3) seconds (at most 15 minutes).
    [[nodiscard]] Result<SignedIn> signIn(const QString& email, const QString& password);
    // With two-factor on, signIn() gives a session that waits for the code (session.pendingSecondFactor); this checks
    // the code (one step either side, each code once) and replaces it with a full session (a new token).
    [[nodiscard]] Result<SignedIn> completeSecondFactor(const QString& token, const QString& code);
    // A new random secret (base32, as authenticator apps take it) and its otpauth:// address.
    struct NewSecret
    {
        QString secret;
        QString uri;
    };
    NewSecret newTotpSecret(const QString& email) const;
    // Turns two-factor on once the guardian proves their app has the secret (a current code).
    [[nodiscard]] VoidResult enableTotp(const PortalSession& session, const QString& password, const QString& secret,
                                        const QString& code);
    [[nodiscard]] VoidResult disableTotp(const PortalSession& session, const QString& password);
    [[nodiscard]] VoidResult changePassword(const PortalSession& session, const QString& current, const QString& next);
    // The code an authenticator app shows for `secret` at `time` (for tests and for checking).
    static QString totpCode(const QString& secret, const QDateTime& time);

    [[nodiscard]] Result<PortalSession> session(const QString& token);
    void signOut(const QString& token);
    [[nodiscard]] Result<int> signOutEverywhere(const PortalSession& session);

    static bool csrfMatches(const PortalSession& session, const QString& submitted);
    static QString tokenHash(const QString& token);
    static QString normaliseEmail(const QString& email);
    // Seconds still to wait after `failures` failed sign-ins, the last at `last`.
    static int waitSeconds(int failures, const QDateTime& last, const QDateTime& now);

private:
    [[nodiscard]] Result<SignedIn> openSession(const PortalAccount& account, bool pendingSecondFactor = false);
    // The TOTP time step `code` is valid for (one step either side of now), or -1.
    qint64 totpStep(const QString& secret, const QString& code) const;
    [[nodiscard]] Result<QString> hashPassword(const QString& password, const QString& email, const QString& name);
    bool verifyPassword(const PortalAccount& account, const QString& password) const;
    void record(const QString& settingId, const QString& guardianId, const QString& action, const QString& detail = {});

    ServerStore& m_store;
    const Clock& m_clock;
};

} // namespace Acorn::Server
