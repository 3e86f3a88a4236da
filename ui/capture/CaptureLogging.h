#pragma once

#include <QLoggingCategory>

// The capture page, its sources and recorders. Ids only: never a child's name.
Q_DECLARE_LOGGING_CATEGORY(lcCapture)
