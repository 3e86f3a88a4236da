#pragma once

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace Acorn {

class AuditLogModel;
class LockController;
class PortalActivityPanel;

// The audit log for managers: who did what and when, between two dates, optionally one kind of action; the period
// can be saved as a PDF. A second tab shows the parent portal's record, which the nursery's server keeps.
class AuditLogPage final : public QWidget
{
    Q_OBJECT
public:
    explicit AuditLogPage(LockController& lock, QWidget* parent = nullptr);

    void refresh();
    AuditLogModel* model() const { return m_model; }
    QPushButton* exportButton() const { return m_exportButton; }
    QLabel* exportStatusLabel() const { return m_exportStatusLabel; }
    QTabWidget* sections() const { return m_sections; }
    PortalActivityPanel* portalActivity() const { return m_portalActivity; }
    // The log between the two dates shown, as a PDF (every kind of event: a printed log is for the record).
    void exportLog();

protected:
    void showEvent(QShowEvent* event) override;

private:
    LockController& m_lock;
    QTabWidget* m_sections = nullptr;
    PortalActivityPanel* m_portalActivity = nullptr;
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
