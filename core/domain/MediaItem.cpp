#include "domain/MediaItem.h"

namespace Acorn {

QString mediaKindKey(MediaKind kind)
{
    switch (kind) {
    case MediaKind::Video:
        return QStringLiteral("video");
    case MediaKind::Audio:
        return QStringLiteral("audio");
    case MediaKind::Photo:
        break;
    }
    return QStringLiteral("photo");
}

bool mediaKindFromKey(const QString& key, MediaKind* kind)
{
    if (key == QLatin1String("photo"))
        *kind = MediaKind::Photo;
    else if (key == QLatin1String("video"))
        *kind = MediaKind::Video;
    else if (key == QLatin1String("audio"))
        *kind = MediaKind::Audio;
    else
        return false;
    return true;
}

} // namespace Acorn
