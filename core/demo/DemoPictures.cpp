#include "demo/DemoPictures.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QRandomGenerator>

namespace Acorn {

namespace {
const QColor Palette[] = {QColor(231, 76, 60),  QColor(241, 196, 15), QColor(46, 204, 113), QColor(52, 152, 219),
                          QColor(155, 89, 182), QColor(230, 126, 34), QColor(26, 188, 156)};

void blocks(QPainter& p, QRandomGenerator& rng, int w, int h)
{
    p.fillRect(0, 0, w, h, QColor(245, 238, 220));
    p.fillRect(0, h * 3 / 4, w, h / 4, QColor(196, 164, 120));
    const int towers = 2 + int(rng.bounded(3));
    for (int t = 0; t < towers; ++t) {
        int x = w / 8 + t * w / (towers + 1);
        int y = h * 3 / 4;
        const int count = 3 + int(rng.bounded(6));
        for (int i = 0; i < count; ++i) {
            const int bw = 80 + int(rng.bounded(60)), bh = 50 + int(rng.bounded(30));
            y -= bh;
            p.setBrush(Palette[rng.bounded(int(std::size(Palette)))]);
            p.setPen(QPen(Qt::black, 3));
            p.drawRect(x + int(rng.bounded(21)) - 10, y, bw, bh);
        }
    }
}

void paint(QPainter& p, QRandomGenerator& rng, int w, int h)
{
    p.fillRect(0, 0, w, h, Qt::white);
    p.setPen(Qt::NoPen);
    for (int i = 0; i < 40; ++i) {
        QColor c = Palette[rng.bounded(int(std::size(Palette)))];
        c.setAlpha(150 + int(rng.bounded(100)));
        p.setBrush(c);
        const int r = 20 + int(rng.bounded(90));
        p.drawEllipse(QPoint(int(rng.bounded(w)), int(rng.bounded(h))), r, r * 2 / 3);
    }
    p.setPen(QPen(Palette[rng.bounded(int(std::size(Palette)))], 14, Qt::SolidLine, Qt::RoundCap));
    QPainterPath stroke(QPointF(40, h / 2.0));
    for (int i = 1; i <= 6; ++i)
        stroke.quadTo(QPointF(i * w / 6.0 - w / 12.0, rng.bounded(h)), QPointF(i * w / 6.0, rng.bounded(h)));
    p.drawPath(stroke);
}

void leaves(QPainter& p, QRandomGenerator& rng, int w, int h)
{
    p.fillRect(0, 0, w, h, QColor(120, 170, 90));
    for (int i = 0; i < 30; ++i) {
        p.save();
        p.translate(rng.bounded(w), rng.bounded(h));
        p.rotate(rng.bounded(360));
        const QColor c = QColor::fromHsv(15 + int(rng.bounded(40)), 200, 150 + int(rng.bounded(100)));
        p.setBrush(c);
        p.setPen(QPen(c.darker(150), 2));
        QPainterPath leaf;
        leaf.moveTo(0, -60);
        leaf.quadTo(40, 0, 0, 60);
        leaf.quadTo(-40, 0, 0, -60);
        p.drawPath(leaf);
        p.drawLine(0, -60, 0, 75);
        p.restore();
    }
}

void sand(QPainter& p, QRandomGenerator& rng, int w, int h)
{
    p.fillRect(0, 0, w, h, QColor(230, 205, 150));
    p.setPen(Qt::NoPen);
    for (int i = 0; i < 2500; ++i) {
        p.setBrush(QColor(200 + int(rng.bounded(40)), 170 + int(rng.bounded(40)), 110 + int(rng.bounded(40))));
        p.drawEllipse(QPoint(int(rng.bounded(w)), int(rng.bounded(h))), 3, 3);
    }
    // A bucket and spade.
    p.setBrush(Palette[rng.bounded(int(std::size(Palette)))]);
    p.setPen(QPen(Qt::black, 4));
    const int bx = int(rng.bounded(w / 2)) + w / 8;
    p.drawPolygon(QPolygon(
        {QPoint(bx, h / 3), QPoint(bx + 220, h / 3), QPoint(bx + 180, h / 3 + 240), QPoint(bx + 40, h / 3 + 240)}));
    p.setBrush(QColor(90, 90, 100));
    p.drawRect(bx + 320, h / 4, 20, 260);
    p.drawEllipse(QPoint(bx + 330, h / 4 + 300), 50, 70);
}
} // namespace

QByteArray DemoPictures::make(int kind, quint32 seed, int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator rng(seed);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        switch (((kind % Kinds) + Kinds) % Kinds) {
        case 0:
            blocks(p, rng, width, height);
            break;
        case 1:
            paint(p, rng, width, height);
            break;
        case 2:
            leaves(p, rng, width, height);
            break;
        default:
            sand(p, rng, width, height);
            break;
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    return bytes;
}

} // namespace Acorn
