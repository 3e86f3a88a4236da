#include "HomePage.h"

#include "Theme.h"
#include "audit/AuditLogPage.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "dashboard/DashboardPage.h"
#include "journal/JournalPage.h"
#include "lock/LockController.h"
#include "meeting/MeetingsPage.h"
#include "people/PeoplePage.h"
#include "review/ReviewPage.h"
#include "settings/SettingsPage.h"
#include "staff/StaffPage.h"
#include "sync/SyncStatusWidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Acorn {

HomePage::HomePage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_nurseryNameLabel(new QLabel(this))
    , m_signedInAsLabel(new QLabel(this))
    , m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("homePage"));
    Session* session = m_lock.session();
    Q_ASSERT(session);

    m_nurseryNameLabel->setObjectName(QStringLiteral("nurseryNameLabel"));
    m_nurseryNameLabel->setTextFormat(Qt::PlainText);
    Theme::makeTitle(m_nurseryNameLabel);
    m_signedInAsLabel->setObjectName(QStringLiteral("signedInAsLabel"));
    m_signedInAsLabel->setTextFormat(Qt::PlainText);
    Theme::makeHint(m_signedInAsLabel);
    if (session) {
        m_nurseryNameLabel->setText(session->settings().stringValue(SettingsStore::Key::NurseryName));
        m_signedInAsLabel->setText(
            tr("Signed in as %1 (%2)").arg(session->staff().displayName, roleDisplayName(session->staff().role)));
    }

    auto* changePasswordButton = new QPushButton(tr("Change my password"), this);
    changePasswordButton->setObjectName(QStringLiteral("changeMyPasswordButton"));
    auto* lockButton = new QPushButton(tr("Lock"), this);
    lockButton->setObjectName(QStringLiteral("lockButton"));
    lockButton->setIcon(QIcon::fromTheme(QStringLiteral("system-lock-screen")));
    lockButton->setToolTip(tr("Lock Acorn while you step away. Your work is kept."));
    Theme::makePrimary(lockButton);
    lockButton->setMinimumWidth(140);
    auto* signOutButton = new QPushButton(tr("Sign out"), this);
    signOutButton->setObjectName(QStringLiteral("signOutButton"));
    signOutButton->setMinimumWidth(140);
    Theme::makeBig(signOutButton);
    changePasswordButton->setProperty("big", true);

    auto* who = new QVBoxLayout;
    who->setSpacing(2);
    who->addWidget(m_nurseryNameLabel);
    who->addWidget(m_signedInAsLabel);

    m_syncStatus = new SyncStatusWidget(m_lock, this);
    auto* header = new QHBoxLayout;
    header->addLayout(who, 1);
    header->addWidget(m_syncStatus);
    header->addWidget(changePasswordButton);
    header->addSpacing(12);
    header->addWidget(signOutButton);
    header->addWidget(lockButton);

    m_tabs->setObjectName(QStringLiteral("homeTabs"));
    m_tabs->setDocumentMode(true);

    m_journalPage = new JournalPage(m_lock, this);
    m_tabs->addTab(m_journalPage, tr("Journal"));

    if (ReviewPage::isFor(m_lock)) {
        m_reviewPage = new ReviewPage(m_lock, this);
        m_tabs->addTab(m_reviewPage, m_reviewPage->tabTitle());
        connect(m_reviewPage, &ReviewPage::countChanged, this,
                [this] { m_tabs->setTabText(m_tabs->indexOf(m_reviewPage), m_reviewPage->tabTitle()); });
    }
    if (MeetingsPage::isFor(m_lock)) {
        m_meetingsPage = new MeetingsPage(m_lock, this);
        m_tabs->addTab(m_meetingsPage, tr("Meetings"));
    }
    if (DashboardPage::isFor(m_lock)) {
        m_dashboardPage = new DashboardPage(m_lock, this);
        m_tabs->addTab(m_dashboardPage, tr("Dashboards"));
        connect(m_dashboardPage, &DashboardPage::childChosen, this, [this](const QString& childId) {
            m_journalPage->openChild(childId);
            m_tabs->setCurrentWidget(m_journalPage);
        });
    }
    if (PeoplePage::isFor(m_lock)) {
        m_peoplePage = new PeoplePage(m_lock, this);
        m_tabs->addTab(m_peoplePage, tr("People"));
    }
    if (session && session->can(Action::ManageStaffAccounts)) {
        m_staffPage = new StaffPage(m_lock, this);
        m_tabs->addTab(m_staffPage, tr("Staff"));
    }
    if (session && session->can(Action::ViewAuditLog)) {
        m_auditLogPage = new AuditLogPage(m_lock, this);
        m_tabs->addTab(m_auditLogPage, tr("Audit log"));
    }
    if (session && session->can(Action::ChangePolicy)) {
        m_settingsPage = new SettingsPage(m_lock, this);
        m_tabs->addTab(m_settingsPage, tr("Settings"));
    }

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addSpacing(8);
    layout->addWidget(m_tabs, 1);

    connect(lockButton, &QPushButton::clicked, this, &HomePage::lockRequested);
    connect(signOutButton, &QPushButton::clicked, this, &HomePage::signOutRequested);
    connect(changePasswordButton, &QPushButton::clicked, this, &HomePage::changePasswordRequested);
}

} // namespace Acorn
