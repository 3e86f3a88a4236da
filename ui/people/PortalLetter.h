#pragma once

#include "Result.h"
#include "reports/ReportSummary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>
#include <QUrl>

namespace Acorn {

class ReportProgress;
class Session;

// The one-page letter that goes home with a portal invitation: who it is from (the nursery's name and logo), what
// the portal is, the link as text and as a QR code, the code, until when it works, and that the agreement not to
// download or share comes before the journal. Written like every printed report (ReportWriter: A4, embedded fonts,
// no file left behind on failure), and recorded in the audit log without the code.
class PortalLetter final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::PortalLetter)
public:
    struct Content
    {
        QString guardianId;
        QString guardianName;
        QStringList childNames; // the children the invitation is for
        QString code;
        QUrl link;
        QDateTime expiresAt;
    };

    explicit PortalLetter(Session& session);

    // Managers and administrators (Action::ManageGuardians), like the invitation itself.
    [[nodiscard]] Result<ReportSummary> write(const QString& path, const Content& content,
                                              ReportProgress* progress = nullptr);

    // "Ava", "Ava and Ben", "Ava, Ben and Cal".
    static QString joinNames(const QStringList& names);

private:
    Session& m_session;
};

} // namespace Acorn
