#pragma once

#include "Result.h"
#include "domain/MediaItem.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QList>
#include <memory>

namespace Acorn {

class Session;
struct ImportedMedia;

// Photos, videos and voice notes on an observation: imported into the encrypted vault, with the children who
// appear in each (which decides, through ConsentRules, whose journals may show it). Per-file keys stay in the
// database; reading decrypts to memory or through a decrypting QIODevice, never to a file.
class ObservationMedia final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::ObservationMedia)
public:
    static constexpr int MaxItemsPerObservation = 40;

    explicit ObservationMedia(Session& session);

    // Staff: only on their own draft or returned observation; the appearing children must be ones they can see.
    [[nodiscard]] Result<MediaItem> attachFile(const QString& observationId, const QString& path,
                                               const QStringList& appearingChildIds);
    // Stores an already imported item (capture, contributions). No permission checks: callers check.
    [[nodiscard]] Result<MediaItem> insert(const QString& observationId, ImportedMedia& imported,
                                           const QStringList& appearingChildIds);
    [[nodiscard]] VoidResult setAppearingChildren(const QString& mediaId, const QStringList& childIds);
    [[nodiscard]] VoidResult remove(const QString& mediaId);

    // Everything attached (the author's and reviewers' view). Journal views use JournalQuery, which applies consent.
    QList<MediaItem> of(const QString& observationId) const;
    [[nodiscard]] Result<QByteArray> thumbnail(const QString& mediaId) const;
    [[nodiscard]] Result<QByteArray> content(const QString& mediaId, qint64 maxSize = 200 * 1024 * 1024) const;
    std::unique_ptr<QIODevice> openReader(const QString& mediaId, QString* error) const;

private:
    VoidResult checkEditable(const QString& observationId) const;
    bool canRead(const QString& mediaId) const;
    Session& m_session;
};

} // namespace Acorn
