#include "ChangePasswordPage.h"

#include "PasswordFeedback.h"
#include "Theme.h"
#include "UiLogging.h"
#include "auth/PasswordPolicy.h"
#include "auth/Session.h"
#include "auth/StaffAccounts.h"
#include "crypto/SecureBuffer.h"
#include "lock/LockController.h"

#include <QApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

ChangePasswordPage::ChangePasswordPage(LockController& lock, bool forced, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_forced(forced)
    , m_currentEdit(new QLineEdit(this))
    , m_newEdit(new QLineEdit(this))
    , m_confirmEdit(new QLineEdit(this))
    , m_feedback(new PasswordFeedback(this))
    , m_matchLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_changeButton(new QPushButton(tr("Change my password"), this))
    , m_cancelButton(new QPushButton(forced ? tr("Sign out") : tr("Cancel"), this))
{
    setObjectName(QStringLiteral("changePasswordPage"));

    auto* title = new QLabel(forced ? tr("Choose a new password") : tr("Change my password"), this);
    Theme::makeTitle(title);
    auto* why = new QLabel(this);
    why->setObjectName(QStringLiteral("changePasswordReasonLabel"));
    Theme::makeHint(why);

    const Session* session = m_lock.session();
    if (session) {
        const auto policy = session->passwordPolicy();
        m_feedback->setPolicy(policy);
        m_feedback->setPerson(session->staff().userName, session->staff().displayName);
        if (forced && session->staff().mustChangePassword)
            why->setText(tr("You signed in with a temporary password. Choose your own before you carry on; only "
                            "you will know it."));
        else if (forced)
            why->setText(tr("Your password is more than %1 days old. The nursery's policy asks for a new one now.")
                             .arg(policy.expiryDays));
        else
            why->setText(policy.summary());
    }

    for (QLineEdit* edit : {m_currentEdit, m_newEdit, m_confirmEdit})
        edit->setEchoMode(QLineEdit::Password);
    m_currentEdit->setObjectName(QStringLiteral("currentPasswordEdit"));
    m_newEdit->setObjectName(QStringLiteral("newPasswordEdit"));
    m_confirmEdit->setObjectName(QStringLiteral("confirmPasswordEdit"));
    m_matchLabel->setObjectName(QStringLiteral("passwordMatchLabel"));
    Theme::makeHint(m_matchLabel);
    m_errorLabel->setObjectName(QStringLiteral("changePasswordErrorLabel"));
    Theme::makeError(m_errorLabel);
    m_changeButton->setObjectName(QStringLiteral("changePasswordButton"));
    Theme::makePrimary(m_changeButton);
    m_cancelButton->setObjectName(forced ? QStringLiteral("signOutButton")
                                         : QStringLiteral("cancelChangePasswordButton"));

    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->addRow(forced ? tr("The password you signed in with") : tr("Current password"), m_currentEdit);
    form->addRow(tr("New password"), m_newEdit);
    form->addRow(m_feedback);
    form->addRow(tr("New password again"), m_confirmEdit);
    form->addRow(m_matchLabel);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_changeButton);

    auto* column = new QWidget(this);
    column->setMaximumWidth(600);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->addStretch(1);
    columnLayout->addWidget(title);
    columnLayout->addWidget(why);
    columnLayout->addSpacing(8);
    columnLayout->addLayout(form);
    columnLayout->addWidget(m_errorLabel);
    columnLayout->addLayout(buttons);
    columnLayout->addStretch(2);

    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(column, 3);
    outer->addStretch(1);

    connect(m_newEdit, &QLineEdit::textChanged, this, &ChangePasswordPage::updateState);
    connect(m_confirmEdit, &QLineEdit::textChanged, this, &ChangePasswordPage::updateState);
    connect(m_currentEdit, &QLineEdit::textChanged, this, &ChangePasswordPage::updateState);
    connect(m_confirmEdit, &QLineEdit::returnPressed, this, &ChangePasswordPage::submit);
    connect(m_changeButton, &QPushButton::clicked, this, &ChangePasswordPage::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        clearFields();
        if (m_forced)
            emit signOutRequested();
        else
            emit cancelled();
    });
    updateState();
}

ChangePasswordPage::~ChangePasswordPage()
{
    clearFields();
}

void ChangePasswordPage::clearFields()
{
    m_currentEdit->clear();
    m_newEdit->clear();
    m_confirmEdit->clear();
}

void ChangePasswordPage::updateState()
{
    m_feedback->evaluate(m_newEdit->text());
    if (m_confirmEdit->text().isEmpty())
        Theme::setMessage(m_matchLabel, QString());
    else if (m_confirmEdit->text() == m_newEdit->text())
        Theme::setMessage(m_matchLabel, tr("\u2713 The two passwords match"));
    else
        Theme::setMessage(m_matchLabel, tr("\u2717 The two new passwords are not the same yet"));
    m_changeButton->setEnabled(!m_currentEdit->text().isEmpty() && m_feedback->isAccepted()
                               && m_newEdit->text() == m_confirmEdit->text());
}

void ChangePasswordPage::submit()
{
    Session* session = m_lock.session();
    if (!session || !m_changeButton->isEnabled())
        return;
    QString currentText = m_currentEdit->text();
    QString newText = m_newEdit->text();
    QByteArray current = currentText.toUtf8();
    QByteArray fresh = newText.toUtf8();
    wipeString(currentText);
    wipeString(newText);

    QApplication::setOverrideCursor(Qt::WaitCursor);
    const VoidResult changed = StaffAccounts(*session).changeOwnPassword(current, fresh);
    QApplication::restoreOverrideCursor();
    wipeBytes(current);
    wipeBytes(fresh);
    if (!changed) {
        Theme::setMessage(m_errorLabel, changed.errorMessage());
        if (changed.code() == Error::Code::WrongPassword) {
            m_currentEdit->clear();
            m_currentEdit->setFocus();
        }
        return;
    }
    qCInfo(lcUi) << "own password changed, staff" << session->staff().id;
    clearFields();
    Theme::setMessage(m_errorLabel, QString());
    emit passwordChanged();
}

} // namespace Acorn
