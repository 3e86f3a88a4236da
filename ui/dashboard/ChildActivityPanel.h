#pragma once

#include <QDate>
#include <QWidget>

class QComboBox;
class QLabel;

namespace Acorn {

class BarChartView;
class LockController;

// Observations per week over the period, for one child or for all the children one may see: a bar a week.
class ChildActivityPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ChildActivityPanel(LockController& lock, QWidget* parent = nullptr);

    void refresh(const QDate& from, const QDate& to);
    QComboBox* childCombo() const { return m_childCombo; }
    BarChartView* chartView() const { return m_chart; }
    QLabel* totalLabel() const { return m_totalLabel; }

private:
    void fillChildren();
    void redraw();

    LockController& m_lock;
    QDate m_from;
    QDate m_to;
    QComboBox* m_childCombo = nullptr;
    QLabel* m_totalLabel = nullptr;
    BarChartView* m_chart = nullptr;
};

} // namespace Acorn
