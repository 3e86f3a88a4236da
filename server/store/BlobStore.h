#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace Acorn::Server {

// Where media bytes live: opaque blobs (already encrypted by the caller) under names like "<media id>/<chunk>".
// The folder backend is FolderBlobStore; an S3-compatible one can implement the same five calls.
class BlobStore
{
public:
    virtual ~BlobStore() = default;

    virtual QString backendName() const = 0;
    // Stores `bytes` under `name`, replacing what was there; all of it or nothing, durable when this returns.
    [[nodiscard]] virtual VoidResult put(const QString& name, const QByteArray& bytes) = 0;
    [[nodiscard]] virtual Result<QByteArray> get(const QString& name, qint64 maxSize) const = 0;
    virtual bool exists(const QString& name) const = 0;
    [[nodiscard]] virtual VoidResult remove(const QString& name) = 0;
    // Removes every blob named "<prefix>/...".
    [[nodiscard]] virtual VoidResult removeAll(const QString& prefix) = 0;

    // Names are lower-case letters, digits and dashes in one or two '/'-separated parts: no path tricks possible.
    static bool isValidName(const QString& name);
};

} // namespace Acorn::Server
