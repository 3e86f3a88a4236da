#include "journal/JournalText.h"

#include "domain/Observation.h"
#include "frameworks/FrameworkRegistry.h"

#include <QLocale>

namespace Acorn {

QString JournalText::when(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return QLocale().toString(time.toLocalTime(), tr("ddd d MMM yyyy, HH:mm", "date and time format"));
}

QString JournalText::excerpt(const QString& text, int maxChars)
{
    QString flat = text.simplified();
    if (flat.size() <= maxChars)
        return flat;
    int cut = int(flat.lastIndexOf(QLatin1Char(' '), maxChars));
    if (cut < maxChars / 2)
        cut = maxChars;
    return flat.left(cut) + QStringLiteral("…");
}

QString JournalText::tag(const FrameworkRegistry& registry, const ObservationTag& tag)
{
    return registry.describeTag(tagId(tag.tag), bandId(tag.tag));
}

QString JournalText::kindName(MediaKind kind)
{
    switch (kind) {
    case MediaKind::Photo:
        return tr("Photo");
    case MediaKind::Video:
        return tr("Video");
    case MediaKind::Audio:
        return tr("Voice note");
    }
    return {};
}

QString JournalText::thisKind(MediaKind kind)
{
    switch (kind) {
    case MediaKind::Photo:
        return tr("This photo");
    case MediaKind::Video:
        return tr("This video");
    case MediaKind::Audio:
        return tr("This voice note");
    }
    return {};
}

QString JournalText::duration(qint64 ms)
{
    if (ms <= 0)
        return {};
    const qint64 seconds = (ms + 500) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

QString JournalText::tagId(const QString& stored)
{
    return stored.section(QLatin1Char('@'), 0, 0);
}

QString JournalText::bandId(const QString& stored)
{
    return stored.section(QLatin1Char('@'), 1);
}

QString JournalText::storedTag(const QString& tagId, const QString& bandId)
{
    return bandId.isEmpty() ? tagId : tagId + QLatin1Char('@') + bandId;
}

} // namespace Acorn
