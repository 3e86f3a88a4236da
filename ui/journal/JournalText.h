#pragma once

#include "domain/MediaItem.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Acorn {

class FrameworkRegistry;
struct ObservationTag;

// How the journal screens put things into words: dates, excerpts, tags, kinds of media.
class JournalText final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::JournalText)
public:
    // "Mon 5 Jan 2026, 09:00", in local time.
    static QString when(const QDateTime& time);
    // The start of the text on one line, cut at a word, with "…" when cut.
    static QString excerpt(const QString& text, int maxChars = 260);
    // "Communication and Language › Speaking (Three and four-year-olds)" for "eyfs.cl.speaking@eyfs.dm.three-and-four".
    static QString tag(const FrameworkRegistry& registry, const ObservationTag& tag);
    // "Photo", "Video", "Voice note".
    static QString kindName(MediaKind kind);
    // "This photo", "This video", "This voice note".
    static QString thisKind(MediaKind kind);
    // "1 min 12 s", "42 s"; empty when unknown.
    static QString duration(qint64 ms);

    // Tags carry an optional band after '@'.
    static QString tagId(const QString& stored);
    static QString bandId(const QString& stored);
    static QString storedTag(const QString& tagId, const QString& bandId);
};

} // namespace Acorn
