#include "people/GuardianEditorDialog.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "people/Guardians.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

GuardianEditorDialog::GuardianEditorDialog(LockController& lock, std::optional<Guardian> guardian, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_guardian(std::move(guardian))
    , m_nameEdit(new QLineEdit(this))
    , m_emailEdit(new QLineEdit(this))
    , m_errorLabel(new QLabel(this))
    , m_saveButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("guardianEditorDialog"));
    setWindowTitle(isNewGuardian() ? tr("Add a parent or carer") : tr("Edit %1").arg(m_guardian->name));
    setMinimumWidth(560);

    m_nameEdit->setObjectName(QStringLiteral("guardianNameEdit"));
    m_nameEdit->setMaxLength(200);
    m_nameEdit->setPlaceholderText(tr("First and last name"));
    m_emailEdit->setObjectName(QStringLiteral("guardianEmailEdit"));
    m_emailEdit->setMaxLength(200);
    m_emailEdit->setPlaceholderText(tr("For the journal's sign-in (optional for now)"));
    m_errorLabel->setObjectName(QStringLiteral("guardianEditorErrorLabel"));
    Theme::makeError(m_errorLabel);
    if (m_guardian) {
        m_nameEdit->setText(m_guardian->name);
        m_emailEdit->setText(m_guardian->email);
    }

    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->addRow(tr("Name"), m_nameEdit);
    form->addRow(tr("Email"), m_emailEdit);

    auto* cancelButton = new QPushButton(tr("Cancel"), this);
    cancelButton->setObjectName(QStringLiteral("cancelGuardianButton"));
    m_saveButton->setObjectName(QStringLiteral("saveGuardianButton"));
    m_saveButton->setText(isNewGuardian() ? tr("Add") : tr("Save changes"));
    Theme::makePrimary(m_saveButton);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_saveButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addStretch();
    layout->addLayout(buttons);

    const auto update = [this] {
        m_saveButton->setEnabled(!m_nameEdit->text().trimmed().isEmpty());
    };
    connect(m_nameEdit, &QLineEdit::textChanged, this, update);
    connect(cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &GuardianEditorDialog::accept);
    update();
}

void GuardianEditorDialog::accept()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    Guardians guardians(*session);
    const QString name = m_nameEdit->text().trimmed();
    const QString email = m_emailEdit->text().trimmed();
    if (m_guardian) {
        Guardian changed = *m_guardian;
        changed.name = name;
        changed.email = email;
        if (auto updated = guardians.update(changed); !updated) {
            Theme::setMessage(m_errorLabel, updated.errorMessage());
            return;
        }
        m_savedGuardianId = changed.id;
    } else {
        auto created = guardians.create(name, email);
        if (!created) {
            Theme::setMessage(m_errorLabel, created.errorMessage());
            return;
        }
        m_savedGuardianId = created.value().id;
    }
    m_savedName = name;
    qCInfo(lcUi) << "guardian saved" << m_savedGuardianId;
    QDialog::accept();
}

} // namespace Acorn
