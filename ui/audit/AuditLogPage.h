#pragma once

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace Acorn {

class AuditLogModel;
class LockController;

// The audit log for managers: who did what and when, between two dates, optionally one kind of action; the period
// can be saved as a PDF.
class AuditLogPage final : public QWidget
{
    Q_OBJECT
public:
    explicit AuditLogPage(LockController& lock, QWidget* parent = nullptr);

    void refresh();
    AuditLogModel* model() const { return m_model; }
    QPushButton* exportButton() const { return m_exportButton; }
    QLabel* exportStatusLabel() const { return m_exportStatusLabel; }
    // The log between the two dates shown, as a PDF (every kind of event: a printed log is for the record).
    void exportLog();

protected:
    void showEvent(QShowEvent* event) override;

private:
    LockController& m_lock;
    AuditLogModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QDateEdit* m_fromEdit = nullptr;
    QDateEdit* m_toEdit = nullptr;
    QComboBox* m_actionCombo = nullptr;
    QLabel* m_countLabel = nullptr;
    QPushButton* m_exportButton = nullptr;
    QLabel* m_exportStatusLabel = nullptr;
};

} // namespace Acorn
