// MediaVault::store (encrypt + SHA-256 + write + fsync) against libsodium's raw secretstream over the same 200 MiB in
// memory, in one process and interleaved, so the ratio holds on a noisy machine. The vault is measured twice: into a
// folder on a RAM-backed file system (the vault's own encryption throughput: the pipeline with its copy, hash and
// writes, but no disk), which is the figure the goal is about, and into a folder on the data disk (what a user waits
// for, disk and fsync included). Also shows SHA-256 alone and reading back through MediaReader.
#include "crypto/Sodium.h"
#include "media/MediaVault.h"
#include "media/RamFolder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QTemporaryDir>

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Acorn;

namespace {
constexpr qint64 Size = 200LL * 1024 * 1024;
constexpr qint64 Chunk = MediaVault::ChunkSize;
constexpr int Rounds = 3;

double megabytesPerSecond(qint64 bytes, qint64 nanoseconds)
{
    return double(bytes) / 1e6 / (double(nanoseconds) / 1e9);
}

// The floor: secretstream over the data into a reused buffer, nothing else. With `file`, each 1 MiB of ciphertext is
// also written to it (as store() does), to show what writing alone costs.
qint64 rawSecretstream(const QByteArray& data, QFile* file = nullptr)
{
    unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    crypto_secretstream_xchacha20poly1305_keygen(key);
    crypto_secretstream_xchacha20poly1305_state state;
    constexpr qint64 Batch = 16;
    constexpr qint64 Sealed = Chunk + crypto_secretstream_xchacha20poly1305_ABYTES;
    std::vector<unsigned char> out(std::size_t(Batch * Sealed));
    const auto* in = reinterpret_cast<const unsigned char*>(data.constData());
    QElapsedTimer timer;
    timer.start();
    crypto_secretstream_xchacha20poly1305_init_push(&state, header, key);
    qint64 filled = 0;
    for (qint64 offset = 0; offset < data.size(); offset += Chunk) {
        const qint64 n = std::min(Chunk, data.size() - offset);
        const unsigned char tag = offset + n == data.size() ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                            : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
        unsigned char* target = out.data() + (file ? filled : 0);
        crypto_secretstream_xchacha20poly1305_push(&state, target, nullptr, in + offset,
                                                   static_cast<unsigned long long>(n), nullptr, 0, tag);
        filled += n + crypto_secretstream_xchacha20poly1305_ABYTES;
        if (file && (filled == qint64(out.size()) || offset + n == data.size())) {
            if (file->write(reinterpret_cast<const char*>(out.data()), filled) != filled)
                qFatal("could not write the raw ciphertext");
            filled = 0;
        }
    }
    return timer.nsecsElapsed();
}

qint64 sha256Alone(const QByteArray& data)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    QElapsedTimer timer;
    timer.start();
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.constData()),
                       static_cast<unsigned long long>(data.size()));
    return timer.nsecsElapsed();
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    Sodium::ensureInitialised();

    QByteArray data(int(Size), Qt::Uninitialized);
    randombytes_buf(data.data(), std::size_t(data.size()));
    QByteArray expected(crypto_hash_sha256_BYTES, Qt::Uninitialized);
    crypto_hash_sha256(reinterpret_cast<unsigned char*>(expected.data()),
                       reinterpret_cast<const unsigned char*>(data.constData()), quint64(data.size()));

    QTemporaryDir dir;
    if (!dir.isValid())
        qFatal("no temporary folder");
    MediaVault vault(dir.filePath(QStringLiteral("vault")));
    QString ramBase;
    for (const QString& base : RamFolder::defaultBases())
        if (RamFolder::isRamBacked(base) && QFileInfo(base).isWritable()) {
            ramBase = base;
            break;
        }
    if (ramBase.isEmpty())
        qFatal("no RAM-backed folder ($XDG_RUNTIME_DIR or /dev/shm) to measure the vault's encryption alone");
    QTemporaryDir ramDir(ramBase + QStringLiteral("/acorn-bench-vault-XXXXXX"));
    if (!ramDir.isValid())
        qFatal("no temporary folder in %s", qPrintable(ramBase));
    MediaVault ramVault(ramDir.filePath(QStringLiteral("vault")));

    qint64 bestRaw = std::numeric_limits<qint64>::max();
    qint64 bestVault = bestRaw;
    qint64 bestRamVault = bestRaw;
    qint64 bestRawWrite = bestRaw;
    qint64 bestSha = bestRaw;
    qint64 bestRead = bestRaw;
    for (int round = 0; round < Rounds; ++round) {
        bestRaw = std::min(bestRaw, rawSecretstream(data));

        QElapsedTimer timer;
        timer.start();
        auto stored = vault.store(data);
        const qint64 storeNs = timer.nsecsElapsed();
        if (!stored)
            qFatal("store failed: %s", qPrintable(stored.errorMessage()));
        if (stored.value().sha256 != expected)
            qFatal("wrong SHA-256");
        bestVault = std::min(bestVault, storeNs);

        bestSha = std::min(bestSha, sha256Alone(data));

        {
            QFile rawFile(ramDir.filePath(QStringLiteral("raw")));
            if (!rawFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
                qFatal("could not open a file in the RAM folder");
            bestRawWrite = std::min(bestRawWrite, rawSecretstream(data, &rawFile));
            rawFile.close();
            rawFile.remove();
        }

        timer.restart();
        auto inRam = ramVault.store(data);
        const qint64 ramNs = timer.nsecsElapsed();
        if (!inRam || inRam.value().sha256 != expected)
            qFatal("store into the RAM folder failed");
        bestRamVault = std::min(bestRamVault, ramNs);
        if (!ramVault.remove(inRam.value().fileId))
            qFatal("could not remove the stored file");

        // Reading back, through the QIODevice that video playback uses, in 64 KiB reads.
        auto reader = vault.openReader(stored.value().fileId, stored.value().key);
        if (!reader)
            qFatal("could not open the stored file");
        QByteArray buffer(int(Chunk), Qt::Uninitialized);
        timer.restart();
        qint64 total = 0;
        for (qint64 n; (n = reader->read(buffer.data(), buffer.size())) > 0;)
            total += n;
        bestRead = std::min(bestRead, timer.nsecsElapsed());
        if (total != Size)
            qFatal("read back %lld bytes", total);
        reader.reset();
        if (!vault.remove(stored.value().fileId))
            qFatal("could not remove the stored file");
    }

    const double raw = megabytesPerSecond(Size, bestRaw);
    const double stored = megabytesPerSecond(Size, bestVault);
    const double storedInRam = megabytesPerSecond(Size, bestRamVault);
    // The same cryptographic work store() must do (encrypt and hash), done one after the other in memory.
    const double sameWork = megabytesPerSecond(Size, bestRaw + bestSha);
    std::printf("bench_vault: 200 MiB, best of %d: MediaVault::store into a RAM folder %.0f MB/s vs raw secretstream "
                "in memory %.0f MB/s = ratio %.2f (goal >= 0.80) | to the data disk with fsync %.0f MB/s = ratio %.2f "
                "| raw secretstream writing its ciphertext to the same RAM folder %.0f MB/s (vault/that = %.2f) | "
                "secretstream + SHA-256 one after the other %.0f MB/s | SHA-256 alone (libsodium) %.0f MB/s | "
                "MediaReader read-back %.0f MB/s\n",
                Rounds, storedInRam, raw, storedInRam / raw, stored, stored / raw,
                megabytesPerSecond(Size, bestRawWrite), double(bestRawWrite) / double(bestRamVault), sameWork,
                megabytesPerSecond(Size, bestSha), megabytesPerSecond(Size, bestRead));
    return 0;
}
