#include "meeting/StaffChips.h"

#include "journal/FlowLayout.h"

#include <QEvent>
#include <QPushButton>

namespace Acorn {

namespace {
const char* const ChipStyle = R"(
QPushButton[staffChip="true"] {
    min-height: 48px; padding: 0 18px; border-radius: 24px; border: 1px solid #9fb3a4; background: #f4f7f4;
    color: #1e1e1e;
}
QPushButton[staffChip="true"]:checked { background: #2e6b3a; color: white; border-color: #24552e; }
QPushButton[staffChip="true"]:disabled { color: #404040; }
QPushButton[staffChip="true"]:checked:disabled { background: #5d8a67; color: white; }
)";
}

StaffChips::StaffChips(const QString& chipName, QWidget* parent)
    : QWidget(parent)
    , m_chipName(chipName)
    , m_layout(new FlowLayout(this, 8))
{
    setStyleSheet(QString::fromLatin1(ChipStyle));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void StaffChips::setChoices(const QList<Choice>& choices, const QStringList& selected)
{
    m_layout->clear();
    m_chips.clear();
    for (const Choice& choice : choices) {
        auto* chip = new QPushButton(this);
        chip->setObjectName(m_chipName);
        chip->setProperty("staffChip", true);
        chip->setProperty("staffId", choice.staffId);
        chip->setProperty("staffName", choice.name);
        chip->setCheckable(true);
        // Chosen shows by a tick as well as by colour.
        connect(chip, &QPushButton::toggled, this, [this, chip](bool on) {
            const QString name = chip->property("staffName").toString();
            chip->setText(on ? tr("✓ %1").arg(name) : name);
            fitHeight();
        });
        chip->setChecked(selected.contains(choice.staffId));
        chip->setText(chip->isChecked() ? tr("✓ %1").arg(choice.name) : choice.name);
        m_layout->addWidget(chip);
        m_chips.append(chip);
        connect(chip, &QPushButton::clicked, this, &StaffChips::selectionChanged);
    }
    fitHeight();
}

void StaffChips::setSelected(const QStringList& staffIds)
{
    for (QPushButton* chip : std::as_const(m_chips))
        chip->setChecked(staffIds.contains(chip->property("staffId").toString()));
}

QStringList StaffChips::selectedIds() const
{
    QStringList ids;
    for (const QPushButton* chip : m_chips)
        if (chip->isChecked())
            ids << chip->property("staffId").toString();
    return ids;
}

QPushButton* StaffChips::chip(const QString& staffId) const
{
    for (QPushButton* chip : m_chips)
        if (chip->property("staffId").toString() == staffId)
            return chip;
    return nullptr;
}

QSize StaffChips::sizeHint() const
{
    return {m_layout->minimumSize().width(), m_layout->heightForWidth(qMax(width(), m_layout->minimumSize().width()))};
}

QSize StaffChips::minimumSizeHint() const
{
    return sizeHint();
}

void StaffChips::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitHeight();
}

void StaffChips::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) // bigger type on a projector: taller chips
        fitHeight();
}

void StaffChips::fitHeight()
{
    const int height = m_layout->heightForWidth(qMax(width(), 1));
    if (height != minimumHeight()) {
        setMinimumHeight(height);
        updateGeometry();
    }
}

} // namespace Acorn
