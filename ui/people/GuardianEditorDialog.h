#pragma once

#include "domain/Guardian.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Acorn {

class LockController;

// Add a parent or carer, or change their name and email. Saving goes through Guardians; its refusal is shown here.
class GuardianEditorDialog final : public QDialog
{
    Q_OBJECT
public:
    // `guardian` empty: a new person.
    GuardianEditorDialog(LockController& lock, std::optional<Guardian> guardian, QWidget* parent = nullptr);

    void accept() override;

    bool isNewGuardian() const { return !m_guardian.has_value(); }
    // The person added or changed, once accepted.
    QString savedGuardianId() const { return m_savedGuardianId; }
    QString savedName() const { return m_savedName; }

private:
    LockController& m_lock;
    std::optional<Guardian> m_guardian;
    QLineEdit* m_nameEdit = nullptr;
    QLineEdit* m_emailEdit = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_saveButton = nullptr;
    QString m_savedGuardianId;
    QString m_savedName;
};

} // namespace Acorn
