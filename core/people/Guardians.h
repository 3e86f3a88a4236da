#pragma once

#include "Result.h"
#include "domain/Guardian.h"

#include <QCoreApplication>
#include <QList>
#include <optional>

namespace Acorn {

class Session;

// Parents and carers. The policy, in rules:
// - a guardian is linked to a child only once the child's photo-consent decision has been recorded;
// - nobody gets access until they have signed the current agreement not to download or share (typed name, date,
//   version); a new agreement version takes access away until it is signed again.
class Guardians final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Guardians)
public:
    struct Agreement
    {
        int version = 0;
        QString text;
    };

    explicit Guardians(Session& session);

    QList<Guardian> all() const;
    std::optional<Guardian> byId(const QString& id) const;
    QList<GuardianLink> linksOfChild(const QString& childId) const;
    QList<GuardianLink> linksOfGuardian(const QString& guardianId) const;

    [[nodiscard]] Result<Guardian> create(const QString& name, const QString& email);
    [[nodiscard]] VoidResult update(const Guardian& guardian);
    [[nodiscard]] VoidResult link(const QString& guardianId, const QString& childId, const QString& relationship);
    [[nodiscard]] VoidResult unlink(const QString& guardianId, const QString& childId);

    Agreement currentAgreement() const;
    [[nodiscard]] Result<int> setAgreementText(const QString& text);
    [[nodiscard]] VoidResult recordAgreement(const QString& guardianId, const QString& typedName);

    // The core rule the portal will use: linked to the child, and the current agreement signed.
    bool hasAccess(const QString& guardianId, const QString& childId) const;
    // Why hasAccess() is false, in words for staff ("has not signed version 2 of the agreement"); empty when it is
    // true. The same rule, so that a screen never explains access differently from how it is decided.
    QString whyNoAccess(const QString& guardianId, const QString& childId) const;
    static QString defaultAgreementText();

private:
    Session& m_session;
};

} // namespace Acorn
