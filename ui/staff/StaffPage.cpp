#include "staff/StaffPage.h"

#include "Theme.h"
#include "auth/Session.h"
#include "auth/StaffAccounts.h"
#include "auth/StaffRepository.h"
#include "lock/LockController.h"
#include "staff/StaffEditorDialog.h"
#include "staff/StaffTableModel.h"
#include "staff/TemporaryPasswordDialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Acorn {

StaffPage::StaffPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_model(new StaffTableModel(this))
    , m_table(new QTableView(this))
    , m_addButton(new QPushButton(tr("Add someone"), this))
    , m_editButton(new QPushButton(tr("Edit"), this))
    , m_deactivateButton(new QPushButton(tr("Deactivate"), this))
    , m_reactivateButton(new QPushButton(tr("Reactivate"), this))
    , m_resetPasswordButton(new QPushButton(tr("Reset password"), this))
    , m_statusLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("staffPage"));
    m_addButton->setObjectName(QStringLiteral("addStaffButton"));
    Theme::makePrimary(m_addButton);
    m_addButton->setDefault(false);
    m_editButton->setObjectName(QStringLiteral("editStaffButton"));
    m_deactivateButton->setObjectName(QStringLiteral("deactivateStaffButton"));
    m_reactivateButton->setObjectName(QStringLiteral("reactivateStaffButton"));
    m_resetPasswordButton->setObjectName(QStringLiteral("resetPasswordButton"));

    m_table->setObjectName(QStringLiteral("staffTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(48); // a row is a touch target
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionResizeMode(StaffTableModel::NameColumn, QHeaderView::Stretch);
    m_table->setShowGrid(false);

    m_statusLabel->setObjectName(QStringLiteral("staffStatusLabel"));
    Theme::makeSuccess(m_statusLabel);
    m_errorLabel->setObjectName(QStringLiteral("staffErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addSpacing(16);
    buttons->addWidget(m_editButton);
    buttons->addWidget(m_resetPasswordButton);
    buttons->addWidget(m_deactivateButton);
    buttons->addWidget(m_reactivateButton);
    buttons->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_table, 1);

    connect(m_addButton, &QPushButton::clicked, this, &StaffPage::addStaff);
    connect(m_editButton, &QPushButton::clicked, this, &StaffPage::editStaff);
    connect(m_deactivateButton, &QPushButton::clicked, this, &StaffPage::deactivateStaff);
    connect(m_reactivateButton, &QPushButton::clicked, this, &StaffPage::reactivateStaff);
    connect(m_resetPasswordButton, &QPushButton::clicked, this, &StaffPage::resetPassword);
    connect(m_table, &QTableView::doubleClicked, this, &StaffPage::editStaff);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &StaffPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StaffPage::updateButtons);

    refresh();
}

void StaffPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void StaffPage::refresh()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QString selected = selectedStaff() ? selectedStaff()->id : QString();
    m_model->setStaff(StaffRepository(session->database()).all());
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(StaffTableModel::NameColumn, QHeaderView::Stretch);
    select(selected);
}

void StaffPage::select(const QString& staffId)
{
    const int row = m_model->rowOf(staffId);
    if (row >= 0)
        m_table->selectRow(row);
    updateButtons();
}

const StaffMember* StaffPage::selectedStaff() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->staffAt(rows.first().row());
}

void StaffPage::updateButtons()
{
    Session* session = m_lock.session();
    const bool manage = session && session->can(Action::ManageStaffAccounts);
    const StaffMember* staff = selectedStaff();
    // An administrator's account is only for administrators to touch (core refuses it anyway).
    const bool touchable
        = staff && (staff->role != Role::Administrator || (session && session->can(Action::ManageAdministrators)));
    const bool self = staff && session && staff->id == session->staff().id;
    m_addButton->setVisible(manage);
    m_editButton->setVisible(manage);
    m_resetPasswordButton->setVisible(manage);
    m_deactivateButton->setVisible(manage);
    m_reactivateButton->setVisible(manage);
    m_editButton->setEnabled(touchable);
    m_resetPasswordButton->setEnabled(touchable && staff->active && !self);
    m_deactivateButton->setEnabled(touchable && staff->active && !self);
    m_reactivateButton->setEnabled(touchable && !staff->active);
}

void StaffPage::showResult(const QString& status, const QString& error)
{
    m_statusLabel->setText(status);
    m_statusLabel->setVisible(!status.isEmpty());
    Theme::setMessage(m_errorLabel, error);
}

void StaffPage::addStaff()
{
    // open(), not exec(): a lock can close the dialog at any moment and nothing waits on it.
    auto* dialog = new StaffEditorDialog(m_lock, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        refresh();
        select(dialog->savedStaffId());
        showResult(tr("Account added for %1. They choose their own password when they first sign in.")
                       .arg(dialog->savedDisplayName()));
    });
    dialog->open();
}

void StaffPage::editStaff()
{
    const StaffMember* staff = selectedStaff();
    if (!staff)
        return;
    auto* dialog = new StaffEditorDialog(m_lock, *staff, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        refresh();
        select(dialog->savedStaffId());
        showResult(tr("Changes to %1's account saved.").arg(dialog->savedDisplayName()));
    });
    dialog->open();
}

void StaffPage::deactivateStaff()
{
    const StaffMember* staff = selectedStaff();
    if (!staff)
        return;
    const QString id = staff->id;
    const QString name = staff->displayName;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Deactivate account"),
                                tr("Deactivate %1's account? They will not be able to sign in. Everything they "
                                   "wrote stays in the journal, and you can reactivate the account later.")
                                    .arg(name),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDeactivateBox"));
    auto* confirm = box->addButton(tr("Deactivate"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmDeactivateButton"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, confirm, id, name] {
        if (box->clickedButton() != confirm)
            return;
        Session* session = m_lock.session();
        if (!session)
            return;
        const VoidResult done = StaffAccounts(*session).deactivate(id);
        refresh();
        if (done)
            showResult(tr("%1's account is deactivated.").arg(name));
        else
            showResult(QString(), done.errorMessage());
    });
    box->open();
}

void StaffPage::reactivateStaff()
{
    const StaffMember* staff = selectedStaff();
    if (!staff)
        return;
    auto* dialog = new TemporaryPasswordDialog(m_lock, *staff, TemporaryPasswordDialog::Mode::Reactivate, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString name = staff->displayName;
    connect(dialog, &QDialog::accepted, this, [this, name] {
        refresh();
        showResult(tr("%1's account is active again.").arg(name));
    });
    dialog->open();
}

void StaffPage::resetPassword()
{
    const StaffMember* staff = selectedStaff();
    if (!staff)
        return;
    auto* dialog = new TemporaryPasswordDialog(m_lock, *staff, TemporaryPasswordDialog::Mode::ResetPassword, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString name = staff->displayName;
    connect(dialog, &QDialog::accepted, this, [this, name] {
        refresh();
        showResult(tr("%1's password is reset. Tell them the temporary password in person.").arg(name));
    });
    dialog->open();
}

} // namespace Acorn
