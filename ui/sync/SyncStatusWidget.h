#pragma once

#include <QWidget>

class QNetworkAccessManager;
class QPushButton;

namespace Acorn {

class LockController;
class SyncClient;

// The sync indicator in the header: "Synced", "3 waiting", "Offline: 3 waiting", or the problem in words; a tap
// syncs now. Beside it, when there are any, "Conflicts (2)" opens them for staff to resolve. It owns the session's
// SyncClient, which syncs in the background while someone is signed in; a device that has been revoked signs out.
// Hidden on a device not connected to a server.
class SyncStatusWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit SyncStatusWidget(LockController& lock, QWidget* parent = nullptr);
    ~SyncStatusWidget() override;

    SyncClient* client() const { return m_client; }
    QPushButton* statusButton() const { return m_statusButton; }
    QPushButton* conflictsButton() const { return m_conflictsButton; }
    void refresh();
    void showConflicts();

private:
    LockController& m_lock;
    QNetworkAccessManager* m_network = nullptr;
    SyncClient* m_client = nullptr;
    QPushButton* m_statusButton = nullptr;
    QPushButton* m_conflictsButton = nullptr;
};

} // namespace Acorn
