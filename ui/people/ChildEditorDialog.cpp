#include "people/ChildEditorDialog.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "auth/StaffRepository.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/OptionalDateEdit.h"
#include "people/Rooms.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Acorn {

namespace {
// A label above its field, so long labels and long names both fit on a tablet.
QWidget* labelled(const QString& text, QWidget* field, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* label = new QLabel(text, box);
    label->setBuddy(field);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(label);
    layout->addWidget(field);
    return box;
}
} // namespace

ChildEditorDialog::ChildEditorDialog(LockController& lock, std::optional<Child> child, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_child(std::move(child))
    , m_firstNameEdit(new QLineEdit(this))
    , m_lastNameEdit(new QLineEdit(this))
    , m_preferredNameEdit(new QLineEdit(this))
    , m_birthDateEdit(new OptionalDateEdit(this))
    , m_startDateEdit(new OptionalDateEdit(this))
    , m_leaveDateEdit(new OptionalDateEdit(this))
    , m_roomCombo(new QComboBox(this))
    , m_keyPersonCombo(new QComboBox(this))
    , m_statusCombo(new QComboBox(this))
    , m_errorLabel(new QLabel(this))
    , m_saveButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("childEditorDialog"));
    setWindowTitle(isNewChild() ? tr("Add a child") : tr("Edit %1's record").arg(m_child->displayName()));
    setMinimumWidth(760);
    Session* session = m_lock.session();

    m_firstNameEdit->setObjectName(QStringLiteral("childFirstNameEdit"));
    m_firstNameEdit->setMaxLength(100);
    m_lastNameEdit->setObjectName(QStringLiteral("childLastNameEdit"));
    m_lastNameEdit->setMaxLength(100);
    m_preferredNameEdit->setObjectName(QStringLiteral("childPreferredNameEdit"));
    m_preferredNameEdit->setMaxLength(100);
    m_preferredNameEdit->setPlaceholderText(tr("If different, e.g. Alfie for Alfred"));
    m_birthDateEdit->setObjectName(QStringLiteral("childBirthDateEdit"));
    m_startDateEdit->setObjectName(QStringLiteral("childStartDateEdit"));
    m_leaveDateEdit->setObjectName(QStringLiteral("childLeaveDateEdit"));
    m_roomCombo->setObjectName(QStringLiteral("childRoomCombo"));
    m_keyPersonCombo->setObjectName(QStringLiteral("childKeyPersonCombo"));
    m_statusCombo->setObjectName(QStringLiteral("childStatusCombo"));
    m_errorLabel->setObjectName(QStringLiteral("childEditorErrorLabel"));
    Theme::makeError(m_errorLabel);

    m_roomCombo->addItem(tr("No room yet"), QString());
    m_keyPersonCombo->addItem(tr("No key person yet"), QString());
    if (session) {
        for (const Room& room : Rooms(*session).visible())
            m_roomCombo->addItem(room.name, room.id);
        auto staff = StaffRepository(session->database()).all();
        std::sort(staff.begin(), staff.end(), [](const StaffMember& a, const StaffMember& b) {
            return a.displayName.localeAwareCompare(b.displayName) < 0;
        });
        for (const StaffMember& member : staff)
            if (member.active || (m_child && m_child->keyPersonId == member.id))
                m_keyPersonCombo->addItem(member.displayName, member.id);
    }
    for (ChildStatus status :
         {ChildStatus::Enrolling, ChildStatus::Active, ChildStatus::Left, ChildStatus::AwaitingDeletion})
        m_statusCombo->addItem(childStatusDisplayName(status), childStatusKey(status));

    if (m_child) {
        m_firstNameEdit->setText(m_child->firstName);
        m_lastNameEdit->setText(m_child->lastName);
        m_preferredNameEdit->setText(m_child->preferredName);
        m_birthDateEdit->setValue(m_child->dateOfBirth);
        m_startDateEdit->setValue(m_child->startDate);
        m_leaveDateEdit->setValue(m_child->leaveDate);
        m_roomCombo->setCurrentIndex(std::max(0, m_roomCombo->findData(m_child->roomId)));
        m_keyPersonCombo->setCurrentIndex(std::max(0, m_keyPersonCombo->findData(m_child->keyPersonId)));
        m_statusCombo->setCurrentIndex(m_statusCombo->findData(childStatusKey(m_child->status)));
    } else {
        m_statusCombo->setCurrentIndex(m_statusCombo->findData(childStatusKey(ChildStatus::Enrolling)));
    }

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(12);
    grid->addWidget(labelled(tr("First name"), m_firstNameEdit, this), 0, 0);
    grid->addWidget(labelled(tr("Family name"), m_lastNameEdit, this), 0, 1);
    grid->addWidget(labelled(tr("Known as (optional)"), m_preferredNameEdit, this), 1, 0);
    grid->addWidget(labelled(tr("Date of birth"), m_birthDateEdit, this), 1, 1);
    grid->addWidget(labelled(tr("Room"), m_roomCombo, this), 2, 0);
    grid->addWidget(labelled(tr("Key person"), m_keyPersonCombo, this), 2, 1);
    grid->addWidget(labelled(tr("Status"), m_statusCombo, this), 3, 0);
    grid->addWidget(labelled(tr("Start date"), m_startDateEdit, this), 3, 1);
    grid->addWidget(labelled(tr("Leaving date (if known)"), m_leaveDateEdit, this), 4, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    auto* consentHint = new QLabel(this);
    consentHint->setObjectName(QStringLiteral("childConsentHintLabel"));
    Theme::makeHint(consentHint);
    consentHint->setText(isNewChild() ? tr("Photo consent is recorded next, from the list of children.")
                                      : tr("Photo consent is recorded with its own button on the list of children."));

    auto* cancelButton = new QPushButton(tr("Cancel"), this);
    cancelButton->setObjectName(QStringLiteral("cancelChildButton"));
    m_saveButton->setObjectName(QStringLiteral("saveChildButton"));
    m_saveButton->setText(isNewChild() ? tr("Add child") : tr("Save changes"));
    Theme::makePrimary(m_saveButton);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_saveButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(consentHint);
    layout->addWidget(m_errorLabel);
    layout->addStretch();
    layout->addLayout(buttons);

    connect(cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &ChildEditorDialog::accept);
    for (QLineEdit* edit : {m_firstNameEdit, m_lastNameEdit})
        connect(edit, &QLineEdit::textChanged, this, &ChildEditorDialog::updateState);
    updateState();
}

void ChildEditorDialog::updateState()
{
    m_saveButton->setEnabled(!m_firstNameEdit->text().trimmed().isEmpty()
                             && !m_lastNameEdit->text().trimmed().isEmpty());
}

void ChildEditorDialog::accept()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    Child child = m_child.value_or(Child {});
    child.firstName = m_firstNameEdit->text().trimmed();
    child.lastName = m_lastNameEdit->text().trimmed();
    child.preferredName = m_preferredNameEdit->text().trimmed();
    child.dateOfBirth = m_birthDateEdit->value();
    child.startDate = m_startDateEdit->value();
    child.leaveDate = m_leaveDateEdit->value();
    child.roomId = m_roomCombo->currentData().toString();
    child.keyPersonId = m_keyPersonCombo->currentData().toString();
    child.status = childStatusFromKey(m_statusCombo->currentData().toString());

    Children children(*session);
    if (isNewChild()) {
        auto created = children.create(child);
        if (!created) {
            Theme::setMessage(m_errorLabel, created.errorMessage());
            return;
        }
        m_savedChildId = created.value().id;
    } else {
        if (auto updated = children.update(child); !updated) {
            Theme::setMessage(m_errorLabel, updated.errorMessage());
            return;
        }
        m_savedChildId = child.id;
    }
    m_savedDisplayName = child.displayName();
    qCInfo(lcUi) << "child record saved" << m_savedChildId;
    QDialog::accept();
}

} // namespace Acorn
