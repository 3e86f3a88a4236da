#include "domain/Child.h"

#include <QCoreApplication>

namespace Acorn {

QString photoConsentKey(PhotoConsent consent)
{
    switch (consent) {
    case PhotoConsent::Yes:
        return QStringLiteral("yes");
    case PhotoConsent::No:
        return QStringLiteral("no");
    case PhotoConsent::NotRecorded:
        break;
    }
    return QStringLiteral("not_recorded");
}

PhotoConsent photoConsentFromKey(const QString& key)
{
    if (key == QLatin1String("yes"))
        return PhotoConsent::Yes;
    if (key == QLatin1String("no"))
        return PhotoConsent::No;
    return PhotoConsent::NotRecorded;
}

QString childStatusKey(ChildStatus status)
{
    switch (status) {
    case ChildStatus::Active:
        return QStringLiteral("active");
    case ChildStatus::Left:
        return QStringLiteral("left");
    case ChildStatus::AwaitingDeletion:
        return QStringLiteral("awaiting_deletion");
    case ChildStatus::Enrolling:
        break;
    }
    return QStringLiteral("enrolling");
}

ChildStatus childStatusFromKey(const QString& key)
{
    if (key == QLatin1String("active"))
        return ChildStatus::Active;
    if (key == QLatin1String("left"))
        return ChildStatus::Left;
    if (key == QLatin1String("awaiting_deletion"))
        return ChildStatus::AwaitingDeletion;
    return ChildStatus::Enrolling;
}

QString childStatusDisplayName(ChildStatus status)
{
    switch (status) {
    case ChildStatus::Active:
        return QCoreApplication::translate("Acorn::Child", "Attending");
    case ChildStatus::Left:
        return QCoreApplication::translate("Acorn::Child", "Left");
    case ChildStatus::AwaitingDeletion:
        return QCoreApplication::translate("Acorn::Child", "Awaiting deletion");
    case ChildStatus::Enrolling:
        break;
    }
    return QCoreApplication::translate("Acorn::Child", "Enrolling");
}

QString Child::displayName() const
{
    const QString first = preferredName.trimmed().isEmpty() ? firstName : preferredName;
    return lastName.isEmpty() ? first : first + QLatin1Char(' ') + lastName;
}

} // namespace Acorn
