#pragma once

#include <QLoggingCategory>

// acorn.reports: which report, which ids, how long. Never a child's name, text or photo.
Q_DECLARE_LOGGING_CATEGORY(lcReports)
