#include "audit/AuditLogPage.h"

#include "Clock.h"
#include "Theme.h"
#include "audit/AuditLogModel.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "auth/StaffRepository.h"
#include "lock/LockController.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Acorn {

namespace {
constexpr int MaxRows = 5000;
}

AuditLogPage::AuditLogPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_model(new AuditLogModel(this))
    , m_table(new QTableView(this))
    , m_fromEdit(new QDateEdit(this))
    , m_toEdit(new QDateEdit(this))
    , m_actionCombo(new QComboBox(this))
    , m_countLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("auditLogPage"));

    const QDate today = m_lock.clock().now().toLocalTime().date();
    for (QDateEdit* edit : {m_fromEdit, m_toEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        edit->setMaximumDate(today.addYears(1));
    }
    m_fromEdit->setObjectName(QStringLiteral("auditFromDateEdit"));
    m_toEdit->setObjectName(QStringLiteral("auditToDateEdit"));
    m_fromEdit->setDate(today.addDays(-30));
    m_toEdit->setDate(today);

    m_actionCombo->setObjectName(QStringLiteral("auditActionCombo"));
    m_actionCombo->addItem(tr("Everything"), QString());
    const char* const actions[] = {
        AuditLog::SignIn,
        AuditLog::SignInFailed,
        AuditLog::Lock,
        AuditLog::Unlock,
        AuditLog::SignOut,
        AuditLog::AccountCreated,
        AuditLog::AccountChanged,
        AuditLog::AccountDeactivated,
        AuditLog::AccountReactivated,
        AuditLog::PasswordReset,
        AuditLog::PasswordChanged,
        AuditLog::PolicyChanged,
        AuditLog::BackupCreated,
        AuditLog::RecoveryKeyUsed,
        AuditLog::NurseryCreated,
    };
    for (const char* action : actions)
        m_actionCombo->addItem(AuditLog::describeAction(QLatin1String(action)), QLatin1String(action));

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(40);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_countLabel->setObjectName(QStringLiteral("auditCountLabel"));
    Theme::makeHint(m_countLabel);

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("From"), this));
    filters->addWidget(m_fromEdit);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_toEdit);
    filters->addSpacing(16);
    filters->addWidget(new QLabel(tr("Show"), this));
    filters->addWidget(m_actionCombo);
    filters->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_countLabel);

    connect(m_fromEdit, &QDateEdit::dateChanged, this, &AuditLogPage::refresh);
    connect(m_toEdit, &QDateEdit::dateChanged, this, &AuditLogPage::refresh);
    connect(m_actionCombo, &QComboBox::currentIndexChanged, this, &AuditLogPage::refresh);
}

void AuditLogPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void AuditLogPage::refresh()
{
    Session* session = m_lock.session();
    if (!session || !session->can(Action::ViewAuditLog))
        return;
    QDate from = m_fromEdit->date();
    QDate to = m_toEdit->date();
    if (to < from)
        std::swap(from, to);
    AuditLog::Filter filter;
    // Whole local days, both ends included.
    filter.from = from.startOfDay().toUTC();
    filter.to = to.addDays(1).startOfDay().toUTC();
    filter.action = m_actionCombo->currentData().toString();
    filter.limit = MaxRows;

    QHash<QString, QString> names;
    for (const auto& staff : StaffRepository(session->database()).all())
        names.insert(staff.id, staff.displayName);
    const auto events = session->audit().events(filter);
    const int count = int(events.size());
    m_model->setEvents(events, names, session->deviceId());
    m_table->resizeColumnsToContents();
    m_countLabel->setText(count >= MaxRows
                              ? tr("Showing the latest %1 events. Choose fewer days to see the rest.").arg(count)
                              : tr("%n event(s)", nullptr, count));
}

} // namespace Acorn
