#include "journal/EditorDraftStore.h"

#include "auth/DraftStore.h"
#include "domain/Ids.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Acorn {

namespace {
QJsonObject toObject(const Observation& o)
{
    QJsonArray tags;
    for (const ObservationTag& tag : o.tags)
        tags.append(QJsonObject {{"framework", tag.framework}, {"tag", tag.tag}});
    return {{"id", o.id},
            {"observed_at", Ids::toIso(o.observedAt)},
            {"text", o.text},
            {"next_steps", o.nextSteps},
            {"staff_only", o.staffOnly},
            {"children", QJsonArray::fromStringList(o.childIds)},
            {"tags", tags}};
}

Observation fromObject(const QJsonObject& json)
{
    Observation o;
    o.id = json.value(QLatin1String("id")).toString();
    o.observedAt = Ids::fromIso(json.value(QLatin1String("observed_at")).toString());
    o.text = json.value(QLatin1String("text")).toString();
    o.nextSteps = json.value(QLatin1String("next_steps")).toString();
    o.staffOnly = json.value(QLatin1String("staff_only")).toBool();
    for (const QJsonValue& child : json.value(QLatin1String("children")).toArray())
        o.childIds << child.toString();
    for (const QJsonValue& tag : json.value(QLatin1String("tags")).toArray())
        o.tags.append({tag.toObject().value(QLatin1String("framework")).toString(),
                       tag.toObject().value(QLatin1String("tag")).toString()});
    return o;
}
} // namespace

EditorDraftStore::EditorDraftStore(DraftStore& drafts)
    : m_drafts(drafts)
{
}

QByteArray EditorDraftStore::toJson(const Observation& observation)
{
    return QJsonDocument(toObject(observation)).toJson(QJsonDocument::Compact);
}

Observation EditorDraftStore::fromJson(const QByteArray& json)
{
    return fromObject(QJsonDocument::fromJson(json).object());
}

QList<EditorDraftStore::Unassigned> EditorDraftStore::unassigned() const
{
    QList<Unassigned> list;
    const auto payload = m_drafts.load(QLatin1String(Kind), QLatin1String(UnassignedKey));
    if (!payload)
        return list;
    for (const QJsonValue& value : QJsonDocument::fromJson(*payload).array()) {
        const QJsonObject item = value.toObject();
        list.append({item.value(QLatin1String("local_id")).toString(),
                     fromObject(item.value(QLatin1String("observation")).toObject()),
                     Ids::fromIso(item.value(QLatin1String("saved_at")).toString())});
    }
    return list;
}

std::optional<EditorDraftStore::Unassigned> EditorDraftStore::unassigned(const QString& localId) const
{
    for (const Unassigned& draft : unassigned())
        if (draft.localId == localId)
            return draft;
    return std::nullopt;
}

VoidResult EditorDraftStore::saveUnassigned(const Unassigned& draft)
{
    QList<Unassigned> list = unassigned();
    bool replaced = false;
    for (Unassigned& existing : list) {
        if (existing.localId == draft.localId) {
            existing = draft;
            replaced = true;
        }
    }
    if (!replaced)
        list.prepend(draft);
    return writeUnassigned(list);
}

VoidResult EditorDraftStore::removeUnassigned(const QString& localId)
{
    QList<Unassigned> list = unassigned();
    const auto removed = list.removeIf([&](const Unassigned& d) { return d.localId == localId; });
    if (removed == 0)
        return {};
    return writeUnassigned(list);
}

VoidResult EditorDraftStore::writeUnassigned(const QList<Unassigned>& list)
{
    if (list.isEmpty())
        return m_drafts.remove(QLatin1String(Kind), QLatin1String(UnassignedKey));
    QJsonArray array;
    for (const Unassigned& item : std::as_const(list))
        array.append(QJsonObject {{"local_id", item.localId},
                                  {"observation", toObject(item.observation)},
                                  {"saved_at", Ids::toIso(item.savedAt)}});
    return m_drafts.save(QLatin1String(Kind), QLatin1String(UnassignedKey),
                         QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::optional<Observation> EditorDraftStore::pending(const QString& observationId) const
{
    const auto payload = m_drafts.load(QLatin1String(Kind), observationId);
    if (!payload)
        return std::nullopt;
    return fromJson(*payload);
}

VoidResult EditorDraftStore::savePending(const Observation& observation)
{
    return m_drafts.save(QLatin1String(Kind), observation.id, toJson(observation));
}

VoidResult EditorDraftStore::removePending(const QString& observationId)
{
    return m_drafts.remove(QLatin1String(Kind), observationId);
}

std::optional<EditorDraftStore::Resume> EditorDraftStore::takeResume()
{
    const auto payload = m_drafts.load(QLatin1String(ResumeKind));
    if (!payload)
        return std::nullopt;
    (void)m_drafts.remove(QLatin1String(ResumeKind));
    const QJsonObject json = QJsonDocument::fromJson(*payload).object();
    Resume resume {json.value(QLatin1String("observation_id")).toString(),
                   json.value(QLatin1String("local_id")).toString()};
    if (resume.observationId.isEmpty() && resume.localId.isEmpty())
        return std::nullopt;
    return resume;
}

VoidResult EditorDraftStore::setResume(const Resume& resume)
{
    return m_drafts.save(
        QLatin1String(ResumeKind), {},
        QJsonDocument(QJsonObject {{"observation_id", resume.observationId}, {"local_id", resume.localId}})
            .toJson(QJsonDocument::Compact));
}

} // namespace Acorn
