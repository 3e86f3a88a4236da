#pragma once

#include <QDate>
#include <QWidget>

class QLabel;

namespace Acorn {

class LockController;

// How long observations wait for approval, from submitting to approval, over the period: the median and the mean in
// hours as big numbers, and how many approvals they come from.
class TurnaroundPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit TurnaroundPanel(LockController& lock, QWidget* parent = nullptr);

    void refresh(const QDate& from, const QDate& to);
    // "2.5 hours", "31 hours": one decimal under ten hours.
    static QString hoursText(double hours);

    QLabel* medianLabel() const { return m_median; }
    QLabel* meanLabel() const { return m_mean; }
    QLabel* approvalsLabel() const { return m_approvals; }

private:
    LockController& m_lock;
    QLabel* m_median = nullptr;
    QLabel* m_mean = nullptr;
    QLabel* m_approvals = nullptr;
    QLabel* m_emptyLabel = nullptr;
};

} // namespace Acorn
