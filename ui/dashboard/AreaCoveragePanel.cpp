#include "dashboard/AreaCoveragePanel.h"

#include "Theme.h"
#include "auth/Session.h"
#include "dashboard/BarChartView.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/ChildNames.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/Rooms.h"
#include "review/DashboardStats.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

namespace {
const char* const ScopeStyle = R"(
QPushButton[scope="true"] {
    min-height: 48px; padding: 0 18px; border: 1px solid #9fb3a4; background: #f4f7f4;
}
QPushButton[scope="true"]:checked { background: #2e6b3a; color: white; border-color: #24552e; }
)";

// The framework whose areas the chart shows: the enabled statutory one, else the built-in EYFS.
const Framework* statutory(const FrameworkRegistry& registry)
{
    for (const Framework* framework : registry.enabled())
        if (framework->kind() == Framework::Kind::Statutory)
            return framework;
    for (const Framework* framework : registry.all())
        if (framework->kind() == Framework::Kind::Statutory)
            return framework;
    return nullptr;
}
} // namespace

AreaCoveragePanel::AreaCoveragePanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_scopes(new QButtonGroup(this))
    , m_subjectCombo(new QComboBox(this))
    , m_chart(new BarChartView(this))
    , m_gapsLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("areaCoveragePanel"));
    setStyleSheet(QString::fromLatin1(ScopeStyle));
    auto* heading = new QLabel(tr("Areas of learning"), this);
    heading->setObjectName(QStringLiteral("coverageHeadingLabel"));
    QFont headingFont = heading->font();
    headingFont.setPointSize(Theme::BodyPointSize + 3);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    auto* room = new QPushButton(tr("A room"), this);
    room->setObjectName(QStringLiteral("coverageRoomButton"));
    auto* child = new QPushButton(tr("A child"), this);
    child->setObjectName(QStringLiteral("coverageChildButton"));
    for (QPushButton* b : {room, child}) {
        b->setCheckable(true);
        b->setProperty("scope", true);
    }
    m_scopes->addButton(room, int(Scope::Room));
    m_scopes->addButton(child, int(Scope::Child));
    room->setChecked(true);
    m_subjectCombo->setObjectName(QStringLiteral("coverageSubjectCombo"));
    m_subjectCombo->setMinimumContentsLength(18);
    m_subjectCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_chart->setObjectName(QStringLiteral("areaChart"));
    m_gapsLabel->setObjectName(QStringLiteral("coverageGapsLabel"));
    m_gapsLabel->setWordWrap(true);
    m_gapsLabel->setTextFormat(Qt::PlainText);
    QFont gapsFont = m_gapsLabel->font();
    gapsFont.setPointSize(Theme::BodyPointSize + 2);
    gapsFont.setBold(true);
    m_gapsLabel->setFont(gapsFont);
    m_gapsLabel->setStyleSheet(QStringLiteral("color: #8a1f16;"));

    auto* top = new QHBoxLayout;
    top->addWidget(heading);
    top->addSpacing(8);
    top->setSpacing(0);
    top->addWidget(room);
    top->addWidget(child);
    top->addSpacing(12);
    top->addWidget(m_subjectCombo);
    top->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_gapsLabel);

    connect(m_scopes, &QButtonGroup::idClicked, this, [this](int id) { setScope(Scope(id)); });
    connect(m_subjectCombo, &QComboBox::currentIndexChanged, this, &AreaCoveragePanel::redraw);
}

void AreaCoveragePanel::setScope(Scope scope)
{
    m_scopes->button(int(scope))->setChecked(true);
    if (scope == m_scope)
        return;
    m_scope = scope;
    fillSubjects();
    redraw();
}

void AreaCoveragePanel::fillSubjects()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QSignalBlocker blocker(m_subjectCombo);
    const QString current = m_subjectCombo->currentData().toString();
    m_subjectCombo->clear();
    if (m_scope == Scope::Room) {
        for (const Room& room : Rooms(*session).visible())
            m_subjectCombo->addItem(room.name, room.id);
    } else {
        const QList<Child> children = Children(*session).visible();
        const ChildNames names(children);
        QList<std::pair<QString, QString>> sorted;
        for (const Child& child : children)
            sorted.append({names.fullName(child.id), child.id});
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto& a, const auto& b) { return a.first.localeAwareCompare(b.first) < 0; });
        for (const auto& [name, id] : sorted)
            m_subjectCombo->addItem(name, id);
    }
    m_subjectCombo->setCurrentIndex(qMax(0, m_subjectCombo->findData(current)));
}

void AreaCoveragePanel::refresh(const QDate& from, const QDate& to)
{
    m_from = from;
    m_to = to;
    fillSubjects();
    redraw();
}

void AreaCoveragePanel::redraw()
{
    Session* session = m_lock.session();
    if (!session || !m_from.isValid())
        return;
    const QString subject = m_subjectCombo->currentData().toString();
    const FrameworkRegistry registry(session->settings());
    const Framework* framework = statutory(registry);
    QHash<QString, int> coverage;
    if (!subject.isEmpty())
        coverage = DashboardStats(*session).coverageByArea(m_scope == Scope::Child ? subject : QString(),
                                                           m_scope == Scope::Room ? subject : QString(), m_from, m_to);
    QStringList labels;
    QList<int> counts;
    QStringList missing;
    m_areaIds.clear();
    if (framework) {
        for (const FrameworkNode& area : framework->areas()) {
            m_areaIds << area.id;
            labels << area.label;
            counts << coverage.value(area.id);
            if (coverage.value(area.id) == 0)
                missing << area.label;
        }
    }
    m_chart->setBars(labels, counts, Qt::Horizontal);
    Theme::setMessage(m_gapsLabel,
                      missing.isEmpty() || subject.isEmpty()
                          ? QString()
                          : tr("Not observed in this period: %1").arg(ChildNames::joinNames(missing)));
}

} // namespace Acorn
