#include "dashboard/ChildActivityPanel.h"

#include "Theme.h"
#include "auth/Session.h"
#include "dashboard/BarChartView.h"
#include "journal/ChildNames.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "review/DashboardStats.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace Acorn {

ChildActivityPanel::ChildActivityPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_childCombo(new QComboBox(this))
    , m_totalLabel(new QLabel(this))
    , m_chart(new BarChartView(this))
{
    setObjectName(QStringLiteral("childActivityPanel"));
    m_childCombo->setObjectName(QStringLiteral("activityChildCombo"));
    m_childCombo->setMinimumContentsLength(18);
    m_childCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_totalLabel->setObjectName(QStringLiteral("activityTotalLabel"));
    m_totalLabel->setTextFormat(Qt::PlainText);
    QFont big = m_totalLabel->font();
    big.setPointSize(20);
    big.setBold(true);
    m_totalLabel->setFont(big);
    m_chart->setObjectName(QStringLiteral("weeklyChart"));
    auto* heading = new QLabel(tr("Observations per week"), this);
    heading->setObjectName(QStringLiteral("activityHeadingLabel"));
    QFont headingFont = heading->font();
    headingFont.setPointSize(Theme::BodyPointSize + 3);
    headingFont.setBold(true);
    heading->setFont(headingFont);

    auto* top = new QHBoxLayout;
    top->addWidget(heading);
    top->addWidget(m_childCombo);
    top->addStretch();
    top->addWidget(m_totalLabel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_chart, 1);

    connect(m_childCombo, &QComboBox::currentIndexChanged, this, &ChildActivityPanel::redraw);
}

void ChildActivityPanel::fillChildren()
{
    Session* session = m_lock.session();
    const QString current = m_childCombo->currentData().toString();
    const QList<Child> children = Children(*session).visible();
    const ChildNames names(children);
    QList<std::pair<QString, QString>> sorted;
    for (const Child& child : children)
        sorted.append({names.fullName(child.id), child.id});
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first.localeAwareCompare(b.first) < 0; });
    const QSignalBlocker blocker(m_childCombo);
    m_childCombo->clear();
    m_childCombo->addItem(tr("All children"), QString());
    for (const auto& [name, id] : sorted)
        m_childCombo->addItem(name, id);
    m_childCombo->setCurrentIndex(qMax(0, m_childCombo->findData(current)));
}

void ChildActivityPanel::refresh(const QDate& from, const QDate& to)
{
    if (!m_lock.session())
        return;
    m_from = from;
    m_to = to;
    fillChildren();
    redraw();
}

void ChildActivityPanel::redraw()
{
    Session* session = m_lock.session();
    if (!session || !m_from.isValid())
        return;
    const QList<DashboardStats::WeekCount> weeks
        = DashboardStats(*session).perWeek(m_childCombo->currentData().toString(), m_from, m_to);
    QStringList labels;
    QList<int> counts;
    int total = 0;
    for (const DashboardStats::WeekCount& week : weeks) {
        // Day over month ("12" over "Jan"): twelve weeks fit across a tablet without cutting a label.
        labels << QLocale().toString(week.weekStart, QStringLiteral("d")) + QStringLiteral("<br>")
                + QLocale().toString(week.weekStart, QStringLiteral("MMM"));
        counts << week.count;
        total += week.count;
    }
    m_chart->setBars(labels, counts, Qt::Vertical);
    m_totalLabel->setText(total == 1 ? tr("1 in %2 weeks").arg(weeks.size())
                                     : tr("%1 in %2 weeks").arg(total).arg(weeks.size()));
}

} // namespace Acorn
