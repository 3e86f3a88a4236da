#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace Acorn {

class LockController;
class StaffTableModel;
struct StaffMember;

// Staff accounts for managers: the list, and Add, Edit, Deactivate, Reactivate, Reset password. Every change goes
// through StaffAccounts; this page only hides what would be refused and shows core's answer.
class StaffPage final : public QWidget
{
    Q_OBJECT
public:
    explicit StaffPage(LockController& lock, QWidget* parent = nullptr);

    void refresh();
    StaffTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    const StaffMember* selectedStaff() const;
    void updateButtons();
    void addStaff();
    void editStaff();
    void deactivateStaff();
    void reactivateStaff();
    void resetPassword();
    void showResult(const QString& status, const QString& error = {});
    void select(const QString& staffId);

    LockController& m_lock;
    StaffTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_editButton = nullptr;
    QPushButton* m_deactivateButton = nullptr;
    QPushButton* m_reactivateButton = nullptr;
    QPushButton* m_resetPasswordButton = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
};

} // namespace Acorn
