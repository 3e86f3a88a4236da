#include "capture/CaptureLogging.h"

Q_LOGGING_CATEGORY(lcCapture, "acorn.capture", QtInfoMsg)
