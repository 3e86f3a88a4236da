// Capture to saved for a 12-megapixel photo (4000×3000), the path the capture page takes: the camera's QImage is
// encoded to JPEG in memory, then MediaImporter::importPhotoData decodes it, drops all metadata, re-encodes, makes a
// thumbnail, encrypts both and stores them in the vault (with fsync). Goal: under 250 ms. The baseline, in the same
// run and interleaved: a plain QImage decode of the same JPEG bytes, the least any import has to do.
#include "media/MediaImporter.h"
#include "media/MediaVault.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QLoggingCategory>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Acorn;

namespace {
constexpr int Rounds = 5;
constexpr double GoalMs = 250;

// A picture with detail everywhere (shapes and fine noise), so that it compresses like a photo, not like a flat
// colour. Drawn: no people in it.
QImage makePicture()
{
    QImage image(4000, 3000, QImage::Format_RGB32);
    QRandomGenerator random(12345);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, 3000);
    sky.setColorAt(0, QColor(0x9f, 0xd3, 0xf5));
    sky.setColorAt(1, QColor(0xe8, 0xc9, 0x8a));
    p.fillRect(image.rect(), sky);
    for (int i = 0; i < 400; ++i) {
        p.setPen(Qt::NoPen);
        p.setBrush(
            QColor::fromHsv(int(random.bounded(360)), 120 + int(random.bounded(120)), 120 + int(random.bounded(120))));
        const int x = int(random.bounded(4000)), y = int(random.bounded(3000)), s = 20 + int(random.bounded(300));
        if (i % 2)
            p.drawEllipse(x, y, s, s);
        else
            p.drawRect(x, y, s, s * 2 / 3);
    }
    p.end();
    // Sensor-like noise.
    for (int y = 0; y < image.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int n = int(random.bounded(17)) - 8;
            const QRgb c = line[x];
            line[x] = qRgb(std::clamp(qRed(c) + n, 0, 255), std::clamp(qGreen(c) + n, 0, 255),
                           std::clamp(qBlue(c) + n, 0, 255));
        }
    }
    return image;
}

QByteArray encodeJpeg(const QImage& image)
{
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(92); // what CapturePage uses
    writer.write(image);
    return jpeg;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}
} // namespace

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("acorn.*.info=false"));
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    MediaVault vault(dir.filePath(QStringLiteral("vault")));
    MediaImporter importer(vault);
    const QImage picture = makePicture();

    std::vector<double> encodeMs, importMs, totalMs, decodeMs;
    qint64 jpegBytes = 0;
    for (int round = 0; round < Rounds + 1; ++round) {
        QElapsedTimer timer;
        timer.start();
        const QByteArray jpeg = encodeJpeg(picture);
        const qint64 encoded = timer.nsecsElapsed();
        auto imported = importer.importPhotoData(jpeg);
        const qint64 saved = timer.nsecsElapsed();
        if (!imported) {
            std::fprintf(stderr, "import failed: %s\n", qPrintable(imported.errorMessage()));
            return 1;
        }
        if (imported.value().size != QSize(4000, 3000)) {
            std::fprintf(stderr, "unexpected size\n");
            return 1;
        }

        timer.restart();
        const QImage decoded = QImage::fromData(jpeg, "JPEG");
        const qint64 decodeOnly = timer.nsecsElapsed();
        if (decoded.size() != QSize(4000, 3000))
            return 1;
        vault.remove(imported.value().file.fileId);
        vault.remove(imported.value().thumbnail->fileId);
        jpegBytes = jpeg.size();
        if (round == 0)
            continue; // warm-up: first use of the codecs and the vault folder
        encodeMs.push_back(encoded / 1e6);
        importMs.push_back((saved - encoded) / 1e6);
        totalMs.push_back(saved / 1e6);
        decodeMs.push_back(decodeOnly / 1e6);
    }

    const double total = median(totalMs);
    const double decode = median(decodeMs);
    std::printf("bench_capture: 12 MP photo capture-to-saved %.0f ms (JPEG encode %.0f + importPhotoData %.0f: "
                "decode, strip, thumbnail, encrypt, store) vs plain JPEG decode %.0f ms = %.1fx; %.1f MB JPEG; "
                "median of %d; goal < %.0f ms: %s\n",
                total, median(encodeMs), median(importMs), decode, total / decode, jpegBytes / 1e6, Rounds, GoalMs,
                total < GoalMs ? "met" : "NOT met");
    return 0;
}
