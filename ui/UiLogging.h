#pragma once

#include <QLoggingCategory>

// acorn.ui: ids only, never names, children's data or secrets.
Q_DECLARE_LOGGING_CATEGORY(lcUi)
