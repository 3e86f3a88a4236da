#include "reports/MeetingReport.h"

#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "auth/StaffRepository.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/ConsentRules.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "people/Children.h"
#include "people/Guardians.h"
#include "reports/ObservationBlock.h"
#include "reports/ReportPhotos.h"
#include "reports/ReportProgress.h"
#include "reports/ReportWriter.h"
#include "reports/ReportsLogging.h"
#include "review/Meetings.h"

#include <QElapsedTimer>
#include <QLocale>

#include <optional>

namespace Acorn {

MeetingReport::MeetingReport(Session& session)
    : m_session(session)
{
}

Result<ReportSummary> MeetingReport::write(const QString& meetingId, const QString& path, const Options& options,
                                           ReportProgress* progress)
{
    if (!m_session.can(Action::ApproveObservations))
        return Error(Error::Code::PermissionDenied,
                     tr("Only room leaders and managers can print staff meeting records."));
    const auto meeting = Meetings(m_session).byId(meetingId);
    if (!meeting)
        return Error(Error::Code::NotFound, tr("That meeting record no longer exists."));
    QElapsedTimer timer;
    timer.start();

    const StaffRepository staff(m_session.database());
    const auto staffName = [&](const QString& id) {
        const auto s = staff.byId(id);
        return s ? s->displayName : tr("a former member of staff");
    };
    Observations observations(m_session);
    Children children(m_session);
    ObservationMedia media(m_session);
    const FrameworkRegistry frameworks(m_session.settings());

    ReportWriter::Decoration decoration;
    decoration.nurseryName = m_session.settings().stringValue(SettingsStore::Key::NurseryName);
    decoration.logo = options.logo.isNull()
        ? ReportWriter::decodeLogo(m_session.settings().stringValue(SettingsStore::Key::NurseryLogo))
        : options.logo;
    decoration.title = tr("Staff meeting record: %1").arg(meeting->title);
    decoration.footer = tr("Confidential: for staff of %1 only").arg(decoration.nurseryName);
    ReportWriter w(decoration);
    if (auto opened = w.open(path, decoration.title, ReportWriter::PageKind::Normal); !opened)
        return opened.error();

    QFont title = w.font(ReportWriter::Style::Title);
    title.setPointSizeF(20);
    w.paragraph(meeting->title, title, ReportWriter::Ink);
    w.moveDown(w.mm(1));
    w.paragraph(tr("Staff meeting held on %1").arg(ReportWriter::longDate(meeting->heldOn)),
                w.font(ReportWriter::Style::Subheading), ReportWriter::Accent);
    w.moveDown(w.mm(5));

    QStringList attendees;
    for (const auto& id : meeting->attendeeIds)
        attendees << staffName(id);
    w.paragraph(tr("Attendees"), w.font(ReportWriter::Style::Label), ReportWriter::Accent);
    w.paragraph(attendees.isEmpty() ? tr("Not recorded.") : attendees.join(QStringLiteral(", ")),
                w.font(ReportWriter::Style::Body));
    w.moveDown(w.mm(4));
    w.paragraph(tr("Notes"), w.font(ReportWriter::Style::Label), ReportWriter::Accent);
    w.paragraph(meeting->notes.trimmed().isEmpty() ? tr("No notes were recorded.") : meeting->notes.trimmed(),
                w.font(ReportWriter::Style::Body));
    w.moveDown(w.mm(6));
    w.ensureSpace(w.mm(40));
    w.paragraph(tr("Observations discussed (%1)").arg(meeting->items.size()), w.font(ReportWriter::Style::Heading),
                ReportWriter::Ink);
    w.moveDown(w.mm(2));
    w.rule();
    w.moveDown(w.mm(5));

    // What each item shows; std::nullopt for an observation the reader may not see.
    QList<std::optional<ObservationBlock::Entry>> entries;
    for (const MeetingItem& item : meeting->items) {
        const auto o = observations.byId(item.observationId);
        if (!o) {
            entries.append(std::nullopt);
            continue;
        }
        ObservationBlock::Entry entry;
        entry.observation = *o;
        if (o->isGuardianContribution()) {
            const auto g = Guardians(m_session).byId(o->authorGuardianId);
            entry.authorName = g ? g->name : tr("a parent or carer");
        } else {
            entry.authorName = staffName(o->authorStaffId);
        }
        QStringList names;
        for (const auto& childId : o->childIds) {
            const auto c = children.byId(childId);
            names << (c ? c->displayName() : tr("a child of another room"));
        }
        entry.children = names.join(QStringLiteral(", "));
        entry.areas = ObservationBlock::describeTags(frameworks, o->tags);
        entry.withOutcome = true;
        entry.outcome = item.outcome;
        // The meeting belongs to no child: a photo only if every journal could show it.
        for (const auto& m : media.of(o->id)) {
            const bool everywhere
                = ConsentRules::visibleEverywhere(ConsentRules::consentOf(m_session.database(), m.childIds));
            if (m.kind != MediaKind::Photo)
                entry.otherMedia += everywhere ? 1 : 0;
            else if (!everywhere)
                ++entry.photosNotShown;
            else if (options.includePhotos)
                entry.photos.append(m);
        }
        entries.append(entry);
    }

    const ReportPhotos photos(m_session);
    QList<PhotoPrefetcher::Request> requests;
    for (const auto& entry : entries)
        if (entry)
            requests += ObservationBlock::photoRequests(w, *entry);
    PhotoPrefetcher prefetcher(photos, requests);
    ObservationBlock block(w, prefetcher);
    ReportSummary summary;
    const int total = int(entries.size());
    if (progress)
        progress->report(0, total);
    for (int i = 0; i < total; ++i) {
        if (ReportProgress::stopRequested(progress)) {
            w.discard();
            qCInfo(lcReports) << "meeting record" << meetingId << "cancelled after" << i << "of" << total;
            return ReportProgress::cancelledError();
        }
        const QString caption = tr("Observation %1 of %2").arg(i + 1).arg(total);
        if (!entries[i]) {
            w.ensureSpace(w.mm(20));
            w.paragraph(caption, w.font(ReportWriter::Style::Small), ReportWriter::Muted);
            w.paragraph(tr("This observation is not available to you (a child of another room, or it was removed)."),
                        w.font(ReportWriter::Style::Body), ReportWriter::Muted);
            w.moveDown(w.mm(5));
            w.rule();
            w.moveDown(w.mm(6));
        } else {
            summary.photos += block.draw(*entries[i], caption);
            summary.photosLeftOut += entries[i]->photosNotShown;
            ++summary.entries;
        }
        if (progress)
            progress->report(i + 1, total);
    }
    if (total == 0) {
        w.paragraph(tr("No observations were added to this meeting."), w.font(ReportWriter::Style::Body),
                    ReportWriter::Muted);
        w.moveDown(w.mm(6));
    }

    w.ensureSpace(w.mm(45));
    w.paragraph(tr("Sign-off"), w.font(ReportWriter::Style::Heading), ReportWriter::Ink);
    w.moveDown(w.mm(2));
    if (meeting->isSignedOff()) {
        const QDateTime at = meeting->signedOffAt.toLocalTime();
        w.paragraph(tr("Signed off by %1 on %2 at %3. The record cannot change after sign-off.")
                        .arg(staffName(meeting->signedOffBy), ReportWriter::shortDate(at.date()),
                             QLocale().toString(at.time(), QStringLiteral("HH:mm"))),
                    w.font(ReportWriter::Style::Body));
    } else {
        w.paragraph(tr("Not signed off yet: this record can still change. A manager signs it off in Acorn."),
                    w.font(ReportWriter::Style::Body), ReportWriter::Warning);
        w.moveDown(w.mm(4));
        w.signatureLines({tr("Manager's signature"), tr("Date")});
    }

    summary.pages = w.pageNumber();
    if (ReportProgress::stopRequested(progress)) {
        w.discard();
        return ReportProgress::cancelledError();
    }
    if (auto finished = w.finish(); !finished)
        return finished.error();
    summary.path = path;
    (void)m_session.audit().append(QString::fromLatin1(ReportWriter::AuditAction), m_session.staff().id,
                                   QStringLiteral("meeting"), meetingId, QStringLiteral("meeting record"));
    qCInfo(lcReports) << "meeting record" << meetingId << summary.pages << "pages," << summary.photos << "photos,"
                      << summary.photosLeftOut << "left out, in" << timer.elapsed() << "ms";
    return summary;
}

} // namespace Acorn
