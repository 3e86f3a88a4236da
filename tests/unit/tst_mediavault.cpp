// MediaVault and MediaReader: round trips at the chunk edges, every kind of damage a file can suffer (one changed
// byte, a cut, swapped chunks, the wrong key), random-access reads, no plaintext on disk, and a genuinely full disk.
#include "TestDataDir.h"

#include "media/MediaReader.h"
#include "media/MediaVault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <sodium.h>

#include <unistd.h>

using namespace Acorn;
using Acorn::Test::TestDataDir;

namespace {
constexpr qint64 Chunk = MediaVault::ChunkSize;
constexpr qint64 Tag = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr qint64 Head = MediaVault::PrefixSize + crypto_secretstream_xchacha20poly1305_HEADERBYTES;

QByteArray randomBytes(qint64 size)
{
    QByteArray bytes(int(size), Qt::Uninitialized);
    if (size > 0)
        randombytes_buf(bytes.data(), std::size_t(size));
    return bytes;
}

QByteArray sodiumSha256(const QByteArray& bytes)
{
    QByteArray digest(crypto_hash_sha256_BYTES, Qt::Uninitialized);
    crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                       reinterpret_cast<const unsigned char*>(bytes.constData()), quint64(bytes.size()));
    return digest;
}

qint64 chunkCount(qint64 size)
{
    return size == 0 ? 1 : (size + Chunk - 1) / Chunk;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Every byte a reader hands out, read in pieces of `step` until it stops; -1 on an error.
QByteArray drain(QIODevice& device, qint64 step, bool* failed)
{
    QByteArray out;
    QByteArray piece(int(step), Qt::Uninitialized);
    *failed = false;
    for (;;) {
        const qint64 n = device.read(piece.data(), step);
        if (n < 0) {
            *failed = true;
            break;
        }
        if (n == 0)
            break;
        out.append(piece.constData(), int(n));
    }
    return out;
}
} // namespace

class TestMediaVault : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDataDir> m_mountDir; // removed in cleanup(), after the tmpfs on it is unmounted
    QString m_mountPoint;

    // Stores `plain` and checks that the file can be read back; returns the entry.
    VaultEntry storeChecked(MediaVault& vault, const QByteArray& plain)
    {
        auto stored = vault.store(plain);
        if (!stored) {
            qWarning() << stored.errorMessage();
            return {};
        }
        return stored.take();
    }

private slots:
    void cleanup()
    {
        if (!m_mountPoint.isEmpty()) {
            QProcess::execute("umount", {m_mountPoint});
            m_mountPoint.clear();
        }
        m_mountDir.reset();
    }

    void testRoundTrip_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::newRow("empty") << qint64(0);
        QTest::newRow("one byte") << qint64(1);
        QTest::newRow("chunk - 1") << Chunk - 1;
        QTest::newRow("chunk") << Chunk;
        QTest::newRow("chunk + 1") << Chunk + 1;
        QTest::newRow("5 MiB") << qint64(5 * 1024 * 1024);
    }

    void testRoundTrip()
    {
        QFETCH(qint64, size);
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const QByteArray plain = randomBytes(size);

        auto stored = vault.store(plain);
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        const VaultEntry& entry = stored.value();
        QVERIFY(MediaVault::isValidFileId(entry.fileId));
        QCOMPARE(entry.key.size(), std::size_t(32));
        QCOMPARE(entry.size, size);
        QCOMPARE(entry.sha256, sodiumSha256(plain));
        QCOMPARE(vault.fileIds(), QStringList {entry.fileId});

        const QFileInfo info(vault.filePath(entry.fileId));
        QCOMPARE(info.size(), Head + size + chunkCount(size) * Tag);
        QCOMPARE(info.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());
        QCOMPARE(QFileInfo(vault.folder()).permissions()
                     & (QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther),
                 QFile::Permissions());

        auto read = vault.readAll(entry.fileId, entry.key, size);
        QVERIFY2(read, qPrintable(read.errorMessage()));
        QCOMPARE(read.value().size(), plain.size());
        QVERIFY(read.value() == plain);
        if (size > 0) {
            auto tooSmall = vault.readAll(entry.fileId, entry.key, size - 1);
            QVERIFY(!tooSmall);
        }

        // The same through the reader, in odd-sized pieces that straddle chunk edges.
        QString error;
        auto reader = vault.openReader(entry.fileId, entry.key, &error);
        QVERIFY2(reader, qPrintable(error));
        QCOMPARE(reader->size(), size);
        QVERIFY(!reader->isSequential());
        bool failed = false;
        QVERIFY(drain(*reader, 7919, &failed) == plain);
        QVERIFY(!failed);
        QVERIFY(reader->atEnd());
        QCOMPARE(reader->bytesAvailable(), 0);
    }

    void testStoreFromFileStreamsTheRest()
    {
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const QByteArray plain = randomBytes(3 * Chunk + 5);
        QVERIFY(writeFile(dir.filePath("source.bin"), plain));
        QFile source(dir.filePath("source.bin"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QVERIFY(source.seek(100)); // store() takes what is left from the current position
        auto stored = vault.store(source);
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        QCOMPARE(stored.value().size, plain.size() - 100);
        QCOMPARE(stored.value().sha256, sodiumSha256(plain.mid(100)));
        auto read = vault.readAll(stored.value().fileId, stored.value().key, plain.size());
        QVERIFY(read);
        QVERIFY(read.value() == plain.mid(100));
    }

    void testWrongKeyFails()
    {
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const QByteArray plain = randomBytes(Chunk * 2 + 10);
        VaultEntry entry = storeChecked(vault, plain);
        QVERIFY(!entry.fileId.isEmpty());

        const SecureBuffer otherKey = SecureBuffer::random(32);
        auto read = vault.readAll(entry.fileId, otherKey, plain.size());
        QVERIFY(!read);
        QVERIFY(!read.errorMessage().isEmpty());

        QString error;
        QVERIFY(!vault.openReader(entry.fileId, otherKey, &error));
        QVERIFY(!error.isEmpty());

        // A key of the wrong length is refused too, not read out of bounds.
        QVERIFY(!vault.readAll(entry.fileId, SecureBuffer::random(16), plain.size()));
        // And the right key still works: the failures were about the key.
        QVERIFY(vault.readAll(entry.fileId, entry.key, plain.size()));
    }

    void testEveryChangedByteIsDetected()
    {
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const QByteArray plain = randomBytes(2 * Chunk + 300);
        VaultEntry entry = storeChecked(vault, plain);
        const QString path = vault.filePath(entry.fileId);
        const QByteArray original = readFile(path);
        QCOMPARE(original.size(), Head + plain.size() + 3 * Tag);

        // Every header byte, both edges of every chunk, and a spread through the rest.
        QList<qint64> positions;
        for (qint64 i = 0; i < Head + 64; ++i)
            positions << i;
        for (qint64 c = 1; c < 3; ++c) {
            const qint64 edge = Head + c * (Chunk + Tag);
            for (qint64 i = edge - 20; i < edge + 20; ++i)
                positions << i;
        }
        for (qint64 i = Head; i < original.size(); i += 331)
            positions << i;
        positions << original.size() - 1;

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        for (const qint64 position : std::as_const(positions)) {
            const char flipped = char(original[int(position)] ^ 0x01);
            QVERIFY(file.seek(position));
            QCOMPARE(file.write(&flipped, 1), qint64(1));
            QVERIFY(file.flush());
            auto read = vault.readAll(entry.fileId, entry.key, plain.size());
            QVERIFY2(!read, qPrintable(QString("a change at byte %1 went unnoticed").arg(position)));
            QVERIFY(file.seek(position));
            QCOMPARE(file.write(original.constData() + position, 1), qint64(1));
            QVERIFY(file.flush());
        }
        file.close();
        QVERIFY(vault.readAll(entry.fileId, entry.key, plain.size())); // restored: the test changed only that byte
    }

    void testReaderNeverHandsOutBadBytes()
    {
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const QByteArray plain = randomBytes(4 * Chunk);
        VaultEntry entry = storeChecked(vault, plain);
        QByteArray bytes = readFile(vault.filePath(entry.fileId));
        bytes[int(Head + 2 * (Chunk + Tag) + 1000)] ^= 0x40; // inside chunk 2
        QVERIFY(writeFile(vault.filePath(entry.fileId), bytes));

        auto reader = vault.openReader(entry.fileId, entry.key);
        QVERIFY(reader); // the header and chunk 0 are intact
        bool failed = false;
        const QByteArray got = drain(*reader, 10000, &failed);
        QVERIFY(failed);
        QVERIFY(!reader->errorString().isEmpty());
        QVERIFY(got.size() <= 2 * Chunk);
        QVERIFY(got == plain.left(got.size()));
        // Once broken, it stays broken, even for chunks that were fine.
        QVERIFY(reader->seek(0));
        char c;
        QCOMPARE(reader->read(&c, 1), qint64(-1));
    }

    void testTruncationIsDetected_data()
    {
        QTest::addColumn<qint64>("cut"); // bytes removed from the end
        const qint64 lastChunk = 100 + Tag;
        QTest::newRow("last byte") << qint64(1);
        QTest::newRow("mid last chunk") << lastChunk / 2;
        QTest::newRow("whole last chunk") << lastChunk;
        QTest::newRow("last chunk and half the one before") << lastChunk + (Chunk + Tag) / 2;
        QTest::newRow("two whole chunks") << lastChunk + Chunk + Tag;
        QTest::newRow("everything but the header") << 3 * Chunk + 100 + 4 * Tag;
    }

    void testTruncationIsDetected()
    {
        QFETCH(qint64, cut);
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const QByteArray plain = randomBytes(3 * Chunk + 100);
        VaultEntry entry = storeChecked(vault, plain);
        QFile file(vault.filePath(entry.fileId));
        QVERIFY(file.resize(file.size() - cut));
        auto read = vault.readAll(entry.fileId, entry.key, plain.size());
        QVERIFY(!read);
        QVERIFY(!read.errorMessage().isEmpty());
    }

    void testAppendedBytesAreDetected()
    {
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const QByteArray plain = randomBytes(Chunk + 1);
        VaultEntry entry = storeChecked(vault, plain);
        QFile file(vault.filePath(entry.fileId));
        QVERIFY(file.open(QIODevice::Append));
        file.write(randomBytes(Chunk + Tag));
        file.close();
        QVERIFY(!vault.readAll(entry.fileId, entry.key, 4 * Chunk));
    }

    void testSwappedChunksAreDetected_data()
    {
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("b");
        QTest::newRow("1 and 2") << 1 << 2;
        QTest::newRow("0 and 1") << 0 << 1;
        QTest::newRow("2 and 3") << 2 << 3; // 3 is the final chunk
    }

    void testSwappedChunksAreDetected()
    {
        QFETCH(int, a);
        QFETCH(int, b);
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const QByteArray plain = randomBytes(4 * Chunk); // four full chunks: all the same length, so swappable
        VaultEntry entry = storeChecked(vault, plain);
        QByteArray bytes = readFile(vault.filePath(entry.fileId));
        const int len = int(Chunk + Tag);
        const QByteArray chunkA = bytes.mid(int(Head) + a * len, len);
        const QByteArray chunkB = bytes.mid(int(Head) + b * len, len);
        bytes.replace(int(Head) + a * len, len, chunkB);
        bytes.replace(int(Head) + b * len, len, chunkA);
        QVERIFY(writeFile(vault.filePath(entry.fileId), bytes));
        QVERIFY(!vault.readAll(entry.fileId, entry.key, plain.size()));
    }

    void testRandomSeeks()
    {
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const qint64 size = 5 * 1024 * 1024 + 1234; // 81 chunks, the last one short
        const QByteArray plain = randomBytes(size);
        VaultEntry entry = storeChecked(vault, plain);
        QString error;
        auto reader = vault.openReader(entry.fileId, entry.key, &error);
        QVERIFY2(reader, qPrintable(error));
        QCOMPARE(reader->size(), size);

        auto* rng = QRandomGenerator::global();
        int backwards = 0;
        qint64 previous = 0;
        QByteArray buffer;
        for (int i = 0; i < 200; ++i) {
            const qint64 target = qint64(rng->bounded(quint64(size + 1)));
            const qint64 length = qint64(rng->bounded(1, 200000));
            if (target < previous)
                ++backwards;
            QVERIFY(reader->seek(target));
            QCOMPARE(reader->pos(), target);
            QCOMPARE(reader->bytesAvailable(), size - target);
            buffer.resize(int(length));
            const qint64 n = reader->read(buffer.data(), length);
            const qint64 expected = std::min(length, size - target);
            QCOMPARE(n, expected);
            QVERIFY2(QByteArray::fromRawData(buffer.constData(), int(n)) == plain.mid(int(target), int(n)),
                     qPrintable(QString("wrong bytes at %1 (+%2)").arg(target).arg(n)));
            QCOMPARE(reader->pos(), target + n);
            QCOMPARE(reader->atEnd(), target + n == size);
            previous = target;
        }
        QVERIFY(backwards > 50); // both directions were exercised

        // Edges and QIODevice conveniences.
        QVERIFY(reader->seek(size));
        QVERIFY(reader->atEnd());
        char c;
        QCOMPARE(reader->read(&c, 1), qint64(0));
        QVERIFY(!reader->seek(size + 1));
        QVERIFY(!reader->seek(-1));
        QVERIFY(reader->seek(Chunk - 3));
        QVERIFY(reader->peek(6) == plain.mid(int(Chunk - 3), 6));
        QCOMPARE(reader->pos(), Chunk - 3);
        QVERIFY(reader->readAll() == plain.mid(int(Chunk - 3)));
        QVERIFY(reader->reset());
        QVERIFY(reader->read(10) == plain.left(10));
        QCOMPARE(reader->write("x", 1), qint64(-1));
    }

    void testReaderOpenModesAndReopen()
    {
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const QByteArray plain = randomBytes(Chunk + 77);
        VaultEntry entry = storeChecked(vault, plain);
        MediaReader reader(vault.filePath(entry.fileId), entry.key);
        QVERIFY(!reader.open(QIODevice::ReadWrite));
        QVERIFY(reader.open(QIODevice::ReadOnly));
        QVERIFY(reader.read(50) == plain.left(50));
        reader.close();
        QCOMPARE(reader.size(), qint64(0));
        QVERIFY(reader.open(QIODevice::ReadOnly));
        QCOMPARE(reader.pos(), qint64(0));
        QVERIFY(reader.readAll() == plain);

        MediaReader missing(vault.filePath(QString(32, QLatin1Char('0'))), entry.key);
        QVERIFY(!missing.open(QIODevice::ReadOnly));
        QVERIFY(!missing.errorString().isEmpty());
    }

    void testNoPlaintextOnDisk()
    {
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        const QByteArray marker = "PLAINTEXT-MARKER-" + randomBytes(8).toHex();
        QByteArray plain;
        while (plain.size() < 3 * Chunk)
            plain += marker + ' ';
        VaultEntry entry = storeChecked(vault, plain);
        const QByteArray raw = readFile(vault.filePath(entry.fileId));
        QVERIFY(raw.size() > plain.size());
        QVERIFY(!raw.contains(marker));
        QVERIFY(!raw.contains(marker.left(12)));
        QVERIFY(!raw.contains(QByteArray(reinterpret_cast<const char*>(entry.key.data()), 32)));
        QVERIFY(!raw.contains(entry.sha256));
        // Only the one file, and it is named by its random id.
        QCOMPARE(QDir(vault.folder()).entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList {entry.fileId});
        // The check itself can fail: the marker is plainly in the plaintext.
        QVERIFY(plain.contains(marker));
    }

    void testFileIdsExistsRemove()
    {
        TestDataDir dir;
        MediaVault vault(dir.filePath("vault"));
        QVERIFY(vault.fileIds().isEmpty()); // no folder yet
        VaultEntry a = storeChecked(vault, "alpha");
        VaultEntry b = storeChecked(vault, "beta");
        QVERIFY(a.fileId != b.fileId);
        QVERIFY(writeFile(vault.folder() + "/notes.txt", "not ours"));
        QVERIFY(writeFile(vault.folder() + "/" + a.fileId + ".tmp", "leftover"));
        QStringList expected {a.fileId, b.fileId};
        expected.sort();
        QCOMPARE(vault.fileIds(), expected);
        QVERIFY(vault.exists(a.fileId));
        QVERIFY(vault.remove(a.fileId));
        QVERIFY(!vault.exists(a.fileId));
        QVERIFY(!vault.remove(a.fileId));
        QCOMPARE(vault.fileIds(), QStringList {b.fileId});
        // Names that are not ids are never turned into paths.
        QVERIFY(!vault.exists("../vault/" + b.fileId));
        QVERIFY(!vault.remove("notes.txt"));
        QVERIFY(QFile::exists(vault.folder() + "/notes.txt"));
        QVERIFY(!vault.openReader("../../etc/passwd", b.key));
        QCOMPARE(vault.readAll(b.fileId.toUpper(), b.key, 100).code(), Error::Code::NotFound);
    }

    void testDiskFull()
    {
        if (geteuid() != 0)
            QSKIP("mounting a small tmpfs needs root");
        m_mountDir = std::make_unique<TestDataDir>();
        const QString mountPoint = m_mountDir->filePath("small-disk");
        QVERIFY(QDir().mkpath(mountPoint));
        if (QProcess::execute("mount", {"-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint}) != 0)
            QSKIP("could not mount a tmpfs here");
        m_mountPoint = mountPoint;

        MediaVault vault(mountPoint + "/vault");
        auto stored = vault.store(randomBytes(5 * 1024 * 1024));
        QVERIFY(!stored);
        QCOMPARE(stored.code(), Error::Code::DiskFull);
        QVERIFY2(stored.errorMessage().contains("disk is full"), qPrintable(stored.errorMessage()));
        // Nothing half-written: no file of any name in the vault folder, and the space is free again.
        QCOMPARE(QDir(vault.folder()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
                 QStringList());
        auto small = vault.store(randomBytes(700 * 1024));
        QVERIFY2(small, qPrintable(small.errorMessage()));
        QCOMPARE(vault.fileIds(), QStringList {small.value().fileId});
    }
};

QTEST_GUILESS_MAIN(TestMediaVault)
#include "tst_mediavault.moc"
