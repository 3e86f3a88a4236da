#include "UiLogging.h"

Q_LOGGING_CATEGORY(lcUi, "acorn.ui", QtInfoMsg)
