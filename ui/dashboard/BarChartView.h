#pragma once

#include <QChartView>
#include <QList>
#include <QStringList>

class QBarSet;

namespace Acorn {

// One set of bars with a big number on each, in one colour, on a plain background: the dashboards' only kind of
// chart. Vertical bars for time (weeks), horizontal ones for names (areas of learning, practitioners), top to
// bottom in the order given. The value axis is left out: the numbers are on the bars.
class BarChartView final : public QChartView
{
    Q_OBJECT
public:
    explicit BarChartView(QWidget* parent = nullptr);

    void setBars(const QStringList& categories, const QList<int>& values, Qt::Orientation orientation);
    // What is shown, in the order given to setBars().
    QStringList categories() const { return m_categories; }
    QList<int> values() const { return m_values; }
    QBarSet* barSet() const { return m_set; }

private:
    QStringList m_categories;
    QList<int> m_values;
    QBarSet* m_set = nullptr;
};

} // namespace Acorn
