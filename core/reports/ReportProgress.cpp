#include "reports/ReportProgress.h"

namespace Acorn {

ReportProgress::ReportProgress(QObject* parent)
    : QObject(parent)
{
}

void ReportProgress::report(int done, int total)
{
    emit progress(done, total);
}

Error ReportProgress::cancelledError()
{
    // Result has no "cancelled" code; InvalidInput is the nearest ("the user chose so"). Callers that care ask
    // isCancelled() on their ReportProgress.
    return Error(Error::Code::InvalidInput, tr("The report was cancelled. Nothing was saved."));
}

} // namespace Acorn
