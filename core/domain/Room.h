#pragma once

#include <QString>

namespace Acorn {

struct Room
{
    QString id;
    QString name;
    int revision = 0;
};

} // namespace Acorn
