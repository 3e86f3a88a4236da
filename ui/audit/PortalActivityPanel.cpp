#include "audit/PortalActivityPanel.h"

#include "Theme.h"
#include "auth/Permissions.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "people/Guardians.h"
#include "sync/PortalInvitations.h"
#include "sync/SyncClient.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <optional>

namespace Acorn {

namespace {
enum Column { WhenColumn, WhoColumn, WhatColumn, ColumnCount };
}

PortalActivityPanel::PortalActivityPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_network(new QNetworkAccessManager(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_refreshButton(new QPushButton(tr("Refresh"), this))
    , m_statusLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("portalActivityPanel"));
    auto* intro = new QLabel(tr("What parents and carers did on the parent portal: invitations accepted, sign-ins "
                                "(and failed ones), agreements signed. The nursery's server keeps this record."),
                             this);
    intro->setWordWrap(true);
    Theme::makeHint(intro);
    m_refreshButton->setObjectName(QStringLiteral("refreshPortalActivityButton"));
    m_table->setObjectName(QStringLiteral("portalActivityTable"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("Who"), tr("What")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(40);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_statusLabel->setObjectName(QStringLiteral("portalActivityStatusLabel"));
    m_statusLabel->setWordWrap(true);
    Theme::makeHint(m_statusLabel);

    auto* top = new QHBoxLayout;
    top->addWidget(intro, 1);
    top->addWidget(m_refreshButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_table, 1);

    connect(m_refreshButton, &QPushButton::clicked, this, &PortalActivityPanel::load);
    // A lock or sign-out must not wait for a slow server: the call in flight is stopped, and the lock follows.
    connect(&m_lock, &LockController::sessionEndRequested, this, [this] {
        for (QNetworkReply* reply : m_network->findChildren<QNetworkReply*>())
            reply->abort();
    });
}

void PortalActivityPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Once the tab is on screen, not while it is being built: the server may take a moment.
    if (!m_loaded)
        QTimer::singleShot(0, this, &PortalActivityPanel::load);
}

void PortalActivityPanel::load()
{
    Session* session = m_lock.session();
    if (!session || m_busy || !session->can(Action::ViewAuditLog))
        return;
    m_loaded = true;
    const auto link = SyncClient::link(*session);
    if (!link || !link.value().isEnrolled()) {
        m_table->setRowCount(0);
        Theme::setMessage(m_statusLabel,
                          tr("The portal's record is kept on the nursery's server: connect this device "
                             "first (Settings → This device)."));
        return;
    }
    QPointer<PortalActivityPanel> alive(this);
    std::optional<Result<QList<PortalInvitations::Event>>> events;
    {
        m_busy = true;
        m_refreshButton->setEnabled(false);
        const auto hold = m_lock.holdSession(); // the wait lets events through; a lock waits for it
        events.emplace(PortalInvitations(*session, *m_network).events(MaxEvents));
    }
    if (!alive)
        return;
    m_busy = false;
    m_refreshButton->setEnabled(true);
    if (!*events) {
        Theme::setMessage(m_statusLabel, events->errorMessage());
        return;
    }
    session = m_lock.session(); // still the same one: the hold kept it open until just now
    if (!session)
        return;
    const Guardians guardians(*session);
    QHash<QString, QString> names;
    const QLocale locale;
    m_table->setRowCount(0);
    for (const PortalInvitations::Event& event : events->value()) {
        if (!names.contains(event.guardianId)) {
            const auto guardian = event.guardianId.isEmpty() ? std::nullopt : guardians.byId(event.guardianId);
            names.insert(event.guardianId, guardian ? guardian->name : tr("unknown"));
        }
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(
            row, WhenColumn,
            new QTableWidgetItem(locale.toString(event.at.toLocalTime(), QStringLiteral("d MMM yyyy, HH:mm"))));
        m_table->setItem(row, WhoColumn, new QTableWidgetItem(names.value(event.guardianId)));
        auto* what = new QTableWidgetItem(PortalInvitations::describeAction(event.action));
        what->setData(Qt::UserRole, event.action);
        what->setToolTip(event.detail);
        m_table->setItem(row, WhatColumn, what);
    }
    m_table->resizeColumnToContents(WhenColumn);
    m_table->resizeColumnToContents(WhoColumn);
    Theme::setMessage(m_statusLabel,
                      events->value().isEmpty() ? tr("Nothing has happened on the portal yet.") : QString());
}

} // namespace Acorn
