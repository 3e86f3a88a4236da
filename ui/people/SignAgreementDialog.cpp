#include "people/SignAgreementDialog.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "people/Guardians.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Acorn {

SignAgreementDialog::SignAgreementDialog(LockController& lock, Guardian guardian, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_guardian(std::move(guardian))
    , m_signedNameEdit(new QLineEdit(this))
    , m_errorLabel(new QLabel(this))
    , m_recordButton(new QPushButton(tr("Record signature"), this))
{
    setObjectName(QStringLiteral("signAgreementDialog"));
    setWindowTitle(tr("%1 signs the agreement").arg(m_guardian.name));
    setMinimumWidth(640);

    Guardians::Agreement agreement;
    if (Session* session = m_lock.session())
        agreement = Guardians(*session).currentAgreement();
    m_version = agreement.version;

    auto* versionLabel = new QLabel(tr("The agreement, version %1").arg(agreement.version), this);
    versionLabel->setObjectName(QStringLiteral("agreementVersionLabel"));
    QFont bold = versionLabel->font();
    bold.setBold(true);
    versionLabel->setFont(bold);
    auto* text = new QTextBrowser(this);
    text->setObjectName(QStringLiteral("agreementTextView"));
    text->setPlainText(agreement.text);
    text->setMinimumHeight(140);
    auto* hint = new QLabel(tr("Ask %1 to sign the printed agreement first. Then type their name exactly as they "
                               "signed it.")
                                .arg(m_guardian.name),
                            this);
    hint->setTextFormat(Qt::PlainText);
    Theme::makeHint(hint);
    auto* nameLabel = new QLabel(tr("Name as signed"), this);
    m_signedNameEdit->setObjectName(QStringLiteral("signedNameEdit"));
    m_signedNameEdit->setMaxLength(200);
    nameLabel->setBuddy(m_signedNameEdit);
    m_errorLabel->setObjectName(QStringLiteral("signAgreementErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* cancelButton = new QPushButton(tr("Cancel"), this);
    cancelButton->setObjectName(QStringLiteral("cancelSignatureButton"));
    m_recordButton->setObjectName(QStringLiteral("recordSignatureButton"));
    Theme::makePrimary(m_recordButton);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_recordButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(versionLabel);
    layout->addWidget(text, 1);
    layout->addWidget(hint);
    layout->addWidget(nameLabel);
    layout->addWidget(m_signedNameEdit);
    layout->addWidget(m_errorLabel);
    layout->addLayout(buttons);

    const auto update = [this] {
        m_recordButton->setEnabled(!m_signedNameEdit->text().trimmed().isEmpty());
    };
    connect(m_signedNameEdit, &QLineEdit::textChanged, this, update);
    connect(cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_recordButton, &QPushButton::clicked, this, &SignAgreementDialog::accept);
    update();
}

void SignAgreementDialog::accept()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    if (auto recorded = Guardians(*session).recordAgreement(m_guardian.id, m_signedNameEdit->text()); !recorded) {
        Theme::setMessage(m_errorLabel, recorded.errorMessage());
        return;
    }
    qCInfo(lcUi) << "agreement signature recorded for guardian" << m_guardian.id;
    QDialog::accept();
}

} // namespace Acorn
