#include "setup/NurseryNameWizardPage.h"

#include "Theme.h"

#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Acorn {

NurseryNameWizardPage::NurseryNameWizardPage(QWidget* parent)
    : QWizardPage(parent)
    , m_nameEdit(new QLineEdit(this))
{
    setObjectName(QStringLiteral("nurseryNamePage"));
    setTitle(tr("Welcome to Acorn"));
    setSubTitle(tr("Let's set up your nursery's learning journal. It takes about two minutes."));

    auto* intro = new QLabel(tr("Everything Acorn keeps is encrypted on this computer. Only staff with their own "
                                "password can open it."),
                             this);
    Theme::makeHint(intro);

    auto* label = new QLabel(tr("What is your nursery called?"), this);
    m_nameEdit->setObjectName(QStringLiteral("nurseryNameEdit"));
    m_nameEdit->setPlaceholderText(tr("For example: Little Acorns Nursery"));
    m_nameEdit->setMaxLength(200);
    label->setBuddy(m_nameEdit);
    registerField(QStringLiteral("nurseryName*"), m_nameEdit);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(16);
    layout->addWidget(label);
    layout->addWidget(m_nameEdit);
    layout->addStretch();
}

} // namespace Acorn
