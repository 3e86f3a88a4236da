#include "MainWindow.h"

#include "ChangePasswordPage.h"
#include "HomePage.h"
#include "SignInPage.h"
#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "kiosk/KioskExitDialog.h"
#include "lock/LockController.h"
#include "setup/SetupWizard.h"

#include <QApplication>
#include <QCloseEvent>
#include <QStackedWidget>
#include <QTimer>

#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace Acorn {

MainWindow::MainWindow(LockController& lock, QWidget* parent)
    : QMainWindow(parent)
    , m_lock(lock)
    , m_stack(new QStackedWidget(this))
    , m_signInPage(new SignInPage(lock, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Acorn"));
    setWindowIcon(Theme::appIcon());
    setMinimumSize(800, 600);
    resize(1200, 780);
    m_stack->setObjectName(QStringLiteral("pageStack"));
    m_stack->addWidget(m_signInPage);
    setCentralWidget(m_stack);
    m_lock.setPrimaryWindow(this);

    m_kiosk = m_lock.isKiosk();
    askNotToBeCaptured();
    if (m_kiosk) {
        setWindowFlags(windowFlags() | Qt::FramelessWindowHint);
        m_signInPage->setKiosk(true);
        connect(m_signInPage, &SignInPage::kioskExitRequested, this, &MainWindow::requestKioskExit);
    }
    connect(&m_lock, &LockController::signedIn, this, &MainWindow::onSignedIn);
    connect(&m_lock, &LockController::locked, this, &MainWindow::onLocked);
    connect(&m_lock, &LockController::signedOut, this, &MainWindow::onSignedOut);

    if (m_lock.dataDir().isInitialised())
        showSignIn();
    else
        showSetup();
}

MainWindow::~MainWindow() = default;

void MainWindow::askNotToBeCaptured()
{
    // Children's photos should not end up in screenshots or screen shares. Windows lets a window ask to be left out
    // of captures; Linux has no such request (X11 lets any client read the screen; on Wayland the compositor
    // decides), so there the protection is the kiosk session itself: cage runs nothing else. See README.
#ifdef Q_OS_WIN
    ::SetWindowDisplayAffinity(reinterpret_cast<HWND>(winId()), WDA_EXCLUDEFROMCAPTURE);
#endif
}

void MainWindow::showForDevice()
{
    if (m_kiosk)
        showFullScreen();
    else
        show();
}

void MainWindow::requestKioskExit()
{
    if (!m_kiosk) {
        close();
        return;
    }
    KioskExitDialog dialog(m_lock, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_exitAllowed = true;
    close();
    QApplication::quit();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_kiosk && !m_exitAllowed) {
        // Alt+F4, the compositor, a stray close(): a kiosk stays. The way out is on the sign-in screen.
        qCInfo(lcUi) << "kiosk: close refused";
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (m_kiosk && !m_exitAllowed && event->type() == QEvent::WindowStateChange
        && !(windowState() & Qt::WindowFullScreen) && isVisible()) {
        // Minimised or made smaller: back to full screen.
        QTimer::singleShot(0, this, [this] {
            if (!m_exitAllowed)
                showFullScreen();
        });
    }
}

SetupWizard* MainWindow::setupWizard() const
{
    return m_setupWizard;
}

HomePage* MainWindow::homePage() const
{
    return m_homePage;
}

ChangePasswordPage* MainWindow::changePasswordPage() const
{
    return m_changePasswordPage;
}

QWidget* MainWindow::currentPage() const
{
    return m_stack->currentWidget();
}

void MainWindow::showSetup()
{
    m_setupWizard = new SetupWizard(m_lock.dataDir(), m_lock.clock(), this);
    m_setupWizard->setWindowFlags(Qt::Widget); // a page of this window, not a dialog of its own
    m_stack->addWidget(m_setupWizard);
    m_stack->setCurrentWidget(m_setupWizard);
    connect(m_setupWizard, &QWizard::accepted, this, [this] {
        const QString userName = m_setupWizard->managerUserName();
        discardPage(m_setupWizard);
        showSignIn(userName);
    });
}

void MainWindow::showSignIn(const QString& userName)
{
    m_signInPage->showForSignIn(userName);
    m_stack->setCurrentWidget(m_signInPage);
}

void MainWindow::onSignedIn()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    if (session->mustChangePassword())
        showChangePassword(true);
    else
        showHome();
}

void MainWindow::showHome()
{
    discardChangePasswordPage();
    if (!m_homePage) {
        m_homePage = new HomePage(m_lock, this);
        m_stack->addWidget(m_homePage);
        connect(m_homePage, &HomePage::lockRequested, &m_lock, &LockController::lock);
        connect(m_homePage, &HomePage::signOutRequested, &m_lock, &LockController::signOut);
        connect(m_homePage, &HomePage::changePasswordRequested, this, [this] { showChangePassword(false); });
    }
    m_stack->setCurrentWidget(m_homePage);
}

void MainWindow::showChangePassword(bool forced)
{
    discardChangePasswordPage();
    m_changePasswordPage = new ChangePasswordPage(m_lock, forced, this);
    m_stack->addWidget(m_changePasswordPage);
    m_stack->setCurrentWidget(m_changePasswordPage);
    connect(m_changePasswordPage, &ChangePasswordPage::passwordChanged, this, &MainWindow::showHome);
    connect(m_changePasswordPage, &ChangePasswordPage::cancelled, this, &MainWindow::showHome);
    connect(m_changePasswordPage, &ChangePasswordPage::signOutRequested, &m_lock, &LockController::signOut);
}

void MainWindow::onLocked()
{
    discardSessionPages();
    m_signInPage->showLocked(m_lock.lockedUserName(), m_lock.lockedDisplayName());
    m_stack->setCurrentWidget(m_signInPage);
}

void MainWindow::onSignedOut()
{
    discardSessionPages();
    showSignIn();
}

void MainWindow::discardChangePasswordPage()
{
    discardPage(m_changePasswordPage);
}

void MainWindow::discardSessionPages()
{
    discardPage(m_homePage);
    discardPage(m_changePasswordPage);
}

void MainWindow::discardPage(QWidget* page)
{
    // Hidden and out of the stack at once; deleted once whatever called us (a button's click, a dialog's event loop)
    // has returned.
    if (!page)
        return;
    page->hide();
    m_stack->removeWidget(page);
    page->setParent(nullptr);
    page->deleteLater();
}

} // namespace Acorn
