#pragma once

#include "Result.h"
#include "domain/MediaItem.h"
#include "media/MediaVault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSize>
#include <QString>

#include <optional>

namespace Acorn {

// What one import put into the vault: everything a media_items row needs except who and what it belongs to.
struct ImportedMedia
{
    MediaKind kind = MediaKind::Photo;
    QString mimeType; // of what was stored: image/jpeg for photos, the source's own type otherwise
    VaultEntry file;
    std::optional<VaultEntry> thumbnail; // photos only
    QSize size; // photos: upright pixel size; empty for video and audio
    QDateTime capturedAt; // from the photo's Exif data; null when unknown
    qint64 durationMs = 0; // videos and voice notes, when known (the capture page times its recordings); 0 otherwise
};

// Brings a file the user picked into the vault. Photos are decoded, turned upright and re-encoded without any
// metadata (ImageSanitizer) before they are stored, with a thumbnail. Videos and voice notes are streamed into the
// vault as they are. Nothing unencrypted is written anywhere: no temporary files, no copies.
class MediaImporter final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::MediaImporter)

public:
    static constexpr qint64 MaxPhotoBytes = 60LL * 1000 * 1000;
    static constexpr qint64 MaxVideoBytes = 500LL * 1000 * 1000;
    static constexpr qint64 MaxAudioBytes = 100LL * 1000 * 1000;

    explicit MediaImporter(MediaVault& vault);

    [[nodiscard]] Result<ImportedMedia> importFile(const QString& path);
    // A photo already in memory (camera capture, generated demo pictures): sanitised, thumbnailed, stored.
    [[nodiscard]] Result<ImportedMedia> importPhotoData(const QByteArray& imageBytes);

    static qint64 maxBytes(MediaKind kind);

private:
    [[nodiscard]] Result<ImportedMedia> importPhoto(const QString& path);
    [[nodiscard]] Result<ImportedMedia> importStream(const QString& path, MediaKind kind, const QString& mimeType);

    MediaVault& m_vault;
};

} // namespace Acorn
