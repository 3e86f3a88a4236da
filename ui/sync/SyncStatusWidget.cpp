#include "sync/SyncStatusWidget.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "sync/ConflictsDialog.h"
#include "sync/SyncClient.h"

#include <QHBoxLayout>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QPushButton>
#include <QTimer>

namespace Acorn {

SyncStatusWidget::SyncStatusWidget(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_network(new QNetworkAccessManager(this))
    , m_statusButton(new QPushButton(this))
    , m_conflictsButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("syncStatus"));
    m_statusButton->setObjectName(QStringLiteral("syncStatusButton"));
    m_statusButton->setToolTip(tr("Sync with the nursery's server now"));
    Theme::makeBig(m_statusButton);
    m_conflictsButton->setObjectName(QStringLiteral("syncConflictsButton"));
    m_conflictsButton->setToolTip(tr("Changes made here and on another device at the same time: choose which to keep"));
    Theme::makeBig(m_conflictsButton);
    m_conflictsButton->hide();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_statusButton);
    layout->addWidget(m_conflictsButton);

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
    connect(m_statusButton, &QPushButton::clicked, m_client, &SyncClient::syncNow);
    connect(m_conflictsButton, &QPushButton::clicked, this, &SyncStatusWidget::showConflicts);
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
    // The status without the conflicts' words: they have their own button.
    m_statusButton->setText(m_client->statusText().section(QStringLiteral(" · "), 0, 0));
    const bool problem
        = m_client->state() == SyncClient::State::Error || m_client->state() == SyncClient::State::Offline;
    m_statusButton->setStyleSheet(problem ? QStringLiteral("QPushButton#syncStatusButton { color: #8e1c1c; }")
                                          : QString());
    const int conflicts = m_client->conflictCount();
    m_conflictsButton->setVisible(conflicts > 0);
    m_conflictsButton->setText(tr("Conflicts (%1)").arg(conflicts));
}

void SyncStatusWidget::showConflicts()
{
    QPointer<SyncStatusWidget> alive(this);
    ConflictsDialog dialog(m_lock, this);
    dialog.exec();
    if (alive)
        refresh();
}

} // namespace Acorn
