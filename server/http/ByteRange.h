#pragma once

#include <QByteArray>

#include <optional>

namespace Acorn::Server {

// One range of an HTTP Range header (RFC 9110 §14.1.2): "bytes=first-last", "bytes=first-" or "bytes=-suffix".
// Several ranges in one header are not served (the answer is then the whole resource, which the RFC allows).
struct ByteRange
{
    qint64 first = 0;
    qint64 last = 0; // inclusive

    qint64 length() const { return last - first + 1; }

    enum class Parse { None, Valid, Unsatisfiable };
    // None: no header, another unit or several ranges (serve the whole); Unsatisfiable: 416 with "bytes */size".
    static Parse parse(const QByteArray& header, qint64 size, ByteRange* range);
    QByteArray contentRange(qint64 size) const; // "bytes first-last/size"
};

} // namespace Acorn::Server
