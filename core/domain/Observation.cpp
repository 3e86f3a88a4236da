#include "domain/Observation.h"

#include <QCoreApplication>

namespace Acorn {

namespace {
struct StatusName
{
    ObservationStatus status;
    const char* key;
    const char* display;
};
const StatusName Names[] = {
    {ObservationStatus::Draft, "draft", QT_TRANSLATE_NOOP("Acorn::Observation", "Draft")},
    {ObservationStatus::Submitted, "submitted", QT_TRANSLATE_NOOP("Acorn::Observation", "Awaiting approval")},
    {ObservationStatus::Published, "published", QT_TRANSLATE_NOOP("Acorn::Observation", "In the journal")},
    {ObservationStatus::Returned, "returned", QT_TRANSLATE_NOOP("Acorn::Observation", "Returned with feedback")},
    {ObservationStatus::Pending, "pending", QT_TRANSLATE_NOOP("Acorn::Observation", "From home, awaiting approval")},
    {ObservationStatus::Declined, "declined", QT_TRANSLATE_NOOP("Acorn::Observation", "Declined")},
};
} // namespace

QString observationStatusKey(ObservationStatus status)
{
    for (const auto& n : Names)
        if (n.status == status)
            return QLatin1String(n.key);
    return {};
}

bool observationStatusFromKey(const QString& key, ObservationStatus* status)
{
    for (const auto& n : Names) {
        if (key == QLatin1String(n.key)) {
            *status = n.status;
            return true;
        }
    }
    return false;
}

QString observationStatusDisplayName(ObservationStatus status)
{
    for (const auto& n : Names)
        if (n.status == status)
            return QCoreApplication::translate("Acorn::Observation", n.display);
    return {};
}

} // namespace Acorn
