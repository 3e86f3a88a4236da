#pragma once

#include "domain/StaffMember.h"
#include "lock/DraftSource.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Acorn {

class LockController;
class PasswordFeedback;

// Add someone, or change a person's name and role. Saving goes through StaffAccounts, which checks permissions and
// the password rules; its refusal is shown here in its own words. If the app locks while this is open, what was
// typed (never the password) is kept as an encrypted draft and offered back the next time this person opens it.
class StaffEditorDialog final : public QDialog, public DraftSource
{
    Q_OBJECT
public:
    static constexpr auto DraftKind = "staff-editor";

    // `staff` empty: a new account.
    StaffEditorDialog(LockController& lock, std::optional<StaffMember> staff, QWidget* parent = nullptr);
    ~StaffEditorDialog() override;

    void saveDraft(DraftStore& drafts) override;
    void accept() override;

    bool isNewAccount() const { return !m_staff.has_value(); }
    bool isOfferingDraft() const;
    // The account created or changed, once accepted.
    QString savedStaffId() const { return m_savedStaffId; }
    QString savedDisplayName() const { return m_savedDisplayName; }

private:
    QString draftKey() const;
    void offerDraft();
    void continueDraft();
    void discardDraft();
    void updateState();

    LockController& m_lock;
    std::optional<StaffMember> m_staff;
    QByteArray m_draft;
    QFrame* m_draftBanner = nullptr;
    QLineEdit* m_nameEdit = nullptr;
    QLineEdit* m_userNameEdit = nullptr;
    QComboBox* m_roleCombo = nullptr;
    QLineEdit* m_passwordEdit = nullptr;
    PasswordFeedback* m_feedback = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_saveButton = nullptr;
    QString m_savedStaffId;
    QString m_savedDisplayName;
};

} // namespace Acorn
