#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Acorn {

class LockController;
class PasswordFeedback;

// "Change my password": current, new (with the live rules) and again. Forced after a reset or when the password
// has expired — then there is no way round it but to lock or sign out.
class ChangePasswordPage final : public QWidget
{
    Q_OBJECT
public:
    ChangePasswordPage(LockController& lock, bool forced, QWidget* parent = nullptr);
    ~ChangePasswordPage() override;

    bool isForced() const { return m_forced; }

signals:
    void passwordChanged();
    void cancelled();
    void signOutRequested();

private:
    void submit();
    void updateState();
    void clearFields();

    LockController& m_lock;
    bool m_forced = false;
    QLineEdit* m_currentEdit = nullptr;
    QLineEdit* m_newEdit = nullptr;
    QLineEdit* m_confirmEdit = nullptr;
    PasswordFeedback* m_feedback = nullptr;
    QLabel* m_matchLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_changeButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace Acorn
