#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;

namespace Acorn {

class AuditLogPage;
class LockController;
class SettingsPage;
class StaffPage;

// Signed in: the nursery's name, who is signed in, Lock and Sign out always in reach, and the pages this person
// may use (Staff, Audit log, Settings for managers). Made for one session and thrown away when it ends.
class HomePage final : public QWidget
{
    Q_OBJECT
public:
    explicit HomePage(LockController& lock, QWidget* parent = nullptr);

    StaffPage* staffPage() const { return m_staffPage; }
    AuditLogPage* auditLogPage() const { return m_auditLogPage; }
    SettingsPage* settingsPage() const { return m_settingsPage; }
    QTabWidget* tabs() const { return m_tabs; }

signals:
    void lockRequested();
    void signOutRequested();
    void changePasswordRequested();

private:
    LockController& m_lock;
    QLabel* m_nurseryNameLabel = nullptr;
    QLabel* m_signedInAsLabel = nullptr;
    QTabWidget* m_tabs = nullptr;
    StaffPage* m_staffPage = nullptr;
    AuditLogPage* m_auditLogPage = nullptr;
    SettingsPage* m_settingsPage = nullptr;
};

} // namespace Acorn
