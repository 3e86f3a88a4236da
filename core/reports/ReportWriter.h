#pragma once

#include "Result.h"

#include <QColor>
#include <QCoreApplication>
#include <QDate>
#include <QFont>
#include <QImage>
#include <QRectF>
#include <QString>

#include <functional>
#include <memory>

class QPainter;
class QPdfWriter;
class QSaveFile;

namespace Acorn {

class ReportProgress;

// The pieces every printed report shares: an A4 PDF written through QSaveFile (a cancelled or failed report leaves
// no file behind), a running header with the nursery's name and logo, page numbers, DejaVu Sans (embedded by
// QPdfWriter as a subset), and text that flows from page to page. Coordinates are device units; mm() converts.
// Nothing but the PDF itself is written: images are drawn from memory.
class ReportWriter final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::ReportWriter)
public:
    struct Decoration
    {
        QString nurseryName;
        QImage logo; // optional; drawn at most 14 mm high in the header
        QString title; // under the nursery name on every page but the cover
        QString footer; // bottom left of every page but the cover
    };

    enum class Style { Title, Heading, Subheading, Body, Label, Small, Mono };
    enum class PageKind { Cover, Normal };

    static constexpr int Dpi = 600;
    static constexpr int MaxLogoPixels = 1000;
    static constexpr auto AuditAction = "report_printed"; // every printed report is in the audit log
    static const QColor Ink;
    static const QColor Muted;
    static const QColor Accent;
    static const QColor Tint;
    static const QColor Rule;
    static const QColor Warning;

    // The nursery's logo as kept in Settings (SettingsStore::Key::NurseryLogo): a PNG, scaled down to MaxLogoPixels
    // a side, base64. encodeLogo returns an empty string for a null image; decodeLogo a null image for none.
    static QString encodeLogo(const QImage& image);
    static QImage decodeLogo(const QString& stored);

    explicit ReportWriter(Decoration decoration);
    ~ReportWriter(); // discards the file unless finish() succeeded

    // Fails in plain words when there is no GUI application (fonts need one) or the file cannot be created.
    [[nodiscard]] VoidResult open(const QString& path, const QString& documentTitle, PageKind firstPage);
    [[nodiscard]] VoidResult finish();
    void discard();

    // Called after the header of every new page (not the cover) is drawn, e.g. to repeat a table's header row.
    void setPageStarted(std::function<void()> handler) { m_pageStarted = std::move(handler); }

    QPainter& painter() { return *m_painter; }
    const QImage& logo() const { return m_decoration.logo; } // scaled down to MaxLogoPixels
    qreal mm(qreal millimetres) const { return millimetres * Dpi / 25.4; }
    qreal pageWidth() const;
    qreal pageHeight() const;
    qreal left() const;
    qreal right() const;
    qreal width() const { return right() - left(); }
    qreal bodyTop() const;
    qreal bodyBottom() const;

    qreal y() const { return m_y; }
    void setY(qreal y) { m_y = y; }
    void moveDown(qreal by) { m_y += by; }
    qreal spaceLeft() const { return bodyBottom() - m_y; }
    int pageNumber() const { return m_page; }

    void newPage(PageKind kind = PageKind::Normal);
    // Starts a new page unless `height` fits below the current position; true when it did.
    bool ensureSpace(qreal height);

    QFont font(Style style) const;
    // Height of `text` wrapped to `width`, as paragraph() or textBlock() would draw it.
    qreal textHeight(const QString& text, const QFont& font, qreal width) const;
    // Wrapped text at the current position, line by line, moving to a new page between lines when needed.
    // `bar`: a coloured bar beside the lines (for quoted or highlighted text).
    void paragraph(const QString& text, const QFont& font, const QColor& color = Ink, qreal indent = 0,
                   const QColor& bar = {});
    // Wrapped text inside a fixed rectangle, no page breaks; returns the height used.
    qreal textBlock(const QRectF& rect, const QString& text, const QFont& font, const QColor& color = Ink,
                    Qt::Alignment alignment = Qt::AlignLeft);
    void rule(const QColor& color = Rule);
    // Lines to write on by hand (a printed form's empty field).
    void writingLines(int count);
    // Places to sign by hand, side by side: each label over a line.
    void signatureLines(const QStringList& labels);
    void drawImage(const QRectF& target, const QImage& image);
    QString elided(const QString& text, const QFont& font, qreal width) const;

    static QString count(int n, const QString& one, const QString& many);
    static QString longDate(const QDate& date); // "Tuesday 6 January 2026"
    static QString shortDate(const QDate& date); // "6 January 2026"

private:
    void drawDecoration();
    struct Laid;
    Laid layOut(const QString& text, const QFont& font, qreal width) const;

    Decoration m_decoration;
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<QPdfWriter> m_pdf;
    std::unique_ptr<QPainter> m_painter;
    std::function<void()> m_pageStarted;
    QString m_path;
    PageKind m_kind = PageKind::Normal;
    qreal m_y = 0;
    int m_page = 0;
    bool m_finished = false;
};

} // namespace Acorn
