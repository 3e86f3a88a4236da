#pragma once

#include <QByteArray>

namespace Acorn {

// Generated pictures for the demo nursery: block towers, paint, leaves, sand — drawn, never photographed, and
// with no people in them.
class DemoPictures final
{
public:
    static constexpr int Kinds = 4;
    // A JPEG of picture `kind` (0..Kinds-1), varied by `seed`.
    static QByteArray make(int kind, quint32 seed, int width = 1024, int height = 768);
};

} // namespace Acorn
