#pragma once

#include "domain/Guardian.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Acorn {

class LockController;

// Records that a parent or carer signed the current agreement on paper: shows its text and version, and keeps the
// name typed exactly as signed (Guardians::recordAgreement).
class SignAgreementDialog final : public QDialog
{
    Q_OBJECT
public:
    SignAgreementDialog(LockController& lock, Guardian guardian, QWidget* parent = nullptr);

    void accept() override;

    QString guardianId() const { return m_guardian.id; }
    QString guardianName() const { return m_guardian.name; }
    int version() const { return m_version; }

private:
    LockController& m_lock;
    Guardian m_guardian;
    int m_version = 0;
    QLineEdit* m_signedNameEdit = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_recordButton = nullptr;
};

} // namespace Acorn
