#include "reports/ReportWriter.h"

#include "AtomicFile.h"
#include "reports/ReportsLogging.h"

#include <QBuffer>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextLayout>

#include <vector>

namespace Acorn {

const QColor ReportWriter::Ink(0x22, 0x22, 0x22);
const QColor ReportWriter::Muted(0x5f, 0x63, 0x68);
const QColor ReportWriter::Accent(0x2e, 0x6b, 0x4f);
const QColor ReportWriter::Tint(0xee, 0xf5, 0xf0);
const QColor ReportWriter::Rule(0xc8, 0xcf, 0xca);
const QColor ReportWriter::Warning(0xa3, 0x3a, 0x1e);

namespace {
// A4, in millimetres. The header and footer sit inside the margins; the body between them.
constexpr qreal PageWidthMm = 210;
constexpr qreal PageHeightMm = 297;
constexpr qreal SideMm = 18;
constexpr qreal HeaderTopMm = 11;
constexpr qreal HeaderRuleMm = 27;
constexpr qreal BodyTopMm = 33;
constexpr qreal CoverTopMm = 20;
constexpr qreal BodyBottomMm = 275;
constexpr qreal FooterRuleMm = 280;
constexpr qreal FooterTextMm = 282;
constexpr qreal LineSpacing = 1.18; // of the font's height: comfortable for reading on paper

const QString Sans = QStringLiteral("DejaVu Sans");
const QString Mono = QStringLiteral("DejaVu Sans Mono");
} // namespace

struct ReportWriter::Laid
{
    std::vector<std::unique_ptr<QTextLayout>> paragraphs;
};

QString ReportWriter::encodeLogo(const QImage& image)
{
    if (image.isNull())
        return QStringLiteral("");
    QImage scaled = image.width() > MaxLogoPixels || image.height() > MaxLogoPixels
        ? image.scaled(MaxLogoPixels, MaxLogoPixels, Qt::KeepAspectRatio, Qt::SmoothTransformation)
        : image;
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!scaled.save(&buffer, "PNG")) // a fresh PNG: nothing of the original file's metadata comes along
        return QStringLiteral("");
    return QString::fromLatin1(png.toBase64());
}

QImage ReportWriter::decodeLogo(const QString& stored)
{
    if (stored.isEmpty())
        return {};
    QImage image;
    image.loadFromData(QByteArray::fromBase64(stored.toLatin1()), "PNG");
    return image;
}

ReportWriter::ReportWriter(Decoration decoration)
    : m_decoration(std::move(decoration))
{
    // The logo is embedded once and drawn on every page; a camera-sized one would only make the file larger.
    if (m_decoration.logo.width() > MaxLogoPixels || m_decoration.logo.height() > MaxLogoPixels)
        m_decoration.logo
            = m_decoration.logo.scaled(MaxLogoPixels, MaxLogoPixels, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

ReportWriter::~ReportWriter()
{
    if (!m_finished)
        discard();
}

VoidResult ReportWriter::open(const QString& path, const QString& documentTitle, PageKind firstPage)
{
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return Error(Error::Code::Internal,
                     tr("Reports can be printed only from the Acorn app, not from the command line."));
    if (!QFontDatabase::families().contains(Sans))
        qCWarning(lcReports) << "DejaVu Sans is not installed; the PDF will use another font (run scripts/bootstrap)";
    m_path = path;
    m_file = std::make_unique<QSaveFile>(path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const Error error = AtomicFile::describe(path, m_file->error(), m_file->errorString());
        m_file.reset();
        return error;
    }
    // Children's names and photos: owner-only, like the rest of the data folder (AtomicFile does the same).
    m_file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_pdf = std::make_unique<QPdfWriter>(m_file.get());
    m_pdf->setPageSize(QPageSize(QPageSize::A4));
    m_pdf->setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    m_pdf->setResolution(Dpi);
    m_pdf->setTitle(documentTitle);
    m_pdf->setCreator(QStringLiteral("Acorn"));
    m_painter = std::make_unique<QPainter>();
    if (!m_painter->begin(m_pdf.get())) {
        discard();
        return Error(Error::Code::Io, tr("The PDF could not be started. Try again, or choose another folder."));
    }
    m_painter->setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform | QPainter::TextAntialiasing);
    m_page = 0;
    newPage(firstPage);
    return {};
}

VoidResult ReportWriter::finish()
{
    if (!m_file || !m_painter)
        return Error(Error::Code::Internal, tr("The report was not started."));
    m_painter->end();
    m_painter.reset();
    m_pdf.reset();
    if (m_file->error() != QFileDevice::NoError) {
        const Error error = AtomicFile::describe(m_path, m_file->error(), m_file->errorString());
        discard();
        return error;
    }
    if (!m_file->commit()) {
        const Error error = AtomicFile::describe(m_path, m_file->error(), m_file->errorString());
        m_file.reset();
        return error;
    }
    m_file.reset();
    m_finished = true;
    return {};
}

void ReportWriter::discard()
{
    if (m_file)
        m_file->cancelWriting(); // from here on nothing reaches the disk, and the temporary file goes
    if (m_painter && m_painter->isActive())
        m_painter->end();
    m_painter.reset();
    m_pdf.reset();
    m_file.reset();
}

qreal ReportWriter::pageWidth() const
{
    return mm(PageWidthMm);
}

qreal ReportWriter::pageHeight() const
{
    return mm(PageHeightMm);
}

qreal ReportWriter::left() const
{
    return mm(SideMm);
}

qreal ReportWriter::right() const
{
    return mm(PageWidthMm - SideMm);
}

qreal ReportWriter::bodyTop() const
{
    return mm(m_kind == PageKind::Cover ? CoverTopMm : BodyTopMm);
}

qreal ReportWriter::bodyBottom() const
{
    return mm(BodyBottomMm);
}

void ReportWriter::newPage(PageKind kind)
{
    if (m_page > 0)
        m_pdf->newPage();
    ++m_page;
    m_kind = kind;
    m_y = bodyTop();
    if (kind == PageKind::Normal) {
        drawDecoration();
        if (m_pageStarted)
            m_pageStarted();
    }
}

bool ReportWriter::ensureSpace(qreal height)
{
    if (m_y + height <= bodyBottom() || m_y <= bodyTop())
        return false; // fits, or the page is empty anyway (a block taller than a page starts at the top)
    newPage();
    return true;
}

void ReportWriter::drawDecoration()
{
    QPainter& p = *m_painter;
    p.save();
    qreal textRight = right();
    if (!m_decoration.logo.isNull()) {
        const QSizeF box(mm(45), mm(14));
        const QSizeF size = QSizeF(m_decoration.logo.size()).scaled(box, Qt::KeepAspectRatio);
        const QRectF target(right() - size.width(), mm(HeaderTopMm) + (box.height() - size.height()) / 2, size.width(),
                            size.height());
        p.drawImage(target, m_decoration.logo);
        textRight = target.left() - mm(4);
    }
    const QFont name = font(Style::Subheading);
    p.setFont(name);
    p.setPen(Accent);
    p.drawText(QRectF(left(), mm(HeaderTopMm), textRight - left(), mm(7)), Qt::AlignLeft | Qt::AlignVCenter,
               elided(m_decoration.nurseryName, name, textRight - left()));
    const QFont title = font(Style::Small);
    p.setFont(title);
    p.setPen(Muted);
    p.drawText(QRectF(left(), mm(HeaderTopMm + 7.5), textRight - left(), mm(5)), Qt::AlignLeft | Qt::AlignVCenter,
               elided(m_decoration.title, title, textRight - left()));
    p.setPen(QPen(Rule, mm(0.3)));
    p.drawLine(QPointF(left(), mm(HeaderRuleMm)), QPointF(right(), mm(HeaderRuleMm)));
    p.drawLine(QPointF(left(), mm(FooterRuleMm)), QPointF(right(), mm(FooterRuleMm)));

    const QFont small = font(Style::Small);
    p.setFont(small);
    p.setPen(Muted);
    const QString page = tr("Page %1").arg(m_page);
    const qreal pageWidth = QFontMetricsF(small, m_pdf.get()).horizontalAdvance(page) + mm(2);
    const QRectF footer(left(), mm(FooterTextMm), width(), mm(5));
    p.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, page);
    p.drawText(footer.adjusted(0, 0, -pageWidth - mm(4), 0), Qt::AlignLeft | Qt::AlignVCenter,
               elided(m_decoration.footer, small, footer.width() - pageWidth - mm(4)));
    p.restore();
}

QFont ReportWriter::font(Style style) const
{
    QFont f(style == Style::Mono ? Mono : Sans);
    f.setHintingPreference(QFont::PreferNoHinting); // the same metrics at every resolution
    // Any letter spacing makes Qt shape without ligatures ("fi", "ff" as one glyph), which would otherwise come out
    // of the PDF as U+FB01 and friends: text copied from the report, searched or read aloud must be plain letters.
    // A hundredth of a device pixel at 600 dpi is invisible.
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.05);
    switch (style) {
    case Style::Title:
        f.setPointSizeF(24);
        f.setBold(true);
        break;
    case Style::Heading:
        f.setPointSizeF(14);
        f.setBold(true);
        break;
    case Style::Subheading:
        f.setPointSizeF(11.5);
        f.setBold(true);
        break;
    case Style::Body:
        f.setPointSizeF(10.5);
        break;
    case Style::Label:
        f.setPointSizeF(9.5);
        f.setBold(true);
        break;
    case Style::Small:
        f.setPointSizeF(8.5);
        break;
    case Style::Mono:
        f.setPointSizeF(7); // a UUID (36 characters) in 54 mm
        break;
    }
    return f;
}

ReportWriter::Laid ReportWriter::layOut(const QString& text, const QFont& font, qreal width) const
{
    Laid laid;
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    QString normalised = text;
    normalised.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    for (const QString& part : normalised.split(QLatin1Char('\n'))) {
        auto layout = std::make_unique<QTextLayout>(part, font, m_pdf.get());
        layout->setTextOption(option);
        layout->beginLayout();
        qreal y = 0;
        for (;;) {
            QTextLine line = layout->createLine();
            if (!line.isValid())
                break;
            line.setLineWidth(width);
            line.setPosition(QPointF(0, y));
            y += line.height() * LineSpacing;
        }
        layout->endLayout();
        laid.paragraphs.push_back(std::move(layout));
    }
    return laid;
}

qreal ReportWriter::textHeight(const QString& text, const QFont& font, qreal width) const
{
    const Laid laid = layOut(text, font, width);
    qreal height = 0;
    for (const auto& layout : laid.paragraphs)
        for (int i = 0; i < layout->lineCount(); ++i)
            height += layout->lineAt(i).height() * LineSpacing;
    return height;
}

void ReportWriter::paragraph(const QString& text, const QFont& font, const QColor& color, qreal indent,
                             const QColor& bar)
{
    const qreal x = left() + indent;
    const Laid laid = layOut(text, font, right() - x);
    QPainter& p = *m_painter;
    for (const auto& layout : laid.paragraphs) {
        for (int i = 0; i < layout->lineCount(); ++i) {
            const QTextLine line = layout->lineAt(i);
            const qreal advance = line.height() * LineSpacing;
            ensureSpace(advance);
            if (bar.isValid())
                p.fillRect(QRectF(x - mm(3.5), m_y, mm(1.1), advance), bar);
            p.setFont(font);
            p.setPen(color);
            line.draw(&p, QPointF(x, m_y - line.y()));
            m_y += advance;
        }
    }
}

qreal ReportWriter::textBlock(const QRectF& rect, const QString& text, const QFont& font, const QColor& color,
                              Qt::Alignment alignment)
{
    Laid laid = layOut(text, font, rect.width());
    QPainter& p = *m_painter;
    p.setFont(font);
    p.setPen(color);
    qreal y = rect.top();
    for (const auto& layout : laid.paragraphs) {
        for (int i = 0; i < layout->lineCount(); ++i) {
            const QTextLine line = layout->lineAt(i);
            qreal x = rect.left();
            if (alignment & Qt::AlignHCenter)
                x += (rect.width() - line.naturalTextWidth()) / 2;
            else if (alignment & Qt::AlignRight)
                x += rect.width() - line.naturalTextWidth();
            line.draw(&p, QPointF(x, y - line.y()));
            y += line.height() * LineSpacing;
        }
    }
    return y - rect.top();
}

void ReportWriter::rule(const QColor& color)
{
    m_painter->setPen(QPen(color, mm(0.3)));
    m_painter->drawLine(QPointF(left(), m_y), QPointF(right(), m_y));
}

void ReportWriter::writingLines(int count)
{
    const qreal gap = mm(8);
    for (int i = 0; i < count; ++i) {
        ensureSpace(gap);
        m_y += gap;
        m_painter->setPen(QPen(Rule, mm(0.25)));
        m_painter->drawLine(QPointF(left(), m_y), QPointF(right(), m_y));
    }
    m_y += mm(2);
}

void ReportWriter::signatureLines(const QStringList& labels)
{
    if (labels.isEmpty())
        return;
    const qreal gap = mm(10);
    const qreal column = (width() - gap * (labels.size() - 1)) / labels.size();
    ensureSpace(mm(22));
    for (int i = 0; i < labels.size(); ++i) {
        const qreal x = left() + i * (column + gap);
        textBlock(QRectF(x, m_y, column, mm(8)), labels[i], font(Style::Label), Muted);
        m_painter->setPen(QPen(Muted, mm(0.3)));
        m_painter->drawLine(QPointF(x, m_y + mm(18)), QPointF(x + column, m_y + mm(18)));
    }
    m_y += mm(22);
}

void ReportWriter::drawImage(const QRectF& target, const QImage& image)
{
    m_painter->drawImage(target, image);
}

QString ReportWriter::elided(const QString& text, const QFont& font, qreal width) const
{
    return QFontMetricsF(font, m_pdf.get()).elidedText(text, Qt::ElideRight, width);
}

QString ReportWriter::count(int n, const QString& one, const QString& many)
{
    // The project has no English numerus translations yet; "1 photo" and "3 photos" read better on paper than
    // "3 photo(s)". `many` carries %1.
    return n == 1 ? one : many.arg(n);
}

QString ReportWriter::longDate(const QDate& date)
{
    return date.isValid() ? QLocale().toString(date, QStringLiteral("dddd d MMMM yyyy")) : QString();
}

QString ReportWriter::shortDate(const QDate& date)
{
    return date.isValid() ? QLocale().toString(date, QStringLiteral("d MMMM yyyy")) : QString();
}

} // namespace Acorn
