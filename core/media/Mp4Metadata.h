#pragma once

#include <QByteArray>

namespace Acorn {

// Phones write where a video was taken into its MP4/QuickTime boxes (moov/udta "©xyz" and "loci", moov/meta with
// com.apple.quicktime.location.ISO6709, the same under each track), together with the device's make and model. A
// parent's video from home would carry their home's position into the journal. strip() blanks every "udta" and
// "meta" box under "moov" and its tracks: the payload is overwritten with zeros and the box becomes "free", which
// every player skips. Sizes and offsets stay as they were, so the media data (and its sample offsets) is untouched.
class Mp4Metadata final
{
public:
    // How many boxes were blanked; -1 when the bytes are not a well-formed MP4 box tree (nothing is changed then).
    static int strip(QByteArray& mp4);
};

} // namespace Acorn
