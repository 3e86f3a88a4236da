#pragma once

#include "Clock.h"
#include "Result.h"
#include "auth/PasswordPolicy.h"
#include "auth/Session.h"
#include "storage/DataDir.h"

#include <QTemporaryDir>

#include <memory>

namespace Acorn::Test {

// A freshly set-up nursery in a temporary folder, with a manager account, for tests. Uses the fast KDF
// parameters so that signing in takes milliseconds.
class TestNursery final
{
public:
    static constexpr auto ManagerUser = "mabel";
    static constexpr auto ManagerPassword = "Quiet-Harbour-81";
    static constexpr auto ManagerName = "Mabel Quince";

    explicit TestNursery(PasswordPolicy::Kind policy = PasswordPolicy::Kind::Nursery);

    bool isValid() const { return m_valid; }
    QString errorMessage() const { return m_error; }
    const DataDir& dataDir() const { return m_dataDir; }
    QString path() const { return m_dir.path(); }
    ManualClock& clock() { return m_clock; }
    QByteArray recoveryKey() const { return m_recoveryKey; }

    // Signs in as the manager (or another account); returns null and fails the current test on error.
    std::unique_ptr<Session> signIn(const QString& user = QString::fromLatin1(ManagerUser),
                                    const QByteArray& password = QByteArray(ManagerPassword));
    // Creates an account with a known password and no pending password change.
    bool addStaff(const QString& userName, const QString& displayName, Role role, const QByteArray& password);

private:
    QTemporaryDir m_dir;
    DataDir m_dataDir;
    ManualClock m_clock;
    QByteArray m_recoveryKey;
    bool m_valid = false;
    QString m_error;
};

} // namespace Acorn::Test
