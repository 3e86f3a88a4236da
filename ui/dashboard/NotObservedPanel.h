#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QSpinBox;

namespace Acorn {

class LockController;

// What managers most need to catch: the children nobody has observed for N days (14 unless changed), longest gap
// first and never-observed children at the top. Tapping a child opens their journal.
class NotObservedPanel final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int DefaultDays = 14;
    enum { ChildIdRole = Qt::UserRole + 1 };

    explicit NotObservedPanel(LockController& lock, QWidget* parent = nullptr);

    void refresh();
    QSpinBox* daysSpinBox() const { return m_days; }
    QListWidget* list() const { return m_list; }
    QLabel* countLabel() const { return m_countLabel; }

signals:
    void childChosen(const QString& childId);

private:
    LockController& m_lock;
    QSpinBox* m_days = nullptr;
    QLabel* m_countLabel = nullptr;
    QListWidget* m_list = nullptr;
    QLabel* m_emptyLabel = nullptr;
};

} // namespace Acorn
