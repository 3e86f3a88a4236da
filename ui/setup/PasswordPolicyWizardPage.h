#pragma once

#include <QWizardPage>

class QRadioButton;

namespace Acorn {

// Set-up, step 2: which password rules the nursery uses (managers can change this later in Settings).
class PasswordPolicyWizardPage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit PasswordPolicyWizardPage(QWidget* parent = nullptr);

private:
    QRadioButton* m_nurseryRadio = nullptr;
    QRadioButton* m_passphraseRadio = nullptr;
};

} // namespace Acorn
