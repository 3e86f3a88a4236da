#include "journal/MediaRow.h"

#include "domain/Ids.h"

#include <QSqlQuery>
#include <QVariant>

namespace Acorn::MediaRow {

QString columns()
{
    return QStringLiteral("m.id, m.observation_id, m.kind, m.sha256, m.size, m.width, m.height, m.duration_ms, "
                          "m.captured_at, m.vault_file, m.thumbnail_file, m.revision, "
                          "(SELECT group_concat(child_id) FROM media_children WHERE media_id = m.id)");
}

MediaItem from(const QSqlQuery& q)
{
    MediaItem m;
    m.id = q.value(0).toString();
    m.observationId = q.value(1).toString();
    mediaKindFromKey(q.value(2).toString(), &m.kind);
    m.sha256 = q.value(3).toByteArray();
    m.size = q.value(4).toLongLong();
    m.dimensions = QSize(q.value(5).toInt(), q.value(6).toInt());
    m.durationMs = q.value(7).toLongLong();
    m.capturedAt = Ids::fromIso(q.value(8).toString());
    m.vaultFile = q.value(9).toString();
    m.thumbnailFile = q.value(10).toString();
    m.revision = q.value(11).toInt();
    m.childIds = q.value(12).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    return m;
}

} // namespace Acorn::MediaRow
