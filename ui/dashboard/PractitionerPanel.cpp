#include "dashboard/PractitionerPanel.h"

#include "Theme.h"
#include "auth/Session.h"
#include "dashboard/BarChartView.h"
#include "lock/LockController.h"
#include "review/DashboardStats.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Acorn {

PractitionerPanel::PractitionerPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_chart(new BarChartView(this))
    , m_emptyLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("practitionerPanel"));
    auto* heading = new QLabel(tr("Observations in the journal, per practitioner"), this);
    heading->setObjectName(QStringLiteral("practitionerHeadingLabel"));
    heading->setWordWrap(true);
    QFont headingFont = heading->font();
    headingFont.setPointSize(Theme::BodyPointSize + 3);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    m_chart->setObjectName(QStringLiteral("practitionerChart"));
    m_emptyLabel->setObjectName(QStringLiteral("practitionerEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    Theme::makeHint(m_emptyLabel);
    m_emptyLabel->setText(tr("No observations went into the journal in this period."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_emptyLabel, 1);
}

void PractitionerPanel::refresh(const QDate& from, const QDate& to)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QList<DashboardStats::StaffCount> counts = DashboardStats(*session).perPractitioner(from, to);
    QStringList names;
    QList<int> values;
    m_staffIds.clear();
    for (const DashboardStats::StaffCount& staff : counts) {
        m_staffIds << staff.staffId;
        names << staff.name;
        values << staff.count;
    }
    m_chart->setBars(names, values, Qt::Horizontal);
    m_chart->setVisible(!counts.isEmpty());
    m_emptyLabel->setVisible(counts.isEmpty());
}

} // namespace Acorn
