#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Acorn {

class Database;
class Clock;

// A change this device made to a row that had meanwhile changed on the server (another device got there first).
struct SyncConflict
{
    QString id;
    QString entity;
    QString entityId;
    QJsonObject local; // as this device had it
    QJsonObject server; // as the server has it ({} if the server has none)
    QDateTime createdAt;
};

// Conflict copies kept by the sync client, for staff to resolve: keep this device's version (it goes to the
// server next, on top of the server's) or the server's (written here, not sent back). Resolving records who and
// when; nothing is ever thrown away without someone choosing.
class Conflicts final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Conflicts)

public:
    Conflicts(const Database& database, const Clock& clock);

    QList<SyncConflict> open() const;
    int openCount() const;
    [[nodiscard]] VoidResult keepLocal(const QString& conflictId, const QString& staffId);
    [[nodiscard]] VoidResult keepServer(const QString& conflictId, const QString& staffId);
    // In words, for the list: "Room “Saplings (A)” / “Saplings (B)”".
    static QString describe(const SyncConflict& conflict);

private:
    Result<SyncConflict> find(const QString& conflictId) const;
    VoidResult resolve(const QString& conflictId, const QString& staffId);

    const Database& m_database;
    const Clock& m_clock;
};

} // namespace Acorn
