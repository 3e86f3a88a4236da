#pragma once

#include <QMainWindow>
#include <QPointer>

class QStackedWidget;

namespace Acorn {

class ChangePasswordPage;
class HomePage;
class LockController;
class SetupWizard;
class SignInPage;

// The one window: set-up on first run, then sign-in, a forced password change when due, and the home page. It only
// composes pages; who is signed in and when that ends is the LockController's business. Pages that show the
// nursery's data are made for one session and thrown away when it is locked or signed out.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(LockController& lock, QWidget* parent = nullptr);
    ~MainWindow() override;

    LockController& lockController() const { return m_lock; }
    SetupWizard* setupWizard() const;
    SignInPage* signInPage() const { return m_signInPage; }
    // nullptr unless someone is signed in.
    HomePage* homePage() const;
    ChangePasswordPage* changePasswordPage() const;
    QWidget* currentPage() const;

    // Kiosk (LockController::isKiosk): frameless and full screen, and no closing, minimising or leaving through
    // the app's own means — Alt+F4 and close events are refused — until a manager closes it from the sign-in screen.
    bool isKiosk() const { return m_kiosk; }
    void showForDevice(); // full screen on a kiosk, normal otherwise
    bool exitAllowed() const { return m_exitAllowed; }
    // The manager's way out (also used by tests): asks for a manager's sign-in, then closes the app.
    void requestKioskExit();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void showSetup();
    void showSignIn(const QString& userName = {});
    void onSignedIn();
    void onLocked();
    void onSignedOut();
    void showHome();
    void showChangePassword(bool forced);
    void discardChangePasswordPage();
    void discardSessionPages();
    void discardPage(QWidget* page);
    void askNotToBeCaptured();

    LockController& m_lock;
    QStackedWidget* m_stack = nullptr;
    SignInPage* m_signInPage = nullptr;
    QPointer<SetupWizard> m_setupWizard;
    QPointer<HomePage> m_homePage;
    QPointer<ChangePasswordPage> m_changePasswordPage;
    bool m_kiosk = false;
    bool m_exitAllowed = false;
};

} // namespace Acorn
