#include "capture/CaptureChildChips.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScroller>
#include <QVBoxLayout>

namespace Acorn {

CaptureChildChips::CaptureChildChips(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(4);
    m_title = new QLabel(tr("Who is in the picture?"), this);
    m_title->setObjectName(QStringLiteral("childChipsTitle"));
    outer->addWidget(m_title);

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("childChipsScrollArea"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QScroller::grabGesture(scroll->viewport(), QScroller::LeftMouseButtonGesture);
    auto* strip = new QWidget(scroll);
    m_row = new QHBoxLayout(strip);
    m_row->setContentsMargins(0, 0, 0, 0);
    m_row->setSpacing(8);
    m_row->addStretch(1);
    scroll->setWidget(strip);
    scroll->setMinimumHeight(72);
    outer->addWidget(scroll);
}

void CaptureChildChips::setChildren(const QList<QPair<QString, QString>>& children)
{
    const QStringList selected = selectedIds();
    qDeleteAll(m_chips);
    m_chips.clear();
    int index = 0;
    for (const auto& [id, name] : children) {
        auto* chip = new QPushButton(name, m_row->parentWidget());
        chip->setObjectName(QStringLiteral("childChip_") + id);
        chip->setProperty("childId", id);
        chip->setCheckable(true);
        chip->setChecked(selected.contains(id));
        chip->setMinimumHeight(52);
        chip->setMinimumWidth(96);
        chip->setFocusPolicy(Qt::StrongFocus);
        chip->setStyleSheet(QStringLiteral(
            "QPushButton { border: 2px solid #8a9aa9; border-radius: 26px; padding: 6px 18px; background: #ffffff; "
            "color: #1d3557; font-size: 16px; }"
            "QPushButton:checked { background: #2e7d32; border-color: #2e7d32; color: #ffffff; }"));
        // A tick as well as the colour, for those who cannot tell green from white at a glance.
        const auto label = [chip, name = name](bool checked) {
            chip->setText(checked ? QStringLiteral("✓ ") + name : name);
        };
        label(chip->isChecked());
        connect(chip, &QPushButton::toggled, chip, label);
        connect(chip, &QPushButton::toggled, this, &CaptureChildChips::selectionChanged);
        m_row->insertWidget(index++, chip);
        m_chips.append(chip);
    }
}

void CaptureChildChips::setTitle(const QString& title)
{
    m_title->setText(title);
}

void CaptureChildChips::setSelectedIds(const QStringList& ids)
{
    for (QPushButton* chip : std::as_const(m_chips)) {
        const QSignalBlocker blocker(this);
        chip->setChecked(ids.contains(chip->property("childId").toString()));
    }
    emit selectionChanged();
}

QStringList CaptureChildChips::selectedIds() const
{
    QStringList ids;
    for (QPushButton* chip : m_chips)
        if (chip->isChecked())
            ids << chip->property("childId").toString();
    return ids;
}

QPushButton* CaptureChildChips::chip(const QString& childId) const
{
    for (QPushButton* chip : m_chips)
        if (chip->property("childId").toString() == childId)
            return chip;
    return nullptr;
}

} // namespace Acorn
