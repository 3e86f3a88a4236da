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

    LockController& m_lock;
    QStackedWidget* m_stack = nullptr;
    SignInPage* m_signInPage = nullptr;
    QPointer<SetupWizard> m_setupWizard;
    QPointer<HomePage> m_homePage;
    QPointer<ChangePasswordPage> m_changePasswordPage;
};

} // namespace Acorn
