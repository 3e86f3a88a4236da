#include "people/QrCode.h"

#include <qrencode.h>

#include <cstring>
#include <memory>

namespace Acorn {

namespace {
struct QrFree
{
    void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrPointer = std::unique_ptr<QRcode, QrFree>;

QrPointer encode(const QByteArray& text)
{
    if (text.isEmpty() || text.contains('\0'))
        return nullptr;
    // Level M (15% of the code can be lost): a letter that was folded, or a screen with a reflection, still scans.
    // Version 0: the smallest that holds the text.
    return QrPointer(QRcode_encodeString8bit(text.constData(), 0, QR_ECLEVEL_M));
}
} // namespace

int QrCode::modulesAcross(const QByteArray& text)
{
    const QrPointer code = encode(text);
    return code ? code->width + 2 * QuietZone : 0;
}

QImage QrCode::image(const QByteArray& text, int modulePixels)
{
    const QrPointer code = encode(text);
    if (!code || modulePixels < 1)
        return {};
    const int modules = code->width;
    const int side = (modules + 2 * QuietZone) * modulePixels;
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(255);
    for (int row = 0; row < modules; ++row) {
        const unsigned char* data = code->data + std::size_t(row) * std::size_t(modules);
        for (int pixelRow = 0; pixelRow < modulePixels; ++pixelRow) {
            uchar* line = image.scanLine((QuietZone + row) * modulePixels + pixelRow);
            for (int column = 0; column < modules; ++column) {
                // The lowest bit of each byte is the module's colour (1: dark); the others say what it is part of.
                if (data[column] & 1)
                    std::memset(line + (QuietZone + column) * modulePixels, 0, std::size_t(modulePixels));
            }
        }
    }
    return image;
}

} // namespace Acorn
