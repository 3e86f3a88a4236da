#include "reports/ReportsLogging.h"

Q_LOGGING_CATEGORY(lcReports, "acorn.reports", QtInfoMsg)
