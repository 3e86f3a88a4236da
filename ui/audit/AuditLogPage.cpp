#include "audit/AuditLogPage.h"

#include "Clock.h"
#include "Theme.h"
#include "audit/AuditLogModel.h"
#include "audit/PortalActivityPanel.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "auth/StaffRepository.h"
#include "lock/LockController.h"
#include "reports/AuditLogReport.h"
#include "reports/ReportRunner.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
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
    , m_exportButton(new QPushButton(tr("Save as PDF…"), this))
    , m_exportStatusLabel(new QLabel(this))
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
    m_exportButton->setObjectName(QStringLiteral("exportAuditLogButton"));
    m_exportButton->setToolTip(tr("Every event between these two dates, as a PDF"));
    m_exportButton->setVisible(!lock.isKiosk());
    m_exportStatusLabel->setObjectName(QStringLiteral("auditExportStatusLabel"));
    m_exportStatusLabel->setWordWrap(true);
    m_exportStatusLabel->hide();

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("From"), this));
    filters->addWidget(m_fromEdit);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_toEdit);
    filters->addSpacing(16);
    filters->addWidget(new QLabel(tr("Show"), this));
    filters->addWidget(m_actionCombo);
    filters->addStretch();
    filters->addWidget(m_exportButton);

    auto* staffLog = new QWidget(this);
    staffLog->setObjectName(QStringLiteral("staffAuditLog"));
    auto* layout = new QVBoxLayout(staffLog);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_countLabel);
    layout->addWidget(m_exportStatusLabel);

    m_sections = new QTabWidget(this);
    m_sections->setObjectName(QStringLiteral("auditSections"));
    m_sections->setDocumentMode(true);
    m_sections->addTab(staffLog, tr("Staff activity"));
    const Session* session = m_lock.session();
    if (session && session->can(Action::ViewAuditLog)) {
        m_portalActivity = new PortalActivityPanel(m_lock, m_sections);
        m_sections->addTab(m_portalActivity, tr("Parent portal activity"));
    }
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_sections);

    connect(m_fromEdit, &QDateEdit::dateChanged, this, &AuditLogPage::refresh);
    connect(m_toEdit, &QDateEdit::dateChanged, this, &AuditLogPage::refresh);
    connect(m_actionCombo, &QComboBox::currentIndexChanged, this, &AuditLogPage::refresh);
    connect(m_exportButton, &QPushButton::clicked, this, &AuditLogPage::exportLog);
}

void AuditLogPage::exportLog()
{
    if (!m_lock.session())
        return;
    QPointer<AuditLogPage> alive(this);
    AuditLogReport::Options options;
    options.from = std::min(m_fromEdit->date(), m_toEdit->date());
    options.to = std::max(m_fromEdit->date(), m_toEdit->date());
    const QString name
        = tr("Audit log %1 to %2").arg(options.from.toString(Qt::ISODate), options.to.toString(Qt::ISODate))
        + QStringLiteral(".pdf");
    const auto result = ReportRunner(m_lock, this)
                            .run(tr("Audit log"), name, [&](Session& s, const QString& path, ReportProgress* progress) {
                                return AuditLogReport(s).write(path, options, progress);
                            });
    if (!alive)
        return;
    ReportRunner::showResult(m_exportStatusLabel, result);
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
