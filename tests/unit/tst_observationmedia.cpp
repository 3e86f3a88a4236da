// Attaching photos and videos to an observation through the real vault: who may, where the bytes go (encrypted,
// nowhere in the clear), and that the journal shows them by the consent rule.
#include "JournalFixture.h"

#include "demo/DemoPictures.h"
#include "journal/JournalQuery.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"

#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QTest>

using namespace Acorn;
using Acorn::Test::JournalFixture;

namespace {
const QByteArray Marker = "OCTOPUS-PLAINTEXT-MARKER-99127";

bool markerOnDisk(const QString& root, const QDateTime& since)
{
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).lastModified() < since || path.endsWith("clip.mp4"))
            continue; // the source file itself is the user's own
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(Marker))
            return true;
    }
    return false;
}
} // namespace

class TestObservationMedia : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_f = std::make_unique<JournalFixture>();
        QVERIFY(m_f->isValid());
        m_files = std::make_unique<QTemporaryDir>();
        QFile photo(m_files->filePath("blocks.jpg"));
        QVERIFY(photo.open(QIODevice::WriteOnly));
        photo.write(DemoPictures::make(0, 7));
        photo.close();
        QFile clip(m_files->filePath("clip.mp4"));
        QVERIFY(clip.open(QIODevice::WriteOnly));
        // A minimal well-formed MP4: ftyp, then mdat holding the marker.
        const QByteArray payload = Marker + QByteArray(4096, 'v');
        const quint32 mdatSize = quint32(8 + payload.size());
        QByteArray mdat;
        mdat.append(char(mdatSize >> 24))
            .append(char(mdatSize >> 16))
            .append(char(mdatSize >> 8))
            .append(char(mdatSize));
        clip.write(QByteArray("\x00\x00\x00\x10"
                              "ftypmp42\x00\x00\x00\x00",
                              16)
                   + mdat + "mdat" + payload);
        clip.close();
    }

    void testAttachReadAndRemove()
    {
        const QDateTime start = QDateTime::currentDateTime().addSecs(-1);
        auto pia = m_f->signIn("pia");
        Observations obs(*pia);
        auto o = obs.createDraft({m_f->ava, m_f->ben}).value();
        ObservationMedia media(*pia);
        auto photo = media.attachFile(o.id, m_files->filePath("blocks.jpg"), {m_f->ava, m_f->ben});
        QVERIFY2(photo, qPrintable(photo.errorMessage()));
        QCOMPARE(photo.value().kind, MediaKind::Photo);
        QCOMPARE(photo.value().dimensions, QSize(1024, 768));
        auto clip = media.attachFile(o.id, m_files->filePath("clip.mp4"), {m_f->ava});
        QVERIFY2(clip, qPrintable(clip.errorMessage()));
        QCOMPARE(clip.value().kind, MediaKind::Video);
        QCOMPARE(media.of(o.id).size(), 2);

        // Decrypted to memory, never to a file.
        auto thumb = media.thumbnail(photo.value().id);
        QVERIFY(thumb);
        const QImage t = QImage::fromData(thumb.value());
        QCOMPARE(qMax(t.width(), t.height()), 320);
        auto content = media.content(clip.value().id);
        QVERIFY(content);
        QVERIFY(content.value().contains(Marker));
        QString error;
        auto reader = media.openReader(clip.value().id, &error);
        QVERIFY2(reader, qPrintable(error));
        QVERIFY(reader->seek(24)); // after ftyp (16) and the mdat header (8)
        QCOMPARE(reader->read(Marker.size()), Marker);
        reader.reset();
        QVERIFY(!markerOnDisk(m_f->nursery().path(), start));
        QVERIFY(!markerOnDisk(QDir::tempPath(), start));

        // Journals: Ben (no consent) appears in the photo, so it shows in his journal only.
        o.text = "Blocks.";
        QVERIFY(obs.saveDraft(o));
        QVERIFY(obs.submit(o.id));
        auto mabel = m_f->signIn("mabel");
        QVERIFY(Observations(*mabel).approve(o.id));
        const auto inAva = JournalQuery(*mabel).timeline(m_f->ava);
        const auto inBen = JournalQuery(*mabel).timeline(m_f->ben);
        QCOMPARE(inAva.first().media.size(), 1); // the clip (only Ava in it)
        QCOMPARE(inAva.first().media.first().id, clip.value().id);
        QCOMPARE(inBen.first().media.size(), 2);

        // Once submitted, the author can no longer change the media.
        QCOMPARE(media.remove(photo.value().id).code(), Error::Code::PermissionDenied);
    }

    void testRemoveDeletesTheVaultFiles()
    {
        auto pia = m_f->signIn("pia");
        auto o = Observations(*pia).createDraft({m_f->ava}).value();
        ObservationMedia media(*pia);
        auto photo = media.attachFile(o.id, m_files->filePath("blocks.jpg"), {m_f->ava});
        QVERIFY(photo);
        const QString vault = m_f->nursery().dataDir().vaultPath();
        QVERIFY(QFile::exists(vault + "/" + photo.value().vaultFile));
        QVERIFY(media.remove(photo.value().id));
        QVERIFY(!QFile::exists(vault + "/" + photo.value().vaultFile));
        QVERIFY(!QFile::exists(vault + "/" + photo.value().thumbnailFile));
        QVERIFY(media.of(o.id).isEmpty());
    }

    void testWhoMayAttach()
    {
        auto pia = m_f->signIn("pia");
        auto o = Observations(*pia).createDraft({m_f->ava}).value();
        // Tagging a child of another room is refused.
        QCOMPARE(ObservationMedia(*pia).attachFile(o.id, m_files->filePath("blocks.jpg"), {m_f->dot}).code(),
                 Error::Code::PermissionDenied);
        // Someone else cannot add to Pia's draft (they cannot even see it).
        auto rita = m_f->signIn("rita");
        QCOMPARE(ObservationMedia(*rita).attachFile(o.id, m_files->filePath("blocks.jpg"), {m_f->ava}).code(),
                 Error::Code::NotFound);
        // A text file is refused in plain words.
        QFile text(m_files->filePath("notes.txt"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("hello");
        text.close();
        auto refused = ObservationMedia(*pia).attachFile(o.id, text.fileName(), {m_f->ava});
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains("photos, videos and voice notes"), qPrintable(refused.errorMessage()));
    }

private:
    std::unique_ptr<JournalFixture> m_f;
    std::unique_ptr<QTemporaryDir> m_files;
};

QTEST_GUILESS_MAIN(TestObservationMedia)
#include "tst_observationmedia.moc"
