#include "dashboard/DashboardPage.h"

#include "Clock.h"
#include "auth/Session.h"
#include "dashboard/AreaCoveragePanel.h"
#include "dashboard/ChildActivityPanel.h"
#include "dashboard/NotObservedPanel.h"
#include "dashboard/PractitionerPanel.h"
#include "dashboard/TurnaroundPanel.h"
#include "lock/LockController.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Acorn {

namespace {
const char* const SectionStyle = R"(
QPushButton[section="true"] {
    min-height: 52px; padding: 0 16px; border: 1px solid #9fb3a4; background: #f4f7f4;
}
QPushButton[section="true"]:checked { background: #2e6b3a; color: white; border-color: #24552e; }
)";
} // namespace

DashboardPage::DashboardPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_sections(new QButtonGroup(this))
    , m_periodCombo(new QComboBox(this))
    , m_periodRow(new QWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_notObserved(new NotObservedPanel(lock, this))
    , m_childActivity(new ChildActivityPanel(lock, this))
    , m_areas(new AreaCoveragePanel(lock, this))
    , m_practitioners(new PractitionerPanel(lock, this))
    , m_turnaround(new TurnaroundPanel(lock, this))
{
    setObjectName(QStringLiteral("dashboardPage"));
    setStyleSheet(QString::fromLatin1(SectionStyle));

    auto* sections = new QHBoxLayout;
    sections->setSpacing(0);
    const auto section = [&](Section id, const QString& text, const char* name) {
        auto* button = new QPushButton(text, this);
        button->setObjectName(QLatin1String(name));
        button->setCheckable(true);
        button->setProperty("section", true);
        m_sections->addButton(button, int(id));
        sections->addWidget(button);
    };
    section(Section::NotObserved, tr("Not observed"), "notObservedSectionButton");
    section(Section::PerChild, tr("Per week"), "perChildSectionButton");
    section(Section::Areas, tr("Areas of learning"), "areasSectionButton");
    section(Section::PerPractitioner, tr("Per practitioner"), "perPractitionerSectionButton");
    section(Section::Turnaround, tr("Time to approve"), "turnaroundSectionButton");
    sections->addStretch();
    m_sections->button(int(Section::NotObserved))->setChecked(true);

    m_periodCombo->setObjectName(QStringLiteral("dashboardPeriodCombo"));
    m_periodCombo->addItem(tr("Last 4 weeks"), int(Period::Last4Weeks));
    m_periodCombo->addItem(tr("Last 12 weeks"), int(Period::Last12Weeks));
    m_periodCombo->addItem(tr("Last 6 months"), int(Period::Last6Months));
    m_periodCombo->addItem(tr("Last 12 months"), int(Period::Last12Months));
    m_periodCombo->setCurrentIndex(1);
    auto* periodLabel = new QLabel(tr("Period"), m_periodRow);
    periodLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
    auto* periodLayout = new QHBoxLayout(m_periodRow);
    periodLayout->setContentsMargins(0, 0, 0, 0);
    periodLayout->addWidget(periodLabel);
    periodLayout->addWidget(m_periodCombo);
    periodLayout->addStretch();
    m_periodRow->hide(); // the first section needs no period

    for (QWidget* panel :
         std::initializer_list<QWidget*> {m_notObserved, m_childActivity, m_areas, m_practitioners, m_turnaround})
        m_stack->addWidget(panel);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(sections);
    layout->addWidget(m_periodRow);
    layout->addWidget(m_stack, 1);

    connect(m_sections, &QButtonGroup::idClicked, this, [this](int id) { showSection(Section(id)); });
    connect(m_periodCombo, &QComboBox::currentIndexChanged, this, &DashboardPage::refreshCurrent);
    connect(m_notObserved, &NotObservedPanel::childChosen, this, &DashboardPage::childChosen);
}

bool DashboardPage::isFor(const LockController& lock)
{
    const Session* session = lock.session();
    return session && session->can(Action::ApproveObservations);
}

void DashboardPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refreshCurrent();
}

void DashboardPage::refresh()
{
    refreshCurrent();
}

void DashboardPage::showSection(Section section)
{
    m_sections->button(int(section))->setChecked(true);
    m_stack->setCurrentIndex(int(section));
    m_periodRow->setVisible(section != Section::NotObserved);
    refreshCurrent();
}

DashboardPage::Section DashboardPage::section() const
{
    return Section(m_stack->currentIndex());
}

void DashboardPage::setPeriod(Period period)
{
    m_periodCombo->setCurrentIndex(qMax(0, m_periodCombo->findData(int(period))));
}

QDate DashboardPage::to() const
{
    return m_lock.clock().now().toLocalTime().date();
}

QDate DashboardPage::from() const
{
    const QDate today = to();
    QDate start;
    switch (Period(m_periodCombo->currentData().toInt())) {
    case Period::Last4Weeks:
        start = today.addDays(-7 * 3);
        break;
    case Period::Last12Weeks:
        start = today.addDays(-7 * 11);
        break;
    case Period::Last6Months:
        start = today.addMonths(-6).addDays(1);
        break;
    case Period::Last12Months:
        start = today.addYears(-1).addDays(1);
        break;
    }
    return start.addDays(1 - start.dayOfWeek()); // from a Monday: whole weeks
}

void DashboardPage::refreshCurrent()
{
    if (!m_lock.session() || !isVisible())
        return;
    // Only what is on screen: each figure is a query over the journal.
    switch (section()) {
    case Section::NotObserved:
        m_notObserved->refresh();
        break;
    case Section::PerChild:
        m_childActivity->refresh(from(), to());
        break;
    case Section::Areas:
        m_areas->refresh(from(), to());
        break;
    case Section::PerPractitioner:
        m_practitioners->refresh(from(), to());
        break;
    case Section::Turnaround:
        m_turnaround->refresh(from(), to());
        break;
    }
}

} // namespace Acorn
