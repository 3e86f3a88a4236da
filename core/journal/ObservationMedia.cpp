#include "journal/ObservationMedia.h"

#include "Clock.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "domain/Ids.h"
#include "journal/MediaRow.h"
#include "journal/Observations.h"
#include "media/MediaImporter.h"
#include "media/MediaVault.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace Acorn {

ObservationMedia::ObservationMedia(Session& session)
    : m_session(session)
{
}

VoidResult ObservationMedia::checkEditable(const QString& observationId) const
{
    const auto o = Observations(m_session).byId(observationId);
    if (!o)
        return Error(Error::Code::NotFound, tr("This observation no longer exists."));
    if (o->authorStaffId != m_session.staff().id
        || (o->status != ObservationStatus::Draft && o->status != ObservationStatus::Returned))
        return Error(Error::Code::PermissionDenied,
                     tr("Photos and videos can be added only by the author, before the observation is submitted."));
    return {};
}

Result<MediaItem> ObservationMedia::attachFile(const QString& observationId, const QString& path,
                                               const QStringList& appearingChildIds)
{
    if (auto ok = checkEditable(observationId); !ok)
        return ok.error();
    if (!ChildAccess(m_session).canSeeAll(appearingChildIds))
        return Error(Error::Code::PermissionDenied, tr("You can tag only children of your rooms."));
    QSqlQuery count(m_session.database().sql());
    count.prepare(QStringLiteral("SELECT count(*) FROM media_items WHERE observation_id = ? AND deleted = 0"));
    count.addBindValue(observationId);
    if (count.exec() && count.next() && count.value(0).toInt() >= MaxItemsPerObservation)
        return Error(Error::Code::InvalidInput,
                     tr("An observation can hold at most %1 photos and videos.").arg(MaxItemsPerObservation));
    MediaVault vault(m_session.dataDir().vaultPath());
    MediaImporter importer(vault);
    auto imported = importer.importFile(path);
    if (!imported)
        return imported.error();
    auto item = insert(observationId, imported.value(), appearingChildIds);
    if (!item) {
        vault.remove(imported.value().file.fileId);
        if (imported.value().thumbnail)
            vault.remove(imported.value().thumbnail->fileId);
    }
    return item;
}

Result<MediaItem> ObservationMedia::insert(const QString& observationId, ImportedMedia& imported,
                                           const QStringList& appearingChildIds)
{
    MediaItem m;
    m.id = Ids::newId();
    m.observationId = observationId;
    m.kind = imported.kind;
    m.sha256 = imported.file.sha256;
    m.size = imported.file.size;
    m.dimensions = imported.size;
    m.capturedAt = imported.capturedAt;
    m.durationMs = imported.kind == MediaKind::Photo ? 0 : qMax<qint64>(0, imported.durationMs);
    m.vaultFile = imported.file.fileId;
    m.thumbnailFile = imported.thumbnail ? imported.thumbnail->fileId : QString();
    m.childIds = appearingChildIds;
    m.revision = 1;
    const QString now = Ids::toIso(m_session.clock().now());
    const auto keyBytes = [](const SecureBuffer& key) {
        return QByteArray(reinterpret_cast<const char*>(key.data()), int(key.size()));
    };

    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral(
        "INSERT INTO media_items (id, observation_id, kind, sha256, size, width, height, duration_ms, captured_at, "
        "vault_file, file_key, thumbnail_file, thumbnail_key, created_at, updated_at, origin_device) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(m.id);
    q.addBindValue(observationId);
    q.addBindValue(mediaKindKey(m.kind));
    q.addBindValue(m.sha256);
    q.addBindValue(m.size);
    q.addBindValue(m.dimensions.isEmpty() ? QVariant(QMetaType::fromType<int>()) : QVariant(m.dimensions.width()));
    q.addBindValue(m.dimensions.isEmpty() ? QVariant(QMetaType::fromType<int>()) : QVariant(m.dimensions.height()));
    q.addBindValue(m.durationMs > 0 ? QVariant(m.durationMs) : QVariant(QMetaType::fromType<qlonglong>()));
    q.addBindValue(m.capturedAt.isValid() ? QVariant(Ids::toIso(m.capturedAt))
                                          : QVariant(QMetaType::fromType<QString>()));
    q.addBindValue(m.vaultFile);
    // The keys go straight from secure memory into the (encrypted) database.
    QByteArray fileKey = keyBytes(imported.file.key);
    q.addBindValue(fileKey);
    q.addBindValue(m.thumbnailFile.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(m.thumbnailFile));
    QByteArray thumbKey = imported.thumbnail ? keyBytes(imported.thumbnail->key) : QByteArray();
    q.addBindValue(imported.thumbnail ? QVariant(thumbKey) : QVariant(QMetaType::fromType<QByteArray>()));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(m_session.deviceId());
    const bool inserted = q.exec();
    q.finish();
    wipeBytes(fileKey);
    wipeBytes(thumbKey);
    if (!inserted)
        return Database::describe(q.lastError());
    for (const auto& child : appearingChildIds) {
        QSqlQuery c(m_session.database().sql());
        c.prepare(QStringLiteral("INSERT OR IGNORE INTO media_children (media_id, child_id) VALUES (?, ?)"));
        c.addBindValue(m.id);
        c.addBindValue(child);
        if (!c.exec())
            return Database::describe(c.lastError());
    }
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return m;
}

VoidResult ObservationMedia::setAppearingChildren(const QString& mediaId, const QStringList& childIds)
{
    QSqlQuery find(m_session.database().sql());
    find.prepare(QStringLiteral("SELECT observation_id FROM media_items WHERE id = ? AND deleted = 0"));
    find.addBindValue(mediaId);
    if (!find.exec() || !find.next())
        return Error(Error::Code::NotFound, tr("This photo or video no longer exists."));
    const QString observationId = find.value(0).toString();
    find.finish();
    if (auto ok = checkEditable(observationId); !ok)
        return ok;
    if (!ChildAccess(m_session).canSeeAll(childIds))
        return Error(Error::Code::PermissionDenied, tr("You can tag only children of your rooms."));
    Transaction transaction(m_session.database());
    QSqlQuery del(m_session.database().sql());
    del.prepare(QStringLiteral("DELETE FROM media_children WHERE media_id = ?"));
    del.addBindValue(mediaId);
    if (!del.exec())
        return Database::describe(del.lastError());
    for (const auto& child : childIds) {
        QSqlQuery c(m_session.database().sql());
        c.prepare(QStringLiteral("INSERT OR IGNORE INTO media_children (media_id, child_id) VALUES (?, ?)"));
        c.addBindValue(mediaId);
        c.addBindValue(child);
        if (!c.exec())
            return Database::describe(c.lastError());
    }
    QSqlQuery bump(m_session.database().sql());
    bump.prepare(QStringLiteral("UPDATE media_items SET revision = revision + 1, updated_at = ? WHERE id = ?"));
    bump.addBindValue(Ids::toIso(m_session.clock().now()));
    bump.addBindValue(mediaId);
    if (!bump.exec())
        return Database::describe(bump.lastError());
    return transaction.commit();
}

VoidResult ObservationMedia::remove(const QString& mediaId)
{
    QSqlQuery find(m_session.database().sql());
    find.prepare(QStringLiteral("SELECT observation_id, vault_file, thumbnail_file FROM media_items WHERE id = ? AND "
                                "deleted = 0"));
    find.addBindValue(mediaId);
    if (!find.exec() || !find.next())
        return Error(Error::Code::NotFound, tr("This photo or video no longer exists."));
    const QString observationId = find.value(0).toString();
    const QString file = find.value(1).toString();
    const QString thumb = find.value(2).toString();
    find.finish();
    if (auto ok = checkEditable(observationId); !ok)
        return ok;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE media_items SET deleted = 1, file_key = x'', thumbnail_key = NULL, "
                             "updated_at = ?, revision = revision + 1 WHERE id = ?"));
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(mediaId);
    if (!q.exec())
        return Database::describe(q.lastError());
    MediaVault vault(m_session.dataDir().vaultPath());
    vault.remove(file);
    if (!thumb.isEmpty())
        vault.remove(thumb);
    return {};
}

QList<MediaItem> ObservationMedia::of(const QString& observationId) const
{
    QList<MediaItem> list;
    if (!Observations(m_session).byId(observationId))
        return list;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT %1 FROM media_items m WHERE m.observation_id = ? AND m.deleted = 0 "
                             "ORDER BY m.captured_at, m.rowid")
                  .arg(MediaRow::columns()));
    q.addBindValue(observationId);
    if (q.exec())
        while (q.next())
            list.append(MediaRow::from(q));
    return list;
}

bool ObservationMedia::canRead(const QString& mediaId) const
{
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT observation_id FROM media_items WHERE id = ? AND deleted = 0"));
    q.addBindValue(mediaId);
    if (!q.exec() || !q.next())
        return false;
    return Observations(m_session).byId(q.value(0).toString()).has_value();
}

Result<QByteArray> ObservationMedia::thumbnail(const QString& mediaId) const
{
    if (!canRead(mediaId))
        return Error(Error::Code::NotFound, tr("This photo is not available."));
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT thumbnail_file, thumbnail_key FROM media_items WHERE id = ?"));
    q.addBindValue(mediaId);
    if (!q.exec() || !q.next() || q.value(0).isNull())
        return Error(Error::Code::NotFound, tr("This item has no preview."));
    const QString file = q.value(0).toString();
    QByteArray keyBytes = q.value(1).toByteArray();
    q.finish();
    const SecureBuffer key = SecureBuffer::takeFrom(keyBytes);
    return MediaVault(m_session.dataDir().vaultPath()).readAll(file, key, 8 * 1024 * 1024);
}

Result<QByteArray> ObservationMedia::content(const QString& mediaId, qint64 maxSize) const
{
    if (!canRead(mediaId))
        return Error(Error::Code::NotFound, tr("This photo is not available."));
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT vault_file, file_key FROM media_items WHERE id = ?"));
    q.addBindValue(mediaId);
    if (!q.exec() || !q.next())
        return Error(Error::Code::NotFound, tr("This photo is not available."));
    const QString file = q.value(0).toString();
    QByteArray keyBytes = q.value(1).toByteArray();
    q.finish();
    const SecureBuffer key = SecureBuffer::takeFrom(keyBytes);
    return MediaVault(m_session.dataDir().vaultPath()).readAll(file, key, maxSize);
}

std::unique_ptr<QIODevice> ObservationMedia::openReader(const QString& mediaId, QString* error) const
{
    if (!canRead(mediaId)) {
        if (error)
            *error = tr("This item is not available.");
        return nullptr;
    }
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT vault_file, file_key FROM media_items WHERE id = ?"));
    q.addBindValue(mediaId);
    if (!q.exec() || !q.next())
        return nullptr;
    const QString file = q.value(0).toString();
    QByteArray keyBytes = q.value(1).toByteArray();
    q.finish();
    const SecureBuffer key = SecureBuffer::takeFrom(keyBytes);
    return MediaVault(m_session.dataDir().vaultPath()).openReader(file, key, error);
}

} // namespace Acorn
