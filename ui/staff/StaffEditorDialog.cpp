#include "staff/StaffEditorDialog.h"

#include "PasswordFeedback.h"
#include "Theme.h"
#include "UiLogging.h"
#include "auth/DraftStore.h"
#include "auth/NurserySetup.h"
#include "auth/Session.h"
#include "auth/StaffAccounts.h"
#include "crypto/SecureBuffer.h"
#include "lock/LockController.h"

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

StaffEditorDialog::StaffEditorDialog(LockController& lock, std::optional<StaffMember> staff, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_staff(std::move(staff))
    , m_draftBanner(new QFrame(this))
    , m_nameEdit(new QLineEdit(this))
    , m_userNameEdit(new QLineEdit(this))
    , m_roleCombo(new QComboBox(this))
    , m_passwordEdit(new QLineEdit(this))
    , m_feedback(new PasswordFeedback(this))
    , m_errorLabel(new QLabel(this))
    , m_saveButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("staffEditorDialog"));
    setWindowTitle(isNewAccount() ? tr("Add someone") : tr("Edit %1").arg(m_staff->displayName));
    setMinimumWidth(560);
    Session* session = m_lock.session();

    // "Continue where you left off", shown when a draft from before a lock is waiting.
    m_draftBanner->setObjectName(QStringLiteral("draftBanner"));
    m_draftBanner->setFrameShape(QFrame::StyledPanel);
    m_draftBanner->setStyleSheet(QStringLiteral("#draftBanner { background: #fff4ce; border: 1px solid #c8a400; }"));
    auto* draftLabel = new QLabel(tr("Acorn locked while you were filling this in. Your typing was kept (passwords "
                                     "are never kept)."),
                                  m_draftBanner);
    draftLabel->setWordWrap(true);
    auto* continueButton = new QPushButton(tr("Continue where you left off"), m_draftBanner);
    continueButton->setObjectName(QStringLiteral("continueDraftButton"));
    Theme::makePrimary(continueButton);
    continueButton->setDefault(false);
    auto* discardButton = new QPushButton(tr("Start again"), m_draftBanner);
    discardButton->setObjectName(QStringLiteral("discardDraftButton"));
    auto* bannerButtons = new QHBoxLayout;
    bannerButtons->addWidget(continueButton);
    bannerButtons->addWidget(discardButton);
    bannerButtons->addStretch();
    auto* bannerLayout = new QVBoxLayout(m_draftBanner);
    bannerLayout->addWidget(draftLabel);
    bannerLayout->addLayout(bannerButtons);
    m_draftBanner->hide();

    m_nameEdit->setObjectName(QStringLiteral("displayNameEdit"));
    m_nameEdit->setPlaceholderText(tr("First and last name"));
    m_userNameEdit->setObjectName(QStringLiteral("userNameEdit"));
    m_userNameEdit->setMaxLength(40);
    m_userNameEdit->setPlaceholderText(tr("For example: sam.jones"));
    m_roleCombo->setObjectName(QStringLiteral("roleCombo"));
    for (Role role : allRoles()) {
        if (role == Role::Administrator && !(session && session->can(Action::ManageAdministrators))
            && !(m_staff && m_staff->role == Role::Administrator))
            continue;
        m_roleCombo->addItem(roleDisplayName(role), roleKey(role));
    }
    m_passwordEdit->setObjectName(QStringLiteral("temporaryPasswordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    if (session)
        m_feedback->setPolicy(session->passwordPolicy());
    m_errorLabel->setObjectName(QStringLiteral("staffEditorErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->addRow(tr("Name"), m_nameEdit);
    form->addRow(tr("User name (for signing in)"), m_userNameEdit);
    form->addRow(tr("Role"), m_roleCombo);
    if (isNewAccount()) {
        auto* passwordHint = new QLabel(tr("They choose their own password the first time they sign in with this "
                                           "one. Tell it to them in person."),
                                        this);
        Theme::makeHint(passwordHint);
        form->addRow(tr("Temporary password"), m_passwordEdit);
        form->addRow(m_feedback);
        form->addRow(passwordHint);
    } else {
        m_passwordEdit->hide();
        m_feedback->hide();
        m_nameEdit->setText(m_staff->displayName);
        m_userNameEdit->setText(m_staff->userName);
        m_userNameEdit->setReadOnly(true);
        m_userNameEdit->setToolTip(tr("A user name cannot be changed."));
        m_roleCombo->setCurrentIndex(m_roleCombo->findData(roleKey(m_staff->role)));
        if (session && session->staff().id == m_staff->id) {
            m_roleCombo->setEnabled(false);
            m_roleCombo->setToolTip(tr("You cannot change your own role; ask another manager."));
        }
    }

    auto* cancelButton = new QPushButton(tr("Cancel"), this);
    cancelButton->setObjectName(QStringLiteral("cancelStaffButton"));
    m_saveButton->setObjectName(QStringLiteral("saveStaffButton"));
    m_saveButton->setText(isNewAccount() ? tr("Add account") : tr("Save changes"));
    Theme::makePrimary(m_saveButton);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_saveButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_draftBanner);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addStretch();
    layout->addLayout(buttons);

    connect(cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &StaffEditorDialog::accept);
    connect(continueButton, &QPushButton::clicked, this, &StaffEditorDialog::continueDraft);
    connect(discardButton, &QPushButton::clicked, this, &StaffEditorDialog::discardDraft);
    for (QLineEdit* edit : {m_nameEdit, m_userNameEdit, m_passwordEdit})
        connect(edit, &QLineEdit::textChanged, this, &StaffEditorDialog::updateState);

    offerDraft();
    updateState();
    m_lock.registerDraftSource(this);
}

StaffEditorDialog::~StaffEditorDialog()
{
    m_lock.unregisterDraftSource(this);
    m_passwordEdit->clear();
}

QString StaffEditorDialog::draftKey() const
{
    return m_staff ? m_staff->id : QStringLiteral("new");
}

bool StaffEditorDialog::isOfferingDraft() const
{
    return !m_draft.isEmpty() && !m_draftBanner->isHidden();
}

void StaffEditorDialog::offerDraft()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    const auto draft = drafts.load(QLatin1String(DraftKind), draftKey());
    if (!draft || draft->isEmpty())
        return;
    m_draft = *draft;
    m_draftBanner->show();
}

void StaffEditorDialog::continueDraft()
{
    const QJsonObject object = QJsonDocument::fromJson(m_draft).object();
    m_nameEdit->setText(object.value(QLatin1String("displayName")).toString());
    if (isNewAccount())
        m_userNameEdit->setText(object.value(QLatin1String("userName")).toString());
    const int role = m_roleCombo->findData(object.value(QLatin1String("role")).toString());
    if (role >= 0 && m_roleCombo->isEnabled())
        m_roleCombo->setCurrentIndex(role);
    m_draftBanner->hide();
    m_nameEdit->setFocus();
}

void StaffEditorDialog::discardDraft()
{
    if (Session* session = m_lock.session()) {
        DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
        (void)drafts.remove(QLatin1String(DraftKind), draftKey());
    }
    m_draft.clear();
    m_draftBanner->hide();
}

void StaffEditorDialog::saveDraft(DraftStore& drafts)
{
    // If the offered draft was never taken up, keep it rather than overwrite it with the empty form.
    if (isOfferingDraft())
        return;
    const QString name = m_nameEdit->text().trimmed();
    const QString userName = m_userNameEdit->text().trimmed();
    if (name.isEmpty() && userName.isEmpty() && (!m_staff || m_roleCombo->currentData() == roleKey(m_staff->role)))
        return;
    QJsonObject object;
    object.insert(QLatin1String("displayName"), name);
    object.insert(QLatin1String("userName"), userName);
    object.insert(QLatin1String("role"), m_roleCombo->currentData().toString());
    if (auto saved
        = drafts.save(QLatin1String(DraftKind), draftKey(), QJsonDocument(object).toJson(QJsonDocument::Compact));
        !saved)
        qCWarning(lcUi) << "could not keep the staff editor draft, code" << int(saved.code());
    else
        qCInfo(lcUi) << "staff editor draft kept";
}

void StaffEditorDialog::updateState()
{
    m_feedback->setPerson(m_userNameEdit->text().trimmed(), m_nameEdit->text().trimmed());
    m_feedback->evaluate(m_passwordEdit->text());
    const bool userNameOk = !isNewAccount() || NurserySetup::isValidUserName(m_userNameEdit->text().trimmed());
    m_saveButton->setEnabled(!m_nameEdit->text().trimmed().isEmpty() && userNameOk
                             && (!isNewAccount() || m_feedback->isAccepted()));
    if (isNewAccount() && !m_userNameEdit->text().trimmed().isEmpty() && !userNameOk)
        Theme::setMessage(m_errorLabel,
                          tr("A user name has 2 to 40 letters or digits (and may contain . - _), with no spaces."));
    else
        Theme::setMessage(m_errorLabel, QString());
}

void StaffEditorDialog::accept()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    Role role = Role::Practitioner;
    roleFromKey(m_roleCombo->currentData().toString(), &role);
    StaffAccounts accounts(*session);
    const QString name = m_nameEdit->text().trimmed();

    QApplication::setOverrideCursor(Qt::WaitCursor);
    VoidResult saved;
    if (isNewAccount()) {
        QString typed = m_passwordEdit->text();
        QByteArray password = typed.toUtf8();
        wipeString(typed);
        auto created = accounts.create(name, m_userNameEdit->text().trimmed(), role, password);
        wipeBytes(password);
        if (created) {
            m_savedStaffId = created.value().id;
        } else {
            saved = created.error();
        }
    } else {
        saved = accounts.update(m_staff->id, name, role);
        m_savedStaffId = m_staff->id;
    }
    QApplication::restoreOverrideCursor();
    if (!saved) {
        Theme::setMessage(m_errorLabel, saved.errorMessage());
        return;
    }
    m_savedDisplayName = name;
    m_passwordEdit->clear();
    DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    (void)drafts.remove(QLatin1String(DraftKind), draftKey());
    qCInfo(lcUi) << "staff account saved" << m_savedStaffId;
    QDialog::accept();
}

} // namespace Acorn
