#pragma once

#include <QSize>

namespace Acorn {

// How recordings are encoded: small enough that two minutes of video fit in ~16 MB and a vault of a term's
// observations stays manageable, good enough to see what a child did and hear what they said.
struct RecordingPreset
{
    QSize videoSize {640, 480};
    int frameRate = 25;
    int videoBitRate = 800'000; // bits per second
    int audioBitRate = 48'000;
    int voiceBitRate = 32'000;
    int audioChannels = 1;
};

} // namespace Acorn
