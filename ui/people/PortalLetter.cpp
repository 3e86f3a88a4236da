#include "people/PortalLetter.h"

#include "Clock.h"
#include "UiLogging.h"
#include "auth/AuditLog.h"
#include "auth/Permissions.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "people/QrCode.h"
#include "reports/ReportProgress.h"
#include "reports/ReportWriter.h"

#include <QPainter>
#include <QPainterPath>

namespace Acorn {

namespace {
// How many device pixels each QR module gets in the PDF's image: at 46 mm across this is well above print
// resolution, so the code stays crisp whatever a viewer or printer does when scaling it.
constexpr int QrModulePixels = 12;
} // namespace

PortalLetter::PortalLetter(Session& session)
    : m_session(session)
{
}

QString PortalLetter::joinNames(const QStringList& names)
{
    if (names.isEmpty())
        return {};
    if (names.size() == 1)
        return names.first();
    return tr("%1 and %2").arg(names.mid(0, names.size() - 1).join(QStringLiteral(", ")), names.last());
}

Result<ReportSummary> PortalLetter::write(const QString& path, const Content& content, ReportProgress* progress)
{
    if (!m_session.can(Action::ManageGuardians))
        return Error(Error::Code::PermissionDenied,
                     tr("Only managers and administrators can print invitations to the parent portal."));
    const QImage qr = QrCode::image(content.link.toEncoded(), QrModulePixels);
    if (qr.isNull())
        return Error(Error::Code::InvalidInput,
                     tr("The link is too long for a QR code. Check the server address in Settings → This device."));

    ReportWriter::Decoration decoration;
    decoration.nurseryName = m_session.settings().stringValue(SettingsStore::Key::NurseryName);
    decoration.logo = ReportWriter::decodeLogo(m_session.settings().stringValue(SettingsStore::Key::NurseryLogo));
    decoration.title = tr("Invitation to the parent portal");
    decoration.footer = tr("Private: for %1 only").arg(content.guardianName);
    ReportWriter w(decoration);
    if (auto opened = w.open(path, decoration.title, ReportWriter::PageKind::Normal); !opened)
        return opened.error();
    if (progress)
        progress->report(0, 1);

    const QFont body = w.font(ReportWriter::Style::Body);
    const QFont label = w.font(ReportWriter::Style::Label);
    QFont title = w.font(ReportWriter::Style::Title);
    title.setPointSizeF(20);
    const QString children = joinNames(content.childNames);
    const QDate expires = content.expiresAt.toLocalTime().date();

    w.paragraph(tr("Your invitation to the parent portal"), title, ReportWriter::Accent);
    w.paragraph(ReportWriter::shortDate(m_session.clock().now().toLocalTime().date()),
                w.font(ReportWriter::Style::Small), ReportWriter::Muted);
    w.moveDown(w.mm(6));
    w.paragraph(tr("Dear %1,").arg(content.guardianName), body);
    w.moveDown(w.mm(3));
    w.paragraph(tr("At %1 we keep an online learning journal for %2: what happens and what is learnt here, in words, "
                   "photos and videos. The parent portal is the journal's website for parents and carers. You can read "
                   "it at home on your phone, tablet or computer, reply to what we write, and tell us what happens at "
                   "home.")
                    .arg(decoration.nurseryName, children),
                body);
    w.moveDown(w.mm(6));

    // The part to act on, in a box: the QR code beside the code, the link under both.
    QPainter& p = w.painter();
    const qreal pad = w.mm(6);
    const qreal qrSide = w.mm(46);
    const qreal top = w.y();
    const qreal inner = w.width() - 2 * pad;
    const QString linkText = content.link.toString(QUrl::FullyEncoded);
    // The link on one line if it can be (a link broken over two lines gets typed wrongly); smaller type only as far
    // as still readable, then it wraps after all.
    QFont linkFont = w.font(ReportWriter::Style::Subheading);
    const qreal oneLine = w.textHeight(QStringLiteral("x"), linkFont, inner);
    while (linkFont.pointSizeF() > 8 && w.textHeight(linkText, linkFont, inner) > oneLine * 1.01)
        linkFont.setPointSizeF(linkFont.pointSizeF() - 0.5);
    const qreal linkHeight = w.textHeight(linkText, linkFont, inner);
    const qreal boxHeight = pad + qrSide + w.mm(6) + w.mm(6) + linkHeight + pad;
    QPainterPath box;
    box.addRoundedRect(QRectF(w.left(), top, w.width(), boxHeight), w.mm(3), w.mm(3));
    p.fillPath(box, ReportWriter::Tint);

    p.save();
    // Blending neighbouring modules would blur the code's edges; scanners want them sharp.
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    w.drawImage(QRectF(w.left() + pad, top + pad, qrSide, qrSide), qr);
    p.restore();

    const qreal columnLeft = w.left() + pad + qrSide + w.mm(8);
    const qreal columnWidth = w.right() - pad - columnLeft;
    qreal y = top + pad + w.mm(2);
    y += w.textBlock(QRectF(columnLeft, y, columnWidth, w.mm(8)),
                     tr("Scan the code with your phone's camera, or "
                        "open the link below. Your invitation code:"),
                     body);
    y += w.mm(3);
    QFont codeFont = w.font(ReportWriter::Style::Mono);
    codeFont.setPointSizeF(24);
    codeFont.setBold(true);
    y += w.textBlock(QRectF(columnLeft, y, columnWidth, w.mm(14)), content.code, codeFont);
    y += w.mm(3);
    w.textBlock(QRectF(columnLeft, y, columnWidth, w.mm(12)),
                tr("It works once, until %1.").arg(ReportWriter::longDate(expires)), label, ReportWriter::Accent);

    qreal linkTop = top + pad + qrSide + w.mm(6);
    linkTop += w.textBlock(QRectF(w.left() + pad, linkTop, inner, w.mm(6)),
                           tr("Or type this address into your web browser:"), label, ReportWriter::Muted);
    w.textBlock(QRectF(w.left() + pad, linkTop, inner, linkHeight + w.mm(1)), linkText, linkFont);
    w.setY(top + boxHeight + w.mm(8));

    w.paragraph(tr("Before you see the journal, the portal will ask you to read and sign our agreement not to "
                   "download or share anything from it: no photos, videos or words. Other children appear in the "
                   "journal too, and their families trust us as you do."),
                body);
    w.moveDown(w.mm(4));
    w.paragraph(tr("Please keep this letter private: until you have used the code, anyone holding it could join in "
                   "your place. If it has run out or gone missing, ask us for a new one."),
                body);
    w.moveDown(w.mm(8));
    w.paragraph(tr("With best wishes,"), body);
    w.paragraph(decoration.nurseryName, label);

    ReportSummary summary;
    summary.pages = w.pageNumber();
    if (ReportProgress::stopRequested(progress)) {
        w.discard();
        return ReportProgress::cancelledError();
    }
    if (auto finished = w.finish(); !finished)
        return finished.error();
    if (progress)
        progress->report(1, 1);
    summary.path = path;
    summary.entries = 1;
    // The code stays out of the log: it is as good as a password until it has been used.
    (void)m_session.audit().append(QString::fromLatin1(ReportWriter::AuditAction), m_session.staff().id,
                                   QStringLiteral("guardian"), content.guardianId,
                                   QStringLiteral("portal invitation letter"));
    qCInfo(lcUi) << "portal invitation letter written for guardian" << content.guardianId;
    return summary;
}

} // namespace Acorn
