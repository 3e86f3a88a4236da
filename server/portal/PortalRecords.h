#pragma once

#include "Result.h"
#include "portal/PortalJournal.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace Acorn {
class Clock;
}

namespace Acorn::Server {

class ServerStore;

// The steps a parent takes before the journal opens (DESIGN.md §4): sign the current agreement (typed name, version
// recorded), record photo consent for an invited child whose consent is not recorded yet, and only then be linked to
// that child. Each is written as the synced rows devices keep (the guardian's agreement fields and links, the child's
// consent), so the nursery sees it; read-modify-write against the row's revision, retried when a device wrote first.
class PortalRecords final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::PortalRecords)
public:
    PortalRecords(ServerStore& store, const Clock& clock);

    struct Agreement
    {
        int version = 1;
        QString text;
    };
    struct PendingConsent
    {
        QString childId;
        QString childName;
    };
    struct State
    {
        QString guardianName;
        Agreement agreement; // the nursery's current one
        bool agreementSigned = false; // at the current version
        QList<PendingConsent> pendingConsents; // invited, consent not recorded: ask before linking
    };

    [[nodiscard]] Result<State> state(const GuardianIdentity& guardian);
    [[nodiscard]] VoidResult signAgreement(const GuardianIdentity& guardian, int version, const QString& typedName);
    // yes/no for each named child (all of them must be pending for this guardian); then links them.
    [[nodiscard]] VoidResult recordConsent(const GuardianIdentity& guardian, const QHash<QString, bool>& consent);
    // Links the invited children whose consent is recorded and who are not linked yet (agreement signed first).
    [[nodiscard]] VoidResult settleLinks(const GuardianIdentity& guardian);

private:
    [[nodiscard]] Result<QStringList> invitedChildren(const GuardianIdentity& guardian);
    // Applies `change` to the row's JSON and writes it back, retrying if a device changed it meanwhile.
    [[nodiscard]] VoidResult update(const GuardianIdentity& guardian, const QString& entity, const QString& id,
                                    const std::function<bool(QJsonObject&)>& change);

    ServerStore& m_store;
    const Clock& m_clock;
};

} // namespace Acorn::Server
