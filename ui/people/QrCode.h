#pragma once

#include <QByteArray>
#include <QImage>

namespace Acorn {

// A QR code (libqrencode) as a black-on-white image: the portal invitation's link, for a parent to scan with a
// phone's camera from the screen or from the printed letter.
class QrCode final
{
public:
    // White modules around the code on every side: scanners need them to find it (ISO/IEC 18004 asks for 4).
    static constexpr int QuietZone = 4;

    // `modulePixels` pixels per module, quiet zone included. A null image when the text cannot be encoded (too long
    // for a QR code, or empty).
    static QImage image(const QByteArray& text, int modulePixels);
    // Modules across, quiet zone included; 0 when the text cannot be encoded.
    static int modulesAcross(const QByteArray& text);
};

} // namespace Acorn
