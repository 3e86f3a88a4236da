#include "setup/PasswordPolicyWizardPage.h"

#include "Theme.h"

#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Acorn {

PasswordPolicyWizardPage::PasswordPolicyWizardPage(QWidget* parent)
    : QWizardPage(parent)
    , m_nurseryRadio(new QRadioButton(tr("Nursery policy: upper/lower case and digits, changed every 90 days"), this))
    , m_passphraseRadio(new QRadioButton(tr("Long passphrase (NCSC): no forced changes"), this))
{
    setObjectName(QStringLiteral("passwordPolicyPage"));
    setTitle(tr("Staff passwords"));
    setSubTitle(tr("Choose the rules for everyone's password. A manager can change this later."));

    m_nurseryRadio->setObjectName(QStringLiteral("nurseryPolicyRadio"));
    m_passphraseRadio->setObjectName(QStringLiteral("passphrasePolicyRadio"));
    m_nurseryRadio->setChecked(true);
    auto* group = new QButtonGroup(this);
    group->addButton(m_nurseryRadio);
    group->addButton(m_passphraseRadio);

    auto* nurseryHint = new QLabel(tr("At least 10 characters with an upper-case letter, a lower-case letter and a "
                                      "number. Everyone chooses a new one every 90 days and cannot reuse their "
                                      "last five. This is what most nursery policies ask for."),
                                   this);
    auto* passphraseHint = new QLabel(tr("At least 15 characters — a few unrelated words are easy to remember and "
                                         "hard to guess. Passwords are changed only if one may have been seen by "
                                         "someone else, as the UK's National Cyber Security Centre advises."),
                                      this);
    Theme::makeHint(nurseryHint);
    Theme::makeHint(passphraseHint);
    nurseryHint->setContentsMargins(36, 0, 0, 0);
    passphraseHint->setContentsMargins(36, 0, 0, 0);

    auto* common = new QLabel(tr("Either way, common passwords and ones made from a person's name are refused."), this);
    Theme::makeHint(common);

    registerField(QStringLiteral("passphrasePolicy"), m_passphraseRadio);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_nurseryRadio);
    layout->addWidget(nurseryHint);
    layout->addSpacing(12);
    layout->addWidget(m_passphraseRadio);
    layout->addWidget(passphraseHint);
    layout->addSpacing(12);
    layout->addWidget(common);
    layout->addStretch();
}

} // namespace Acorn
