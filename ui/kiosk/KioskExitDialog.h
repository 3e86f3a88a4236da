#pragma once

#include "auth/AuditLog.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Acorn {

class LockController;

// Closing Acorn on a kiosk: only a manager or administrator, with their own password. The password is checked by
// a full sign-in (the throttle applies, the attempt is in the audit log) and the session ended at once; the
// dialog is accepted only if that person may change the nursery's settings.
class KioskExitDialog final : public QDialog
{
    Q_OBJECT
public:
    static constexpr auto AuditAction = AuditLog::KioskClosed;

    explicit KioskExitDialog(LockController& lock, QWidget* parent = nullptr);

    QComboBox* userNameCombo() const { return m_userNameCombo; }
    QLineEdit* passwordEdit() const { return m_passwordEdit; }
    QPushButton* closeButton() const { return m_closeButton; }
    QLabel* errorLabel() const { return m_errorLabel; }

private:
    void check();

    LockController& m_lock;
    QComboBox* m_userNameCombo = nullptr;
    QLineEdit* m_passwordEdit = nullptr;
    QPushButton* m_closeButton = nullptr;
    QLabel* m_errorLabel = nullptr;
};

} // namespace Acorn
