#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

namespace Acorn {

class Session;

struct Comment
{
    QString id;
    QString observationId;
    QString authorStaffId;
    QString authorGuardianId;
    QString authorName;
    QString text;
    QDateTime createdAt;
};

// Replies under an observation. Comments exist only on observations — the journal is not a chat — and only on ones
// the writer can see; staff-only observations never get a guardian's reply.
class Comments final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Comments)
public:
    static constexpr int MaxLength = 2000;

    explicit Comments(Session& session);

    [[nodiscard]] Result<Comment> add(const QString& observationId, const QString& text);
    // Used by the sync path for replies written by guardians in the portal.
    [[nodiscard]] Result<Comment> addFromGuardian(const QString& observationId, const QString& guardianId,
                                                  const QString& text);
    QList<Comment> of(const QString& observationId) const;

private:
    Result<Comment> insert(const QString& observationId, const QString& staffId, const QString& guardianId,
                           const QString& text);
    Session& m_session;
};

} // namespace Acorn
