#pragma once

#include <QDate>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;

namespace Acorn {

class BarChartView;
class LockController;

// How the period's observations cover the areas of learning of the statutory framework (the EYFS), for one child
// or one room: a bar per area, named as the framework names it, and the areas nobody observed spelled out.
class AreaCoveragePanel final : public QWidget
{
    Q_OBJECT
public:
    enum class Scope { Room, Child };

    explicit AreaCoveragePanel(LockController& lock, QWidget* parent = nullptr);

    void refresh(const QDate& from, const QDate& to);
    void setScope(Scope scope);
    Scope scope() const { return m_scope; }
    // Area ids, in the order of the bars.
    QStringList areaIds() const { return m_areaIds; }
    QComboBox* subjectCombo() const { return m_subjectCombo; }
    BarChartView* chartView() const { return m_chart; }
    QLabel* gapsLabel() const { return m_gapsLabel; }

private:
    void fillSubjects();
    void redraw();

    LockController& m_lock;
    Scope m_scope = Scope::Room;
    QDate m_from;
    QDate m_to;
    QStringList m_areaIds;
    QButtonGroup* m_scopes = nullptr;
    QComboBox* m_subjectCombo = nullptr;
    BarChartView* m_chart = nullptr;
    QLabel* m_gapsLabel = nullptr;
};

} // namespace Acorn
