#include "reports/ReportRunner.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "reports/ReportProgress.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QPointer>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QStandardPaths>

namespace Acorn {

namespace {
ReportRunner::PathPicker& pathPicker()
{
    static ReportRunner::PathPicker picker = &ReportRunner::pickPath;
    return picker;
}

int& progressDelay()
{
    static int ms = 300;
    return ms;
}
} // namespace

void ReportRunner::setProgressDelay(int ms)
{
    progressDelay() = qMax(0, ms);
}

void ReportRunner::setPathPicker(PathPicker picker)
{
    pathPicker() = picker ? std::move(picker) : PathPicker(&ReportRunner::pickPath);
}

QString ReportRunner::pickPath(QWidget* parent, const QString& suggestedName)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    QString path = QFileDialog::getSaveFileName(parent, tr("Save the PDF"), QDir(folder).filePath(suggestedName),
                                                tr("PDF documents (*.pdf)"));
    if (!path.isEmpty() && QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) != 0)
        path += QStringLiteral(".pdf");
    return path;
}

QString ReportRunner::fileNamePart(const QString& text)
{
    static const QRegularExpression unsafe(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QString part = text.normalized(QString::NormalizationForm_C);
    part.replace(unsafe, QStringLiteral("-"));
    while (part.startsWith(QLatin1Char('-')))
        part.remove(0, 1);
    while (part.endsWith(QLatin1Char('-')))
        part.chop(1);
    return part.left(60);
}

ReportRunner::ReportRunner(LockController& lock, QWidget* parent)
    : m_lock(lock)
    , m_parent(parent)
{
}

Result<ReportSummary> ReportRunner::run(const QString& title, const QString& suggestedName, const Writer& writer)
{
    if (!m_lock.session())
        return Error(Error::Code::PermissionDenied, tr("Sign in again to print."));
    if (m_lock.isKiosk())
        return Error(Error::Code::PermissionDenied,
                     tr("Nothing is saved out of Acorn on this shared device. Print from a manager's computer."));
    QPointer<QWidget> parent(m_parent);
    const QString path = pathPicker()(m_parent, suggestedName);
    Session* session = m_lock.session(); // a lock may have come while the file dialog was open
    if (path.isEmpty() || !session || (m_parent && !parent))
        return ReportSummary {};

    const auto hold = m_lock.holdSession();
    ReportProgress progress;
    QProgressDialog dialog(tr("Writing “%1”…").arg(title), tr("Cancel"), 0, 0, m_parent);
    dialog.setObjectName(QStringLiteral("reportProgressDialog"));
    dialog.setWindowTitle(title);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(progressDelay());
    dialog.setAutoClose(false);
    dialog.setAutoReset(false);
    dialog.setMinimumWidth(420);
    QObject::connect(&dialog, &QProgressDialog::canceled, &progress, &ReportProgress::cancel);
    QObject::connect(&m_lock, &LockController::sessionEndRequested, &progress, &ReportProgress::cancel);
    QObject::connect(&progress, &ReportProgress::progress, &dialog, [&dialog](int done, int total) {
        if (dialog.maximum() != total)
            dialog.setMaximum(total);
        dialog.setValue(qMin(done, total)); // window-modal: lets events through, so Cancel is seen
    });

    qCInfo(lcUi) << "report started";
    auto result = writer(*session, path, &progress);
    dialog.reset();
    if (!result)
        qCInfo(lcUi) << "report not written:" << int(result.error().code);
    else
        qCInfo(lcUi) << "report written," << result.value().pages << "pages";
    return result;
}

void ReportRunner::showResult(QLabel* label, const Result<ReportSummary>& result)
{
    if (!result) {
        Theme::makeError(label);
        Theme::setMessage(label, result.errorMessage());
    } else if (!result.value().path.isEmpty()) {
        Theme::makeSuccess(label);
        Theme::setMessage(label, describe(result.value()));
    } else {
        Theme::setMessage(label, QString());
    }
}

QString ReportRunner::describe(const ReportSummary& summary)
{
    // Whole words rather than "%n page(s)": right even where no translation is loaded.
    const QString name = QFileInfo(summary.path).fileName();
    QString text = summary.pages == 1 ? tr("Saved “%1”: 1 page").arg(name)
                                      : tr("Saved “%1”: %2 pages").arg(name).arg(summary.pages);
    if (summary.photos > 0)
        text += summary.photos == 1 ? tr(", 1 photo") : tr(", %1 photos").arg(summary.photos);
    text += QLatin1Char('.');
    if (summary.photosLeftOut > 0)
        text += QLatin1Char(' ')
            + (summary.photosLeftOut == 1 ? tr("1 photo was left out by photo consent or to keep the pages short.")
                                          : tr("%1 photos were left out by photo consent or to keep the pages short.")
                                                .arg(summary.photosLeftOut));
    text += QLatin1Char(' ') + tr("The PDF is not encrypted: print it or hand it over, then delete it.");
    return text;
}

} // namespace Acorn
