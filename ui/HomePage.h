#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;

namespace Acorn {

class AuditLogPage;
class DashboardPage;
class JournalPage;
class LockController;
class MeetingsPage;
class PeoplePage;
class ReviewPage;
class SettingsPage;
class StaffPage;
class SyncStatusWidget;

// Signed in: the nursery's name, who is signed in, Lock and Sign out always in reach, and the pages this person
// may use (Review, Meetings and Dashboards for room leaders and managers; People, Staff, Audit log, Settings for
// managers). Made for one session and thrown away when it ends.
class HomePage final : public QWidget
{
    Q_OBJECT
public:
    explicit HomePage(LockController& lock, QWidget* parent = nullptr);

    JournalPage* journalPage() const { return m_journalPage; }
    StaffPage* staffPage() const { return m_staffPage; }
    PeoplePage* peoplePage() const { return m_peoplePage; }
    ReviewPage* reviewPage() const { return m_reviewPage; }
    MeetingsPage* meetingsPage() const { return m_meetingsPage; }
    DashboardPage* dashboardPage() const { return m_dashboardPage; }
    AuditLogPage* auditLogPage() const { return m_auditLogPage; }
    SettingsPage* settingsPage() const { return m_settingsPage; }
    QTabWidget* tabs() const { return m_tabs; }
    SyncStatusWidget* syncStatus() const { return m_syncStatus; }

signals:
    void lockRequested();
    void signOutRequested();
    void changePasswordRequested();

private:
    LockController& m_lock;
    QLabel* m_nurseryNameLabel = nullptr;
    QLabel* m_signedInAsLabel = nullptr;
    QTabWidget* m_tabs = nullptr;
    JournalPage* m_journalPage = nullptr;
    StaffPage* m_staffPage = nullptr;
    PeoplePage* m_peoplePage = nullptr;
    ReviewPage* m_reviewPage = nullptr;
    MeetingsPage* m_meetingsPage = nullptr;
    DashboardPage* m_dashboardPage = nullptr;
    AuditLogPage* m_auditLogPage = nullptr;
    SettingsPage* m_settingsPage = nullptr;
    SyncStatusWidget* m_syncStatus = nullptr;
};

} // namespace Acorn
