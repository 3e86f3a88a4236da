#include "portal/PortalJournal.h"

#include "Clock.h"
#include "ServerLogging.h"
#include "domain/Ids.h"
#include "journal/ConsentRules.h"
#include "store/ServerStore.h"
#include "sync/SyncEntities.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Acorn::Server {

namespace {
QJsonObject parse(const EntityState& state)
{
    return QJsonDocument::fromJson(state.data).object();
}

QStringList stringList(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray())
        list << (v.isObject() ? v.toObject().value(QStringLiteral("child_id")).toString() : v.toString());
    return list;
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Error notFound()
{
    // The same answer whether the thing does not exist or is not this guardian's: nothing is confirmed.
    return Error(Error::Code::NotFound, PortalJournal::tr("There is nothing here."));
}
} // namespace

struct PortalJournal::Snapshot
{
    QJsonObject guardian;
    QSet<QString> children; // linked (link not deleted) and the agreement signed at the current version
    QHash<QString, QJsonObject> childRows;
    QHash<QString, QJsonObject> observations;
    QHash<QString, QList<QJsonObject>> mediaOf; // observation id → its media rows (not deleted)
    QHash<QString, QList<QJsonObject>> repliesOf; // observation id → its comments (not deleted)
    QHash<QString, QString> guardianNames;
    QSet<QString> completeMedia;
};

bool PortalJournal::isOn(const QJsonValue& value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    if (value.isString())
        return !value.toString().isEmpty() && value.toString() != QLatin1String("0")
            && value.toString() != QLatin1String("false");
    return false;
}

PortalJournal::PortalJournal(ServerStore& store, const Clock& clock)
    : m_store(store)
    , m_clock(clock)
{
}

Result<PortalJournal::Snapshot> PortalJournal::load(const GuardianIdentity& who, bool withJournal)
{
    Snapshot s;
    auto guardian = m_store.entity(who.settingId, QStringLiteral("guardian"), who.guardianId);
    if (!guardian)
        return guardian.error();
    if (!guardian.value() || guardian.value()->state.deleted)
        return notFound();
    s.guardian = parse(guardian.value()->state);
    // The agreement: signed, at the version the nursery has now.
    int current = 1;
    auto version = m_store.entity(who.settingId, QStringLiteral("setting_value"),
                                  SyncEntities::settingValueId(QStringLiteral("guardians.agreement_version")));
    if (!version)
        return version.error();
    if (version.value())
        current = qMax(1, parse(version.value()->state).value(QStringLiteral("value")).toString().toInt());
    const int signedVersion = s.guardian.value(QStringLiteral("agreement_version")).toInt();
    // A guardian the nursery suspended (portal_state on the desktop) sees nothing, whatever else is recorded.
    const bool suspended = s.guardian.value(QStringLiteral("portal_state")).toString() == QLatin1String("suspended");
    const bool agreed = signedVersion > 0 && signedVersion >= current && !suspended;
    if (agreed) {
        for (const QJsonValue& link : s.guardian.value(QStringLiteral("children")).toArray()) {
            const QJsonObject l = link.toObject();
            if (!PortalJournal::isOn(l.value(QStringLiteral("deleted"))))
                s.children.insert(l.value(QStringLiteral("child_id")).toString());
        }
    }
    auto children = m_store.entities(who.settingId, QStringLiteral("child"));
    if (!children)
        return children.error();
    for (const StoredEntity& c : children.value())
        if (!c.state.deleted)
            s.childRows.insert(c.id, parse(c.state));
    // A child no longer on the nursery's records is no longer shown.
    for (auto it = s.children.begin(); it != s.children.end();)
        it = s.childRows.contains(*it) ? std::next(it) : s.children.erase(it);
    if (!withJournal)
        return s;

    auto observations = m_store.entities(who.settingId, QStringLiteral("observation"));
    if (!observations)
        return observations.error();
    for (const StoredEntity& o : observations.value())
        if (!o.state.deleted)
            s.observations.insert(o.id, parse(o.state));
    auto media = m_store.entities(who.settingId, QStringLiteral("media_item"));
    if (!media)
        return media.error();
    for (const StoredEntity& m : media.value()) {
        if (m.state.deleted)
            continue;
        const QJsonObject row = parse(m.state);
        s.mediaOf[row.value(QStringLiteral("observation_id")).toString()].append(row);
    }
    auto complete = m_store.completeMedia(who.settingId);
    if (!complete)
        return complete.error();
    s.completeMedia = complete.take();
    auto comments = m_store.entities(who.settingId, QStringLiteral("comment"));
    if (!comments)
        return comments.error();
    for (const StoredEntity& c : comments.value()) {
        if (c.state.deleted)
            continue;
        const QJsonObject row = parse(c.state);
        s.repliesOf[row.value(QStringLiteral("observation_id")).toString()].append(row);
    }
    auto guardians = m_store.entities(who.settingId, QStringLiteral("guardian"));
    if (!guardians)
        return guardians.error();
    for (const StoredEntity& g : guardians.value())
        s.guardianNames.insert(g.id, parse(g.state).value(QStringLiteral("name")).toString());
    return s;
}

Result<QList<PortalJournal::Child>> PortalJournal::children(const GuardianIdentity& guardian)
{
    auto s = load(guardian, false);
    if (!s)
        return s.error();
    QList<Child> list;
    for (const QString& id : std::as_const(s.value().children)) {
        const QJsonObject row = s.value().childRows.value(id);
        const QString preferred = row.value(QStringLiteral("preferred_name")).toString();
        list.append({id, preferred.isEmpty() ? row.value(QStringLiteral("first_name")).toString() : preferred});
    }
    std::sort(list.begin(), list.end(), [](const Child& a, const Child& b) { return a.name < b.name; });
    return list;
}

PortalJournal::Entry PortalJournal::toEntry(const Snapshot& s, const QString& id, const QJsonObject& o,
                                            const QString& journalChildId, const GuardianIdentity& who) const
{
    Entry e;
    e.id = id;
    e.observedAt = Ids::fromIso(o.value(QStringLiteral("observed_at")).toString());
    e.text = o.value(QStringLiteral("text")).toString();
    e.nextSteps = o.value(QStringLiteral("next_steps")).toString();
    e.status = o.value(QStringLiteral("status")).toString();
    if (e.status == QLatin1String("declined"))
        e.declinedReason = o.value(QStringLiteral("feedback")).toString();
    e.byMe = o.value(QStringLiteral("author_guardian_id")).toString() == who.guardianId;
    e.childIds = stringList(o.value(QStringLiteral("children")));
    for (const QJsonObject& m : s.mediaOf.value(id)) {
        const QString mediaId = m.value(QStringLiteral("id")).toString();
        // The consent rule, as everywhere: every other child in it must have consent "yes".
        QHash<QString, PhotoConsent> appearing;
        for (const QString& child : stringList(m.value(QStringLiteral("children"))))
            appearing.insert(
                child, photoConsentFromKey(s.childRows.value(child).value(QStringLiteral("photo_consent")).toString()));
        if (!journalChildId.isEmpty() && !ConsentRules::visibleInJournalOf(journalChildId, appearing))
            continue;
        if (journalChildId.isEmpty()) {
            // A guardian's own contribution: shown to them only if each child in it is theirs or consents.
            bool visible = true;
            for (auto it = appearing.cbegin(); it != appearing.cend(); ++it)
                if (!s.children.contains(it.key()) && it.value() != PhotoConsent::Yes)
                    visible = false;
            if (!visible)
                continue;
        }
        e.media.append({mediaId, m.value(QStringLiteral("kind")).toString(), m.value(QStringLiteral("width")).toInt(),
                        m.value(QStringLiteral("height")).toInt(),
                        qint64(m.value(QStringLiteral("duration_ms")).toDouble())});
    }
    // Replies: the guardian's own, and the nursery's — the nursery's only when the observation is about this
    // guardian's children alone (on a group observation they may answer another family). Other families' replies
    // are never shown: what one family writes is between them and the nursery.
    bool onlyMine = true;
    for (const QString& child : std::as_const(e.childIds))
        onlyMine = onlyMine && s.children.contains(child);
    for (const QJsonObject& c : s.repliesOf.value(id)) {
        const QString author = c.value(QStringLiteral("author_guardian_id")).toString();
        if (author.isEmpty() ? !onlyMine : author != who.guardianId)
            continue;
        Reply r;
        r.id = c.value(QStringLiteral("id")).toString();
        r.text = c.value(QStringLiteral("text")).toString();
        r.at = Ids::fromIso(c.value(QStringLiteral("created_at")).toString());
        const QString guardianAuthor = c.value(QStringLiteral("author_guardian_id")).toString();
        r.byNursery = guardianAuthor.isEmpty();
        r.byMe = guardianAuthor == who.guardianId;
        r.authorName = r.byNursery ? QString() : s.guardianNames.value(guardianAuthor);
        e.replies.append(r);
    }
    std::sort(e.replies.begin(), e.replies.end(), [](const Reply& a, const Reply& b) { return a.at < b.at; });
    return e;
}

Result<PortalJournal::Page> PortalJournal::journal(const GuardianIdentity& who, const QString& childId, int page)
{
    auto loaded = load(who, true);
    if (!loaded)
        return loaded.error();
    const Snapshot& s = loaded.value();
    if (!s.children.contains(childId))
        return notFound();
    struct Candidate
    {
        QDateTime at;
        QString id;
    };
    QList<Candidate> visible;
    for (auto it = s.observations.cbegin(); it != s.observations.cend(); ++it) {
        const QJsonObject& o = it.value();
        if (o.value(QStringLiteral("status")).toString() != QLatin1String("published"))
            continue;
        if (PortalJournal::isOn(o.value(QStringLiteral("staff_only"))))
            continue;
        if (!stringList(o.value(QStringLiteral("children"))).contains(childId))
            continue;
        // Published to parents only once every photo and video of it has arrived.
        const auto& media = s.mediaOf.value(it.key());
        if (std::any_of(media.cbegin(), media.cend(), [&](const QJsonObject& m) {
                return !s.completeMedia.contains(m.value(QStringLiteral("id")).toString());
            }))
            continue;
        visible.append({Ids::fromIso(o.value(QStringLiteral("observed_at")).toString()), it.key()});
    }
    std::sort(visible.begin(), visible.end(),
              [](const Candidate& a, const Candidate& b) { return a.at != b.at ? a.at > b.at : a.id < b.id; });
    Page result;
    result.page = qMax(0, page);
    const qsizetype from = qsizetype(result.page) * PageSize;
    for (qsizetype i = from; i < visible.size() && i < from + PageSize; ++i)
        result.entries.append(toEntry(s, visible.at(i).id, s.observations.value(visible.at(i).id), childId, who));
    result.more = visible.size() > from + PageSize;
    return result;
}

Result<QList<PortalJournal::Entry>> PortalJournal::contributions(const GuardianIdentity& who)
{
    auto loaded = load(who, true);
    if (!loaded)
        return loaded.error();
    const Snapshot& s = loaded.value();
    QList<Entry> list;
    for (auto it = s.observations.cbegin(); it != s.observations.cend(); ++it)
        if (it.value().value(QStringLiteral("author_guardian_id")).toString() == who.guardianId)
            list.append(toEntry(s, it.key(), it.value(), {}, who));
    std::sort(list.begin(), list.end(), [](const Entry& a, const Entry& b) { return a.observedAt > b.observedAt; });
    return list;
}

Result<bool> PortalJournal::mayShowMedia(const GuardianIdentity& who, const QString& childId, const QString& mediaId)
{
    auto loaded = load(who, true);
    if (!loaded)
        return loaded.error();
    const Snapshot& s = loaded.value();
    if (!s.children.contains(childId) || !s.completeMedia.contains(mediaId))
        return false;
    QString observationId;
    for (auto it = s.mediaOf.cbegin(); it != s.mediaOf.cend() && observationId.isEmpty(); ++it)
        for (const QJsonObject& m : it.value())
            if (m.value(QStringLiteral("id")).toString() == mediaId)
                observationId = it.key();
    const QJsonObject o = s.observations.value(observationId);
    if (o.isEmpty())
        return false;
    const bool own = o.value(QStringLiteral("author_guardian_id")).toString() == who.guardianId;
    const bool published = o.value(QStringLiteral("status")).toString() == QLatin1String("published")
        && !PortalJournal::isOn(o.value(QStringLiteral("staff_only")))
        && stringList(o.value(QStringLiteral("children"))).contains(childId);
    if (!own && !published)
        return false;
    // The entry as this guardian sees it: in the child's journal, or (their own, not yet published) on its own.
    const Entry e = toEntry(s, observationId, o, published ? childId : QString(), who);
    return std::any_of(e.media.cbegin(), e.media.cend(), [&](const Media& m) { return m.id == mediaId; });
}

Result<PortalJournal::Reply> PortalJournal::addReply(const GuardianIdentity& who, const QString& observationId,
                                                     const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Write your reply first."));
    if (trimmed.size() > MaxReplyLength)
        return Error(
            Error::Code::InvalidInput,
            tr("A reply can be at most %1 characters; this one is %2.").arg(MaxReplyLength).arg(trimmed.size()));
    auto loaded = load(who, true);
    if (!loaded)
        return loaded.error();
    const Snapshot& s = loaded.value();
    const QJsonObject o = s.observations.value(observationId);
    // Only under an observation this guardian can see in one of their children's journals (never a general chat).
    bool visible = false;
    if (!o.isEmpty() && o.value(QStringLiteral("status")).toString() == QLatin1String("published")
        && !PortalJournal::isOn(o.value(QStringLiteral("staff_only")))) {
        for (const QString& child : stringList(o.value(QStringLiteral("children"))))
            visible = visible || s.children.contains(child);
    }
    if (!visible)
        return notFound();
    const QString now = Ids::toIso(m_clock.now());
    Reply reply;
    reply.id = Ids::newId();
    reply.text = trimmed;
    reply.at = Ids::fromIso(now);
    reply.byMe = true;
    reply.authorName = s.guardian.value(QStringLiteral("name")).toString();
    const QJsonObject row {{QStringLiteral("id"), reply.id},
                           {QStringLiteral("observation_id"), observationId},
                           {QStringLiteral("author_staff_id"), QJsonValue::Null},
                           {QStringLiteral("author_guardian_id"), who.guardianId},
                           {QStringLiteral("text"), trimmed},
                           {QStringLiteral("created_at"), now},
                           {QStringLiteral("updated_at"), now},
                           {QStringLiteral("revision"), 1},
                           {QStringLiteral("origin_device"), origin()},
                           {QStringLiteral("deleted"), 0}};
    auto written = m_store.writeServerChanges(
        who.settingId, origin(), {ServerChange {QStringLiteral("comment"), reply.id, 0, false, compact(row)}});
    if (!written)
        return written.error();
    if (!written.value())
        return Error(Error::Code::Internal, tr("Your reply could not be saved. Please try again."));
    qCInfo(lcServer, "portal: guardian %s replied to observation %s", qPrintable(who.guardianId),
           qPrintable(observationId));
    return reply;
}

Result<PortalJournal::Entry> PortalJournal::addContribution(const GuardianIdentity& who, const QStringList& childIds,
                                                            const QString& text, const QList<NewMedia>& media)
{
    const QString trimmed = text.trimmed();
    if (childIds.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Choose the child this is about."));
    if (trimmed.isEmpty() && media.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Write what happened, or add a photo or video."));
    if (trimmed.size() > MaxTextLength)
        return Error(Error::Code::InvalidInput,
                     tr("The text can be at most %1 characters; this is %2.").arg(MaxTextLength).arg(trimmed.size()));
    if (media.size() > 20)
        return Error(Error::Code::InvalidInput, tr("At most 20 photos or videos at a time."));
    auto loaded = load(who, false);
    if (!loaded)
        return loaded.error();
    for (const QString& child : childIds)
        if (!loaded.value().children.contains(child))
            return notFound();
    const QString now = Ids::toIso(m_clock.now());
    Entry e;
    e.id = Ids::newId();
    e.observedAt = Ids::fromIso(now);
    e.text = trimmed;
    e.status = QStringLiteral("pending");
    e.byMe = true;
    e.childIds = childIds;
    QJsonArray children;
    for (const QString& c : childIds)
        children.append(c);
    const QJsonObject observation {{QStringLiteral("id"), e.id},
                                   {QStringLiteral("author_staff_id"), QJsonValue::Null},
                                   {QStringLiteral("author_guardian_id"), who.guardianId},
                                   {QStringLiteral("observed_at"), now},
                                   {QStringLiteral("text"), trimmed},
                                   {QStringLiteral("next_steps"), QString()},
                                   {QStringLiteral("staff_only"), 0},
                                   {QStringLiteral("status"), e.status},
                                   {QStringLiteral("created_at"), now},
                                   {QStringLiteral("updated_at"), now},
                                   {QStringLiteral("revision"), 1},
                                   {QStringLiteral("origin_device"), origin()},
                                   {QStringLiteral("deleted"), 0},
                                   {QStringLiteral("children"), children},
                                   {QStringLiteral("tags"), QJsonArray()}};
    QList<ServerChange> changes {{QStringLiteral("observation"), e.id, 0, false, compact(observation)}};
    for (const NewMedia& m : media) {
        if (m.kind != QLatin1String("photo") && m.kind != QLatin1String("video") && m.kind != QLatin1String("audio"))
            return Error(Error::Code::InvalidInput, tr("Only photos, videos and voice notes can be added."));
        QJsonObject row {
            {QStringLiteral("id"), m.id},
            {QStringLiteral("observation_id"), e.id},
            {QStringLiteral("kind"), m.kind},
            {QStringLiteral("sha256"), QString::fromLatin1(m.sha256.toBase64())},
            {QStringLiteral("size"), double(m.size)},
            {QStringLiteral("width"), m.width > 0 ? QJsonValue(m.width) : QJsonValue::Null},
            {QStringLiteral("height"), m.height > 0 ? QJsonValue(m.height) : QJsonValue::Null},
            {QStringLiteral("duration_ms"), m.durationMs > 0 ? QJsonValue(double(m.durationMs)) : QJsonValue::Null},
            {QStringLiteral("captured_at"), QJsonValue::Null},
            {QStringLiteral("created_at"), now},
            {QStringLiteral("updated_at"), now},
            {QStringLiteral("revision"), 1},
            {QStringLiteral("origin_device"), origin()},
            {QStringLiteral("deleted"), 0},
            {QStringLiteral("children"), children}};
        changes.append({QStringLiteral("media_item"), m.id, 0, false, compact(row)});
        e.media.append({m.id, m.kind, m.width, m.height, m.durationMs});
    }
    auto written = m_store.writeServerChanges(who.settingId, origin(), changes);
    if (!written)
        return written.error();
    if (!written.value())
        return Error(Error::Code::InvalidInput, tr("This was sent already."));
    qCInfo(lcServer, "portal: guardian %s added observation %s with %d media", qPrintable(who.guardianId),
           qPrintable(e.id), int(media.size()));
    return e;
}

} // namespace Acorn::Server
