#pragma once

#include "Result.h"
#include "domain/Child.h"

#include <QCoreApplication>
#include <QList>
#include <optional>

namespace Acorn {

class Session;

// Children's records. Staff see the children of their rooms; managers and administrators add and change records
// and record photo consent (who recorded it and when is kept, and changing it applies to everything already in
// the journals at once, because every view filters by the current decision).
class Children final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Children)
public:
    explicit Children(Session& session);

    QList<Child> visible(bool includeLeft = false) const;
    std::optional<Child> byId(const QString& id) const; // only if visible to the signed-in person
    [[nodiscard]] Result<Child> create(const Child& child);
    [[nodiscard]] VoidResult update(const Child& child);
    [[nodiscard]] VoidResult setPhotoConsent(const QString& childId, PhotoConsent consent);

private:
    VoidResult validate(const Child& child) const;
    Session& m_session;
};

} // namespace Acorn
