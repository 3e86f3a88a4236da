#pragma once

#include <QDate>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;
class QStackedWidget;

namespace Acorn {

class AreaCoveragePanel;
class ChildActivityPanel;
class LockController;
class NotObservedPanel;
class PractitionerPanel;
class TurnaroundPanel;

// The Dashboards tab, for room leaders (their rooms) and managers: pictures to look at rather than tables to read.
// First, the children not observed lately (a tap opens their journal); then observations per week, coverage of the
// areas of learning, observations per practitioner and the time to approval, over a period chosen once for all.
// Figures come from DashboardStats; refreshed when shown.
class DashboardPage final : public QWidget
{
    Q_OBJECT
public:
    enum class Section { NotObserved, PerChild, Areas, PerPractitioner, Turnaround };
    enum class Period { Last4Weeks, Last12Weeks, Last6Months, Last12Months };

    explicit DashboardPage(LockController& lock, QWidget* parent = nullptr);

    static bool isFor(const LockController& lock);

    void refresh();
    void showSection(Section section);
    Section section() const;
    void setPeriod(Period period);
    // The period's first and last days (the first a Monday, so that weeks are whole).
    QDate from() const;
    QDate to() const;

    NotObservedPanel* notObservedPanel() const { return m_notObserved; }
    ChildActivityPanel* childActivityPanel() const { return m_childActivity; }
    AreaCoveragePanel* areaCoveragePanel() const { return m_areas; }
    PractitionerPanel* practitionerPanel() const { return m_practitioners; }
    TurnaroundPanel* turnaroundPanel() const { return m_turnaround; }

signals:
    void childChosen(const QString& childId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void refreshCurrent();

    LockController& m_lock;
    QButtonGroup* m_sections = nullptr;
    QComboBox* m_periodCombo = nullptr;
    QWidget* m_periodRow = nullptr;
    QStackedWidget* m_stack = nullptr;
    NotObservedPanel* m_notObserved = nullptr;
    ChildActivityPanel* m_childActivity = nullptr;
    AreaCoveragePanel* m_areas = nullptr;
    PractitionerPanel* m_practitioners = nullptr;
    TurnaroundPanel* m_turnaround = nullptr;
};

} // namespace Acorn
