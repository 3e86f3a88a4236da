#include "reports/AuditLogReport.h"

#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "auth/StaffRepository.h"
#include "reports/ReportProgress.h"
#include "reports/ReportWriter.h"
#include "reports/ReportsLogging.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QPainter>
#include <QTimeZone>

#include <algorithm>
#include <array>

namespace Acorn {

namespace {
constexpr int Columns = 5;
constexpr std::array<qreal, Columns> WidthsMm {25, 32, 39, 58, 20}; // 174 mm: the body's width; a UUID fits in 58
constexpr qreal PadMm = 1.4;
constexpr int ShortDevice = 8;

// A cell: a first line in the table's font, and an optional second part, muted (ids, details).
struct Cell
{
    QString main;
    QString sub;
    bool subMono = false;
};

QString humanAction(const QString& action)
{
    const QString described = AuditLog::describeAction(action);
    if (described != action)
        return described;
    // Actions added later without a description yet: "meeting_signed_off" → "Meeting signed off".
    QString words = action;
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}
} // namespace

AuditLogReport::AuditLogReport(Session& session)
    : m_session(session)
{
}

Result<ReportSummary> AuditLogReport::write(const QString& path, const Options& options, ReportProgress* progress)
{
    if (!m_session.can(Action::ViewAuditLog))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can print the audit log."));
    if (options.from.isValid() && options.to.isValid() && options.from > options.to)
        return Error(Error::Code::InvalidInput, tr("The start of the period is after its end. Check the dates."));
    if (ReportProgress::stopRequested(progress))
        return ReportProgress::cancelledError();
    QElapsedTimer timer;
    timer.start();

    AuditLog::Filter filter;
    if (options.from.isValid())
        filter.from = options.from.startOfDay().toUTC();
    if (options.to.isValid())
        filter.to = options.to.addDays(1).startOfDay().toUTC();
    filter.limit = MaxEvents;
    QList<AuditEvent> events = m_session.audit().events(filter); // newest first
    const bool truncated = events.size() >= MaxEvents;
    std::reverse(events.begin(), events.end());

    const StaffRepository staffRepository(m_session.database());
    QHash<QString, QString> staffNames;
    for (const auto& s : staffRepository.all())
        staffNames.insert(s.id, s.displayName);

    ReportWriter::Decoration decoration;
    decoration.nurseryName = m_session.settings().stringValue(SettingsStore::Key::NurseryName);
    decoration.logo = options.logo.isNull()
        ? ReportWriter::decodeLogo(m_session.settings().stringValue(SettingsStore::Key::NurseryLogo))
        : options.logo;
    decoration.title = tr("Audit log");
    decoration.footer = tr("Confidential: audit log of %1").arg(decoration.nurseryName);
    ReportWriter w(decoration);
    if (auto opened = w.open(path, decoration.title, ReportWriter::PageKind::Normal); !opened)
        return opened.error();

    QFont title = w.font(ReportWriter::Style::Title);
    title.setPointSizeF(20);
    w.paragraph(tr("Audit log"), title, ReportWriter::Ink);
    QString period;
    if (options.from.isValid() && options.to.isValid())
        period = tr("From %1 to %2").arg(ReportWriter::shortDate(options.from), ReportWriter::shortDate(options.to));
    else if (options.from.isValid())
        period = tr("From %1").arg(ReportWriter::shortDate(options.from));
    else if (options.to.isValid())
        period = tr("Up to %1").arg(ReportWriter::shortDate(options.to));
    else
        period = tr("Every event recorded");
    w.paragraph(period + QStringLiteral(" · ") + ReportWriter::count(int(events.size()), tr("1 event"), tr("%1 events"))
                    + QStringLiteral(" · ")
                    + tr("all times are local (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())),
                w.font(ReportWriter::Style::Small), ReportWriter::Muted);
    if (truncated)
        w.paragraph(tr("Only the latest %1 events are shown. Choose a shorter period to see the rest.")
                        .arg(QLocale().toString(MaxEvents)),
                    w.font(ReportWriter::Style::Small), ReportWriter::Warning);
    w.moveDown(w.mm(5));

    const QFont cellFont = w.font(ReportWriter::Style::Small);
    const QFont subFont = [&] {
        QFont f = w.font(ReportWriter::Style::Small);
        f.setPointSizeF(7.5);
        return f;
    }();
    const QFont monoFont = w.font(ReportWriter::Style::Mono);
    const QFont headerFont = w.font(ReportWriter::Style::Label);
    const qreal pad = w.mm(PadMm);
    std::array<qreal, Columns> widths {};
    for (int c = 0; c < Columns; ++c)
        widths[c] = w.mm(WidthsMm[c]);

    const auto drawHeader = [&] {
        const QStringList names {tr("Time"), tr("Who"), tr("What"), tr("Object"), tr("Device")};
        const qreal height = w.mm(7.5);
        w.painter().fillRect(QRectF(w.left(), w.y(), w.width(), height), ReportWriter::Tint);
        qreal x = w.left();
        for (int c = 0; c < Columns; ++c) {
            w.textBlock(QRectF(x + pad, w.y() + w.mm(1.7), widths[c] - 2 * pad, height), names[c], headerFont,
                        ReportWriter::Accent);
            x += widths[c];
        }
        w.moveDown(height);
    };

    if (events.isEmpty()) {
        w.paragraph(tr("No events were recorded in this period."), w.font(ReportWriter::Style::Body),
                    ReportWriter::Muted);
    } else {
        drawHeader();
        w.setPageStarted(drawHeader);
    }

    QStringList devices;
    const int total = int(events.size());
    if (progress)
        progress->report(0, total);
    for (int i = 0; i < total; ++i) {
        if (ReportProgress::stopRequested(progress)) {
            w.discard();
            qCInfo(lcReports) << "audit log report cancelled after" << i << "of" << total << "events";
            return ReportProgress::cancelledError();
        }
        const AuditEvent& e = events[i];
        const QDateTime at = e.at.toLocalTime();
        std::array<Cell, Columns> cells;
        cells[0] = {QLocale().toString(at.date(), QStringLiteral("d MMM yyyy")),
                    QLocale().toString(at.time(), QStringLiteral("HH:mm:ss")), false};
        if (!e.actorStaffId.isEmpty())
            cells[1] = {staffNames.value(e.actorStaffId, tr("Unknown account")), {}, false};
        else if (!e.actorLabel.isEmpty())
            cells[1] = {e.actorLabel, tr("(no account)"), false};
        else
            cells[1] = {QStringLiteral("—"), {}, false};
        cells[2] = {humanAction(e.action), e.detail, false};
        cells[3] = {e.objectType.isEmpty() ? QStringLiteral("—") : e.objectType, e.objectId, true};
        cells[4] = {e.deviceId.left(ShortDevice), {}, true};
        if (!e.deviceId.isEmpty() && !devices.contains(e.deviceId))
            devices << e.deviceId;

        std::array<qreal, Columns> mainHeights {};
        qreal rowHeight = 0;
        for (int c = 0; c < Columns; ++c) {
            const qreal inner = widths[c] - 2 * pad;
            mainHeights[c] = w.textHeight(cells[c].main, cellFont, inner);
            qreal h = mainHeights[c];
            if (!cells[c].sub.isEmpty())
                h += w.textHeight(cells[c].sub, cells[c].subMono ? monoFont : subFont, inner);
            rowHeight = std::max(rowHeight, h);
        }
        rowHeight += 2 * pad;
        w.ensureSpace(rowHeight);
        if (i % 2 == 1)
            w.painter().fillRect(QRectF(w.left(), w.y(), w.width(), rowHeight), QColor(0xf7, 0xf8, 0xf7));
        qreal x = w.left();
        for (int c = 0; c < Columns; ++c) {
            const qreal inner = widths[c] - 2 * pad;
            w.textBlock(QRectF(x + pad, w.y() + pad, inner, rowHeight), cells[c].main, cellFont, ReportWriter::Ink);
            if (!cells[c].sub.isEmpty())
                w.textBlock(QRectF(x + pad, w.y() + pad + mainHeights[c], inner, rowHeight), cells[c].sub,
                            cells[c].subMono ? monoFont : subFont, ReportWriter::Muted);
            x += widths[c];
        }
        w.moveDown(rowHeight);
        w.painter().setPen(QPen(ReportWriter::Rule, w.mm(0.15)));
        w.painter().drawLine(QPointF(w.left(), w.y()), QPointF(w.right(), w.y()));
        if (progress && ((i + 1) % 25 == 0 || i + 1 == total))
            progress->report(i + 1, total);
    }

    // The devices, in full: the table shows the first characters of each.
    w.setPageStarted({});
    if (!devices.isEmpty()) {
        w.moveDown(w.mm(8));
        w.ensureSpace(w.mm(20));
        w.paragraph(tr("Devices"), w.font(ReportWriter::Style::Label), ReportWriter::Accent);
        for (const auto& d : devices)
            w.paragraph(tr("%1 is device %2").arg(d.left(ShortDevice), d), monoFont, ReportWriter::Ink);
    }

    ReportSummary summary;
    summary.pages = w.pageNumber();
    summary.entries = total;
    if (ReportProgress::stopRequested(progress)) {
        w.discard();
        return ReportProgress::cancelledError();
    }
    if (auto finished = w.finish(); !finished)
        return finished.error();
    summary.path = path;
    (void)m_session.audit().append(QString::fromLatin1(ReportWriter::AuditAction), m_session.staff().id,
                                   QStringLiteral("audit_log"), {}, QStringLiteral("audit log"));
    qCInfo(lcReports) << "audit log report:" << total << "events," << summary.pages << "pages in" << timer.elapsed()
                      << "ms";
    return summary;
}

} // namespace Acorn
