#include "media/RecordingSealer.h"

#include "Logging.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "domain/Observation.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "media/MediaVault.h"
#include "media/RamFolder.h"
#include "storage/Database.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>

namespace Acorn {

namespace {
// The name decides the kind where the content is ambiguous (Qt's recorder writes voice notes as .ogv).
QString suffixFor(MediaKind kind, const QString& current)
{
    if (kind == MediaKind::Audio)
        return QStringLiteral("opus");
    if (kind == MediaKind::Video && current.isEmpty())
        return QStringLiteral("webm");
    return current;
}

void removeStored(MediaVault& vault, const ImportedMedia& media)
{
    vault.remove(media.file.fileId);
    if (media.thumbnail)
        vault.remove(media.thumbnail->fileId);
}
} // namespace

RecordingSealer::RecordingSealer(Session& session)
    : m_session(session)
{
}

VoidResult RecordingSealer::checkCanAttach(const QString& observationId, const QStringList& childIds) const
{
    const auto o = Observations(m_session).byId(observationId);
    if (!o)
        return Error(Error::Code::NotFound, tr("This observation no longer exists."));
    if (o->authorStaffId != m_session.staff().id
        || (o->status != ObservationStatus::Draft && o->status != ObservationStatus::Returned))
        return Error(Error::Code::PermissionDenied,
                     tr("Photos and videos can be added only by the author, before the observation is submitted."));
    if (!ChildAccess(m_session).canSeeAll(childIds))
        return Error(Error::Code::PermissionDenied, tr("You can tag only children of your rooms."));
    QSqlQuery count(m_session.database().sql());
    count.prepare(QStringLiteral("SELECT count(*) FROM media_items WHERE observation_id = ? AND deleted = 0"));
    count.addBindValue(observationId);
    if (count.exec() && count.next() && count.value(0).toInt() >= ObservationMedia::MaxItemsPerObservation)
        return Error(
            Error::Code::InvalidInput,
            tr("An observation can hold at most %1 photos and videos.").arg(ObservationMedia::MaxItemsPerObservation));
    return {};
}

Result<MediaItem> RecordingSealer::attachPhoto(const QString& observationId, const QByteArray& imageBytes,
                                               const QStringList& childIds)
{
    if (auto ok = checkCanAttach(observationId, childIds); !ok)
        return ok.error();
    MediaVault vault(m_session.dataDir().vaultPath());
    auto imported = MediaImporter(vault).importPhotoData(imageBytes);
    if (!imported)
        return imported.error();
    auto item = ObservationMedia(m_session).insert(observationId, imported.value(), childIds);
    if (!item)
        removeStored(vault, imported.value());
    return item;
}

Result<MediaItem> RecordingSealer::attachRecording(const QString& observationId, const QString& ramFilePath,
                                                   MediaKind kind, const QStringList& childIds, qint64 durationMs)
{
    if (auto ok = checkCanAttach(observationId, childIds); !ok)
        return ok.error(); // the file stays: the caller may attach it elsewhere, and wipes it when it goes
    MediaVault vault(m_session.dataDir().vaultPath());
    auto sealed = sealFile(vault, ramFilePath, kind);
    if (!sealed)
        return sealed.error();
    sealed.value().durationMs = durationMs;
    auto item = ObservationMedia(m_session).insert(observationId, sealed.value(), childIds);
    if (!item)
        removeStored(vault, sealed.value()); // the plaintext is gone already: the recording is lost, say so
    return item;
}

Result<ImportedMedia> RecordingSealer::sealFile(MediaVault& vault, const QString& ramFilePath, MediaKind kind)
{
    const QFileInfo info(ramFilePath);
    if (!info.isFile())
        return Error(Error::Code::NotFound, tr("The recording could not be found; nothing was saved."));
    if (!RamFolder::isRamBacked(info.absolutePath())) {
        // Never encrypt-and-keep something that was written to a disk: that would hide where it was.
        qCWarning(lcMedia, "refused to seal a recording that is not in a RAM-backed folder");
        return Error(Error::Code::InvalidInput, tr("This recording was not made in memory and cannot be attached."));
    }
    if (info.size() == 0) {
        RamFolder::wipeFile(ramFilePath);
        return Error(Error::Code::InvalidInput, tr("The recording is empty: nothing was recorded."));
    }

    QString path = info.absoluteFilePath();
    const QString suffix = suffixFor(kind, info.suffix());
    if (suffix != info.suffix()) {
        const QString renamed
            = info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + QLatin1Char('.') + suffix;
        if (QDir().rename(path, renamed))
            path = renamed;
    }

    MediaImporter importer(vault);
    auto imported = importer.importFile(path);
    if (!imported) {
        if (imported.code() == Error::Code::InvalidInput)
            RamFolder::wipeFile(path); // too large or not media: trying again will not help
        else if (path != ramFilePath)
            QDir().rename(path, ramFilePath); // keep it where the caller expects it
        return imported.error();
    }
    if (imported.value().kind != kind) {
        removeStored(vault, imported.value());
        RamFolder::wipeFile(path);
        qCWarning(lcMedia, "a recording did not hold the expected kind of media");
        return Error(Error::Code::InvalidInput, tr("The recording could not be read back; nothing was saved."));
    }
    if (!RamFolder::wipeFile(path))
        qCWarning(lcMedia, "a sealed recording could not be removed from memory");
    qCInfo(lcMedia, "sealed a %s recording into vault file %s", qUtf8Printable(mediaKindKey(kind)),
           qUtf8Printable(imported.value().file.fileId));
    return imported;
}

} // namespace Acorn
