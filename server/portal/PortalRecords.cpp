#include "portal/PortalRecords.h"

#include "Clock.h"
#include "ServerLogging.h"
#include "domain/Ids.h"
#include "people/Guardians.h"
#include "store/ServerStore.h"
#include "sync/SyncEntities.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Acorn::Server {

namespace {
QJsonObject parse(const EntityState& state)
{
    return QJsonDocument::fromJson(state.data).object();
}

QString childName(const QJsonObject& row)
{
    const QString preferred = row.value(QStringLiteral("preferred_name")).toString();
    return preferred.isEmpty() ? row.value(QStringLiteral("first_name")).toString() : preferred;
}

// Whether the guardian's row has ever had a link to the child (also one the nursery has since removed).
bool hadLink(const QJsonObject& guardian, const QString& childId)
{
    for (const QJsonValue& v : guardian.value(QStringLiteral("children")).toArray())
        if (v.toObject().value(QStringLiteral("child_id")).toString() == childId)
            return true;
    return false;
}
} // namespace

PortalRecords::PortalRecords(ServerStore& store, const Clock& clock)
    : m_store(store)
    , m_clock(clock)
{
}

Result<QStringList> PortalRecords::invitedChildren(const GuardianIdentity& who)
{
    auto invitations = m_store.invitations(who.settingId, who.guardianId);
    if (!invitations)
        return invitations.error();
    QStringList children;
    for (const PortalInvitation& i : invitations.value())
        if (i.usedAt.isValid())
            for (const QString& c : i.childIds)
                if (!children.contains(c))
                    children << c;
    return children;
}

Result<PortalRecords::State> PortalRecords::state(const GuardianIdentity& who)
{
    State state;
    auto guardian = m_store.entity(who.settingId, QStringLiteral("guardian"), who.guardianId);
    if (!guardian)
        return guardian.error();
    if (!guardian.value() || guardian.value()->state.deleted)
        return Error(Error::Code::NotFound, tr("This account is no longer linked to the nursery's records."));
    const QJsonObject g = parse(guardian.value()->state);
    state.guardianName = g.value(QStringLiteral("name")).toString();
    for (const auto& [key, target] : {std::pair {QStringLiteral("guardians.agreement_version"), 0},
                                      {QStringLiteral("guardians.agreement_text"), 1}}) {
        auto row = m_store.entity(who.settingId, QStringLiteral("setting_value"), SyncEntities::settingValueId(key));
        if (!row)
            return row.error();
        if (!row.value())
            continue;
        const QString value = parse(row.value()->state).value(QStringLiteral("value")).toString();
        if (target == 0)
            state.agreement.version = qMax(1, value.toInt());
        else
            state.agreement.text = value;
    }
    if (state.agreement.text.trimmed().isEmpty())
        state.agreement.text = Guardians::defaultAgreementText();
    const int signedVersion = g.value(QStringLiteral("agreement_version")).toInt();
    state.agreementSigned = signedVersion > 0 && signedVersion >= state.agreement.version;

    auto invited = invitedChildren(who);
    if (!invited)
        return invited.error();
    for (const QString& childId : invited.value()) {
        if (hadLink(g, childId))
            continue; // linked already, or unlinked by the nursery: not the portal's to ask about again
        auto child = m_store.entity(who.settingId, QStringLiteral("child"), childId);
        if (!child)
            return child.error();
        if (!child.value() || child.value()->state.deleted)
            continue;
        const QJsonObject c = parse(child.value()->state);
        if (c.value(QStringLiteral("photo_consent")).toString() == QLatin1String("not_recorded")
            || c.value(QStringLiteral("photo_consent")).toString().isEmpty())
            state.pendingConsents.append({childId, childName(c)});
    }
    return state;
}

VoidResult PortalRecords::update(const GuardianIdentity& who, const QString& entity, const QString& id,
                                 const std::function<bool(QJsonObject&)>& change)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto row = m_store.entity(who.settingId, entity, id);
        if (!row)
            return row.error();
        if (!row.value() || row.value()->state.deleted)
            return Error(Error::Code::NotFound, tr("This record is no longer on the nursery's server."));
        QJsonObject data = parse(row.value()->state);
        if (!change(data))
            return {}; // nothing to change
        const QString now = Ids::toIso(m_clock.now());
        data.insert(QStringLiteral("revision"), double(row.value()->state.revision + 1));
        data.insert(QStringLiteral("updated_at"), now);
        data.insert(QStringLiteral("origin_device"), PortalJournal::origin());
        auto written = m_store.writeServerChanges(who.settingId, PortalJournal::origin(),
                                                  {ServerChange {entity, id, row.value()->state.revision, false,
                                                                 QJsonDocument(data).toJson(QJsonDocument::Compact)}});
        if (!written)
            return written.error();
        if (written.value())
            return {};
    }
    return Error(Error::Code::Internal, tr("The nursery's records were busy. Please try again."));
}

VoidResult PortalRecords::signAgreement(const GuardianIdentity& who, int version, const QString& typedName)
{
    const QString name = typedName.simplified();
    if (name.size() < 2 || name.size() > 200)
        return Error(Error::Code::InvalidInput, tr("Type your full name to sign."));
    auto current = state(who);
    if (!current)
        return current.error();
    if (version != current.value().agreement.version)
        return Error(Error::Code::InvalidInput,
                     tr("The nursery has just changed the agreement. Please read the new version and sign again."));
    const QString now = Ids::toIso(m_clock.now());
    auto done = update(who, QStringLiteral("guardian"), who.guardianId, [&](QJsonObject& g) {
        g.insert(QStringLiteral("agreement_version"), version);
        g.insert(QStringLiteral("agreement_signed_at"), now);
        g.insert(QStringLiteral("agreement_typed_name"), name);
        if (g.value(QStringLiteral("portal_state")).toString() != QLatin1String("suspended"))
            g.insert(QStringLiteral("portal_state"), QStringLiteral("active"));
        return true;
    });
    if (!done)
        return done;
    (void)m_store.addPortalEvent({Ids::newId(), who.settingId, m_clock.now(), who.guardianId,
                                  QStringLiteral("agreement_signed"), QStringLiteral("version %1").arg(version)});
    return settleLinks(who);
}

VoidResult PortalRecords::recordConsent(const GuardianIdentity& who, const QHash<QString, bool>& consent)
{
    auto current = state(who);
    if (!current)
        return current.error();
    if (!current.value().agreementSigned)
        return Error(Error::Code::PermissionDenied, tr("Please read and sign the agreement first."));
    QStringList pending;
    for (const PendingConsent& p : current.value().pendingConsents)
        pending << p.childId;
    for (auto it = consent.cbegin(); it != consent.cend(); ++it)
        if (!pending.contains(it.key()))
            return Error(Error::Code::NotFound, tr("There is nothing here."));
    for (const QString& childId : std::as_const(pending))
        if (!consent.contains(childId))
            return Error(Error::Code::InvalidInput, tr("Please answer for each child."));
    const QString now = Ids::toIso(m_clock.now());
    for (auto it = consent.cbegin(); it != consent.cend(); ++it) {
        auto done = update(who, QStringLiteral("child"), it.key(), [&](QJsonObject& c) {
            // Recorded once: if the nursery recorded it meanwhile, theirs stands.
            if (c.value(QStringLiteral("photo_consent")).toString() != QLatin1String("not_recorded"))
                return false;
            c.insert(QStringLiteral("photo_consent"), it.value() ? QStringLiteral("yes") : QStringLiteral("no"));
            c.insert(QStringLiteral("photo_consent_recorded_at"), now);
            c.insert(QStringLiteral("photo_consent_recorded_by"), QStringLiteral("guardian:") + who.guardianId);
            return true;
        });
        if (!done)
            return done;
        (void)m_store.addPortalEvent({Ids::newId(), who.settingId, m_clock.now(), who.guardianId,
                                      QStringLiteral("consent_recorded"), QStringLiteral("child %1").arg(it.key())});
    }
    return settleLinks(who);
}

VoidResult PortalRecords::settleLinks(const GuardianIdentity& who)
{
    auto current = state(who);
    if (!current)
        return current.error();
    if (!current.value().agreementSigned)
        return {};
    auto invited = invitedChildren(who);
    if (!invited)
        return invited.error();
    QStringList toLink;
    for (const QString& childId : invited.value()) {
        auto child = m_store.entity(who.settingId, QStringLiteral("child"), childId);
        if (!child)
            return child.error();
        if (!child.value() || child.value()->state.deleted)
            continue;
        const QString consent = parse(child.value()->state).value(QStringLiteral("photo_consent")).toString();
        if (consent == QLatin1String("yes") || consent == QLatin1String("no"))
            toLink << childId;
    }
    if (toLink.isEmpty())
        return {};
    const QString now = Ids::toIso(m_clock.now());
    return update(who, QStringLiteral("guardian"), who.guardianId, [&](QJsonObject& g) {
        // Only a child this guardian has never had a link to: a link the nursery removed stays removed (an
        // invitation is not a standing right to the child).
        QJsonArray links = g.value(QStringLiteral("children")).toArray();
        bool changed = false;
        for (const QString& childId : std::as_const(toLink)) {
            if (hadLink(g, childId))
                continue;
            links.append(QJsonObject {{QStringLiteral("child_id"), childId},
                                      {QStringLiteral("relationship"), QStringLiteral("parent or carer")},
                                      {QStringLiteral("created_at"), now},
                                      {QStringLiteral("updated_at"), now},
                                      {QStringLiteral("revision"), 1},
                                      {QStringLiteral("origin_device"), PortalJournal::origin()},
                                      {QStringLiteral("deleted"), 0}});
            changed = true;
        }
        g.insert(QStringLiteral("children"), links);
        return changed;
    });
}

} // namespace Acorn::Server
