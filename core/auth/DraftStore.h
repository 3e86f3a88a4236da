#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace Acorn {

class Database;
class Clock;

// Work in progress, kept in the encrypted database (never in a plain file) so that a lock, a crash or a flat
// battery loses nothing. Drafts belong to one staff member and never leave the device.
class DraftStore final
{
public:
    DraftStore(const Database& database, QString ownerId, const Clock& clock);

    [[nodiscard]] VoidResult save(const QString& kind, const QString& objectKey, const QByteArray& payload);
    std::optional<QByteArray> load(const QString& kind, const QString& objectKey = {}) const;
    [[nodiscard]] VoidResult remove(const QString& kind, const QString& objectKey = {});

private:
    const Database& m_database;
    QString m_ownerId;
    const Clock& m_clock;
};

} // namespace Acorn
