#include "people/ChildrenPanel.h"

#include "Theme.h"
#include "auth/Session.h"
#include "auth/StaffRepository.h"
#include "lock/LockController.h"
#include "people/ChildEditorDialog.h"
#include "people/Children.h"
#include "people/ChildrenTableModel.h"
#include "people/PhotoConsentDialog.h"
#include "people/Rooms.h"
#include "people/TableLook.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Acorn {

ChildrenPanel::ChildrenPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_model(new ChildrenTableModel(this))
    , m_table(new QTableView(this))
    , m_addButton(new QPushButton(tr("Add a child"), this))
    , m_editButton(new QPushButton(tr("Edit"), this))
    , m_consentButton(new QPushButton(tr("Record photo consent"), this))
    , m_showLeftCheckBox(new QCheckBox(tr("Show children who have left"), this))
    , m_statusLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("childrenPanel"));
    m_addButton->setObjectName(QStringLiteral("addChildButton"));
    Theme::makePrimary(m_addButton);
    m_addButton->setDefault(false);
    m_editButton->setObjectName(QStringLiteral("editChildButton"));
    m_consentButton->setObjectName(QStringLiteral("recordConsentButton"));
    m_showLeftCheckBox->setObjectName(QStringLiteral("showLeftChildrenCheckBox"));

    m_table->setObjectName(QStringLiteral("childrenTable"));
    m_table->setModel(m_model);
    TableLook::apply(m_table, ChildrenTableModel::ConsentColumn);

    m_statusLabel->setObjectName(QStringLiteral("childrenStatusLabel"));
    Theme::makeSuccess(m_statusLabel);
    m_errorLabel->setObjectName(QStringLiteral("childrenErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addSpacing(16);
    buttons->addWidget(m_editButton);
    buttons->addWidget(m_consentButton);
    buttons->addStretch();
    buttons->addWidget(m_showLeftCheckBox);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_table, 1);

    connect(m_addButton, &QPushButton::clicked, this, &ChildrenPanel::addChild);
    connect(m_editButton, &QPushButton::clicked, this, &ChildrenPanel::editChild);
    connect(m_consentButton, &QPushButton::clicked, this, &ChildrenPanel::recordConsent);
    connect(m_showLeftCheckBox, &QCheckBox::toggled, this, &ChildrenPanel::refresh);
    connect(m_table, &QTableView::doubleClicked, this, &ChildrenPanel::editChild);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ChildrenPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ChildrenPanel::updateButtons);

    refresh();
}

void ChildrenPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void ChildrenPanel::refresh()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const Child* current = selectedChild();
    const QString selected = current ? current->id : QString();
    QHash<QString, QString> roomNames;
    for (const Room& room : Rooms(*session).visible())
        roomNames.insert(room.id, room.name);
    QHash<QString, QString> staffNames;
    for (const StaffMember& staff : StaffRepository(session->database()).all())
        staffNames.insert(staff.id, staff.displayName);
    m_model->setChildren(Children(*session).visible(m_showLeftCheckBox->isChecked()), roomNames, staffNames);
    for (int column :
         {ChildrenTableModel::NameColumn, ChildrenTableModel::PreferredNameColumn, ChildrenTableModel::BirthDateColumn,
          ChildrenTableModel::RoomColumn, ChildrenTableModel::StatusColumn})
        m_table->resizeColumnToContents(column);
    select(selected);
}

void ChildrenPanel::select(const QString& childId)
{
    const int row = m_model->rowOf(childId);
    if (row >= 0)
        m_table->selectRow(row);
    updateButtons();
}

const Child* ChildrenPanel::selectedChild() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->childAt(rows.first().row());
}

void ChildrenPanel::updateButtons()
{
    Session* session = m_lock.session();
    const Child* child = selectedChild();
    m_addButton->setEnabled(session && session->can(Action::ManageRoomsAndChildren));
    m_editButton->setEnabled(child && session && session->can(Action::ManageRoomsAndChildren));
    m_consentButton->setEnabled(child && session && session->can(Action::RecordPhotoConsent));
}

void ChildrenPanel::showResult(const QString& status, const QString& error)
{
    Theme::setMessage(m_statusLabel, status);
    Theme::setMessage(m_errorLabel, error);
}

void ChildrenPanel::addChild()
{
    // open(), not exec(): a lock can close the dialog at any moment and nothing waits on it.
    auto* dialog = new ChildEditorDialog(m_lock, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        refresh();
        select(dialog->savedChildId());
        showResult(tr("%1 added. Next, record the family's answer about photos: press Record photo consent.")
                       .arg(dialog->savedDisplayName()));
    });
    dialog->open();
}

void ChildrenPanel::editChild()
{
    const Child* child = selectedChild();
    if (!child)
        return;
    auto* dialog = new ChildEditorDialog(m_lock, *child, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        refresh();
        select(dialog->savedChildId());
        showResult(tr("Changes to %1's record saved.").arg(dialog->savedDisplayName()));
    });
    dialog->open();
}

void ChildrenPanel::recordConsent()
{
    const Child* child = selectedChild();
    if (!child)
        return;
    auto* dialog = new PhotoConsentDialog(m_lock, *child, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        refresh();
        select(dialog->childId());
        showResult(dialog->recordedConsent() == PhotoConsent::Yes
                       ? tr("Recorded: photos of %1 may appear in other children's journals.").arg(dialog->childName())
                       : tr("Recorded: photos of %1 appear only in their own journal.").arg(dialog->childName()));
    });
    dialog->open();
}

} // namespace Acorn
