#include "sync/ConflictsDialog.h"

#include "Theme.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "sync/Conflicts.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

ConflictsDialog::ConflictsDialog(LockController& lock, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_list(new QListWidget(this))
    , m_errorLabel(new QLabel(this))
    , m_keepLocal(new QPushButton(tr("Keep this device's version"), this))
    , m_keepServer(new QPushButton(tr("Keep the other device's version"), this))
{
    setObjectName(QStringLiteral("conflictsDialog"));
    setWindowTitle(tr("Changes made in two places"));
    setMinimumSize(640, 420);
    auto* intro = new QLabel(tr("These were changed on this device and on another one before they could sync. "
                                "Choose which version stays; the other is not kept."),
                             this);
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("conflictsList"));
    m_list->setWordWrap(true);
    m_list->setStyleSheet(QStringLiteral("QListWidget::item { min-height: 48px; padding: 6px; }"));
    Theme::makeError(m_errorLabel);
    m_keepLocal->setObjectName(QStringLiteral("keepLocalButton"));
    m_keepServer->setObjectName(QStringLiteral("keepServerButton"));
    Theme::makeBig(m_keepLocal);
    Theme::makeBig(m_keepServer);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_keepLocal);
    actions->addWidget(m_keepServer);
    actions->addStretch();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_errorLabel);
    layout->addLayout(actions);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_keepLocal, &QPushButton::clicked, this, [this] { resolve(true); });
    connect(m_keepServer, &QPushButton::clicked, this, [this] { resolve(false); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_keepLocal->setEnabled(row >= 0);
        m_keepServer->setEnabled(row >= 0);
    });
    reload();
}

void ConflictsDialog::reload()
{
    m_list->clear();
    Session* session = m_lock.session();
    if (!session)
        return;
    for (const SyncConflict& conflict : Conflicts(session->database(), session->clock()).open()) {
        auto* item = new QListWidgetItem(Conflicts::describe(conflict), m_list);
        item->setData(Qt::UserRole, conflict.id);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    m_keepLocal->setEnabled(m_list->count() > 0);
    m_keepServer->setEnabled(m_list->count() > 0);
}

void ConflictsDialog::resolve(bool keepLocal)
{
    Session* session = m_lock.session();
    QListWidgetItem* item = m_list->currentItem();
    if (!session || !item)
        return;
    Conflicts conflicts(session->database(), session->clock());
    const QString id = item->data(Qt::UserRole).toString();
    const auto done
        = keepLocal ? conflicts.keepLocal(id, session->staff().id) : conflicts.keepServer(id, session->staff().id);
    Theme::setMessage(m_errorLabel, done ? QString() : done.errorMessage());
    reload();
    if (m_list->count() == 0)
        accept();
}

} // namespace Acorn
