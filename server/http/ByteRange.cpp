#include "http/ByteRange.h"

namespace Acorn::Server {

namespace {
// A non-negative decimal number without sign or spaces; nullopt for anything else (and for overflow).
std::optional<qint64> number(const QByteArray& text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}
} // namespace

ByteRange::Parse ByteRange::parse(const QByteArray& header, qint64 size, ByteRange* range)
{
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes="))
        return Parse::None;
    const QByteArray spec = value.mid(6).trimmed();
    if (spec.contains(','))
        return Parse::None;
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return Parse::None;
    const QByteArray from = spec.left(dash).trimmed();
    const QByteArray to = spec.mid(dash + 1).trimmed();
    if (from.isEmpty()) {
        // The last `suffix` bytes.
        const auto suffix = number(to);
        if (!suffix)
            return Parse::None;
        if (*suffix == 0 || size == 0)
            return Parse::Unsatisfiable;
        range->first = qMax<qint64>(0, size - *suffix);
        range->last = size - 1;
        return Parse::Valid;
    }
    const auto first = number(from);
    if (!first)
        return Parse::None;
    std::optional<qint64> last = size - 1;
    if (!to.isEmpty()) {
        last = number(to);
        if (!last || *last < *first)
            return Parse::None; // syntactically invalid: ignored, as the RFC says
    }
    if (*first >= size)
        return Parse::Unsatisfiable;
    range->first = *first;
    range->last = qMin(*last, size - 1);
    return Parse::Valid;
}

QByteArray ByteRange::contentRange(qint64 size) const
{
    return "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' + QByteArray::number(size);
}

} // namespace Acorn::Server
