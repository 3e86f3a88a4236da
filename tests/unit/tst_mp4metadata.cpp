// Mp4Metadata: where a phone says a video was taken is blanked, and nothing else moves.
#include "media/Mp4Metadata.h"

#include <QTest>

using namespace Acorn;

namespace {
QByteArray box(const char* type, const QByteArray& payload)
{
    QByteArray b;
    const quint32 size = quint32(8 + payload.size());
    b.append(char(size >> 24)).append(char(size >> 16)).append(char(size >> 8)).append(char(size));
    b.append(type, 4);
    return b + payload;
}

// A small QuickTime-style file: ftyp, moov (mvhd, udta with ©xyz and a device model, meta with an ISO 6709 location,
// a trak with its own udta), mdat with "video" bytes.
QByteArray phoneVideo()
{
    const QByteArray location = "+51.5074-000.1278+011.000/";
    const QByteArray udta
        = box("udta", box("\xA9xyz", QByteArray("\x00\x1a\x15\xc7", 4) + location) + box("\xA9mod", "Pixel Testphone"));
    const QByteArray meta = box(
        "meta", QByteArray(4, '\0') + box("keys", "com.apple.quicktime.location.ISO6709") + box("ilst", location));
    const QByteArray trak = box("trak", box("tkhd", QByteArray(84, '\x01')) + box("udta", box("name", "Home video")));
    const QByteArray moov = box("moov", box("mvhd", QByteArray(100, '\x02')) + udta + meta + trak);
    return box("ftyp", QByteArray("isom\0\0\x02\0isomiso2", 16)) + moov + box("mdat", QByteArray(4096, '\x5a'));
}
} // namespace

class TestMp4Metadata final : public QObject
{
    Q_OBJECT

private slots:
    void testLocationAndDeviceAreBlanked()
    {
        const QByteArray original = phoneVideo();
        QByteArray video = original;
        QCOMPARE(Mp4Metadata::strip(video), 3); // moov/udta, moov/meta, trak/udta
        QCOMPARE(video.size(), original.size());
        QVERIFY(!video.contains("+51.5074"));
        QVERIFY(!video.contains("Pixel Testphone"));
        QVERIFY(!video.contains("Home video"));
        QVERIFY(!video.contains("udta"));
        QVERIFY(video.contains("free"));
        // The rest is byte for byte the same: the header boxes and every media byte.
        QVERIFY(video.contains(QByteArray(4096, '\x5a')));
        QVERIFY(video.contains(QByteArray(100, '\x02')));
        QVERIFY(video.contains(QByteArray(84, '\x01')));
        QCOMPARE(video.left(24), original.left(24));
        // Stripping again finds nothing more.
        QCOMPARE(Mp4Metadata::strip(video), 0);
    }

    void testMalformedFilesAreLeftAlone()
    {
        for (QByteArray broken : {QByteArray("not a video at all"), phoneVideo().left(200),
                                  QByteArray("\x00\x00\x00\x08moov", 8) + phoneVideo()}) {
            const QByteArray before = broken;
            QCOMPARE(Mp4Metadata::strip(broken), -1);
            QCOMPARE(broken, before);
        }
        // A box claiming more than the file holds.
        QByteArray lying = phoneVideo();
        lying[lying.indexOf("moov") - 4] = '\x7f';
        const QByteArray before = lying;
        QCOMPARE(Mp4Metadata::strip(lying), -1);
        QCOMPARE(lying, before);
    }
};

QTEST_GUILESS_MAIN(TestMp4Metadata)
#include "tst_mp4metadata.moc"
