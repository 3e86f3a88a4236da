#pragma once

#include <QWizardPage>

class QLineEdit;

namespace Acorn {

// Set-up, step 1: the nursery's name.
class NurseryNameWizardPage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit NurseryNameWizardPage(QWidget* parent = nullptr);

private:
    QLineEdit* m_nameEdit = nullptr;
};

} // namespace Acorn
