#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

class QIODevice;

namespace Acorn {

// Phones write where a video was taken into its MP4/QuickTime boxes (moov/udta "©xyz" and "loci", moov/meta with
// com.apple.quicktime.location.ISO6709, the same under each track), together with the device's make and model. A
// parent's video from home would carry their home's position into the journal. Every "udta" and "meta" box under
// "moov" and its tracks is blanked: its payload overwritten with zeros and its type made "free", which every player
// skips. Sizes and offsets stay as they were, so the media data (and its sample offsets) is untouched.
class Mp4Metadata final
{
public:
    struct Box
    {
        qint64 start = 0; // where its header starts
        qint64 headerSize = 8;
        qint64 size = 0; // whole box, header included
    };

    // The boxes to blank in a random-access file (reads only box headers); nullopt when it is not a well-formed MP4
    // box tree.
    static std::optional<QList<Box>> find(QIODevice& file);
    // Blanks them in memory. How many; -1 when the bytes are not a well-formed MP4 (nothing is changed then).
    static int strip(QByteArray& mp4);
    // What byte `offset` of a file becomes once `boxes` are blanked (for streaming a file through without a copy).
    static void apply(const QList<Box>& boxes, qint64 offset, char* data, qint64 length);
};

} // namespace Acorn
