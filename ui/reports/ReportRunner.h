#pragma once

#include "Result.h"
#include "reports/ReportSummary.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

class QLabel;
class QWidget;

namespace Acorn {

class LockController;
class ReportProgress;
class Session;

// Writes one PDF report: asks where to save it, then writes it with a progress dialog whose Cancel stops it. The
// report runs on this thread, which owns the session (its database connection is bound to it); the dialog's updates
// let events through, so Cancel works while it writes. A lock or sign-out asked for meanwhile cancels the report and
// happens as soon as it has stopped (LockController::SessionHold). A cancelled or failed report leaves no file.
class ReportRunner final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::ReportRunner)

public:
    // Returns the chosen path, or an empty string when cancelled. Tests put their own in place of the file dialog.
    using PathPicker = std::function<QString(QWidget* parent, const QString& suggestedName)>;
    using Writer
        = std::function<Result<ReportSummary>(Session& session, const QString& path, ReportProgress* progress)>;

    static void setPathPicker(PathPicker picker);
    // How long a report runs before its progress dialog shows (300 ms; tests use 0 to drive Cancel).
    static void setProgressDelay(int ms);
    static QString pickPath(QWidget* parent, const QString& suggestedName);

    ReportRunner(LockController& lock, QWidget* parent);

    // Empty error message and no summary path: the person did not choose a file (nothing to say).
    [[nodiscard]] Result<ReportSummary> run(const QString& title, const QString& suggestedName, const Writer& writer);

    // What to tell the person afterwards: where it is, how many pages, and that it is not encrypted.
    static QString describe(const ReportSummary& summary);
    // Shows the outcome on a page's status label: describe() in green, the error in red; nothing if no file was
    // chosen.
    static void showResult(QLabel* label, const Result<ReportSummary>& result);
    // A file name from words ("Ava Testling" → "Ava-Testling"), safe on every file system.
    static QString fileNamePart(const QString& text);

private:
    LockController& m_lock;
    QWidget* m_parent = nullptr;
};

} // namespace Acorn
