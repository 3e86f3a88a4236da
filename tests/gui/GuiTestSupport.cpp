#include "GuiTestSupport.h"

#include "Clock.h"
#include "HomePage.h"
#include "JournalFixture.h"
#include "MainWindow.h"
#include "SignInPage.h"
#include "auth/AuditLog.h"
#include "auth/NurserySetup.h"
#include "auth/Session.h"
#include "auth/StaffAccounts.h"
#include "journal/ChildJournalPage.h"
#include "journal/ChildTile.h"
#include "journal/ChildrenOverviewPage.h"
#include "journal/JournalPage.h"
#include "lock/LockController.h"
#include "storage/DataDir.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

namespace Acorn::Test {

Person manager()
{
    return {QStringLiteral("Maple Hartley"), QStringLiteral("maple"), QStringLiteral("Conker-Tree-42"), Role::Manager};
}

Person practitioner()
{
    return {QStringLiteral("Robin Ashdown"), QStringLiteral("robin"), QStringLiteral("Willow-Lane-88"),
            Role::Practitioner};
}

QString nurseryName()
{
    return QStringLiteral("Little Conkers Nursery");
}

QString createNursery(const DataDir& dataDir, const Clock& clock, const QList<Person>& others)
{
    const Person boss = manager();
    NurserySetup::Request request;
    request.nurseryName = nurseryName();
    request.managerDisplayName = boss.displayName;
    request.managerUserName = boss.userName;
    request.managerPassword = boss.password.toUtf8();
    auto created = NurserySetup::create(dataDir, request, clock);
    if (!created)
        return created.errorMessage();

    const QByteArray temporary = QByteArrayLiteral("Temporary-Pass-2026");
    for (const Person& person : others) {
        {
            auto session = Session::signIn(dataDir, boss.userName, boss.password.toUtf8(), clock);
            if (!session)
                return session.errorMessage();
            auto made
                = StaffAccounts(*session.value()).create(person.displayName, person.userName, person.role, temporary);
            session.value()->end(Session::EndReason::SignOut);
            if (!made)
                return made.errorMessage();
        }
        auto own = Session::signIn(dataDir, person.userName, temporary, clock);
        if (!own)
            return own.errorMessage();
        auto changed = StaffAccounts(*own.value()).changeOwnPassword(temporary, person.password.toUtf8());
        own.value()->end(Session::EndReason::SignOut);
        if (!changed)
            return changed.errorMessage();
    }
    return {};
}

void submitSignIn(MainWindow& window, const QString& userName, const QString& password)
{
    SignInPage* page = window.signInPage();
    auto* combo = child<QComboBox>(page, "userNameCombo");
    QVERIFY(combo);
    if (combo->isEnabled()) {
        const int index = combo->findData(userName);
        if (index >= 0) {
            combo->setCurrentIndex(index);
        } else {
            combo->clearEditText();
            QTest::keyClicks(combo->lineEdit(), userName);
        }
    }
    auto* edit = child<QLineEdit>(page, "passwordEdit");
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, password);
    auto* button = child<QPushButton>(page, "signInButton");
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

QStringList auditActions(const DataDir& dataDir, const Clock& clock)
{
    const Person boss = manager();
    auto session = Session::signIn(dataDir, boss.userName, boss.password.toUtf8(), clock);
    if (!session)
        return {QStringLiteral("error: ") + session.errorMessage()};
    QStringList actions;
    const auto events = session.value()->audit().events();
    for (auto it = events.crbegin(); it != events.crend(); ++it)
        actions << it->action;
    actions.removeLast(); // this reading session's own sign-in
    session.value()->end(Session::EndReason::SignOut);
    return actions;
}

JournalWindow::JournalWindow()
    : m_fixture(std::make_unique<JournalFixture>())
{
    if (!m_fixture->isValid())
        return;
    m_lock = std::make_unique<LockController>(m_fixture->nursery().dataDir(), m_fixture->nursery().clock());
    m_window = std::make_unique<MainWindow>(*m_lock);
    m_window->resize(1280, 800);
    m_window->show();
    m_valid = QTest::qWaitForWindowExposed(m_window.get());
}

JournalWindow::~JournalWindow()
{
    m_window.reset(); // before the lock controller it uses
    m_lock.reset();
}

bool JournalWindow::signIn(const QString& userName)
{
    submitSignIn(*m_window, userName, QString::fromLatin1(JournalFixture::password()));
    return QTest::qWaitFor([this] { return m_window->homePage() && m_window->homePage()->isVisible(); }, 10000);
}

JournalPage* JournalWindow::journal() const
{
    return m_window->homePage() ? m_window->homePage()->journalPage() : nullptr;
}

ChildJournalPage* JournalWindow::openChild(const QString& childId)
{
    JournalPage* page = journal();
    ChildTile* tile = page ? page->overviewPage()->tile(childId) : nullptr;
    if (!tile)
        return nullptr;
    QTest::mouseClick(tile, Qt::LeftButton);
    return page->currentPage() == page->childJournalPage() ? page->childJournalPage() : nullptr;
}

} // namespace Acorn::Test
