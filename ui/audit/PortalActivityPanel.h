#pragma once

#include <QWidget>

class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QTableWidget;

namespace Acorn {

class LockController;

// The parent portal's trail for managers, from the nursery's server (PortalInvitations::events): when, which parent
// or carer (by name when this device knows them), and what — invited, accepted, signed in, a failed sign-in, the
// agreement signed. Loaded when first shown and on Refresh; synchronous, holding the session, and a lock asked for
// meanwhile stops the call.
class PortalActivityPanel final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxEvents = 500;

    explicit PortalActivityPanel(LockController& lock, QWidget* parent = nullptr);

    void load();
    bool isLoaded() const { return m_loaded; }
    QTableWidget* table() const { return m_table; }
    QPushButton* refreshButton() const { return m_refreshButton; }
    QLabel* statusLabel() const { return m_statusLabel; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    LockController& m_lock;
    QNetworkAccessManager* m_network = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_refreshButton = nullptr;
    QLabel* m_statusLabel = nullptr;
    bool m_loaded = false;
    bool m_busy = false;
};

} // namespace Acorn
