#pragma once

#include "Result.h"
#include "domain/MediaItem.h"
#include "media/MediaImporter.h"

#include <QCoreApplication>
#include <QStringList>

namespace Acorn {

class MediaVault;
class Session;

// Puts what the capture page made into the vault and onto a draft observation. Photos arrive in memory; videos and
// voice notes arrive as finished files in the RamFolder and are encrypted the moment recording stops, then
// overwritten and unlinked. The same checks as ObservationMedia::attachFile apply: only the author's own draft (or
// returned) observation, only children the staff member may see, at most MaxItemsPerObservation items.
class RecordingSealer final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::RecordingSealer)

public:
    explicit RecordingSealer(Session& session);

    [[nodiscard]] VoidResult checkCanAttach(const QString& observationId, const QStringList& childIds) const;

    // A photo in memory (JPEG or any format Qt reads): sanitised, thumbnailed, encrypted, attached.
    [[nodiscard]] Result<MediaItem> attachPhoto(const QString& observationId, const QByteArray& imageBytes,
                                                const QStringList& childIds);
    // A finished recording in a RAM-backed folder: encrypted, attached, then wiped. If it cannot be stored (a full
    // disk, say) the file is left where it is so that the caller can try again; a file that can never be attached
    // (not in RAM, not a recording of `kind`) is wiped.
    // `durationMs` is how long it ran, as the capture page timed it (0: unknown).
    [[nodiscard]] Result<MediaItem> attachRecording(const QString& observationId, const QString& ramFilePath,
                                                    MediaKind kind, const QStringList& childIds, qint64 durationMs = 0);

    // The vault half of attachRecording, without a database: refuses a file that is not on a RAM-backed file
    // system, names it for what it is (an audio-only Ogg is otherwise taken for a video), encrypts it into
    // `vault` and wipes it. On a failure to store, the file is kept (see above).
    [[nodiscard]] static Result<ImportedMedia> sealFile(MediaVault& vault, const QString& ramFilePath, MediaKind kind);

private:
    Session& m_session;
};

} // namespace Acorn
