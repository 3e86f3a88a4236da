#pragma once

#include <QDate>
#include <QStringList>
#include <QWidget>

class QLabel;

namespace Acorn {

class BarChartView;
class LockController;

// Observations in the journal per practitioner over the period, most first: a bar a person.
class PractitionerPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit PractitionerPanel(LockController& lock, QWidget* parent = nullptr);

    void refresh(const QDate& from, const QDate& to);
    // Staff ids, in the order of the bars.
    QStringList staffIds() const { return m_staffIds; }
    BarChartView* chartView() const { return m_chart; }

private:
    LockController& m_lock;
    QStringList m_staffIds;
    BarChartView* m_chart = nullptr;
    QLabel* m_emptyLabel = nullptr;
};

} // namespace Acorn
