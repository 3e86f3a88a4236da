#pragma once

#include "Result.h"
#include "auth/NurserySetup.h"
#include "crypto/SecureBuffer.h"
#include "storage/DataDir.h"

#include <QWizard>

#include <functional>

namespace Acorn {

class Clock;
class ManagerAccountWizardPage;
class RecoveryKeyWizardPage;

// First run: the nursery's name, the password rules, the first manager, then the recovery key to keep in the safe.
// The nursery is created (NurserySetup::create) when the manager page is confirmed; there is no going back after.
class SetupWizard final : public QWizard
{
    Q_OBJECT
public:
    enum PageId { NurseryNamePageId, PasswordPolicyPageId, ManagerAccountPageId, RecoveryKeyPageId };

    // Test seam: what "Print" does (by default RecoveryKeyPrinter, i.e. the printer dialog).
    using PrintFunction = std::function<void(QWidget* parent, const QString& nurseryName, const QString& key)>;

    SetupWizard(DataDir dataDir, const Clock& clock, QWidget* parent = nullptr);
    ~SetupWizard() override;

    void setPrintFunction(PrintFunction print) { m_print = std::move(print); }
    // The first manager's user name, once the nursery exists.
    QString managerUserName() const { return m_managerUserName; }
    bool isNurseryCreated() const { return !m_managerUserName.isEmpty(); }

    void done(int result) override;
    // Embedded in the main window there is nothing to go back to: Escape does not close the set-up.
    void reject() override;

signals:
    void nurseryCreated();

private:
    VoidResult createNursery(NurserySetup::Request& request);
    void printRecoveryKey();

    DataDir m_dataDir;
    const Clock& m_clock;
    PrintFunction m_print;
    SecureBuffer m_recoveryKey;
    QString m_managerUserName;
    ManagerAccountWizardPage* m_managerPage = nullptr;
    RecoveryKeyWizardPage* m_recoveryPage = nullptr;
};

} // namespace Acorn
