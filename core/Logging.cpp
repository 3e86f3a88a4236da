#include "Logging.h"

Q_LOGGING_CATEGORY(lcStorage, "acorn.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "acorn.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "acorn.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMedia, "acorn.media", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDevice, "acorn.device", QtInfoMsg)
