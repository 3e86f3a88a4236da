#include "kiosk/KioskExitDialog.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/AuditLog.h"
#include "auth/Permissions.h"
#include "auth/Session.h"
#include "crypto/Keyring.h"
#include "crypto/SecureBuffer.h"
#include "lock/LockController.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

KioskExitDialog::KioskExitDialog(LockController& lock, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_userNameCombo(new QComboBox(this))
    , m_passwordEdit(new QLineEdit(this))
    , m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("kioskExitDialog"));
    setWindowTitle(tr("Close Acorn"));
    setMinimumWidth(460);
    m_userNameCombo->setObjectName(QStringLiteral("kioskExitUserCombo"));
    if (auto keyring = Keyring::load(m_lock.dataDir().keyringPath())) {
        for (const auto& entry : keyring.value().entries())
            m_userNameCombo->addItem(entry.displayName.isEmpty() ? entry.userName : entry.displayName, entry.userName);
    }
    m_passwordEdit->setObjectName(QStringLiteral("kioskExitPasswordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_errorLabel->setObjectName(QStringLiteral("kioskExitErrorLabel"));
    m_errorLabel->setWordWrap(true);
    Theme::makeError(m_errorLabel);

    auto* intro = new QLabel(tr("This device is a kiosk: only a manager can close Acorn on it."), this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->addRow(tr("Manager"), m_userNameCombo);
    form->addRow(tr("Password"), m_passwordEdit);
    auto* buttons = new QDialogButtonBox(this);
    m_closeButton = buttons->addButton(tr("Close Acorn"), QDialogButtonBox::AcceptRole);
    m_closeButton->setObjectName(QStringLiteral("kioskExitCloseButton"));
    Theme::makePrimary(m_closeButton);
    Theme::makeBig(m_closeButton);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    Theme::makeBig(cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addWidget(buttons);

    // Accepting goes through check(): the button box's accepted() would close without one.
    connect(m_closeButton, &QPushButton::clicked, this, &KioskExitDialog::check);
    connect(m_passwordEdit, &QLineEdit::returnPressed, this, &KioskExitDialog::check);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void KioskExitDialog::check()
{
    const QString userName = m_userNameCombo->currentData().toString();
    QByteArray password = m_passwordEdit->text().toUtf8();
    m_passwordEdit->clear();
    if (userName.isEmpty() || password.isEmpty()) {
        wipeBytes(password);
        Theme::setMessage(m_errorLabel, tr("Choose your name and type your password."));
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto session = Session::signIn(m_lock.dataDir(), userName, password, m_lock.clock());
    QApplication::restoreOverrideCursor();
    wipeBytes(password);
    if (!session) {
        Theme::setMessage(m_errorLabel, session.errorMessage());
        return;
    }
    const bool manager = session.value()->can(Action::ChangePolicy);
    if (manager)
        (void)session.value()->audit().append(QLatin1String(AuditAction), session.value()->staff().id);
    session.value()->end(Session::EndReason::SignOut);
    if (!manager) {
        qCInfo(lcUi) << "kiosk close refused: not a manager";
        Theme::setMessage(m_errorLabel, tr("Only a manager or administrator can close Acorn on this device."));
        return;
    }
    qCInfo(lcUi) << "kiosk closed by a manager";
    accept();
}

} // namespace Acorn
