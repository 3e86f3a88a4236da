#include "journal/Contributions.h"

#include "Clock.h"
#include "auth/AuditLog.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "domain/Ids.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "people/Guardians.h"
#include "storage/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUuid>

#include <vector>

namespace Acorn {

namespace {
bool isUuid(const QString& s)
{
    return !QUuid::fromString(s).isNull();
}

Error invalid(const QString& message)
{
    return {Error::Code::InvalidInput, message};
}
} // namespace

Contributions::Contributions(Session& session)
    : m_session(session)
{
}

Result<Contributions::Input> Contributions::parseFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Code::NotFound,
                     tr("%1 could not be opened: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.size() > MaxFileSize)
        return invalid(tr("%1 is too large for a contribution file.").arg(QDir::toNativeSeparators(path)));
    return parse(file.readAll(), QFileInfo(path).absolutePath());
}

Result<Contributions::Input> Contributions::parse(const QByteArray& json, const QString& baseDir)
{
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(
            tr("This is not valid JSON (%1, at character %2).").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return invalid(tr("A contribution file holds one JSON object."));
    const auto root = doc.object();
    if (root.value("format").toString() != QLatin1String("acorn-contribution"))
        return invalid(tr("'format' must be \"acorn-contribution\"."));
    if (root.value("version").toInt(-1) != 1)
        return invalid(tr("'version' must be 1."));

    Input in;
    in.id = root.value("id").toString();
    if (!isUuid(in.id))
        return invalid(tr("'id' must be a UUID."));
    in.guardianId = root.value("guardian_id").toString();
    if (!isUuid(in.guardianId))
        return invalid(tr("'guardian_id' must be the id of a parent or carer."));
    if (!root.value("child_ids").isArray())
        return invalid(tr("'child_ids' must be a list of ids."));
    for (const auto& v : root.value("child_ids").toArray()) {
        if (!v.isString() || !isUuid(v.toString()))
            return invalid(tr("'child_ids' must be a list of ids."));
        if (!in.childIds.contains(v.toString()))
            in.childIds << v.toString();
    }
    if (in.childIds.isEmpty() || in.childIds.size() > 10)
        return invalid(tr("'child_ids' must name 1 to 10 children."));
    in.observedAt = Ids::fromIso(root.value("observed_at").toString());
    if (!root.value("observed_at").isString() || !in.observedAt.isValid())
        return invalid(tr("'observed_at' must be a date and time like 2026-11-21T16:30:00Z."));
    if (!root.value("text").isString())
        return invalid(tr("'text' must be text."));
    in.text = root.value("text").toString().trimmed();
    if (in.text.isEmpty() || in.text.size() > MaxTextLength)
        return invalid(tr("'text' must hold 1 to %1 characters.").arg(MaxTextLength));
    const auto media = root.value("media");
    if (!media.isUndefined() && !media.isArray())
        return invalid(tr("'media' must be a list."));
    const auto items = media.toArray();
    if (items.size() > MaxMediaFiles)
        return invalid(tr("At most %1 photos or videos per contribution.").arg(MaxMediaFiles));
    for (int i = 0; i < items.size(); ++i) {
        const auto o = items.at(i).toObject();
        const QString where = QStringLiteral("media[%1]").arg(i);
        const QString file = o.value("file").toString();
        if (file.isEmpty() || QDir::isAbsolutePath(file) || file.contains(QLatin1String("..")))
            return invalid(tr("'%1.file' must be a file name next to the contribution file.").arg(where));
        MediaFile m;
        m.path = QDir(baseDir).absoluteFilePath(file);
        if (!QFileInfo::exists(m.path))
            return invalid(tr("'%1.file': %2 does not exist.").arg(where, file));
        for (const auto& c : o.value("children").toArray()) {
            if (!in.childIds.contains(c.toString()))
                return invalid(tr("'%1.children' may only name children from 'child_ids'.").arg(where));
            m.childIds << c.toString();
        }
        in.media.append(m);
    }
    return in;
}

Result<Observation> Contributions::receive(const Input& in)
{
    Guardians guardians(m_session);
    const auto guardian = guardians.byId(in.guardianId);
    if (!guardian)
        return Error(Error::Code::NotFound, tr("There is no parent or carer with that id."));
    for (const auto& child : in.childIds)
        if (!guardians.hasAccess(in.guardianId, child))
            return Error(Error::Code::PermissionDenied,
                         tr("This parent or carer is not linked to every child named, or has not signed the current "
                            "agreement."));
    if (in.observedAt > m_session.clock().now().addDays(1))
        return invalid(tr("'observed_at' is in the future."));

    Observations observations(m_session);
    if (auto existing = observations.load(in.id)) {
        if (existing->authorGuardianId == in.guardianId)
            return *existing; // the same contribution sent again
        return invalid(tr("'id' is already used by another entry; make a new one."));
    }

    Observation o;
    o.id = in.id;
    o.authorGuardianId = in.guardianId;
    o.observedAt = in.observedAt;
    o.text = in.text;
    o.status = ObservationStatus::Pending;
    o.childIds = in.childIds;
    o.revision = 1;
    const QString now = Ids::toIso(m_session.clock().now());

    // Media first, into the vault; if anything fails nothing is kept.
    MediaVault vault(m_session.dataDir().vaultPath());
    MediaImporter importer(vault);
    std::vector<ImportedMedia> imported;
    const auto dropImported = [&] {
        for (const auto& m : imported) {
            vault.remove(m.file.fileId);
            if (m.thumbnail)
                vault.remove(m.thumbnail->fileId);
        }
    };
    for (const auto& file : in.media) {
        auto item = importer.importFile(file.path);
        if (!item) {
            dropImported();
            return Error(item.code(), tr("%1: %2").arg(QFileInfo(file.path).fileName(), item.errorMessage()));
        }
        imported.push_back(item.take());
    }

    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("INSERT INTO observations (id, author_guardian_id, observed_at, text, status, created_at, "
                             "updated_at, origin_device) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)"));
    q.addBindValue(o.id);
    q.addBindValue(o.authorGuardianId);
    q.addBindValue(Ids::toIso(o.observedAt));
    q.addBindValue(o.text);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(m_session.deviceId());
    VoidResult done = q.exec() ? VoidResult {} : VoidResult(Database::describe(q.lastError()));
    for (int i = 0; done && i < o.childIds.size(); ++i) {
        QSqlQuery c(m_session.database().sql());
        c.prepare(QStringLiteral("INSERT INTO observation_children (observation_id, child_id) VALUES (?, ?)"));
        c.addBindValue(o.id);
        c.addBindValue(o.childIds[i]);
        if (!c.exec())
            done = Database::describe(c.lastError());
    }
    ObservationMedia media(m_session);
    for (size_t i = 0; done && i < imported.size(); ++i) {
        auto item = media.insert(o.id, imported[i], in.media[i].childIds);
        if (!item)
            done = item.error();
    }
    if (done) {
        QSqlQuery h(m_session.database().sql());
        h.prepare(QStringLiteral("INSERT INTO observation_history (id, observation_id, at, guardian_id, change, "
                                 "revision) VALUES (?, ?, ?, ?, 'received', 1)"));
        h.addBindValue(Ids::newId());
        h.addBindValue(o.id);
        h.addBindValue(now);
        h.addBindValue(o.authorGuardianId);
        if (!h.exec())
            done = Database::describe(h.lastError());
    }
    if (done)
        done = transaction.commit();
    if (!done) {
        dropImported();
        return done.error();
    }
    return o;
}

VoidResult Contributions::checkReviewer(const Observation& o) const
{
    if (!o.isGuardianContribution() || o.status != ObservationStatus::Pending)
        return Error(Error::Code::InvalidInput, tr("This is not a contribution awaiting approval."));
    if (!m_session.can(Action::ApproveContributions) || !ChildAccess(m_session).canSeeAll(o.childIds))
        return Error(Error::Code::PermissionDenied,
                     tr("Only room leaders (for their rooms) and managers can approve what parents add."));
    return {};
}

QList<Observation> Contributions::awaitingApproval() const
{
    QList<Observation> list;
    if (!m_session.can(Action::ApproveContributions))
        return list;
    const ChildAccess access(m_session);
    Observations observations(m_session);
    QSqlQuery q(m_session.database().sql());
    q.exec(QStringLiteral("SELECT id FROM observations WHERE status = 'pending' AND deleted = 0 ORDER BY created_at"));
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    for (const auto& id : ids)
        if (auto o = observations.load(id); o && access.canSeeAll(o->childIds))
            list.append(*o);
    return list;
}

VoidResult Contributions::approve(const QString& observationId)
{
    Observations observations(m_session);
    const auto o = observations.load(observationId);
    if (!o)
        return Error(Error::Code::NotFound, tr("This contribution no longer exists."));
    if (auto ok = checkReviewer(*o); !ok)
        return ok;
    Transaction transaction(m_session.database());
    if (auto set = observations.setStatus(*o, ObservationStatus::Published, {}, QStringLiteral("approved")); !set)
        return set;
    return transaction.commit();
}

VoidResult Contributions::decline(const QString& observationId, const QString& reason)
{
    Observations observations(m_session);
    const auto o = observations.load(observationId);
    if (!o)
        return Error(Error::Code::NotFound, tr("This contribution no longer exists."));
    if (auto ok = checkReviewer(*o); !ok)
        return ok;
    if (reason.trimmed().isEmpty())
        return invalid(tr("Give the family a reason; they will see it."));
    Transaction transaction(m_session.database());
    if (auto set
        = observations.setStatus(*o, ObservationStatus::Declined, reason.trimmed(), QStringLiteral("declined"));
        !set)
        return set;
    return transaction.commit();
}

} // namespace Acorn
