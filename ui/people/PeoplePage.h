#pragma once

#include <QWidget>

class QTabWidget;

namespace Acorn {

class ChildrenPanel;
class GuardiansPanel;
class LockController;
class RoomsPanel;

// The People tab, for managers and administrators: rooms (and who works in them), children's records and photo
// consent, parents and carers (links and the agreement). Core refuses anyone else anyway; HomePage shows the tab only
// to those it would not refuse.
class PeoplePage final : public QWidget
{
    Q_OBJECT
public:
    explicit PeoplePage(LockController& lock, QWidget* parent = nullptr);

    // Whether the signed-in person gets this page at all.
    static bool isFor(const LockController& lock);

    RoomsPanel* roomsPanel() const { return m_roomsPanel; }
    ChildrenPanel* childrenPanel() const { return m_childrenPanel; }
    GuardiansPanel* guardiansPanel() const { return m_guardiansPanel; }
    QTabWidget* sections() const { return m_sections; }

private:
    QTabWidget* m_sections = nullptr;
    RoomsPanel* m_roomsPanel = nullptr;
    ChildrenPanel* m_childrenPanel = nullptr;
    GuardiansPanel* m_guardiansPanel = nullptr;
};

} // namespace Acorn
