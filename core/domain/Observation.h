#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Acorn {

// DESIGN.md §4. Staff: draft → submitted → published, or returned. Guardians: pending → published or declined.
enum class ObservationStatus { Draft, Submitted, Published, Returned, Pending, Declined };

QString observationStatusKey(ObservationStatus status);
bool observationStatusFromKey(const QString& key, ObservationStatus* status);
QString observationStatusDisplayName(ObservationStatus status);

struct ObservationTag
{
    QString framework; // e.g. "eyfs-2024"
    QString tag; // e.g. "eyfs.cl.speaking" or "eyfs.cl.speaking@3-4"
    bool operator==(const ObservationTag& o) const { return framework == o.framework && tag == o.tag; }
};

struct Observation
{
    QString id;
    QString authorStaffId; // one of these two is set
    QString authorGuardianId;
    QDateTime observedAt;
    QString text;
    QString nextSteps;
    bool staffOnly = false;
    ObservationStatus status = ObservationStatus::Draft;
    QString feedback; // returned: the reviewer's feedback; declined: the reason
    QString reviewedBy;
    QDateTime reviewedAt;
    QStringList childIds;
    QList<ObservationTag> tags;
    QDateTime createdAt;
    QDateTime updatedAt;
    int revision = 0;

    bool isGuardianContribution() const { return !authorGuardianId.isEmpty(); }
};

} // namespace Acorn
