#pragma once

#include "Result.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Acorn {

class LockController;

// Who are you? The staff on this device are listed by name (from the keyring, before any database is open); the
// password is checked on a worker thread while a busy bar shows. After wrong passwords the button waits out the
// throttle with a countdown. Locked, it shows whose session it is and offers "Sign in as someone else".
class SignInPage final : public QWidget
{
    Q_OBJECT
public:
    explicit SignInPage(LockController& lock, QWidget* parent = nullptr);

    // Plain sign-in; `userName` preselected when given (e.g. the manager just set up).
    void showForSignIn(const QString& userName = {});
    // Locked: the person who was signed in, preselected.
    void showLocked(const QString& userName, const QString& displayName);
    bool isLockedMode() const { return m_lockedMode; }
    void reloadUserNames();

    // The user name the combo box stands for: the chosen person's user name, or what was typed.
    QString selectedUserName() const;
    // Kiosk: big name tiles for a fast switch (tap your name, type your password), and "Close Acorn" for managers.
    void setKiosk(bool kiosk);
    QList<QPushButton*> nameTiles() const { return m_nameTiles; }
    QPushButton* kioskExitButton() const { return m_kioskExitButton; }

signals:
    void kioskExitRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void submit();
    void switchUser();
    void onSignInFailed(const QString& message, Error::Code code);
    void setBusy(bool busy);
    void updateThrottle();
    void updateSignInButton();
    void selectUser(const QString& userName);
    void rebuildNameTiles();
    void chooseTile(const QString& userName);

    LockController& m_lock;
    QLabel* m_titleLabel = nullptr;
    QLabel* m_lockedLabel = nullptr;
    QLabel* m_lockedHintLabel = nullptr;
    QLabel* m_nameLabel = nullptr;
    QComboBox* m_userNameCombo = nullptr;
    QLineEdit* m_passwordEdit = nullptr;
    QPushButton* m_signInButton = nullptr;
    QPushButton* m_switchUserButton = nullptr;
    QProgressBar* m_busyIndicator = nullptr;
    QLabel* m_busyLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    QWidget* m_tilesArea = nullptr;
    QList<QPushButton*> m_nameTiles;
    QPushButton* m_kioskExitButton = nullptr;
    bool m_kiosk = false;
    QLabel* m_throttleLabel = nullptr;
    QTimer m_throttleTimer;
    bool m_lockedMode = false;
    bool m_busy = false;
    bool m_throttled = false;
};

} // namespace Acorn
