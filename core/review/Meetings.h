#pragma once

#include "Result.h"
#include "journal/JournalQuery.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QStringList>
#include <optional>

namespace Acorn {

class Session;

struct MeetingItem
{
    QString observationId;
    int position = 0;
    QString outcome; // what the meeting concluded about this observation
};

struct Meeting
{
    QString id;
    QDate heldOn;
    QString title;
    QStringList attendeeIds;
    QString notes;
    QString signedOffBy;
    QDateTime signedOffAt;
    QList<MeetingItem> items;

    bool isSignedOff() const { return !signedOffBy.isEmpty(); }
};

// Staff meetings where observations are assessed together: the chosen observations, an outcome for each,
// attendees, notes and a sign-off, after which the record is kept as it was.
class Meetings final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Meetings)
public:
    explicit Meetings(Session& session);

    [[nodiscard]] Result<Meeting> create(const QDate& heldOn, const QString& title, const QStringList& attendeeIds);
    [[nodiscard]] VoidResult setItems(const QString& meetingId, const QStringList& observationIds);
    [[nodiscard]] VoidResult setOutcome(const QString& meetingId, const QString& observationId, const QString& outcome);
    [[nodiscard]] VoidResult setNotes(const QString& meetingId, const QString& notes);
    [[nodiscard]] VoidResult setAttendees(const QString& meetingId, const QStringList& attendeeIds);
    [[nodiscard]] VoidResult signOff(const QString& meetingId);

    std::optional<Meeting> byId(const QString& meetingId) const;
    QList<Meeting> all() const;

    // The observations as a meeting shows them, in the order given: only those the signed-in person may see, and
    // media only where they could appear in every journal (ConsentRules::visibleEverywhere) — a meeting belongs to
    // no one child. To show a photo of a child without consent, present that child's own journal (JournalQuery).
    QList<JournalEntry> entriesFor(const QStringList& observationIds) const;

private:
    VoidResult checkEditable(const QString& meetingId) const;
    Session& m_session;
};

} // namespace Acorn
