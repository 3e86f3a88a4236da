#include "reports/ProgressCheckReport.h"

#include "Clock.h"
#include "auth/AuditLog.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "auth/StaffRepository.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/JournalQuery.h"
#include "people/Children.h"
#include "people/Rooms.h"
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
constexpr int MaxPhotosPerArea = 3;
constexpr int MaxQuoteLength = 600;

struct PrimeArea
{
    QString id; // the EYFS area's id, the key of Options::areaSummaries
    QString label;
    QList<const JournalEntry*> entries;
    QHash<QString, int> aspects; // aspect label → observations
    QStringList aspectOrder;
};

// A label and its value, side by side; returns the height used.
qreal detailRow(ReportWriter& w, const QString& label, const QString& value)
{
    const qreal labelWidth = w.mm(48);
    const QFont valueFont = w.font(ReportWriter::Style::Body);
    const qreal height = std::max(w.textHeight(value, valueFont, w.width() - labelWidth), w.mm(5)) + w.mm(2.2);
    w.ensureSpace(height);
    w.textBlock(QRectF(w.left(), w.y() + w.mm(0.5), labelWidth, height), label, w.font(ReportWriter::Style::Label),
                ReportWriter::Muted);
    w.textBlock(QRectF(w.left() + labelWidth, w.y(), w.width() - labelWidth, height), value, valueFont);
    w.moveDown(height);
    return height;
}

// A titled field of the form: the text given, or lines to write on.
void field(ReportWriter& w, const QString& title, const QString& text, int blankLines)
{
    w.moveDown(w.mm(4));
    w.ensureSpace(w.mm(20));
    w.paragraph(title, w.font(ReportWriter::Style::Label), ReportWriter::Accent);
    w.moveDown(w.mm(1));
    if (text.trimmed().isEmpty())
        w.writingLines(blankLines);
    else
        w.paragraph(text.trimmed(), w.font(ReportWriter::Style::Body), ReportWriter::Ink, w.mm(4.5),
                    ReportWriter::Accent);
}

QString quote(const QString& text)
{
    const QString t = text.trimmed();
    return t.size() <= MaxQuoteLength ? t : t.left(MaxQuoteLength).trimmed() + QStringLiteral("…");
}
} // namespace

ProgressCheckReport::ProgressCheckReport(Session& session)
    : m_session(session)
{
}

int ProgressCheckReport::ageInMonths(const QDate& born, const QDate& on)
{
    if (!born.isValid() || !on.isValid() || on < born)
        return -1;
    int months = (on.year() - born.year()) * 12 + (on.month() - born.month());
    if (on.day() < born.day())
        --months;
    return months;
}

Result<ReportSummary> ProgressCheckReport::write(const QString& childId, const QString& path, const Options& options,
                                                 ReportProgress* progress)
{
    if (!ChildAccess(m_session).canSeeChild(childId))
        return Error(Error::Code::PermissionDenied,
                     tr("You can write the progress check only for children in your rooms."));
    const auto child = Children(m_session).byId(childId);
    if (!child)
        return Error(Error::Code::NotFound, tr("This child's record no longer exists."));
    const QDate checkDate
        = options.checkDate.isValid() ? options.checkDate : m_session.clock().now().toLocalTime().date();
    const QDate to = options.to.isValid() ? options.to : checkDate;
    const QDate from = options.from.isValid() ? options.from : to.addMonths(-DefaultPeriodMonths);
    if (from > to)
        return Error(Error::Code::InvalidInput, tr("The start of the period is after its end. Check the dates."));
    QElapsedTimer timer;
    timer.start();

    // The prime areas, named as the EYFS names them; tags from other frameworks (Birth to 5 Matters) count towards
    // the area of the same name.
    const FrameworkRegistry frameworks(m_session.settings());
    QList<PrimeArea> areas;
    if (const Framework* eyfs = frameworks.framework(QStringLiteral("eyfs-2024"))) {
        for (const auto& area : eyfs->areas())
            if (area.group == QLatin1String("prime"))
                areas.append({area.id, area.label, {}, {}, {}});
    }
    if (areas.isEmpty())
        areas = {{QStringLiteral("eyfs.cl"), tr("Communication and Language"), {}, {}, {}},
                 {QStringLiteral("eyfs.pd"), tr("Physical Development"), {}, {}, {}},
                 {QStringLiteral("eyfs.psed"), tr("Personal, Social and Emotional Development"), {}, {}, {}}};

    JournalQuery query(m_session);
    JournalFilter filter;
    filter.from = from;
    filter.to = to;
    filter.status = ObservationStatus::Published;
    QList<JournalEntry> entries;
    for (int offset = 0;; offset += PageSize) {
        const auto page = query.timeline(childId, filter, PageSize, offset);
        for (const auto& e : page)
            if (!e.observation.staffOnly)
                entries.append(e);
        if (page.size() < PageSize)
            break;
    }
    std::reverse(entries.begin(), entries.end());
    QSet<QString> visible;
    if (options.includePhotos)
        for (const auto& m : query.mediaInJournalOf(childId))
            visible.insert(m.id);

    QSet<QString> used;
    for (const auto& e : entries) {
        QSet<int> inAreas;
        for (const auto& tag : e.observation.tags) {
            const QString tagId = tag.tag.section(QLatin1Char('@'), 0, 0);
            const Framework* framework = frameworks.frameworkOfTag(tagId);
            const FrameworkNode* area = framework ? framework->areaOf(tagId) : nullptr;
            if (!area || area->group != QLatin1String("prime"))
                continue;
            for (int i = 0; i < areas.size(); ++i) {
                if (areas[i].label.compare(area->label, Qt::CaseInsensitive) != 0)
                    continue;
                if (!inAreas.contains(i))
                    areas[i].entries.append(&e);
                inAreas.insert(i);
                if (area->id != tagId) {
                    const FrameworkNode* node = framework->node(tagId);
                    const QString aspect = node ? node->label : tagId;
                    if (!areas[i].aspects.contains(aspect))
                        areas[i].aspectOrder << aspect;
                    ++areas[i].aspects[aspect];
                }
            }
        }
        if (!inAreas.isEmpty())
            used.insert(e.observation.id);
    }

    const QString name = child->displayName();
    ReportWriter::Decoration decoration;
    decoration.nurseryName = m_session.settings().stringValue(SettingsStore::Key::NurseryName);
    decoration.logo = options.logo.isNull()
        ? ReportWriter::decodeLogo(m_session.settings().stringValue(SettingsStore::Key::NurseryLogo))
        : options.logo;
    decoration.title = tr("Progress check at age two: %1").arg(name);
    decoration.footer = tr("Confidential: for %1's parents or carers and the setting").arg(name);
    ReportWriter w(decoration);
    if (auto opened = w.open(path, decoration.title, ReportWriter::PageKind::Normal); !opened)
        return opened.error();

    QFont title = w.font(ReportWriter::Style::Title);
    title.setPointSizeF(20);
    w.paragraph(tr("Progress check at age two"), title, ReportWriter::Ink);
    w.paragraph(tr("Early Years Foundation Stage: a summary of %1's development in the prime areas").arg(name),
                w.font(ReportWriter::Style::Small), ReportWriter::Muted);
    w.moveDown(w.mm(6));

    const StaffRepository staff(m_session.database());
    QString room;
    for (const auto& r : Rooms(m_session).visible())
        if (r.id == child->roomId)
            room = r.name;
    const auto keyPerson = child->keyPersonId.isEmpty() ? std::nullopt : staff.byId(child->keyPersonId);
    const int months = ageInMonths(child->dateOfBirth, checkDate);
    detailRow(w, tr("Child's name"), name);
    detailRow(w, tr("Date of birth"),
              child->dateOfBirth.isValid() ? ReportWriter::shortDate(child->dateOfBirth) : tr("Not recorded"));
    QString age = tr("Not known (no date of birth)");
    if (months >= 0) {
        age = ReportWriter::count(months, tr("1 month"), tr("%1 months"));
        if (months < 24 || months > 36)
            age += QLatin1Char(' ') + tr("(the check is usually between 24 and 36 months)");
    }
    detailRow(w, tr("Age at the check"), age);
    detailRow(w, tr("Room"), room.isEmpty() ? tr("Not recorded") : room);
    detailRow(w, tr("Key person"), keyPerson ? keyPerson->displayName : tr("Not recorded"));
    detailRow(w, tr("Date of the check"), ReportWriter::shortDate(checkDate));
    detailRow(w, tr("Observations from"),
              tr("%1 to %2").arg(ReportWriter::shortDate(from), ReportWriter::shortDate(to)));
    detailRow(w, tr("Completed by"),
              options.completedBy.trimmed().isEmpty() ? m_session.staff().displayName : options.completedBy.trimmed());

    const ReportPhotos photos(m_session);
    ReportSummary summary;
    const int total = int(areas.size()) + 1;
    if (progress)
        progress->report(0, total);
    for (int a = 0; a < areas.size(); ++a) {
        if (ReportProgress::stopRequested(progress)) {
            w.discard();
            qCInfo(lcReports) << "progress check for child" << childId << "cancelled";
            return ReportProgress::cancelledError();
        }
        const PrimeArea& area = areas[a];
        w.moveDown(w.mm(7));
        w.ensureSpace(w.mm(45));
        const qreal bandHeight = w.mm(9);
        w.painter().fillRect(QRectF(w.left(), w.y(), w.width(), bandHeight), ReportWriter::Tint);
        w.textBlock(QRectF(w.left() + w.mm(3), w.y() + w.mm(1.6), w.width() - w.mm(6), bandHeight), area.label,
                    w.font(ReportWriter::Style::Subheading), ReportWriter::Accent);
        w.moveDown(bandHeight + w.mm(3));

        if (area.entries.isEmpty()) {
            w.paragraph(tr("No observations were tagged to this area in the period."),
                        w.font(ReportWriter::Style::Body), ReportWriter::Muted);
        } else {
            QStringList aspects;
            for (const auto& aspect : area.aspectOrder)
                aspects << tr("%1 (%2)").arg(aspect).arg(area.aspects.value(aspect));
            QString line = ReportWriter::count(int(area.entries.size()), tr("1 observation in this period."),
                                               tr("%1 observations in this period."));
            if (!aspects.isEmpty())
                line += QLatin1Char(' ') + tr("Aspects: %1.").arg(aspects.join(QStringLiteral(", ")));
            w.paragraph(line, w.font(ReportWriter::Style::Small), ReportWriter::Muted);
            w.moveDown(w.mm(2));

            // A few photos of this area: the first the journal may show from each observation.
            QList<MediaItem> chosen;
            for (const JournalEntry* e : area.entries) {
                for (const auto& m : e->media) {
                    if (m.kind == MediaKind::Photo && visible.contains(m.id)) {
                        chosen.append(m);
                        break;
                    }
                }
                if (chosen.size() == MaxPhotosPerArea)
                    break;
            }
            if (!chosen.isEmpty()) {
                QList<QSizeF> sizes;
                for (const auto& m : chosen)
                    sizes.append(QSizeF(m.dimensions));
                const QList<QRectF> rects = PhotoGrid::layout(sizes, w.width(), w.mm(60), w.mm(3));
                w.ensureSpace(PhotoGrid::height(rects));
                for (int i = 0; i < rects.size(); ++i) {
                    const QRectF cell = rects[i].translated(w.left(), w.y());
                    const QImage image = photos.load(
                        chosen[i], ReportPhotos::pixelsFor(QSizeF(cell.width() / w.mm(1), cell.height() / w.mm(1))));
                    if (image.isNull())
                        continue;
                    const QSizeF fitted = QSizeF(image.size()).scaled(cell.size(), Qt::KeepAspectRatio);
                    w.drawImage(QRectF(cell.center().x() - fitted.width() / 2, cell.center().y() - fitted.height() / 2,
                                       fitted.width(), fitted.height()),
                                image);
                    ++summary.photos;
                }
                w.moveDown(PhotoGrid::height(rects) + w.mm(3));
            }

            for (const JournalEntry* e : area.entries) {
                w.ensureSpace(w.mm(14));
                w.paragraph(ReportWriter::shortDate(e->observation.observedAt.toLocalTime().date()),
                            w.font(ReportWriter::Style::Label), ReportWriter::Ink);
                w.paragraph(quote(e->observation.text), w.font(ReportWriter::Style::Body));
                w.moveDown(w.mm(2.5));
            }
        }
        field(w, tr("Summary of %1's development in this area").arg(name), options.areaSummaries.value(area.id), 3);
        if (progress)
            progress->report(a + 1, total);
    }

    w.moveDown(w.mm(6));
    w.ensureSpace(w.mm(30));
    w.paragraph(tr("Overall"), w.font(ReportWriter::Style::Heading), ReportWriter::Ink);
    field(w, tr("Strengths"), options.strengths, 4);
    field(w, tr("Next steps, and how we will support them"), options.nextSteps, 4);
    field(w, tr("Parent or carer's comments"), options.parentComments, 4);

    w.moveDown(w.mm(6));
    w.ensureSpace(w.mm(32));
    w.paragraph(tr("Signatures"), w.font(ReportWriter::Style::Heading), ReportWriter::Ink);
    w.moveDown(w.mm(3));
    w.signatureLines({tr("Key person: signature and date"), tr("Parent or carer: signature and date")});
    if (progress)
        progress->report(total, total);

    summary.pages = w.pageNumber();
    summary.entries = int(used.size());
    if (ReportProgress::stopRequested(progress)) {
        w.discard();
        return ReportProgress::cancelledError();
    }
    if (auto finished = w.finish(); !finished)
        return finished.error();
    summary.path = path;
    (void)m_session.audit().append(QString::fromLatin1(ReportWriter::AuditAction), m_session.staff().id,
                                   QStringLiteral("child"), childId, QStringLiteral("progress check"));
    qCInfo(lcReports) << "progress check for child" << childId << summary.pages << "pages in" << timer.elapsed()
                      << "ms";
    return summary;
}

} // namespace Acorn
