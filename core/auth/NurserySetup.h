#pragma once

#include "Result.h"
#include "auth/PasswordPolicy.h"
#include "crypto/SecureBuffer.h"

#include <QCoreApplication>
#include <QString>

namespace Acorn {

class Clock;
class DataDir;

// First run: creates a new, encrypted nursery in an empty data folder — the database key, the database, the first
// manager's account and keyring entry, the recovery key. All or nothing: on any failure, the files it made are
// removed again and nothing that was there before is touched.
class NurserySetup final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::NurserySetup)
public:
    struct Request
    {
        QString nurseryName;
        QString managerDisplayName;
        QString managerUserName;
        QByteArray managerPassword;
        PasswordPolicy::Kind policy = PasswordPolicy::Kind::Nursery;
    };

    // Returns the recovery key text, to be shown once.
    [[nodiscard]] static Result<SecureBuffer> create(const DataDir& dataDir, const Request& request,
                                                     const Clock& clock);
    // User names: 2–40 characters, letters, digits, '.', '-' and '_'.
    static bool isValidUserName(const QString& userName);
};

} // namespace Acorn
