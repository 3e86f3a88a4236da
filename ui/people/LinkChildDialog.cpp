#include "people/LinkChildDialog.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/Guardians.h"
#include "people/PhotoConsentDialog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

LinkChildDialog::LinkChildDialog(LockController& lock, Guardian guardian, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_guardian(std::move(guardian))
    , m_childCombo(new QComboBox(this))
    , m_relationshipCombo(new QComboBox(this))
    , m_errorLabel(new QLabel(this))
    , m_consentButton(new QPushButton(this))
    , m_linkButton(new QPushButton(tr("Link"), this))
{
    setObjectName(QStringLiteral("linkChildDialog"));
    setWindowTitle(tr("Link %1 to a child").arg(m_guardian.name));
    setMinimumWidth(600);

    m_childCombo->setObjectName(QStringLiteral("linkChildCombo"));
    if (Session* session = m_lock.session())
        for (const Child& child : Children(*session).visible())
            m_childCombo->addItem(child.displayName(), child.id);
    m_relationshipCombo->setObjectName(QStringLiteral("relationshipCombo"));
    m_relationshipCombo->setEditable(true);
    m_relationshipCombo->setInsertPolicy(QComboBox::NoInsert);
    m_relationshipCombo->addItems({tr("Mother"), tr("Father"), tr("Parent"), tr("Carer"), tr("Grandparent"),
                                   tr("Foster carer"), tr("Step-parent")});
    m_relationshipCombo->setCurrentIndex(-1);
    m_relationshipCombo->lineEdit()->setPlaceholderText(tr("Mother, father, carer…"));

    auto* hint = new QLabel(tr("A parent or carer can be linked once the child's photo consent is recorded. They see "
                               "the journal only after signing the agreement."),
                            this);
    Theme::makeHint(hint);
    m_errorLabel->setObjectName(QStringLiteral("linkErrorLabel"));
    Theme::makeError(m_errorLabel);
    m_consentButton->setObjectName(QStringLiteral("recordConsentForLinkButton"));
    m_consentButton->hide();

    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->addRow(tr("Child"), m_childCombo);
    form->addRow(tr("How they are related"), m_relationshipCombo);

    auto* cancelButton = new QPushButton(tr("Cancel"), this);
    cancelButton->setObjectName(QStringLiteral("cancelLinkButton"));
    m_linkButton->setObjectName(QStringLiteral("linkChildButton"));
    Theme::makePrimary(m_linkButton);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_linkButton);

    auto* consentRow = new QHBoxLayout;
    consentRow->addWidget(m_consentButton);
    consentRow->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_errorLabel);
    layout->addLayout(consentRow);
    layout->addStretch();
    layout->addLayout(buttons);

    connect(cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_linkButton, &QPushButton::clicked, this, &LinkChildDialog::accept);
    connect(m_consentButton, &QPushButton::clicked, this, &LinkChildDialog::recordConsent);
    connect(m_relationshipCombo, &QComboBox::currentTextChanged, this, &LinkChildDialog::updateState);
    connect(m_childCombo, &QComboBox::currentIndexChanged, this, [this] {
        Theme::setMessage(m_errorLabel, QString());
        m_consentButton->hide();
        updateState();
    });
    updateState();
}

void LinkChildDialog::updateState()
{
    m_linkButton->setEnabled(m_childCombo->currentIndex() >= 0
                             && !m_relationshipCombo->currentText().trimmed().isEmpty());
}

void LinkChildDialog::accept()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QString childId = m_childCombo->currentData().toString();
    const VoidResult linked
        = Guardians(*session).link(m_guardian.id, childId, m_relationshipCombo->currentText().trimmed());
    if (!linked) {
        Theme::setMessage(m_errorLabel, linked.errorMessage());
        // The one refusal with a next step right here: the child's photo-consent decision is missing.
        const bool needsConsent
            = linked.code() == Error::Code::PolicyViolation && session->can(Action::RecordPhotoConsent);
        m_consentChildId = needsConsent ? childId : QString();
        m_consentButton->setText(tr("Record photo consent for %1 now").arg(m_childCombo->currentText()));
        m_consentButton->setVisible(needsConsent);
        adjustSize(); // room for the message and the button, without squeezing the form
        return;
    }
    m_linkedChildName = m_childCombo->currentText();
    qCInfo(lcUi) << "guardian" << m_guardian.id << "linked to child" << childId;
    QDialog::accept();
}

void LinkChildDialog::recordConsent()
{
    Session* session = m_lock.session();
    if (!session || m_consentChildId.isEmpty())
        return;
    const auto child = Children(*session).byId(m_consentChildId);
    if (!child)
        return;
    auto* dialog = new PhotoConsentDialog(m_lock, *child, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        m_recordedConsent = true;
        m_consentButton->hide();
        Theme::setMessage(m_errorLabel, QString());
        // What the person asked for in the first place: link now that the decision is recorded.
        accept();
    });
    dialog->open();
}

} // namespace Acorn
