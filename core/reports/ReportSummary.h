#pragma once

#include <QString>

namespace Acorn {

// What a finished report holds, for the caller to tell the user ("12 pages, 40 photos") and for tests.
struct ReportSummary
{
    QString path;
    int pages = 0;
    int entries = 0; // observations, or audit events
    int photos = 0; // photos printed
    int photosLeftOut = 0; // photos the consent rule or the per-entry limit kept out of print
};

} // namespace Acorn
