#include "journal/JournalFilterBar.h"

#include "Clock.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Acorn {

JournalFilterBar::JournalFilterBar(const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_searchEdit(new QLineEdit(this))
    , m_rangeCombo(new QComboBox(this))
    , m_fromEdit(new QDateEdit(this))
    , m_toEdit(new QDateEdit(this))
    , m_areaCombo(new QComboBox(this))
    , m_authorCombo(new QComboBox(this))
    , m_statusCombo(new QComboBox(this))
    , m_moreButton(new QPushButton(tr("More filters"), this))
    , m_moreRow(new QWidget(this))
    , m_clearButton(new QPushButton(tr("Show everything"), this))
    , m_typingTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("journalFilterBar"));
    m_searchEdit->setObjectName(QStringLiteral("journalSearchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search the words of this journal"));
    m_searchEdit->setClearButtonEnabled(true);

    m_rangeCombo->setObjectName(QStringLiteral("dateRangeCombo"));
    m_rangeCombo->addItem(tr("Any time"), int(Range::AnyTime));
    m_rangeCombo->addItem(tr("This week"), int(Range::ThisWeek));
    m_rangeCombo->addItem(tr("Last 30 days"), int(Range::Last30Days));
    m_rangeCombo->addItem(tr("Last 3 months"), int(Range::Last3Months));
    m_rangeCombo->addItem(tr("Choose dates…"), int(Range::Chosen));

    const QDate today = m_clock.now().toLocalTime().date();
    for (QDateEdit* edit : {m_fromEdit, m_toEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(tr("d MMM yyyy", "date format"));
        edit->setMaximumDate(today.addYears(1));
        edit->hide();
    }
    m_fromEdit->setObjectName(QStringLiteral("fromDateEdit"));
    m_fromEdit->setDate(today.addMonths(-1));
    m_fromEdit->setToolTip(tr("From"));
    m_toEdit->setObjectName(QStringLiteral("toDateEdit"));
    m_toEdit->setDate(today);
    m_toEdit->setToolTip(tr("Until"));

    m_areaCombo->setObjectName(QStringLiteral("areaFilterCombo"));
    m_authorCombo->setObjectName(QStringLiteral("authorFilterCombo"));
    m_statusCombo->setObjectName(QStringLiteral("statusFilterCombo"));
    m_statusCombo->addItem(tr("Any status"), QString());
    for (const auto status : {ObservationStatus::Published, ObservationStatus::Submitted, ObservationStatus::Returned,
                              ObservationStatus::Draft, ObservationStatus::Pending, ObservationStatus::Declined})
        m_statusCombo->addItem(observationStatusDisplayName(status), observationStatusKey(status));
    setAreas({});
    setAuthors({});
    for (QComboBox* combo : {m_rangeCombo, m_areaCombo, m_authorCombo, m_statusCombo})
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_areaCombo->setMinimumContentsLength(18);
    m_areaCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_areaCombo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_clearButton->setObjectName(QStringLiteral("clearFiltersButton"));
    m_clearButton->hide();
    m_moreButton->setObjectName(QStringLiteral("moreFiltersButton"));
    m_moreButton->setCheckable(true);
    m_moreRow->setObjectName(QStringLiteral("moreFiltersRow"));
    m_moreRow->hide();

    m_typingTimer->setSingleShot(true);
    m_typingTimer->setInterval(350);

    auto* first = new QHBoxLayout;
    first->addWidget(m_searchEdit, 1);
    first->addWidget(m_rangeCombo);
    first->addWidget(m_moreButton);
    first->addWidget(m_clearButton);
    auto* second = new QHBoxLayout(m_moreRow);
    second->setContentsMargins(0, 0, 0, 0);
    second->addWidget(m_fromEdit);
    second->addWidget(m_toEdit);
    second->addWidget(m_areaCombo, 1);
    second->addWidget(m_authorCombo);
    second->addWidget(m_statusCombo);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(first);
    layout->addWidget(m_moreRow);

    connect(m_searchEdit, &QLineEdit::textChanged, m_typingTimer, qOverload<>(&QTimer::start));
    connect(m_typingTimer, &QTimer::timeout, this, &JournalFilterBar::changed);
    connect(m_rangeCombo, &QComboBox::currentIndexChanged, this, &JournalFilterBar::onRangeChanged);
    connect(m_fromEdit, &QDateEdit::dateChanged, this, &JournalFilterBar::changed);
    connect(m_toEdit, &QDateEdit::dateChanged, this, &JournalFilterBar::changed);
    for (QComboBox* combo : {m_areaCombo, m_authorCombo, m_statusCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &JournalFilterBar::changed);
    connect(m_clearButton, &QPushButton::clicked, this, &JournalFilterBar::clear);
    connect(m_moreButton, &QPushButton::toggled, this, &JournalFilterBar::updateMoreRow);
}

void JournalFilterBar::setAreas(const QList<Choice>& areas)
{
    const QSignalBlocker blocker(m_areaCombo);
    const QString current = m_areaCombo->currentData().toString();
    m_areaCombo->clear();
    m_areaCombo->addItem(tr("All areas of learning"), QString());
    for (const Choice& area : areas)
        m_areaCombo->addItem(area.label, area.id);
    m_areaCombo->setCurrentIndex(qMax(0, m_areaCombo->findData(current)));
}

void JournalFilterBar::setAuthors(const QList<Choice>& authors)
{
    const QSignalBlocker blocker(m_authorCombo);
    const QString current = m_authorCombo->currentData().toString();
    m_authorCombo->clear();
    m_authorCombo->addItem(tr("Written by anyone"), QString());
    for (const Choice& author : authors)
        m_authorCombo->addItem(author.label, author.id);
    m_authorCombo->setCurrentIndex(qMax(0, m_authorCombo->findData(current)));
}

JournalFilter JournalFilterBar::filter() const
{
    JournalFilter f;
    const QDate today = m_clock.now().toLocalTime().date();
    switch (Range(m_rangeCombo->currentData().toInt())) {
    case Range::AnyTime:
        break;
    case Range::ThisWeek:
        f.from = today.addDays(1 - today.dayOfWeek());
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
    f.areaTag = m_areaCombo->currentData().toString();
    f.authorStaffId = m_authorCombo->currentData().toString();
    ObservationStatus status;
    if (observationStatusFromKey(m_statusCombo->currentData().toString(), &status))
        f.status = status;
    f.text = m_searchEdit->text().trimmed();
    return f;
}

bool JournalFilterBar::isFiltering() const
{
    const JournalFilter f = filter();
    return f.from.isValid() || f.to.isValid() || !f.areaTag.isEmpty() || !f.authorStaffId.isEmpty() || f.status
        || !JournalQuery::ftsQuery(f.text).isEmpty();
}

void JournalFilterBar::clear()
{
    for (QWidget* w :
         std::initializer_list<QWidget*> {m_searchEdit, m_rangeCombo, m_areaCombo, m_authorCombo, m_statusCombo})
        w->blockSignals(true);
    m_searchEdit->clear();
    m_rangeCombo->setCurrentIndex(0);
    m_areaCombo->setCurrentIndex(0);
    m_authorCombo->setCurrentIndex(0);
    m_statusCombo->setCurrentIndex(0);
    for (QWidget* w :
         std::initializer_list<QWidget*> {m_searchEdit, m_rangeCombo, m_areaCombo, m_authorCombo, m_statusCombo})
        w->blockSignals(false);
    m_fromEdit->hide();
    m_toEdit->hide();
    m_moreButton->setChecked(false);
    m_typingTimer->stop();
    changed();
}

void JournalFilterBar::onRangeChanged()
{
    const bool chosen = Range(m_rangeCombo->currentData().toInt()) == Range::Chosen;
    m_fromEdit->setVisible(chosen);
    m_toEdit->setVisible(chosen);
    changed();
}

void JournalFilterBar::changed()
{
    m_typingTimer->stop();
    m_clearButton->setVisible(isFiltering());
    updateMoreRow();
    emit filterChanged();
}

void JournalFilterBar::updateMoreRow()
{
    const bool chosenDates = Range(m_rangeCombo->currentData().toInt()) == Range::Chosen;
    m_moreRow->setVisible(m_moreButton->isChecked() || chosenDates);
    // Filters at work behind the button are counted on it, so nothing narrows the journal unseen.
    int active = 0;
    for (const QComboBox* combo : {m_areaCombo, m_authorCombo, m_statusCombo})
        active += combo->currentIndex() > 0 ? 1 : 0;
    m_moreButton->setText(active > 0 ? tr("More filters (%1)").arg(active) : tr("More filters"));
}

} // namespace Acorn
