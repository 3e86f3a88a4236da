#include "setup/SetupWizard.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/NurserySetup.h"
#include "crypto/RecoveryKey.h"
#include "setup/ManagerAccountWizardPage.h"
#include "setup/NurseryNameWizardPage.h"
#include "setup/PasswordPolicyWizardPage.h"
#include "setup/RecoveryKeyPrinter.h"
#include "setup/RecoveryKeyWizardPage.h"

#include <QAbstractButton>

namespace Acorn {

SetupWizard::SetupWizard(DataDir dataDir, const Clock& clock, QWidget* parent)
    : QWizard(parent)
    , m_dataDir(std::move(dataDir))
    , m_clock(clock)
    , m_print(&RecoveryKeyPrinter::print)
{
    setObjectName(QStringLiteral("setupWizard"));
    setWindowTitle(tr("Set up Acorn"));
    setWizardStyle(QWizard::ModernStyle);
    setPixmap(QWizard::LogoPixmap, Theme::appIcon().pixmap(QSize(64, 64), devicePixelRatioF()));
    setOptions(QWizard::NoCancelButton | QWizard::NoBackButtonOnLastPage | QWizard::NoDefaultButton);

    m_managerPage
        = new ManagerAccountWizardPage([this](NurserySetup::Request& request) { return createNursery(request); }, this);
    m_recoveryPage = new RecoveryKeyWizardPage([this] { printRecoveryKey(); }, this);
    setPage(NurseryNamePageId, new NurseryNameWizardPage(this));
    setPage(PasswordPolicyPageId, new PasswordPolicyWizardPage(this));
    setPage(ManagerAccountPageId, m_managerPage);
    setPage(RecoveryKeyPageId, m_recoveryPage);
    setStartId(NurseryNamePageId);
    // Page titles a little larger than body text, as on the other pages.
    setTitleFormat(Qt::RichText);
    for (int id : pageIds()) {
        QWizardPage* p = page(id);
        p->setTitle(QStringLiteral("<span style=\"font-size:18pt; font-weight:bold\">%1</span>")
                        .arg(p->title().toHtmlEscaped()));
    }

    setButtonText(QWizard::NextButton, tr("Next"));
    setButtonText(QWizard::BackButton, tr("Back"));
    setButtonText(QWizard::CommitButton, tr("Create the nursery"));
    setButtonText(QWizard::FinishButton, tr("Finish"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("wizardNextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("wizardBackButton"));
    button(QWizard::CommitButton)->setObjectName(QStringLiteral("createNurseryButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("wizardFinishButton"));
    for (auto which : {QWizard::CommitButton, QWizard::FinishButton, QWizard::NextButton})
        button(which)->setProperty("primary", true);
    setMinimumSize(760, 620);
}

SetupWizard::~SetupWizard() = default;

VoidResult SetupWizard::createNursery(NurserySetup::Request& request)
{
    auto created = NurserySetup::create(m_dataDir, request, m_clock);
    if (!created) {
        qCInfo(lcUi) << "nursery set-up refused, code" << int(created.code());
        return created.error();
    }
    m_recoveryKey = created.take();
    m_managerUserName = request.managerUserName;
    QString key = QString::fromLatin1(reinterpret_cast<const char*>(m_recoveryKey.data()), int(m_recoveryKey.size()));
    m_recoveryPage->setRecoveryKey(key);
    wipeString(key);
    qCInfo(lcUi) << "nursery created";
    emit nurseryCreated();
    return {};
}

void SetupWizard::printRecoveryKey()
{
    if (!m_print || m_recoveryKey.isEmpty())
        return;
    QString key = QString::fromLatin1(reinterpret_cast<const char*>(m_recoveryKey.data()), int(m_recoveryKey.size()));
    m_print(this, field(QStringLiteral("nurseryName")).toString().trimmed(), key);
    wipeString(key);
}

void SetupWizard::done(int result)
{
    // The key is shown once: gone from memory when the wizard closes.
    m_recoveryPage->clearRecoveryKey();
    m_recoveryKey.wipe();
    QWizard::done(result);
}

void SetupWizard::reject()
{
    if (isWindow())
        QWizard::reject();
}

} // namespace Acorn
