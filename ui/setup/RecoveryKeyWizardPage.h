#pragma once

#include <QWizardPage>

#include <functional>

class QCheckBox;
class QLabel;
class QPushButton;

namespace Acorn {

// Set-up, last step: the recovery key, shown once, to print or write down and keep in the nursery safe. Finish
// stays disabled until the person confirms they have kept it.
class RecoveryKeyWizardPage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit RecoveryKeyWizardPage(std::function<void()> print, QWidget* parent = nullptr);
    ~RecoveryKeyWizardPage() override;

    // "ABCD-EFGH-…": shown in two rows of seven groups so that it is easy to copy by hand.
    void setRecoveryKey(const QString& key);
    void clearRecoveryKey();

    bool isComplete() const override;

private:
    std::function<void()> m_print;
    QLabel* m_keyLabel = nullptr;
    QPushButton* m_printButton = nullptr;
    QCheckBox* m_savedCheckBox = nullptr;
};

} // namespace Acorn
