#include "media/MediaImporter.h"

#include "Logging.h"
#include "crypto/SecureBuffer.h"
#include "media/ImageSanitizer.h"
#include "media/Mp4Metadata.h"

#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>

namespace Acorn {

namespace {
// A read-only view of a file with some boxes blanked (Mp4Metadata::apply), random access like the file itself.
class BlankingReader final : public QIODevice
{
public:
    BlankingReader(QFile& file, QList<Mp4Metadata::Box> boxes)
        : m_file(file)
        , m_boxes(std::move(boxes))
    {
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_file.size(); }
    bool seek(qint64 pos) override { return QIODevice::seek(pos) && m_file.seek(pos); }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        const qint64 at = pos();
        if (!m_file.seek(at))
            return -1;
        const qint64 got = m_file.read(data, maxSize);
        if (got > 0)
            Mp4Metadata::apply(m_boxes, at, data, got);
        return got;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QFile& m_file;
    QList<Mp4Metadata::Box> m_boxes;
};
} // namespace

namespace {
QString megabytes(qint64 bytes)
{
    return QString::number((bytes + 999'999) / 1'000'000);
}
} // namespace

MediaImporter::MediaImporter(MediaVault& vault)
    : m_vault(vault)
{
}

qint64 MediaImporter::maxBytes(MediaKind kind)
{
    switch (kind) {
    case MediaKind::Video:
        return MaxVideoBytes;
    case MediaKind::Audio:
        return MaxAudioBytes;
    case MediaKind::Photo:
        break;
    }
    return MaxPhotoBytes;
}

Result<ImportedMedia> MediaImporter::importFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return Error(Error::Code::NotFound, tr("The file %1 could not be found.").arg(info.fileName()));

    // Name and content together: a file called .mp4 that holds something else is judged by what it holds where
    // the content is recognisable.
    const QMimeType mime = QMimeDatabase().mimeTypeForFile(info, QMimeDatabase::MatchDefault);
    const QString name = mime.name();
    MediaKind kind;
    if (name.startsWith(QLatin1String("image/")))
        kind = MediaKind::Photo;
    else if (name.startsWith(QLatin1String("video/")))
        kind = MediaKind::Video;
    else if (name.startsWith(QLatin1String("audio/")))
        kind = MediaKind::Audio;
    else
        return Error(Error::Code::InvalidInput,
                     tr("Acorn can attach photos, videos and voice notes; this file is a %1.").arg(mime.comment()));

    // Checked before a single byte of the file is read for import.
    const qint64 size = info.size();
    if (size > maxBytes(kind)) {
        const QString actual = megabytes(size);
        const QString limit = megabytes(maxBytes(kind));
        switch (kind) {
        case MediaKind::Photo:
            return Error(Error::Code::InvalidInput,
                         tr("This photo is %1 MB; Acorn can attach photos of up to %2 MB.").arg(actual, limit));
        case MediaKind::Video:
            return Error(Error::Code::InvalidInput,
                         tr("This video is %1 MB; Acorn can attach videos of up to %2 MB. Shorten it and try again.")
                             .arg(actual, limit));
        case MediaKind::Audio:
            return Error(
                Error::Code::InvalidInput,
                tr("This voice note is %1 MB; Acorn can attach recordings of up to %2 MB.").arg(actual, limit));
        }
    }

    if (kind == MediaKind::Photo)
        return importPhoto(path);
    return importStream(path, kind, name);
}

Result<ImportedMedia> MediaImporter::importPhoto(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Code::Io, tr("The photo could not be read: %1").arg(file.errorString()));
    if (file.size() > MaxPhotoBytes) // it may have grown since it was picked
        return Error(Error::Code::InvalidInput, tr("This photo is larger than Acorn can attach."));
    QByteArray original = file.readAll();
    file.close();
    auto media = importPhotoData(original);
    wipeBytes(original);
    return media;
}

Result<ImportedMedia> MediaImporter::importPhotoData(const QByteArray& original)
{
    if (original.size() > MaxPhotoBytes)
        return Error(Error::Code::InvalidInput, tr("This photo is larger than Acorn can attach."));
    auto sanitized = ImageSanitizer::sanitize(original);
    if (!sanitized)
        return sanitized.error();
    SanitizedImage image = sanitized.take();

    auto stored = m_vault.store(image.jpeg);
    wipeBytes(image.jpeg);
    if (!stored) {
        wipeBytes(image.thumbnailJpeg);
        return stored.error();
    }
    auto thumbnail = m_vault.store(image.thumbnailJpeg);
    wipeBytes(image.thumbnailJpeg);
    if (!thumbnail) {
        m_vault.remove(stored.value().fileId);
        return thumbnail.error();
    }

    ImportedMedia media;
    media.kind = MediaKind::Photo;
    media.mimeType = QStringLiteral("image/jpeg");
    media.file = stored.take();
    media.thumbnail = thumbnail.take();
    media.size = image.size;
    media.capturedAt = image.capturedAt;
    qCInfo(lcMedia, "imported a photo as vault file %s", qUtf8Printable(media.file.fileId));
    return media;
}

Result<ImportedMedia> MediaImporter::importStream(const QString& path, MediaKind kind, const QString& mimeType)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Code::Io, tr("The file could not be read: %1").arg(file.errorString()));
    if (file.size() > maxBytes(kind))
        return Error(Error::Code::InvalidInput, tr("This file is larger than Acorn can attach."));

    // An MP4/QuickTime file (phones' videos and voice memos) goes in without where and on what it was recorded: its
    // udta/meta boxes are blanked on the way through (Mp4Metadata), the file on disk is left as it is. Other
    // containers (WebM, Ogg, WAV) go in as they came.
    std::optional<QList<Mp4Metadata::Box>> blanks;
    if (mimeType.contains(QLatin1String("mp4")) || mimeType.contains(QLatin1String("quicktime"))
        || mimeType.contains(QLatin1String("m4a"))) {
        blanks = Mp4Metadata::find(file);
        if (!blanks)
            return Error(Error::Code::InvalidInput, tr("This file could not be read as a video or sound recording."));
        file.seek(0);
    }
    BlankingReader reader(file, blanks.value_or(QList<Mp4Metadata::Box>()));
    if (!reader.open(QIODevice::ReadOnly))
        return Error(Error::Code::Io, tr("The file could not be read: %1").arg(file.errorString()));
    auto stored = m_vault.store(reader); // streams through 1 MiB of locked memory at a time
    if (!stored)
        return stored.error();

    ImportedMedia media;
    media.kind = kind;
    media.mimeType = mimeType;
    media.file = stored.take();
    qCInfo(lcMedia, "imported a %s as vault file %s", qUtf8Printable(mediaKindKey(kind)),
           qUtf8Printable(media.file.fileId));
    return media;
}

} // namespace Acorn
