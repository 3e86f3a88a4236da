#pragma once

#include <QList>
#include <QRectF>
#include <QSizeF>

namespace Acorn {

// Where one to four photos go on a printed page: one photo alone, two side by side, three as one large and two
// stacked, four as two rows of two — rows justified to the full width, the whole block scaled down (and centred)
// if it would be taller than `maxHeight`. Sizes are the photos' pixel sizes (only their shapes matter); rectangles
// come back relative to the block's top left corner, in the units of `width`.
class PhotoGrid final
{
public:
    static constexpr int MaxPhotos = 4;

    static QList<QRectF> layout(const QList<QSizeF>& sizes, qreal width, qreal maxHeight, qreal gap);
    static qreal height(const QList<QRectF>& rects);
};

} // namespace Acorn
