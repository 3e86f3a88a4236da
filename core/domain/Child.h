#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace Acorn {

// May this child's photo appear in *other* children's journals? Not recorded counts as no.
enum class PhotoConsent { NotRecorded, Yes, No };
enum class ChildStatus { Enrolling, Active, Left, AwaitingDeletion };

QString photoConsentKey(PhotoConsent consent);
PhotoConsent photoConsentFromKey(const QString& key);
QString childStatusKey(ChildStatus status);
ChildStatus childStatusFromKey(const QString& key);
QString childStatusDisplayName(ChildStatus status);

struct Child
{
    QString id;
    QString firstName;
    QString lastName;
    QString preferredName;
    QDate dateOfBirth;
    QDate startDate;
    QDate leaveDate;
    QString roomId;
    QString keyPersonId;
    ChildStatus status = ChildStatus::Enrolling;
    PhotoConsent photoConsent = PhotoConsent::NotRecorded;
    QDateTime photoConsentRecordedAt;
    QString photoConsentRecordedBy;
    int revision = 0;

    // What staff call the child: the preferred name if there is one, else the first name, with the family name.
    QString displayName() const;
};

} // namespace Acorn
