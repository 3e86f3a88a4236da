#include "media/Mp4Metadata.h"

#include <QList>

#include <cstring>

namespace Acorn {

namespace {
struct Box
{
    qint64 start = 0; // where its header starts
    qint64 headerSize = 8;
    qint64 size = 0; // whole box, header included
    QByteArray type;
};

quint32 be32(const QByteArray& b, qint64 at)
{
    return (quint32(uchar(b[at])) << 24) | (quint32(uchar(b[at + 1])) << 16) | (quint32(uchar(b[at + 2])) << 8)
        | quint32(uchar(b[at + 3]));
}

// The boxes laid end to end in [from, to); false if they do not tile it exactly.
bool children(const QByteArray& b, qint64 from, qint64 to, QList<Box>* out)
{
    qint64 at = from;
    while (at < to) {
        if (to - at < 8)
            return false;
        Box box;
        box.start = at;
        box.size = be32(b, at);
        box.type = b.mid(at + 4, 4);
        if (box.size == 1) { // 64-bit size follows the type
            if (to - at < 16)
                return false;
            box.size = (qint64(be32(b, at + 8)) << 32) | be32(b, at + 12);
            box.headerSize = 16;
        } else if (box.size == 0) { // to the end of the enclosing space
            box.size = to - at;
        }
        if (box.size < box.headerSize || box.size > to - at)
            return false;
        out->append(box);
        at += box.size;
    }
    return true;
}

void blank(QByteArray& b, const Box& box)
{
    std::memset(b.data() + box.start + box.headerSize, 0, std::size_t(box.size - box.headerSize));
    std::memcpy(b.data() + box.start + 4, "free", 4);
}
} // namespace

int Mp4Metadata::strip(QByteArray& mp4)
{
    QList<Box> top;
    if (!children(mp4, 0, mp4.size(), &top) || top.isEmpty() || top.first().type != "ftyp")
        return -1;
    // Find every box to blank first, and change nothing unless the whole tree made sense.
    QList<Box> doomed;
    for (const Box& box : std::as_const(top)) {
        if (box.type != "moov")
            continue;
        QList<Box> inMoov;
        if (!children(mp4, box.start + box.headerSize, box.start + box.size, &inMoov))
            return -1;
        for (const Box& child : std::as_const(inMoov)) {
            if (child.type == "udta" || child.type == "meta") {
                doomed.append(child);
            } else if (child.type == "trak") {
                QList<Box> inTrak;
                if (!children(mp4, child.start + child.headerSize, child.start + child.size, &inTrak))
                    return -1;
                for (const Box& t : std::as_const(inTrak))
                    if (t.type == "udta" || t.type == "meta")
                        doomed.append(t);
            }
        }
    }
    for (const Box& box : std::as_const(doomed))
        blank(mp4, box);
    return int(doomed.size());
}

} // namespace Acorn
