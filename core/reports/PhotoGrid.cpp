#include "reports/PhotoGrid.h"

#include <algorithm>

namespace Acorn {

namespace {
// Width over height, with a sensible shape for a photo whose size is unknown.
qreal aspect(const QSizeF& size)
{
    if (size.width() <= 0 || size.height() <= 0)
        return 4.0 / 3.0;
    return std::clamp(size.width() / size.height(), 0.25, 4.0);
}

// One row of photos, all the same height, exactly `width` wide.
QList<QRectF> justifiedRow(const QList<qreal>& aspects, qreal width, qreal top, qreal gap)
{
    qreal sum = 0;
    for (const qreal a : aspects)
        sum += a;
    const qreal height = (width - gap * (aspects.size() - 1)) / sum;
    QList<QRectF> row;
    qreal x = 0;
    for (const qreal a : aspects) {
        row.append(QRectF(x, top, a * height, height));
        x += a * height + gap;
    }
    return row;
}
} // namespace

QList<QRectF> PhotoGrid::layout(const QList<QSizeF>& sizes, qreal width, qreal maxHeight, qreal gap)
{
    QList<qreal> aspects;
    for (int i = 0; i < std::min<int>(int(sizes.size()), MaxPhotos); ++i)
        aspects.append(aspect(sizes[i]));
    QList<QRectF> rects;
    switch (aspects.size()) {
    case 0:
        return rects;
    case 1:
    case 2:
        rects = justifiedRow(aspects, width, 0, gap);
        break;
    case 3: {
        // One large photo on the left, two stacked on the right, both columns the same height:
        // left width = a0·H, right width w with H = w/a1 + gap + w/a2, and a0·H + gap + w = width.
        const qreal stack = 1 / aspects[1] + 1 / aspects[2];
        const qreal w = (width - gap - aspects[0] * gap) / (aspects[0] * stack + 1);
        const qreal h = w * stack + gap;
        const qreal leftWidth = aspects[0] * h;
        rects.append(QRectF(0, 0, leftWidth, h));
        rects.append(QRectF(leftWidth + gap, 0, w, w / aspects[1]));
        rects.append(QRectF(leftWidth + gap, w / aspects[1] + gap, w, w / aspects[2]));
        break;
    }
    default: {
        rects = justifiedRow(aspects.mid(0, 2), width, 0, gap);
        const qreal top = rects.first().height() + gap;
        rects += justifiedRow(aspects.mid(2, 2), width, top, gap);
        break;
    }
    }
    const qreal total = height(rects);
    if (total > maxHeight) {
        const qreal scale = maxHeight / total;
        const qreal offset = (width - width * scale) / 2;
        for (auto& r : rects)
            r = QRectF(offset + r.x() * scale, r.y() * scale, r.width() * scale, r.height() * scale);
    }
    return rects;
}

qreal PhotoGrid::height(const QList<QRectF>& rects)
{
    qreal bottom = 0;
    for (const auto& r : rects)
        bottom = std::max(bottom, r.bottom());
    return bottom;
}

} // namespace Acorn
