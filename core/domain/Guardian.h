#pragma once

#include <QDateTime>
#include <QString>

namespace Acorn {

struct Guardian
{
    QString id;
    QString name;
    QString email;
    QString portalState; // none | invited | active | suspended
    int agreementVersion = 0; // 0 = not signed
    QDateTime agreementSignedAt;
    QString agreementTypedName;
    int revision = 0;
};

struct GuardianLink
{
    QString guardianId;
    QString childId;
    QString relationship;
};

} // namespace Acorn
