#pragma once

#include "capture/RecordingPreset.h"

namespace Acorn {

// What the capture page allows. The lengths will come from the setting's policy (a manager setting).
struct CaptureOptions
{
    int maxVideoSeconds = 120;
    int maxVoiceSeconds = 300;
    RecordingPreset preset;
    // How long a lock waits for a recording to be finished and written before it is sealed as it is.
    int stopTimeoutMs = 8000;
};

} // namespace Acorn
