#pragma once

#include "domain/MediaItem.h"
#include "domain/Observation.h"

#include <QDate>
#include <QList>
#include <optional>

namespace Acorn {

class Session;

struct JournalEntry
{
    Observation observation;
    QString authorName;
    QList<MediaItem> media; // only what this view may show (photo consent applied)
    int commentCount = 0;
};

struct JournalFilter
{
    QDate from; // inclusive
    QDate to; // inclusive
    QString areaTag; // a framework node id; matches it and everything below it
    QString authorStaffId;
    std::optional<ObservationStatus> status;
    QString text; // full-text search over text, next steps and comments
};

// Reading journals, for staff: a child's timeline (newest first, paged) and full-text search. Visibility: the
// children of one's rooms (managers: all), drafts only one's own, media filtered by photo consent for the journal
// being shown — or, for a search across journals, shown only where it could be shown in every journal.
class JournalQuery final
{
public:
    explicit JournalQuery(Session& session);

    QList<JournalEntry> timeline(const QString& childId, const JournalFilter& filter = {}, int limit = 30,
                                 int offset = 0) const;
    int count(const QString& childId, const JournalFilter& filter = {}) const;
    QList<JournalEntry> search(const QString& text, int limit = 50) const;

    // Every media item visible in the child's journal (for exports and reports).
    QList<MediaItem> mediaInJournalOf(const QString& childId) const;

    // Turns what a person typed into a safe FTS5 query: each word quoted, the last one as a prefix.
    static QString ftsQuery(const QString& text);

private:
    QList<JournalEntry> load(const QStringList& ids, const QString& journalChildId) const;
    Session& m_session;
};

} // namespace Acorn
