#include "reports/ObservationBlock.h"

#include "frameworks/FrameworkRegistry.h"
#include "reports/PhotoGrid.h"
#include "reports/ReportPhotos.h"
#include "reports/ReportWriter.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace Acorn {

ObservationBlock::ObservationBlock(ReportWriter& writer, PhotoPrefetcher& photos)
    : m_writer(writer)
    , m_photos(photos)
{
}

QList<QRectF> ObservationBlock::photoRects(const ReportWriter& writer, const QList<MediaItem>& photos)
{
    QList<QSizeF> sizes;
    for (int i = 0; i < std::min<int>(int(photos.size()), PhotoGrid::MaxPhotos); ++i)
        sizes.append(QSizeF(photos[i].dimensions));
    return PhotoGrid::layout(sizes, writer.width(), writer.mm(MaxPhotoBlockMm), writer.mm(3));
}

QList<PhotoPrefetcher::Request> ObservationBlock::photoRequests(const ReportWriter& writer, const Entry& entry)
{
    QList<PhotoPrefetcher::Request> requests;
    const QList<QRectF> rects = photoRects(writer, entry.photos);
    for (int i = 0; i < rects.size(); ++i)
        requests.append(
            {entry.photos[i],
             ReportPhotos::pixelsFor(QSizeF(rects[i].width() / writer.mm(1), rects[i].height() / writer.mm(1)))});
    return requests;
}

QStringList ObservationBlock::notes(const Entry& entry)
{
    QStringList notes;
    if (entry.photos.size() > PhotoGrid::MaxPhotos)
        notes << ReportWriter::count(int(entry.photos.size()) - PhotoGrid::MaxPhotos,
                                     tr("1 more photo in the online journal."),
                                     tr("%1 more photos in the online journal."));
    if (entry.photosNotShown > 0)
        notes << ReportWriter::count(
            entry.photosNotShown,
            tr("1 photo not shown here: a child in it does not have photo consent for shared records."),
            tr("%1 photos not shown here: a child in them does not have photo consent for shared records."));
    if (entry.otherMedia > 0)
        notes << ReportWriter::count(entry.otherMedia, tr("Also in the online journal: 1 video or voice note."),
                                     tr("Also in the online journal: %1 videos or voice notes."));
    return notes;
}

QString ObservationBlock::meta(const Entry& entry)
{
    const Observation& o = entry.observation;
    const QString by = o.isGuardianContribution() ? tr("Shared from home by %1").arg(entry.authorName)
                                                  : tr("Observed by %1").arg(entry.authorName);
    return entry.children.isEmpty() ? by : tr("%1 · %2").arg(entry.children, by);
}

qreal ObservationBlock::height(const Entry& entry, const QString& caption) const
{
    const ReportWriter& w = m_writer;
    const Observation& o = entry.observation;
    const auto text = [&](const QString& t, ReportWriter::Style style, qreal indent = 0) {
        return w.textHeight(t, w.font(style), w.width() - indent);
    };
    qreal h = 0;
    if (!caption.isEmpty())
        h += text(caption, ReportWriter::Style::Small);
    h += text(ReportWriter::longDate(o.observedAt.toLocalTime().date()), ReportWriter::Style::Subheading);
    h += text(meta(entry), ReportWriter::Style::Small) + w.mm(2);
    h += text(o.text.trimmed(), ReportWriter::Style::Body);
    if (!entry.photos.isEmpty())
        h += w.mm(3) + PhotoGrid::height(photoRects(w, entry.photos));
    for (const QString& note : notes(entry))
        h += w.mm(1.5) + text(note, ReportWriter::Style::Small);
    if (!o.nextSteps.trimmed().isEmpty())
        h += w.mm(3) + text(tr("Next steps"), ReportWriter::Style::Label)
            + text(o.nextSteps.trimmed(), ReportWriter::Style::Body);
    if (!entry.areas.isEmpty()) {
        h += w.mm(3) + text(tr("Areas of learning"), ReportWriter::Style::Label);
        for (const QString& area : entry.areas)
            h += text(QStringLiteral("• ") + area, ReportWriter::Style::Small, w.mm(2));
    }
    if (entry.withOutcome)
        h += w.mm(3) + text(tr("Outcome"), ReportWriter::Style::Label)
            + text(entry.outcome.trimmed().isEmpty() ? tr("No outcome was recorded.") : entry.outcome.trimmed(),
                   ReportWriter::Style::Body, w.mm(4.5));
    return h + w.mm(5);
}

int ObservationBlock::draw(const Entry& entry, const QString& caption)
{
    ReportWriter& w = m_writer;
    const Observation& o = entry.observation;
    // An entry that fits on a page is kept on one page, with its photos; a longer one starts with its heading and
    // first lines together and flows on.
    const qreal needed = height(entry, caption);
    w.ensureSpace(needed <= w.bodyBottom() - w.bodyTop() ? needed : w.mm(30));
    if (!caption.isEmpty())
        w.paragraph(caption, w.font(ReportWriter::Style::Small), ReportWriter::Muted);

    const QFont heading = w.font(ReportWriter::Style::Subheading);
    const QDate day = o.observedAt.toLocalTime().date();
    qreal headingRight = w.right();
    if (o.staffOnly) {
        // Only ever printed in an internal copy; marked so that nobody hands the page to a parent.
        const QFont label = w.font(ReportWriter::Style::Label);
        const QString text = tr("Staff only");
        const qreal textWidth = QFontMetricsF(label, w.painter().device()).horizontalAdvance(text);
        const QRectF badge(w.right() - textWidth - w.mm(4), w.y(), textWidth + w.mm(4), w.mm(6));
        QPainter& p = w.painter();
        p.setPen(QPen(ReportWriter::Warning, w.mm(0.35)));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(badge, w.mm(1), w.mm(1));
        p.setFont(label);
        p.setPen(ReportWriter::Warning);
        p.drawText(badge, Qt::AlignCenter, text);
        headingRight = badge.left() - w.mm(3);
    }
    w.moveDown(w.textBlock(QRectF(w.left(), w.y(), headingRight - w.left(), w.mm(8)), ReportWriter::longDate(day),
                           heading, ReportWriter::Accent));

    w.paragraph(meta(entry), w.font(ReportWriter::Style::Small), ReportWriter::Muted);
    w.moveDown(w.mm(2));

    w.paragraph(o.text.trimmed(), w.font(ReportWriter::Style::Body));

    int printed = 0;
    if (!entry.photos.isEmpty()) {
        w.moveDown(w.mm(3));
        printed = drawPhotos(entry.photos.mid(0, PhotoGrid::MaxPhotos));
    }
    for (const QString& n : notes(entry)) {
        w.moveDown(w.mm(1.5));
        w.paragraph(n, w.font(ReportWriter::Style::Small), ReportWriter::Muted);
    }

    if (!o.nextSteps.trimmed().isEmpty()) {
        w.moveDown(w.mm(3));
        w.ensureSpace(w.mm(12));
        w.paragraph(tr("Next steps"), w.font(ReportWriter::Style::Label), ReportWriter::Accent);
        w.paragraph(o.nextSteps.trimmed(), w.font(ReportWriter::Style::Body));
    }
    if (!entry.areas.isEmpty()) {
        w.moveDown(w.mm(3));
        w.ensureSpace(w.mm(10));
        w.paragraph(tr("Areas of learning"), w.font(ReportWriter::Style::Label), ReportWriter::Accent);
        for (const QString& area : entry.areas)
            w.paragraph(QStringLiteral("• ") + area, w.font(ReportWriter::Style::Small), ReportWriter::Ink, w.mm(2));
    }
    if (entry.withOutcome) {
        w.moveDown(w.mm(3));
        w.ensureSpace(w.mm(12));
        w.paragraph(tr("Outcome"), w.font(ReportWriter::Style::Label), ReportWriter::Accent);
        if (entry.outcome.trimmed().isEmpty())
            w.paragraph(tr("No outcome was recorded."), w.font(ReportWriter::Style::Body), ReportWriter::Muted,
                        w.mm(4.5), ReportWriter::Rule);
        else
            w.paragraph(entry.outcome.trimmed(), w.font(ReportWriter::Style::Body), ReportWriter::Ink, w.mm(4.5),
                        ReportWriter::Accent);
    }
    w.moveDown(w.mm(5));
    if (w.spaceLeft() > w.mm(12)) {
        w.rule();
        w.moveDown(w.mm(6));
    } else {
        w.setY(w.bodyBottom()); // the next entry starts a new page; the last one leaves no empty page behind
    }
    return printed;
}

int ObservationBlock::drawPhotos(const QList<MediaItem>& photos)
{
    ReportWriter& w = m_writer;
    const QList<QRectF> rects = photoRects(w, photos);
    w.ensureSpace(PhotoGrid::height(rects));
    const QPointF origin(w.left(), w.y());
    int printed = 0;
    for (int i = 0; i < rects.size(); ++i) {
        const QRectF cell = rects[i].translated(origin);
        const QSizeF cellMm(cell.width() / w.mm(1), cell.height() / w.mm(1));
        const QImage image = m_photos.take(photos[i], ReportPhotos::pixelsFor(cellMm));
        QPainter& p = w.painter();
        if (image.isNull()) {
            p.fillRect(cell, ReportWriter::Tint);
            w.textBlock(cell.adjusted(w.mm(3), cell.height() / 2 - w.mm(3), -w.mm(3), 0),
                        tr("This photo could not be read."), w.font(ReportWriter::Style::Small), ReportWriter::Muted,
                        Qt::AlignHCenter);
            continue;
        }
        // The stored size may be missing or rounded: fit the real picture into its cell, centred.
        const QSizeF fitted = QSizeF(image.size()).scaled(cell.size(), Qt::KeepAspectRatio);
        const QRectF target(cell.center().x() - fitted.width() / 2, cell.center().y() - fitted.height() / 2,
                            fitted.width(), fitted.height());
        w.drawImage(target, image);
        ++printed;
    }
    w.moveDown(PhotoGrid::height(rects));
    return printed;
}

QStringList ObservationBlock::describeTags(const FrameworkRegistry& frameworks, const QList<ObservationTag>& tags)
{
    QStringList described;
    for (const auto& tag : tags) {
        // Stored as "node" or "node@band".
        const QString text
            = frameworks.describeTag(tag.tag.section(QLatin1Char('@'), 0, 0), tag.tag.section(QLatin1Char('@'), 1));
        if (!described.contains(text))
            described << text;
    }
    return described;
}

} // namespace Acorn
