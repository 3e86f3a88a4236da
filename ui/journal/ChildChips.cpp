#include "journal/ChildChips.h"

#include "journal/FlowLayout.h"

#include <QPushButton>

namespace Acorn {

namespace {
const char* const ChipStyle = R"(
QPushButton#childChip {
    min-height: 48px; padding: 0 18px; border-radius: 24px; border: 1px solid #9fb3a4; background: #f4f7f4;
}
QPushButton#childChip:checked { background: #2e6b3a; color: white; border-color: #24552e; }
)";
}

ChildChips::ChildChips(QWidget* parent)
    : QWidget(parent)
    , m_layout(new FlowLayout(this, 8))
{
    setStyleSheet(QString::fromLatin1(ChipStyle));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ChildChips::setChoices(const QList<Choice>& choices, const QStringList& selected)
{
    m_layout->clear();
    m_chips.clear();
    for (const Choice& choice : choices) {
        auto* chip = new QPushButton(this);
        chip->setObjectName(QStringLiteral("childChip"));
        chip->setProperty("childId", choice.childId);
        chip->setProperty("childName", choice.name);
        chip->setCheckable(true);
        chip->setFocusPolicy(Qt::StrongFocus);
        // Chosen shows by a tick as well as by colour.
        connect(chip, &QPushButton::toggled, this, [this, chip](bool on) {
            const QString name = chip->property("childName").toString();
            chip->setText(on ? tr("✓ %1").arg(name) : name);
            fitHeight();
        });
        chip->setChecked(selected.contains(choice.childId));
        chip->setText(chip->isChecked() ? tr("✓ %1").arg(choice.name) : choice.name);
        m_layout->addWidget(chip);
        m_chips.append(chip);
        connect(chip, &QPushButton::clicked, this, &ChildChips::selectionChanged);
    }
    fitHeight();
}

void ChildChips::setSelected(const QStringList& childIds)
{
    for (QPushButton* chip : std::as_const(m_chips))
        chip->setChecked(childIds.contains(chip->property("childId").toString()));
}

QStringList ChildChips::selectedIds() const
{
    QStringList ids;
    for (const QPushButton* chip : m_chips)
        if (chip->isChecked())
            ids << chip->property("childId").toString();
    return ids;
}

QPushButton* ChildChips::chip(const QString& childId) const
{
    for (QPushButton* chip : m_chips)
        if (chip->property("childId").toString() == childId)
            return chip;
    return nullptr;
}

void ChildChips::filter(const QString& text)
{
    const QString wanted = text.trimmed();
    for (QPushButton* chip : std::as_const(m_chips))
        chip->setVisible(chip->isChecked() || wanted.isEmpty()
                         || chip->property("childName").toString().contains(wanted, Qt::CaseInsensitive));
    m_layout->invalidate();
    fitHeight();
}

QSize ChildChips::sizeHint() const
{
    // As tall as the chips need at the width it has (not at the narrowest width, as QLayout would say).
    return {m_layout->minimumSize().width(), m_layout->heightForWidth(qMax(width(), m_layout->minimumSize().width()))};
}

QSize ChildChips::minimumSizeHint() const
{
    return sizeHint();
}

void ChildChips::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitHeight();
}

void ChildChips::fitHeight()
{
    const int height = m_layout->heightForWidth(qMax(width(), 1));
    if (height != minimumHeight()) {
        setMinimumHeight(height);
        updateGeometry(); // setMinimumHeight() alone does not tell the layouts above
    }
}

} // namespace Acorn
