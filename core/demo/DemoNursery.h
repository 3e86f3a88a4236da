#pragma once

#include "Result.h"

#include <QList>
#include <QString>

namespace Acorn {

class Clock;
class DataDir;

// A fictional nursery for trying Acorn at once (`acorn --demo`): rooms, staff with known passwords, children.
// Every name is invented; nothing here describes a real person.
class DemoNursery final
{
public:
    struct Account
    {
        QString displayName;
        QString userName;
        QString password;
        QString role;
    };

    [[nodiscard]] static Result<QList<Account>> create(const DataDir& dataDir, const Clock& clock);
};

} // namespace Acorn
