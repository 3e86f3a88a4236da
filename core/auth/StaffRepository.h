#pragma once

#include "Result.h"
#include "domain/StaffMember.h"

#include <QList>
#include <QStringList>
#include <optional>

namespace Acorn {

class Database;

// Queries on the staff table. No rules here: StaffAccounts decides who may do what.
class StaffRepository final
{
public:
    explicit StaffRepository(const Database& database);

    QList<StaffMember> all() const;
    std::optional<StaffMember> byId(const QString& id) const;
    std::optional<StaffMember> byUserName(const QString& userName) const;
    int countActive(Role role) const;

    [[nodiscard]] VoidResult insert(const StaffMember& staff, const QString& deviceId, const QDateTime& now);
    [[nodiscard]] VoidResult update(const StaffMember& staff, const QDateTime& now);
    [[nodiscard]] VoidResult setPasswordState(const QString& id, const QDateTime& changedAt, bool mustChange,
                                              const QStringList& history, const QDateTime& now);
    QStringList passwordHistory(const QString& id) const;

private:
    const Database& m_database;
};

} // namespace Acorn
