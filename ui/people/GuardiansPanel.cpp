#include "people/GuardiansPanel.h"

#include "Theme.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "people/AgreementTextDialog.h"
#include "people/Children.h"
#include "people/GuardianEditorDialog.h"
#include "people/Guardians.h"
#include "people/GuardiansTableModel.h"
#include "people/LinkChildDialog.h"
#include "people/PortalInviteDialog.h"
#include "people/SignAgreementDialog.h"
#include "people/TableLook.h"
#include "sync/SyncClient.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Acorn {

GuardiansPanel::GuardiansPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_model(new GuardiansTableModel(this))
    , m_table(new QTableView(this))
    , m_agreementLabel(new QLabel(this))
    , m_changeAgreementButton(new QPushButton(tr("Change the agreement"), this))
    , m_addButton(new QPushButton(tr("Add a parent or carer"), this))
    , m_editButton(new QPushButton(tr("Edit"), this))
    , m_linkButton(new QPushButton(tr("Link to a child"), this))
    , m_signButton(new QPushButton(tr("Record signature"), this))
    , m_portalButton(new QPushButton(tr("Invite to the parent portal…"), this))
    , m_portalHint(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("guardiansPanel"));
    m_addButton->setObjectName(QStringLiteral("addGuardianButton"));
    Theme::makePrimary(m_addButton);
    m_addButton->setDefault(false);
    m_editButton->setObjectName(QStringLiteral("editGuardianButton"));
    m_linkButton->setObjectName(QStringLiteral("linkGuardianButton"));
    m_signButton->setObjectName(QStringLiteral("recordSignatureButton"));
    m_portalButton->setObjectName(QStringLiteral("invitePortalButton"));
    Theme::makeBig(m_portalButton);
    m_portalHint->setObjectName(QStringLiteral("portalInviteHintLabel"));
    m_portalHint->setWordWrap(true);
    Theme::makeHint(m_portalHint);
    m_changeAgreementButton->setObjectName(QStringLiteral("changeAgreementButton"));
    m_agreementLabel->setObjectName(QStringLiteral("agreementSummaryLabel"));
    m_agreementLabel->setWordWrap(true);
    m_agreementLabel->setTextFormat(Qt::PlainText);

    m_table->setObjectName(QStringLiteral("guardiansTable"));
    m_table->setModel(m_model);
    TableLook::apply(m_table, GuardiansTableModel::ChildrenColumn);

    m_statusLabel->setObjectName(QStringLiteral("guardiansStatusLabel"));
    Theme::makeSuccess(m_statusLabel);
    m_errorLabel->setObjectName(QStringLiteral("guardiansErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* agreementBar = new QFrame(this);
    agreementBar->setObjectName(QStringLiteral("agreementBar"));
    agreementBar->setStyleSheet(QStringLiteral("#agreementBar { background: #f4f7f4; border: 1px solid #c9d6cb; "
                                               "border-radius: 6px; }"));
    auto* agreementLayout = new QHBoxLayout(agreementBar);
    agreementLayout->addWidget(m_agreementLabel, 1);
    agreementLayout->addWidget(m_changeAgreementButton);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addSpacing(16);
    buttons->addWidget(m_editButton);
    buttons->addWidget(m_linkButton);
    buttons->addWidget(m_signButton);
    buttons->addStretch();
    // On a row of its own, with the reason beside it when it cannot be used yet.
    auto* portalRow = new QHBoxLayout;
    portalRow->addWidget(m_portalButton);
    portalRow->addWidget(m_portalHint, 1);
    portalRow->addStretch(); // only while the hint is hidden: the button keeps its own width

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(agreementBar);
    layout->addLayout(buttons);
    layout->addLayout(portalRow);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_table, 1);

    connect(m_addButton, &QPushButton::clicked, this, &GuardiansPanel::addGuardian);
    connect(m_editButton, &QPushButton::clicked, this, &GuardiansPanel::editGuardian);
    connect(m_linkButton, &QPushButton::clicked, this, &GuardiansPanel::linkChild);
    connect(m_signButton, &QPushButton::clicked, this, &GuardiansPanel::recordSignature);
    connect(m_changeAgreementButton, &QPushButton::clicked, this, &GuardiansPanel::changeAgreement);
    connect(m_portalButton, &QPushButton::clicked, this, &GuardiansPanel::inviteToPortal);
    connect(m_table, &QTableView::doubleClicked, this, &GuardiansPanel::editGuardian);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &GuardiansPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &GuardiansPanel::updateButtons);

    refresh();
}

void GuardiansPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void GuardiansPanel::refresh()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QString selected = selectedGuardianId();
    Guardians guardians(*session);
    const Guardians::Agreement agreement = guardians.currentAgreement();
    QHash<QString, QString> childNames;
    for (const Child& child : Children(*session).visible(true))
        childNames.insert(child.id, child.displayName());

    QList<GuardiansTableModel::Row> rows;
    int signedCurrent = 0;
    const QList<Guardian> all = guardians.all();
    for (const Guardian& guardian : all) {
        GuardiansTableModel::Row row;
        row.guardian = guardian;
        QStringList children;
        QString why;
        const auto links = guardians.linksOfGuardian(guardian.id);
        for (const GuardianLink& link : links) {
            children << tr("%1 (%2)").arg(childNames.value(link.childId, tr("a child")), link.relationship.toLower());
            if (why.isEmpty())
                why = guardians.whyNoAccess(guardian.id, link.childId);
        }
        row.children = children.join(QStringLiteral(", "));
        if (guardian.agreementVersion <= 0) {
            row.agreement = tr("Not signed");
        } else {
            row.agreement = tr("Version %1 on %2")
                                .arg(guardian.agreementVersion)
                                .arg(QLocale().toString(guardian.agreementSignedAt.toLocalTime().date(),
                                                        QStringLiteral("d MMM yyyy")));
        }
        if (guardian.agreementVersion >= agreement.version)
            ++signedCurrent;
        row.hasAccess = !links.isEmpty() && why.isEmpty();
        if (links.isEmpty())
            row.access = tr("No — not linked to a child yet");
        else if (row.hasAccess)
            row.access = tr("Yes");
        else
            row.access = tr("No. %1").arg(why);
        rows.append(row);
    }
    m_model->setRows(rows);
    for (int column : {GuardiansTableModel::NameColumn, GuardiansTableModel::AgreementColumn})
        m_table->resizeColumnToContents(column);
    m_agreementLabel->setText(tr("The agreement is at version %1. %2 of %3 parents and carers have signed it.")
                                  .arg(agreement.version)
                                  .arg(signedCurrent)
                                  .arg(all.size()));
    select(selected);
}

void GuardiansPanel::select(const QString& guardianId)
{
    const int row = m_model->rowOf(guardianId);
    if (row >= 0)
        m_table->selectRow(row);
    updateButtons();
}

QString GuardiansPanel::selectedGuardianId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    const GuardiansTableModel::Row* row = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    return row ? row->guardian.id : QString();
}

void GuardiansPanel::updateButtons()
{
    Session* session = m_lock.session();
    const bool manage = session && session->can(Action::ManageGuardians);
    const bool selected = !selectedGuardianId().isEmpty();
    m_addButton->setEnabled(manage);
    m_changeAgreementButton->setEnabled(manage);
    m_editButton->setEnabled(manage && selected);
    m_linkButton->setEnabled(manage && selected);
    m_signButton->setEnabled(manage && selected);

    // The portal button says why it cannot be used rather than failing when pressed.
    QString why;
    if (!manage) {
        why = tr("Only managers and administrators can invite parents and carers to the portal.");
    } else if (const auto link = SyncClient::link(*session); !link || !link.value().isEnrolled()) {
        why = tr("Invitations go through the nursery's server: connect this device first (Settings → This device).");
    } else if (!selected) {
        why = tr("Choose a parent or carer in the list.");
    } else if (Guardians(*session).linksOfGuardian(selectedGuardianId()).isEmpty()) {
        why = tr("Link them to their child first: an invitation is for a child's journal.");
    }
    m_portalButton->setEnabled(why.isEmpty());
    m_portalButton->setToolTip(why);
    Theme::setMessage(m_portalHint, why);
}

void GuardiansPanel::showResult(const QString& status, const QString& error)
{
    Theme::setMessage(m_statusLabel, status);
    Theme::setMessage(m_errorLabel, error);
}

void GuardiansPanel::addGuardian()
{
    // open(), not exec(): a lock can close the dialog at any moment and nothing waits on it.
    auto* dialog = new GuardianEditorDialog(m_lock, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        refresh();
        select(dialog->savedGuardianId());
        showResult(tr("%1 added. Next, link them to their child.").arg(dialog->savedName()));
    });
    dialog->open();
}

void GuardiansPanel::editGuardian()
{
    Session* session = m_lock.session();
    const auto guardian = session ? Guardians(*session).byId(selectedGuardianId()) : std::nullopt;
    if (!guardian)
        return;
    auto* dialog = new GuardianEditorDialog(m_lock, *guardian, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        refresh();
        select(dialog->savedGuardianId());
        showResult(tr("Changes to %1 saved.").arg(dialog->savedName()));
    });
    dialog->open();
}

void GuardiansPanel::linkChild()
{
    Session* session = m_lock.session();
    const auto guardian = session ? Guardians(*session).byId(selectedGuardianId()) : std::nullopt;
    if (!guardian)
        return;
    auto* dialog = new LinkChildDialog(m_lock, *guardian, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString name = guardian->name;
    connect(dialog, &QDialog::accepted, this, [this, dialog, name] {
        refresh();
        select(dialog->guardianId());
        if (dialog->recordedConsentOnTheWay()) {
            showResult(tr("Photo consent for %1 recorded, and %2 linked to %1.").arg(dialog->linkedChildName(), name));
        } else {
            showResult(tr("%1 linked to %2.").arg(name, dialog->linkedChildName()));
        }
    });
    dialog->open();
}

void GuardiansPanel::recordSignature()
{
    Session* session = m_lock.session();
    const auto guardian = session ? Guardians(*session).byId(selectedGuardianId()) : std::nullopt;
    if (!guardian)
        return;
    auto* dialog = new SignAgreementDialog(m_lock, *guardian, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        refresh();
        select(dialog->guardianId());
        showResult(tr("%1 signed version %2 of the agreement.").arg(dialog->guardianName()).arg(dialog->version()));
    });
    dialog->open();
}

void GuardiansPanel::changeAgreement()
{
    auto* dialog = new AgreementTextDialog(m_lock, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        refresh();
        showResult(tr("The agreement is now version %1. Parents and carers see the journal again once they have "
                      "signed it.")
                       .arg(dialog->savedVersion()));
    });
    dialog->open();
}

void GuardiansPanel::inviteToPortal()
{
    Session* session = m_lock.session();
    const auto guardian = session ? Guardians(*session).byId(selectedGuardianId()) : std::nullopt;
    if (!guardian || !m_portalButton->isEnabled())
        return;
    auto* dialog = new PortalInviteDialog(m_lock, *guardian, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace Acorn
