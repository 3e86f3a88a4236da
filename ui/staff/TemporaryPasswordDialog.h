#pragma once

#include "domain/StaffMember.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Acorn {

class LockController;
class PasswordFeedback;

// A temporary password for someone who forgot theirs (reset) or who comes back (reactivate). They must choose
// their own at the next sign-in.
class TemporaryPasswordDialog final : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { ResetPassword, Reactivate };

    TemporaryPasswordDialog(LockController& lock, StaffMember staff, Mode mode, QWidget* parent = nullptr);
    ~TemporaryPasswordDialog() override;

    void accept() override;

private:
    void updateState();

    LockController& m_lock;
    StaffMember m_staff;
    Mode m_mode;
    QLineEdit* m_passwordEdit = nullptr;
    PasswordFeedback* m_feedback = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_okButton = nullptr;
};

} // namespace Acorn
