#pragma once

#include "Result.h"
#include "auth/NurserySetup.h"

#include <QWizardPage>

#include <functional>

class QLabel;
class QLineEdit;

namespace Acorn {

class PasswordFeedback;

// Set-up, step 3: the first manager's account. Pressing "Create the nursery" creates everything (the commit point:
// there is no going back after it), through the function the wizard passes in.
class ManagerAccountWizardPage final : public QWizardPage
{
    Q_OBJECT
public:
    using CreateFunction = std::function<VoidResult(NurserySetup::Request& request)>;

    explicit ManagerAccountWizardPage(CreateFunction create, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    QString userName() const;

private:
    void suggestUserName();
    void updateFeedback();

    CreateFunction m_create;
    QLineEdit* m_nameEdit = nullptr;
    QLineEdit* m_userNameEdit = nullptr;
    QLineEdit* m_passwordEdit = nullptr;
    QLineEdit* m_confirmEdit = nullptr;
    PasswordFeedback* m_feedback = nullptr;
    QLabel* m_matchLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    bool m_userNameEdited = false;
};

} // namespace Acorn
