#include "reports/ChildJournalReport.h"

#include "Clock.h"
#include "auth/AuditLog.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/JournalQuery.h"
#include "people/Children.h"
#include "reports/ObservationBlock.h"
#include "reports/PhotoGrid.h"
#include "reports/ReportPhotos.h"
#include "reports/ReportProgress.h"
#include "reports/ReportWriter.h"
#include "reports/ReportsLogging.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QSet>

#include <algorithm>

namespace Acorn {

namespace {
constexpr int PageSize = 200;
} // namespace

ChildJournalReport::ChildJournalReport(Session& session)
    : m_session(session)
{
}

Result<ReportSummary> ChildJournalReport::write(const QString& childId, const QString& path, const Options& options,
                                                ReportProgress* progress)
{
    if (!ChildAccess(m_session).canSeeChild(childId))
        return Error(Error::Code::PermissionDenied,
                     tr("You can print the learning journal only of children in your rooms."));
    const auto child = Children(m_session).byId(childId);
    if (!child)
        return Error(Error::Code::NotFound, tr("This child's record no longer exists."));
    if (options.from.isValid() && options.to.isValid() && options.from > options.to)
        return Error(Error::Code::InvalidInput, tr("The start of the period is after its end. Check the dates."));
    QElapsedTimer timer;
    timer.start();

    // What the journal shows: published entries, with the media this child's journal may show.
    JournalQuery query(m_session);
    JournalFilter filter;
    filter.from = options.from;
    filter.to = options.to;
    filter.status = ObservationStatus::Published;
    QList<JournalEntry> entries;
    for (int offset = 0;; offset += PageSize) {
        const auto page = query.timeline(childId, filter, PageSize, offset);
        for (const auto& e : page)
            if (!e.observation.staffOnly || options.internalCopy)
                entries.append(e);
        if (page.size() < PageSize)
            break;
    }
    std::reverse(entries.begin(), entries.end()); // oldest first, as a book reads
    QSet<QString> visible;
    if (options.includePhotos)
        for (const auto& m : query.mediaInJournalOf(childId))
            visible.insert(m.id);

    const FrameworkRegistry frameworks(m_session.settings());
    QList<ObservationBlock::Entry> blocks;
    int photoCount = 0;
    for (const auto& e : entries) {
        ObservationBlock::Entry b;
        b.observation = e.observation;
        b.authorName = e.authorName;
        b.areas = ObservationBlock::describeTags(frameworks, e.observation.tags);
        for (const auto& m : e.media) {
            if (m.kind != MediaKind::Photo)
                ++b.otherMedia;
            else if (visible.contains(m.id))
                b.photos.append(m);
        }
        photoCount += std::min<int>(int(b.photos.size()), PhotoGrid::MaxPhotos);
        blocks.append(b);
    }

    const QString name = child->displayName();
    ReportWriter::Decoration decoration;
    decoration.nurseryName = m_session.settings().stringValue(SettingsStore::Key::NurseryName);
    decoration.logo = options.logo.isNull()
        ? ReportWriter::decodeLogo(m_session.settings().stringValue(SettingsStore::Key::NurseryLogo))
        : options.logo;
    decoration.title = tr("Learning journal of %1").arg(name);
    decoration.footer = options.internalCopy ? tr("Internal copy with staff-only observations: not for parents")
                                             : tr("Confidential: %1's learning journal").arg(name);
    ReportWriter w(decoration);
    if (auto opened = w.open(path, decoration.title, ReportWriter::PageKind::Cover); !opened)
        return opened.error();

    // The cover.
    QPainter& p = w.painter();
    p.fillRect(QRectF(0, 0, w.pageWidth(), w.mm(92)), ReportWriter::Tint);
    p.fillRect(QRectF(0, w.mm(92), w.pageWidth(), w.mm(1.2)), ReportWriter::Accent);
    qreal y = w.mm(22);
    if (!w.logo().isNull()) {
        const QSizeF size = QSizeF(w.logo().size()).scaled(QSizeF(w.mm(70), w.mm(30)), Qt::KeepAspectRatio);
        w.drawImage(QRectF((w.pageWidth() - size.width()) / 2, y, size.width(), size.height()), w.logo());
        y += size.height() + w.mm(6);
    } else {
        y = w.mm(40);
    }
    w.textBlock(QRectF(w.left(), y, w.width(), w.mm(30)), decoration.nurseryName, w.font(ReportWriter::Style::Heading),
                ReportWriter::Accent, Qt::AlignHCenter);
    w.textBlock(QRectF(w.left(), w.mm(112), w.width(), w.mm(10)), tr("Learning journal"),
                w.font(ReportWriter::Style::Heading), ReportWriter::Muted, Qt::AlignHCenter);
    QFont big = w.font(ReportWriter::Style::Title);
    big.setPointSizeF(32);
    y = w.mm(124)
        + w.textBlock(QRectF(w.left(), w.mm(124), w.width(), w.mm(40)), name, big, ReportWriter::Ink, Qt::AlignHCenter);
    QStringList details;
    if (child->dateOfBirth.isValid())
        details << tr("Born %1").arg(ReportWriter::shortDate(child->dateOfBirth));
    if (child->startDate.isValid() && child->leaveDate.isValid())
        details << tr("At %1 from %2 to %3")
                       .arg(decoration.nurseryName, ReportWriter::shortDate(child->startDate),
                            ReportWriter::shortDate(child->leaveDate));
    else if (child->startDate.isValid())
        details << tr("At %1 since %2").arg(decoration.nurseryName, ReportWriter::shortDate(child->startDate));
    const QDate first = options.from.isValid() ? options.from
        : entries.isEmpty()                    ? QDate()
                                               : entries.first().observation.observedAt.toLocalTime().date();
    const QDate last = options.to.isValid() ? options.to
        : entries.isEmpty()                 ? QDate()
                                            : entries.last().observation.observedAt.toLocalTime().date();
    if (first.isValid() && last.isValid())
        details << tr("Observations from %1 to %2").arg(ReportWriter::shortDate(first), ReportWriter::shortDate(last));
    details << ReportWriter::count(int(entries.size()), tr("1 observation"), tr("%1 observations"))
            + QStringLiteral(" · ") + ReportWriter::count(photoCount, tr("1 photo"), tr("%1 photos"));
    y += w.mm(10);
    QFont detailsFont = w.font(ReportWriter::Style::Body);
    detailsFont.setPointSizeF(12);
    for (const QString& line : details)
        y += w.textBlock(QRectF(w.left(), y, w.width(), w.mm(20)), line, detailsFont, ReportWriter::Ink,
                         Qt::AlignHCenter)
            + w.mm(1.5);
    if (options.internalCopy) {
        const QRectF box(w.left() + w.mm(15), y + w.mm(14), w.width() - w.mm(30), w.mm(20));
        p.setPen(QPen(ReportWriter::Warning, w.mm(0.5)));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(box, w.mm(2), w.mm(2));
        w.textBlock(box.adjusted(w.mm(4), w.mm(4), -w.mm(4), 0),
                    tr("Internal copy: includes staff-only observations.\nNot for parents or carers."),
                    w.font(ReportWriter::Style::Label), ReportWriter::Warning, Qt::AlignHCenter);
    }
    w.textBlock(QRectF(w.left(), w.mm(270), w.width(), w.mm(8)),
                tr("Printed on %1").arg(ReportWriter::shortDate(m_session.clock().now().toLocalTime().date())),
                w.font(ReportWriter::Style::Small), ReportWriter::Muted, Qt::AlignHCenter);

    // The entries.
    w.newPage();
    if (blocks.isEmpty())
        w.paragraph(tr("There are no published observations in this period."), w.font(ReportWriter::Style::Body),
                    ReportWriter::Muted);
    const ReportPhotos photos(m_session);
    QList<PhotoPrefetcher::Request> requests;
    for (const auto& b : blocks)
        requests += ObservationBlock::photoRequests(w, b);
    PhotoPrefetcher prefetcher(photos, requests);
    ObservationBlock block(w, prefetcher);
    ReportSummary summary;
    const int total = int(blocks.size());
    if (progress)
        progress->report(0, total);
    for (int i = 0; i < total; ++i) {
        if (ReportProgress::stopRequested(progress)) {
            w.discard();
            qCInfo(lcReports) << "photobook for child" << childId << "cancelled after" << i << "of" << total;
            return ReportProgress::cancelledError();
        }
        const int printed = block.draw(blocks[i]);
        summary.photos += printed;
        summary.photosLeftOut += int(entries[i].media.size()) - blocks[i].otherMedia - printed;
        if (progress)
            progress->report(i + 1, total);
    }
    summary.pages = w.pageNumber();
    if (ReportProgress::stopRequested(progress)) {
        w.discard();
        return ReportProgress::cancelledError();
    }
    if (auto finished = w.finish(); !finished)
        return finished.error();
    summary.path = path;
    summary.entries = total;
    (void)m_session.audit().append(
        QString::fromLatin1(ReportWriter::AuditAction), m_session.staff().id, QStringLiteral("child"), childId,
        options.internalCopy ? QStringLiteral("photobook internal") : QStringLiteral("photobook"));
    qCInfo(lcReports) << "photobook for child" << childId << summary.pages << "pages," << summary.photos << "photos in"
                      << timer.elapsed() << "ms";
    return summary;
}

} // namespace Acorn
