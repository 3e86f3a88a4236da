#include "setup/ManagerAccountWizardPage.h"

#include "PasswordFeedback.h"
#include "Theme.h"
#include "crypto/SecureBuffer.h"

#include <QApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Acorn {

ManagerAccountWizardPage::ManagerAccountWizardPage(CreateFunction create, QWidget* parent)
    : QWizardPage(parent)
    , m_create(std::move(create))
    , m_nameEdit(new QLineEdit(this))
    , m_userNameEdit(new QLineEdit(this))
    , m_passwordEdit(new QLineEdit(this))
    , m_confirmEdit(new QLineEdit(this))
    , m_feedback(new PasswordFeedback(this))
    , m_matchLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("managerAccountPage"));
    setTitle(tr("The first manager"));
    setSubTitle(tr("This is you, or whoever runs the nursery. The manager adds the other staff afterwards."));
    setCommitPage(true);

    m_nameEdit->setObjectName(QStringLiteral("managerNameEdit"));
    m_nameEdit->setPlaceholderText(tr("First and last name"));
    m_userNameEdit->setObjectName(QStringLiteral("managerUserNameEdit"));
    m_userNameEdit->setPlaceholderText(tr("For example: sam.jones"));
    m_userNameEdit->setMaxLength(40);
    m_passwordEdit->setObjectName(QStringLiteral("managerPasswordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_confirmEdit->setObjectName(QStringLiteral("managerConfirmPasswordEdit"));
    m_confirmEdit->setEchoMode(QLineEdit::Password);
    m_matchLabel->setObjectName(QStringLiteral("passwordMatchLabel"));
    Theme::makeHint(m_matchLabel);
    m_errorLabel->setObjectName(QStringLiteral("setupErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->addRow(tr("Name"), m_nameEdit);
    form->addRow(tr("User name"), m_userNameEdit);
    form->addRow(tr("Password"), m_passwordEdit);
    form->addRow(tr("Password again"), m_confirmEdit);
    form->addRow(QString(), m_matchLabel);
    form->addRow(QString(), m_feedback);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addStretch();

    connect(m_nameEdit, &QLineEdit::textChanged, this, [this] {
        suggestUserName();
        updateFeedback();
    });
    connect(m_userNameEdit, &QLineEdit::textEdited, this, [this] { m_userNameEdited = true; });
    connect(m_userNameEdit, &QLineEdit::textChanged, this, &ManagerAccountWizardPage::updateFeedback);
    connect(m_passwordEdit, &QLineEdit::textChanged, this, &ManagerAccountWizardPage::updateFeedback);
    connect(m_confirmEdit, &QLineEdit::textChanged, this, &ManagerAccountWizardPage::updateFeedback);
    updateFeedback();
}

void ManagerAccountWizardPage::initializePage()
{
    const bool passphrase = field(QStringLiteral("passphrasePolicy")).toBool();
    m_feedback->setPolicy(passphrase ? PasswordPolicy::passphraseDefault() : PasswordPolicy::nurseryDefault());
    updateFeedback();
}

QString ManagerAccountWizardPage::userName() const
{
    return m_userNameEdit->text().trimmed();
}

void ManagerAccountWizardPage::suggestUserName()
{
    if (m_userNameEdited)
        return;
    // "Sam Jones" -> "sam.jones": only letters and digits survive, so the suggestion is always a valid user name.
    QStringList parts = m_nameEdit->text().toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString& part : parts)
        part.remove(QRegularExpression(QStringLiteral("[^a-z0-9]")));
    parts.removeAll(QString());
    m_userNameEdit->setText(parts.join(QLatin1Char('.')).left(40));
}

void ManagerAccountWizardPage::updateFeedback()
{
    m_feedback->setPerson(userName(), m_nameEdit->text().trimmed());
    m_feedback->evaluate(m_passwordEdit->text());
    if (m_confirmEdit->text().isEmpty())
        Theme::setMessage(m_matchLabel, QString());
    else if (m_confirmEdit->text() == m_passwordEdit->text())
        Theme::setMessage(m_matchLabel, tr("\u2713 The two passwords match"));
    else
        Theme::setMessage(m_matchLabel, tr("\u2717 The two passwords are not the same yet"));
    if (!userName().isEmpty() && !NurserySetup::isValidUserName(userName()))
        Theme::setMessage(m_errorLabel,
                          tr("A user name has 2 to 40 letters or digits (and may contain . - _), "
                             "with no spaces."));
    else
        Theme::setMessage(m_errorLabel, QString());
    emit completeChanged();
}

bool ManagerAccountWizardPage::isComplete() const
{
    return !m_nameEdit->text().trimmed().isEmpty() && NurserySetup::isValidUserName(userName())
        && m_feedback->isAccepted() && m_passwordEdit->text() == m_confirmEdit->text();
}

bool ManagerAccountWizardPage::validatePage()
{
    NurserySetup::Request request;
    request.nurseryName = field(QStringLiteral("nurseryName")).toString();
    request.managerDisplayName = m_nameEdit->text().trimmed();
    request.managerUserName = userName();
    request.managerPassword = m_passwordEdit->text().toUtf8();
    request.policy = field(QStringLiteral("passphrasePolicy")).toBool() ? PasswordPolicy::Kind::Passphrase
                                                                        : PasswordPolicy::Kind::Nursery;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const VoidResult created = m_create(request);
    QApplication::restoreOverrideCursor();
    wipeBytes(request.managerPassword);
    if (!created) {
        Theme::setMessage(m_errorLabel, created.errorMessage());
        return false;
    }
    m_passwordEdit->clear();
    m_confirmEdit->clear();
    return true;
}

} // namespace Acorn
