#pragma once

#include <QPushButton>

class QNetworkAccessManager;

namespace Acorn {

class LockController;
class SyncClient;

// The sync indicator in the header: "Synced", "3 waiting", "Offline: 3 waiting", or the problem in words; a tap
// syncs now. It owns the session's SyncClient, which syncs in the background while someone is signed in; a device
// that has been revoked signs out. Hidden on a device not connected to a server.
class SyncStatusWidget final : public QPushButton
{
    Q_OBJECT
public:
    explicit SyncStatusWidget(LockController& lock, QWidget* parent = nullptr);
    ~SyncStatusWidget() override;

    SyncClient* client() const { return m_client; }
    void refresh();

private:
    LockController& m_lock;
    QNetworkAccessManager* m_network = nullptr;
    SyncClient* m_client = nullptr;
};

} // namespace Acorn
