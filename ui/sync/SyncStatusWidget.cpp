#include "sync/SyncStatusWidget.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "sync/SyncClient.h"

#include <QNetworkAccessManager>
#include <QTimer>

namespace Acorn {

SyncStatusWidget::SyncStatusWidget(LockController& lock, QWidget* parent)
    : QPushButton(parent)
    , m_lock(lock)
    , m_network(new QNetworkAccessManager(this))
{
    setObjectName(QStringLiteral("syncStatusButton"));
    setToolTip(tr("Sync with the nursery's server now"));
    Theme::makeBig(this);
    Session* session = m_lock.session();
    const auto link = session ? SyncClient::link(*session) : Result<SyncLink>(Error());
    if (!session || !link || !link.value().isEnrolled()) {
        hide();
        return;
    }
    m_client = new SyncClient(*session, *m_network, this);
    connect(m_client, &SyncClient::stateChanged, this, &SyncStatusWidget::refresh);
    connect(m_client, &SyncClient::finished, this, &SyncStatusWidget::refresh);
    connect(m_client, &SyncClient::revoked, this, [this] {
        qCInfo(lcUi) << "this device was revoked: signing out";
        // After this slot: signing out destroys the page that owns this widget.
        QTimer::singleShot(0, &m_lock, &LockController::signOut);
    });
    connect(this, &QPushButton::clicked, m_client, &SyncClient::syncNow);
    auto* refresher = new QTimer(this);
    refresher->setInterval(3000);
    connect(refresher, &QTimer::timeout, this, &SyncStatusWidget::refresh);
    refresher->start();
    m_client->start();
    refresh();
}

SyncStatusWidget::~SyncStatusWidget() = default;

void SyncStatusWidget::refresh()
{
    if (!m_client)
        return;
    setText(m_client->statusText());
    const bool problem
        = m_client->state() == SyncClient::State::Error || m_client->state() == SyncClient::State::Offline;
    setProperty("problem", problem);
    setStyleSheet(problem ? QStringLiteral("QPushButton#syncStatusButton { color: #8e1c1c; }") : QString());
}

} // namespace Acorn
