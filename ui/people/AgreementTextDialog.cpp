#include "people/AgreementTextDialog.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "people/Guardians.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

AgreementTextDialog::AgreementTextDialog(LockController& lock, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_textEdit(new QPlainTextEdit(this))
    , m_errorLabel(new QLabel(this))
    , m_saveButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("agreementTextDialog"));
    setWindowTitle(tr("Change the agreement"));
    setMinimumWidth(700);

    Guardians::Agreement agreement;
    int signedNow = 0;
    if (Session* session = m_lock.session()) {
        Guardians guardians(*session);
        agreement = guardians.currentAgreement();
        for (const Guardian& guardian : guardians.all())
            if (guardian.agreementVersion >= agreement.version)
                ++signedNow;
    }
    m_currentText = agreement.text;
    const int next = agreement.version + 1;

    auto* label = new QLabel(tr("What parents and carers agree to (now version %1)").arg(agreement.version), this);
    m_textEdit->setObjectName(QStringLiteral("agreementTextEdit"));
    m_textEdit->setPlainText(agreement.text);
    m_textEdit->setMinimumHeight(160);
    label->setBuddy(m_textEdit);

    auto* warning = new QLabel(this);
    warning->setObjectName(QStringLiteral("newVersionWarningLabel"));
    warning->setWordWrap(true);
    warning->setTextFormat(Qt::PlainText);
    warning->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; border: 1px solid #c8a400; padding: 10px; }"));
    warning->setText(tr("Saving makes this version %1. Everyone must sign again: until they have signed version %1, "
                        "parents and carers cannot see their child's journal (%2 of them signed the current version).")
                         .arg(next)
                         .arg(signedNow));
    m_errorLabel->setObjectName(QStringLiteral("agreementErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* cancelButton = new QPushButton(tr("Cancel"), this);
    cancelButton->setObjectName(QStringLiteral("cancelAgreementButton"));
    m_saveButton->setObjectName(QStringLiteral("saveAgreementButton"));
    m_saveButton->setText(tr("Save as version %1").arg(next));
    Theme::makePrimary(m_saveButton);
    m_saveButton->setDefault(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_saveButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_textEdit, 1);
    layout->addWidget(warning);
    layout->addWidget(m_errorLabel);
    layout->addLayout(buttons);

    const auto update = [this] {
        const QString text = m_textEdit->toPlainText().trimmed();
        m_saveButton->setEnabled(!text.isEmpty() && text != m_currentText.trimmed());
    };
    connect(m_textEdit, &QPlainTextEdit::textChanged, this, update);
    connect(cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &AgreementTextDialog::accept);
    update();
}

void AgreementTextDialog::accept()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    auto saved = Guardians(*session).setAgreementText(m_textEdit->toPlainText());
    if (!saved) {
        Theme::setMessage(m_errorLabel, saved.errorMessage());
        return;
    }
    m_savedVersion = saved.value();
    qCInfo(lcUi) << "agreement text changed, version" << m_savedVersion;
    QDialog::accept();
}

} // namespace Acorn
