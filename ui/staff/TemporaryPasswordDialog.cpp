#include "staff/TemporaryPasswordDialog.h"

#include "PasswordFeedback.h"
#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "auth/StaffAccounts.h"
#include "crypto/SecureBuffer.h"
#include "lock/LockController.h"

#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

TemporaryPasswordDialog::TemporaryPasswordDialog(LockController& lock, StaffMember staff, Mode mode, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_staff(std::move(staff))
    , m_mode(mode)
    , m_passwordEdit(new QLineEdit(this))
    , m_feedback(new PasswordFeedback(this))
    , m_errorLabel(new QLabel(this))
    , m_okButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("temporaryPasswordDialog"));
    setMinimumWidth(520);
    const bool reset = m_mode == Mode::ResetPassword;
    setWindowTitle(reset ? tr("Reset %1's password").arg(m_staff.displayName)
                         : tr("Reactivate %1's account").arg(m_staff.displayName));

    auto* explain = new QLabel(reset ? tr("Choose a temporary password for %1 and tell it to them in person. They "
                                          "choose their own the next time they sign in.")
                                           .arg(m_staff.displayName)
                                     : tr("%1 will be able to sign in again with this temporary password, and then "
                                          "chooses their own.")
                                           .arg(m_staff.displayName),
                               this);
    explain->setWordWrap(true);
    explain->setTextFormat(Qt::PlainText);

    m_passwordEdit->setObjectName(QStringLiteral("temporaryPasswordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    auto* show = new QCheckBox(tr("Show the password"), this);
    show->setObjectName(QStringLiteral("showPasswordCheckBox"));
    connect(show, &QCheckBox::toggled, this,
            [this](bool visible) { m_passwordEdit->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password); });
    if (Session* session = m_lock.session())
        m_feedback->setPolicy(session->passwordPolicy());
    m_feedback->setPerson(m_staff.userName, m_staff.displayName);
    m_errorLabel->setObjectName(QStringLiteral("temporaryPasswordErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* cancelButton = new QPushButton(tr("Cancel"), this);
    cancelButton->setObjectName(QStringLiteral("cancelTemporaryPasswordButton"));
    m_okButton->setObjectName(QStringLiteral("confirmTemporaryPasswordButton"));
    m_okButton->setText(reset ? tr("Reset password") : tr("Reactivate"));
    Theme::makePrimary(m_okButton);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_okButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explain);
    layout->addWidget(new QLabel(tr("Temporary password"), this));
    layout->addWidget(m_passwordEdit);
    layout->addWidget(show);
    layout->addWidget(m_feedback);
    layout->addWidget(m_errorLabel);
    layout->addStretch();
    layout->addLayout(buttons);

    connect(cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_okButton, &QPushButton::clicked, this, &TemporaryPasswordDialog::accept);
    connect(m_passwordEdit, &QLineEdit::textChanged, this, &TemporaryPasswordDialog::updateState);
    updateState();
}

TemporaryPasswordDialog::~TemporaryPasswordDialog()
{
    m_passwordEdit->clear();
}

void TemporaryPasswordDialog::updateState()
{
    m_feedback->evaluate(m_passwordEdit->text());
    m_okButton->setEnabled(m_feedback->isAccepted());
    Theme::setMessage(m_errorLabel, QString());
}

void TemporaryPasswordDialog::accept()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    QString typed = m_passwordEdit->text();
    QByteArray password = typed.toUtf8();
    wipeString(typed);
    StaffAccounts accounts(*session);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const VoidResult done = m_mode == Mode::ResetPassword ? accounts.resetPassword(m_staff.id, password)
                                                          : accounts.reactivate(m_staff.id, password);
    QApplication::restoreOverrideCursor();
    wipeBytes(password);
    if (!done) {
        Theme::setMessage(m_errorLabel, done.errorMessage());
        return;
    }
    qCInfo(lcUi) << (m_mode == Mode::ResetPassword ? "password reset, staff" : "account reactivated, staff")
                 << m_staff.id;
    m_passwordEdit->clear();
    QDialog::accept();
}

} // namespace Acorn
