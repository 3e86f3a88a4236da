#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace Acorn {

// Files other than the database (keyring, throttle state, backups) are replaced atomically: a crash or a
// full disk leaves either the old file or the new one, never half of one.
class AtomicFile final
{
public:
    [[nodiscard]] static VoidResult write(const QString& path, const QByteArray& bytes);
    [[nodiscard]] static Result<QByteArray> read(const QString& path, qint64 maxSize = 16 * 1024 * 1024);
    // Maps a QFileDevice error on `path` to words the user can act on.
    static Error describe(const QString& path, int fileError, const QString& systemText);
};

} // namespace Acorn
