#pragma once

#include "domain/MediaItem.h"
#include "domain/Observation.h"
#include "reports/PhotoPrefetcher.h"

#include <QCoreApplication>
#include <QList>
#include <QRectF>
#include <QStringList>

namespace Acorn {

class FrameworkRegistry;
class ReportWriter;

// One observation as printed in a photobook or a meeting record: date, who observed it, the text, up to four
// photos laid out by PhotoGrid, next steps, areas of learning and (in a meeting) the outcome. The caller decides
// which photos may be shown (the consent rule); this only draws what it is given.
class ObservationBlock final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::ObservationBlock)
public:
    struct Entry
    {
        Observation observation;
        QString authorName;
        QString children; // whose observation it is, for records that belong to no single child
        QList<MediaItem> photos; // already filtered by consent; the first PhotoGrid::MaxPhotos are printed
        int photosNotShown = 0; // kept out by the consent rule: said in words, never drawn
        int otherMedia = 0; // videos and voice notes, which paper cannot hold
        QStringList areas; // described tags
        bool withOutcome = false;
        QString outcome;
    };

    static constexpr qreal MaxPhotoBlockMm = 105; // tallest a block of photos is printed

    ObservationBlock(ReportWriter& writer, PhotoPrefetcher& photos);

    // Draws `entry`, after an optional caption ("Observation 2 of 5"); returns the number of photos printed.
    int draw(const Entry& entry, const QString& caption = {});
    // The photos draw() will ask `photos` for, at the sizes it prints them: give these to the PhotoPrefetcher, in
    // the order the entries are drawn.
    static QList<PhotoPrefetcher::Request> photoRequests(const ReportWriter& writer, const Entry& entry);
    // The height draw() needs, to keep an entry on one page when it fits on one.
    qreal height(const Entry& entry, const QString& caption = {}) const;
    // "Communication and Language › Speaking (Birth to three)" for each tag.
    static QStringList describeTags(const FrameworkRegistry& frameworks, const QList<ObservationTag>& tags);

private:
    int drawPhotos(const QList<MediaItem>& photos);
    static QList<QRectF> photoRects(const ReportWriter& writer, const QList<MediaItem>& photos);
    static QStringList notes(const Entry& entry);
    static QString meta(const Entry& entry);

    ReportWriter& m_writer;
    PhotoPrefetcher& m_photos;
};

} // namespace Acorn
