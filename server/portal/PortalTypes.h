#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Acorn::Server {

// The parent portal's server-only records (store/migrations/0002_portal.sql).

struct PortalInvitation
{
    QString invitationId;
    QString settingId;
    QString guardianId;
    QStringList childIds; // the children this guardian will see once linked
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime usedAt; // null until accepted
    QDateTime revokedAt; // null unless revoked
    QString createdByDevice;

    bool isUsable(const QDateTime& now) const { return usedAt.isNull() && revokedAt.isNull() && now < expiresAt; }
};

struct PortalAccount
{
    QString guardianId;
    QString settingId;
    QString email; // lower case: the sign-in name
    QString passwordHash; // crypto_pwhash_str (Argon2id)
    QString totpSecret; // base32, empty when two-factor is off
    QDateTime createdAt;
    QDateTime passwordChangedAt;
    bool disabled = false;
    qint64 totpLastStep = 0; // the last TOTP time step a code was accepted for
};

struct PortalSession
{
    QString guardianId;
    QString settingId;
    QString csrfToken;
    QDateTime createdAt;
    QDateTime expiresAt;
    bool pendingSecondFactor = false; // password right, TOTP code still to come: opens nothing yet
};

struct PortalEvent
{
    QString eventId;
    QString settingId;
    QDateTime at;
    QString guardianId;
    QString action; // signed_in, sign_in_failed, invitation_accepted, agreement_signed, signed_out_everywhere, ...
    QString detail; // never a password or a text a parent wrote
};

struct SignInFailures
{
    int count = 0;
    QDateTime last;
};

} // namespace Acorn::Server
