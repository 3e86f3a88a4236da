#include "media/Mp4Metadata.h"

#include <QBuffer>
#include <QIODevice>

#include <cstring>

namespace Acorn {

namespace {
struct Found
{
    Mp4Metadata::Box box;
    QByteArray type;
};

quint32 be32(const char* p)
{
    return (quint32(uchar(p[0])) << 24) | (quint32(uchar(p[1])) << 16) | (quint32(uchar(p[2])) << 8)
        | quint32(uchar(p[3]));
}

// The boxes laid end to end in [from, to); false if they do not tile it exactly. Reads headers only.
bool children(QIODevice& file, qint64 from, qint64 to, QList<Found>* out)
{
    qint64 at = from;
    int guard = 0;
    while (at < to) {
        if (to - at < 8 || ++guard > 100000)
            return false;
        char header[16];
        if (!file.seek(at) || file.read(header, 8) != 8)
            return false;
        Found f;
        f.box.start = at;
        f.box.size = be32(header);
        f.type = QByteArray(header + 4, 4);
        if (f.box.size == 1) { // a 64-bit size follows the type
            if (to - at < 16 || file.read(header + 8, 8) != 8)
                return false;
            f.box.size = (qint64(be32(header + 8)) << 32) | be32(header + 12);
            f.box.headerSize = 16;
        } else if (f.box.size == 0) { // to the end of the enclosing space
            f.box.size = to - at;
        }
        if (f.box.size < f.box.headerSize || f.box.size > to - at)
            return false;
        out->append(f);
        at += f.box.size;
    }
    return true;
}
} // namespace

std::optional<QList<Mp4Metadata::Box>> Mp4Metadata::find(QIODevice& file)
{
    QList<Found> top;
    if (!children(file, 0, file.size(), &top) || top.isEmpty() || top.first().type != "ftyp")
        return std::nullopt;
    QList<Box> doomed;
    for (const Found& f : std::as_const(top)) {
        if (f.type != "moov")
            continue;
        QList<Found> inMoov;
        if (!children(file, f.box.start + f.box.headerSize, f.box.start + f.box.size, &inMoov))
            return std::nullopt;
        for (const Found& child : std::as_const(inMoov)) {
            if (child.type == "udta" || child.type == "meta") {
                doomed.append(child.box);
            } else if (child.type == "trak") {
                QList<Found> inTrak;
                if (!children(file, child.box.start + child.box.headerSize, child.box.start + child.box.size, &inTrak))
                    return std::nullopt;
                for (const Found& t : std::as_const(inTrak))
                    if (t.type == "udta" || t.type == "meta")
                        doomed.append(t.box);
            }
        }
    }
    return doomed;
}

void Mp4Metadata::apply(const QList<Box>& boxes, qint64 offset, char* data, qint64 length)
{
    static const char freeType[4] = {'f', 'r', 'e', 'e'};
    for (const Box& box : boxes) {
        // The type field becomes "free"; the payload becomes zeros.
        for (qint64 i = 0; i < 4; ++i) {
            const qint64 at = box.start + 4 + i;
            if (at >= offset && at < offset + length)
                data[at - offset] = freeType[i];
        }
        const qint64 from = qMax(offset, box.start + box.headerSize);
        const qint64 to = qMin(offset + length, box.start + box.size);
        if (from < to)
            std::memset(data + (from - offset), 0, std::size_t(to - from));
    }
}

int Mp4Metadata::strip(QByteArray& mp4)
{
    QBuffer buffer(&mp4);
    if (!buffer.open(QIODevice::ReadOnly))
        return -1;
    const auto boxes = find(buffer);
    buffer.close();
    if (!boxes)
        return -1;
    apply(*boxes, 0, mp4.data(), mp4.size());
    return int(boxes->size());
}

} // namespace Acorn
