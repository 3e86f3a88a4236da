#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QSize>
#include <QString>
#include <QStringList>

namespace Acorn {

enum class MediaKind { Photo, Video, Audio };

QString mediaKindKey(MediaKind kind);
bool mediaKindFromKey(const QString& key, MediaKind* kind);

// A photo, video or voice note attached to an observation; the bytes live encrypted in the vault and the per-file
// keys stay in the database (never in this struct: ask the repository for a reader).
struct MediaItem
{
    QString id;
    QString observationId;
    MediaKind kind = MediaKind::Photo;
    QByteArray sha256;
    qint64 size = 0;
    QSize dimensions;
    qint64 durationMs = 0;
    QDateTime capturedAt;
    QString vaultFile;
    QString thumbnailFile;
    QStringList childIds; // the children who appear in it
    int revision = 0;
};

} // namespace Acorn
