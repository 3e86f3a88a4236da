#pragma once

#include "domain/Child.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Acorn {

class LockController;
class OptionalDateEdit;

// Add a child, or change a child's record: names, dates, room, key person and status. Photo consent is recorded on
// its own (PhotoConsentDialog), with who and when. Saving goes through Children; its refusal is shown here.
class ChildEditorDialog final : public QDialog
{
    Q_OBJECT
public:
    // `child` empty: a new record.
    ChildEditorDialog(LockController& lock, std::optional<Child> child, QWidget* parent = nullptr);

    void accept() override;

    bool isNewChild() const { return !m_child.has_value(); }
    // The record created or changed, once accepted.
    QString savedChildId() const { return m_savedChildId; }
    QString savedDisplayName() const { return m_savedDisplayName; }

private:
    void updateState();

    LockController& m_lock;
    std::optional<Child> m_child;
    QLineEdit* m_firstNameEdit = nullptr;
    QLineEdit* m_lastNameEdit = nullptr;
    QLineEdit* m_preferredNameEdit = nullptr;
    OptionalDateEdit* m_birthDateEdit = nullptr;
    OptionalDateEdit* m_startDateEdit = nullptr;
    OptionalDateEdit* m_leaveDateEdit = nullptr;
    QComboBox* m_roomCombo = nullptr;
    QComboBox* m_keyPersonCombo = nullptr;
    QComboBox* m_statusCombo = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_saveButton = nullptr;
    QString m_savedChildId;
    QString m_savedDisplayName;
};

} // namespace Acorn
