#include "meeting/PresentationSlide.h"

#include "journal/JournalText.h"
#include "meeting/PresentationWindow.h"
#include "meeting/SlidePhotos.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Acorn {

namespace {
QLabel* textLabel(const QString& text, const QString& name, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

void scaleFont(QWidget* widget, qreal factor, bool bold = false)
{
    QFont font = widget->font();
    font.setPointSizeF(PresentationWindow::BasePointSize * factor);
    font.setBold(bold);
    widget->setFont(font);
}
} // namespace

PresentationSlide::PresentationSlide(LockController& lock, const JournalEntry& entry, const QString& childNames,
                                     const QStringList& tagLabels, int hiddenMedia, QWidget* parent)
    : QWidget(parent)
    , m_entry(entry)
    , m_outcomeLabel(new QLabel(tr("Outcome"), this))
    , m_outcomeEdit(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("presentationSlide"));
    setProperty("observationId", entry.observation.id);
    const Observation& o = entry.observation;

    auto* children = textLabel(childNames, QStringLiteral("slideChildrenLabel"), this);
    scaleFont(children, 1.35, true);
    auto* meta = textLabel(
        tr("%1 · by %2")
            .arg(JournalText::when(o.observedAt), entry.authorName.isEmpty() ? tr("unknown author") : entry.authorName),
        QStringLiteral("slideMetaLabel"), this);
    meta->setStyleSheet(QStringLiteral("color: #4a4a4a;"));

    // The words on the left, scrolling if they must; the pictures on the right.
    auto* words = new QWidget;
    words->setObjectName(QStringLiteral("slideWords"));
    auto* wordsLayout = new QVBoxLayout(words);
    wordsLayout->setContentsMargins(0, 0, 12, 0);
    wordsLayout->setSpacing(14);
    wordsLayout->addWidget(textLabel(o.text.trimmed(), QStringLiteral("slideTextLabel"), words));
    if (!o.nextSteps.trimmed().isEmpty()) {
        auto* next
            = textLabel(tr("Next steps: %1").arg(o.nextSteps.trimmed()), QStringLiteral("slideNextStepsLabel"), words);
        next->setStyleSheet(QStringLiteral("color: #24552e;"));
        wordsLayout->addWidget(next);
    }
    if (!tagLabels.isEmpty()) {
        auto* tags = textLabel(tagLabels.join(QLatin1Char('\n')), QStringLiteral("slideTagsLabel"), words);
        tags->setStyleSheet(QStringLiteral("color: #27415e;"));
        wordsLayout->addWidget(tags);
    }
    if (hiddenMedia > 0) {
        auto* hidden = textLabel(hiddenMedia == 1 ? tr("1 picture is not shown here: a child in it has no photo "
                                                       "consent for other children's journals.")
                                                  : tr("%1 pictures are not shown here: a child in them has no photo "
                                                       "consent for other children's journals.")
                                                        .arg(hiddenMedia),
                                 QStringLiteral("hiddenMediaLabel"), words);
        hidden->setStyleSheet(QStringLiteral("color: #6b4e00;"));
        wordsLayout->addWidget(hidden);
    }
    wordsLayout->addStretch();
    auto* wordsScroll = new QScrollArea(this);
    wordsScroll->setObjectName(QStringLiteral("slideWordsScroll"));
    wordsScroll->setWidgetResizable(true);
    wordsScroll->setFrameShape(QFrame::NoFrame);
    wordsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    wordsScroll->setWidget(words);
    wordsScroll->setFocusPolicy(Qt::NoFocus);
    // The slide's white shows through: no grey panel behind the words.
    wordsScroll->viewport()->setAutoFillBackground(false);
    words->setAutoFillBackground(false);

    auto* body = new QHBoxLayout;
    body->setSpacing(24);
    m_photos = new SlidePhotos(lock, entry.media, this);
    if (entry.media.isEmpty()) {
        body->addWidget(wordsScroll, 1);
        m_photos->hide();
    } else {
        body->addWidget(wordsScroll, 1);
        body->addWidget(m_photos, 1);
    }

    m_outcomeLabel->setObjectName(QStringLiteral("outcomeLabel"));
    scaleFont(m_outcomeLabel, 1.0, true);
    m_outcomeEdit->setObjectName(QStringLiteral("outcomeEdit"));
    m_outcomeEdit->setPlaceholderText(tr("What did the meeting make of it?"));
    m_outcomeEdit->setTabChangesFocus(true);
    scaleFont(m_outcomeEdit, 1.0);
    const int line = m_outcomeEdit->fontMetrics().lineSpacing();
    m_outcomeEdit->setFixedHeight(line * 3 + 18);
    m_outcomeLabel->hide();
    m_outcomeEdit->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(children);
    layout->addWidget(meta);
    layout->addSpacing(6);
    layout->addLayout(body, 1);
    layout->addWidget(m_outcomeLabel);
    layout->addWidget(m_outcomeEdit);

    connect(m_outcomeEdit, &QPlainTextEdit::textChanged, this, &PresentationSlide::outcomeEdited);
}

void PresentationSlide::setOutcome(const QString& text, bool editable)
{
    {
        const QSignalBlocker blocker(m_outcomeEdit);
        m_outcomeEdit->setPlainText(text);
    }
    m_outcomeLabel->show();
    m_outcomeEdit->show();
    setOutcomeEditable(editable);
}

void PresentationSlide::setOutcomeEditable(bool editable)
{
    m_outcomeEdit->setReadOnly(!editable);
    m_outcomeEdit->setFocusPolicy(editable ? Qt::StrongFocus : Qt::NoFocus);
    m_outcomeLabel->setText(editable ? tr("Outcome") : tr("Outcome (signed off)"));
}

bool PresentationSlide::hasOutcome() const
{
    return !m_outcomeEdit->isHidden();
}

QString PresentationSlide::outcome() const
{
    return m_outcomeEdit->toPlainText();
}

QStringList PresentationSlide::mediaIds() const
{
    return m_photos->mediaIds();
}

void PresentationSlide::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_photos->load();
}

void PresentationSlide::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_photos->unload(); // one slide's pictures in memory at a time
}

} // namespace Acorn
