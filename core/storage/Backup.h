#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>

namespace Acorn {

class DataDir;
class Session;
class Clock;

// A backup is one file: a short header, the keyring (not secret: everything in it is wrapped or sealed) and a
// consistent, still-encrypted copy of the database made with sqlcipher_export. It can be made while the app is
// running (WAL readers do not block writers) and is verified by opening the copy before it is kept.
class Backup final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Backup)
public:
    [[nodiscard]] static VoidResult create(Session& session, const QString& targetFile);

    // Checks the backup with the given staff member's password (from the backup's own keyring), then replaces the
    // data folder's database and keyring. The files it replaces are kept beside it as *.before-restore-<time>.
    [[nodiscard]] static VoidResult restore(const DataDir& dataDir, const QString& backupFile, const QString& userName,
                                            const QByteArray& password, const Clock& clock);
};

} // namespace Acorn
