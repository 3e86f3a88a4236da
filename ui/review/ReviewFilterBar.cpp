#include "review/ReviewFilterBar.h"

#include "Clock.h"
#include "journal/FlowLayout.h"

#include <QComboBox>
#include <QDateEdit>
#include <QPushButton>

namespace Acorn {

ReviewFilterBar::ReviewFilterBar(const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_layout(new FlowLayout(this, 8))
    , m_roomCombo(new QComboBox(this))
    , m_staffCombo(new QComboBox(this))
    , m_childCombo(new QComboBox(this))
    , m_areaCombo(new QComboBox(this))
    , m_rangeCombo(new QComboBox(this))
    , m_fromEdit(new QDateEdit(this))
    , m_toEdit(new QDateEdit(this))
    , m_clearButton(new QPushButton(tr("Show everything"), this))
{
    setObjectName(QStringLiteral("reviewFilterBar"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_roomCombo->setObjectName(QStringLiteral("reviewRoomFilterCombo"));
    m_roomCombo->setToolTip(tr("Room"));
    m_staffCombo->setObjectName(QStringLiteral("reviewStaffFilterCombo"));
    m_staffCombo->setToolTip(tr("Written by"));
    m_childCombo->setObjectName(QStringLiteral("reviewChildFilterCombo"));
    m_childCombo->setToolTip(tr("Child"));
    m_areaCombo->setObjectName(QStringLiteral("reviewAreaFilterCombo"));
    m_areaCombo->setToolTip(tr("Area of learning"));
    m_rangeCombo->setObjectName(QStringLiteral("reviewRangeFilterCombo"));
    m_rangeCombo->setToolTip(tr("When it was observed"));
    m_rangeCombo->addItem(tr("Any time"), int(Range::AnyTime));
    m_rangeCombo->addItem(tr("Last 7 days"), int(Range::Last7Days));
    m_rangeCombo->addItem(tr("Last 30 days"), int(Range::Last30Days));
    m_rangeCombo->addItem(tr("Last 3 months"), int(Range::Last3Months));
    m_rangeCombo->addItem(tr("Choose dates…"), int(Range::Chosen));
    fill(m_roomCombo, tr("All rooms"), {});
    fill(m_staffCombo, tr("Written by anyone"), {});
    fill(m_childCombo, tr("All children"), {});
    fill(m_areaCombo, tr("All areas of learning"), {});
    for (QComboBox* combo : {m_roomCombo, m_staffCombo, m_childCombo, m_rangeCombo})
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Area names are long ("Personal, Social and Emotional Development"): a fixed width, the full name in the list.
    m_areaCombo->setMinimumContentsLength(22);
    m_areaCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    const QDate today = m_clock.now().toLocalTime().date();
    for (QDateEdit* edit : {m_fromEdit, m_toEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(tr("d MMM yyyy", "date format"));
        edit->setMaximumDate(today.addYears(1));
        edit->setMinimumWidth(190); // "28 Sep 2026" and the calendar button: QDateEdit's own hint is too narrow
        edit->hide();
    }
    m_fromEdit->setObjectName(QStringLiteral("reviewFromDateEdit"));
    m_fromEdit->setToolTip(tr("From"));
    m_fromEdit->setDate(today.addMonths(-1));
    m_toEdit->setObjectName(QStringLiteral("reviewToDateEdit"));
    m_toEdit->setToolTip(tr("Until"));
    m_toEdit->setDate(today);
    m_clearButton->setObjectName(QStringLiteral("reviewClearFiltersButton"));
    m_clearButton->hide();

    for (QWidget* w : std::initializer_list<QWidget*> {m_roomCombo, m_staffCombo, m_childCombo, m_areaCombo,
                                                       m_rangeCombo, m_fromEdit, m_toEdit, m_clearButton})
        m_layout->addWidget(w);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);

    for (QComboBox* combo : {m_roomCombo, m_staffCombo, m_childCombo, m_areaCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &ReviewFilterBar::changed);
    connect(m_rangeCombo, &QComboBox::currentIndexChanged, this, &ReviewFilterBar::onRangeChanged);
    connect(m_fromEdit, &QDateEdit::dateChanged, this, &ReviewFilterBar::changed);
    connect(m_toEdit, &QDateEdit::dateChanged, this, &ReviewFilterBar::changed);
    connect(m_clearButton, &QPushButton::clicked, this, &ReviewFilterBar::clear);
}

int ReviewFilterBar::heightForWidth(int width) const
{
    return m_layout->heightForWidth(width);
}

void ReviewFilterBar::fill(QComboBox* combo, const QString& anyLabel, const QList<Choice>& choices)
{
    const QSignalBlocker blocker(combo);
    const QString current = combo->currentData().toString();
    combo->clear();
    combo->addItem(anyLabel, QString());
    for (const Choice& choice : choices)
        combo->addItem(choice.label, choice.id);
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
}

void ReviewFilterBar::setChoices(const QList<Choice>& rooms, const QList<Choice>& staff, const QList<Choice>& children,
                                 const QList<Choice>& areas)
{
    const ReviewFilter before = filter();
    fill(m_roomCombo, tr("All rooms"), rooms);
    fill(m_staffCombo, tr("Written by anyone"), staff);
    fill(m_childCombo, tr("All children"), children);
    fill(m_areaCombo, tr("All areas of learning"), areas);
    // One room only (a room leader's): nothing to choose.
    m_roomCombo->setVisible(rooms.size() > 1);
    const ReviewFilter after = filter();
    if (before.roomId != after.roomId || before.authorStaffId != after.authorStaffId || before.childId != after.childId
        || before.areaTag != after.areaTag)
        changed();
}

ReviewFilter ReviewFilterBar::filter() const
{
    ReviewFilter f;
    f.roomId = m_roomCombo->currentData().toString();
    f.authorStaffId = m_staffCombo->currentData().toString();
    f.childId = m_childCombo->currentData().toString();
    f.areaTag = m_areaCombo->currentData().toString();
    const QDate today = m_clock.now().toLocalTime().date();
    switch (Range(m_rangeCombo->currentData().toInt())) {
    case Range::AnyTime:
        break;
    case Range::Last7Days:
        f.from = today.addDays(-6);
        break;
    case Range::Last30Days:
        f.from = today.addDays(-29);
        break;
    case Range::Last3Months:
        f.from = today.addMonths(-3);
        break;
    case Range::Chosen:
        f.from = qMin(m_fromEdit->date(), m_toEdit->date());
        f.to = qMax(m_fromEdit->date(), m_toEdit->date());
        break;
    }
    return f;
}

bool ReviewFilterBar::isFiltering() const
{
    const ReviewFilter f = filter();
    return !f.roomId.isEmpty() || !f.authorStaffId.isEmpty() || !f.childId.isEmpty() || !f.areaTag.isEmpty()
        || f.from.isValid() || f.to.isValid();
}

void ReviewFilterBar::setPeriod(const QDate& from, const QDate& to)
{
    {
        const QSignalBlocker a(m_fromEdit);
        const QSignalBlocker b(m_toEdit);
        m_fromEdit->setDate(from);
        m_toEdit->setDate(to);
    }
    const int chosen = m_rangeCombo->findData(int(Range::Chosen));
    if (m_rangeCombo->currentIndex() == chosen)
        changed();
    else
        m_rangeCombo->setCurrentIndex(chosen);
}

void ReviewFilterBar::clear()
{
    for (QComboBox* combo : {m_roomCombo, m_staffCombo, m_childCombo, m_areaCombo, m_rangeCombo}) {
        const QSignalBlocker blocker(combo);
        combo->setCurrentIndex(0);
    }
    m_fromEdit->hide();
    m_toEdit->hide();
    changed();
}

void ReviewFilterBar::onRangeChanged()
{
    const bool chosen = Range(m_rangeCombo->currentData().toInt()) == Range::Chosen;
    m_fromEdit->setVisible(chosen);
    m_toEdit->setVisible(chosen);
    changed();
}

void ReviewFilterBar::changed()
{
    m_clearButton->setVisible(isFiltering());
    m_layout->invalidate();
    updateGeometry();
    emit filterChanged();
}

} // namespace Acorn
