#include "people/PeoplePage.h"

#include "auth/Session.h"
#include "lock/LockController.h"
#include "people/ChildrenPanel.h"
#include "people/GuardiansPanel.h"
#include "people/RoomsPanel.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace Acorn {

PeoplePage::PeoplePage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_sections(new QTabWidget(this))
{
    setObjectName(QStringLiteral("peoplePage"));
    m_sections->setObjectName(QStringLiteral("peopleSectionTabs"));
    Session* session = lock.session();
    if (session && session->can(Action::ManageRoomsAndChildren)) {
        m_childrenPanel = new ChildrenPanel(lock, m_sections);
        m_sections->addTab(m_childrenPanel, tr("Children"));
        m_roomsPanel = new RoomsPanel(lock, m_sections);
        m_sections->addTab(m_roomsPanel, tr("Rooms"));
    }
    if (session && session->can(Action::ManageGuardians)) {
        m_guardiansPanel = new GuardiansPanel(lock, m_sections);
        m_sections->addTab(m_guardiansPanel, tr("Parents and carers"));
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(m_sections);
}

bool PeoplePage::isFor(const LockController& lock)
{
    const Session* session = lock.session();
    return session && (session->can(Action::ManageRoomsAndChildren) || session->can(Action::ManageGuardians));
}

} // namespace Acorn
