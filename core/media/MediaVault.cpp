#include "media/MediaVault.h"

#include "Logging.h"
#include "crypto/Sodium.h"
#include "media/MediaReader.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QtEndian>

#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <limits>
#include <mutex>
#include <thread>

#include <openssl/evp.h>
#include <utility>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Acorn {

namespace {
using State = crypto_secretstream_xchacha20poly1305_state;

constexpr qint64 TagBytes = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr qint64 StreamHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
// Plaintext read, and ciphertext written, per step: big enough that system calls cost nothing, small enough to keep
// in locked memory.
constexpr qint64 BatchChunks = 16;

static_assert(MediaVault::KeySize == crypto_secretstream_xchacha20poly1305_KEYBYTES);
static_assert(MediaVault::PrefixSize == sizeof(MediaVault::Magic) + 4 + 4 + 8);
} // namespace

MediaVault::MediaVault(QString folder)
    : m_folder(QDir::cleanPath(std::move(folder)))
{
    Sodium::ensureInitialised();
}

QString MediaVault::filePath(const QString& fileId) const
{
    return m_folder + QLatin1Char('/') + fileId;
}

bool MediaVault::isValidFileId(const QString& fileId)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{32}$"));
    return pattern.match(fileId).hasMatch();
}

QByteArray MediaVault::encodePrefix(quint32 chunkSize, quint64 plaintextSize)
{
    QByteArray prefix(PrefixSize, Qt::Uninitialized);
    auto* p = reinterpret_cast<uchar*>(prefix.data());
    std::memcpy(p, Magic, sizeof(Magic));
    qToBigEndian<quint32>(FormatVersion, p + 8);
    qToBigEndian<quint32>(chunkSize, p + 12);
    qToBigEndian<quint64>(plaintextSize, p + 16);
    return prefix;
}

VoidResult MediaVault::ensureFolder() const
{
    if (QFileInfo(m_folder).isDir())
        return {};
    if (!QDir().mkpath(m_folder))
        return Error(Error::Code::ReadOnly,
                     tr("The media folder %1 could not be created. Check that this device's disk is not full or "
                        "read-only.")
                         .arg(QDir::toNativeSeparators(m_folder)));
    QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return {};
}

QString MediaVault::newFileId() const
{
    unsigned char bytes[16];
    QString id;
    do {
        randombytes_buf(bytes, sizeof(bytes));
        id = QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(bytes), sizeof(bytes)).toHex());
    } while (QFileInfo::exists(filePath(id)));
    return id;
}

void MediaVault::syncFolder() const
{
#ifdef Q_OS_UNIX
    // The rename is only durable once the folder's entry is on disk too (QSaveFile syncs the file, not the folder).
    const int fd = ::open(QFile::encodeName(m_folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#endif
}

namespace {
Error writeError(QSaveFile& file, int err)
{
    if (err == ENOSPC || err == EDQUOT || file.error() == QFileDevice::ResourceError)
        return {Error::Code::DiskFull,
                MediaVault::tr("The disk is full, so this photo or recording could not be saved. Free "
                               "some space on this device and try again.")};
    if (err == EROFS || err == EACCES || err == EPERM)
        return {Error::Code::ReadOnly,
                MediaVault::tr("The media folder cannot be written to (it is read-only or belongs to "
                               "another user), so this photo or recording could not be saved.")};
    return {Error::Code::Io, MediaVault::tr("This photo or recording could not be saved: %1").arg(file.errorString())};
}

// Reads exactly `size` bytes. A short read means the source shrank or failed while we read it.
bool readFully(QIODevice& in, unsigned char* out, qint64 size)
{
    qint64 got = 0;
    while (got < size) {
        const qint64 n = in.read(reinterpret_cast<char*>(out) + got, size - got);
        if (n <= 0)
            return false;
        got += n;
    }
    return true;
}

// SHA-256 of the plaintext (the sync protocol verifies uploads with it), computed on a second core while the caller
// encrypts and writes the same batch. This is a checksum, not encryption: it uses OpenSSL's SHA-256, which runs on
// the CPU's SHA extensions (~1.7 GB/s here) where libsodium's portable C one manages ~0.35 GB/s and made hashing
// the slowest step of store(). OpenSSL is linked already, for SQLCipher.
class BatchHasher final
{
public:
    explicit BatchHasher(bool threaded)
    {
        m_state = EVP_MD_CTX_new();
        if (!m_state || EVP_DigestInit_ex(m_state, EVP_sha256(), nullptr) != 1)
            qFatal("OpenSSL SHA-256 is not available");
        if (threaded)
            m_thread = std::thread([this] { run(); });
    }

    ~BatchHasher()
    {
        if (m_thread.joinable()) {
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_quit = true;
            }
            m_changed.notify_all();
            m_thread.join();
        }
        EVP_MD_CTX_free(m_state);
    }

    BatchHasher(const BatchHasher&) = delete;
    BatchHasher& operator=(const BatchHasher&) = delete;

    // `data` must stay unchanged until wait() returns.
    void submit(const unsigned char* data, qint64 size)
    {
        if (!m_thread.joinable()) {
            EVP_DigestUpdate(m_state, data, static_cast<size_t>(size));
            return;
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_data = data;
            m_size = size;
            m_pending = true;
        }
        m_changed.notify_all();
    }

    void wait()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_pending; });
    }

    QByteArray finish()
    {
        wait();
        QByteArray digest(32, Qt::Uninitialized);
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_state, reinterpret_cast<unsigned char*>(digest.data()), &length);
        return digest;
    }

private:
    void run()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        for (;;) {
            m_changed.wait(lock, [this] { return m_pending || m_quit; });
            if (m_quit)
                return;
            const unsigned char* data = m_data;
            const qint64 size = m_size;
            lock.unlock();
            EVP_DigestUpdate(m_state, data, static_cast<size_t>(size));
            lock.lock();
            m_pending = false;
            m_changed.notify_all();
        }
    }

    EVP_MD_CTX* m_state = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    const unsigned char* m_data = nullptr;
    qint64 m_size = 0;
    bool m_pending = false;
    bool m_quit = false;
};
} // namespace

Result<VaultEntry> MediaVault::store(const QByteArray& plaintext)
{
    QBuffer buffer;
    buffer.setData(plaintext); // shares, does not copy
    buffer.open(QIODevice::ReadOnly);
    return store(buffer);
}

Result<VaultEntry> MediaVault::store(QIODevice& plaintext)
{
    if (!plaintext.isOpen() || !plaintext.isReadable() || plaintext.isSequential())
        return Error(Error::Code::Internal,
                     tr("This media could not be read for saving (it must come from a file or from memory)."));
    const qint64 total = plaintext.size() - plaintext.pos();
    if (total < 0)
        return Error(Error::Code::Internal, tr("This media could not be read for saving."));
    if (auto folder = ensureFolder(); !folder)
        return folder.error();

    VaultEntry entry;
    entry.fileId = newFileId();
    entry.key = SecureBuffer::random(KeySize);
    entry.size = total;

    // QSaveFile writes to an unnamed (O_TMPFILE) or temporary file in the same folder and renames it into place on
    // commit; destroyed without commit, it removes that file. So a failure at any point leaves nothing behind.
    QSaveFile out(filePath(entry.fileId));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return writeError(out, errno);
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    const QByteArray prefix = encodePrefix(quint32(ChunkSize), quint64(total));
    QByteArray head = prefix;
    head.resize(PrefixSize + StreamHeaderBytes);
    SecureBuffer state(sizeof(State));
    auto* st = reinterpret_cast<State*>(state.data());
    crypto_secretstream_xchacha20poly1305_init_push(st, reinterpret_cast<unsigned char*>(head.data()) + PrefixSize,
                                                    entry.key.data());
    if (out.write(head) != head.size())
        return writeError(out, errno);

    const qint64 chunkCount = total == 0 ? 1 : (total + ChunkSize - 1) / ChunkSize;
    const qint64 batchBytes = std::min<qint64>(std::max<qint64>(total, 1), BatchChunks * ChunkSize);
    // Plaintext already in memory (a photo, a QBuffer) is encrypted where it is and hashed in one go beside that;
    // anything else is read a batch at a time into locked memory.
    const auto* buffer = qobject_cast<const QBuffer*>(&plaintext);
    const unsigned char* inMemory
        = buffer ? reinterpret_cast<const unsigned char*>(buffer->data().constData()) + buffer->pos() : nullptr;
    SecureBuffer plain {static_cast<std::size_t>(inMemory ? 1 : batchBytes)};
    QByteArray cipher(int(batchBytes + BatchChunks * TagBytes), Qt::Uninitialized);
    auto* cipherData = reinterpret_cast<unsigned char*>(cipher.data());
    BatchHasher hasher(total > batchBytes); // declared after `plain`, so it is stopped before `plain` goes
    if (inMemory)
        hasher.submit(inMemory, total);

    qint64 chunk = 0;
    qint64 remaining = total;
    while (chunk < chunkCount) {
        const qint64 batchPlain = std::min(remaining, batchBytes);
        const unsigned char* source = nullptr;
        if (inMemory) {
            source = inMemory + (total - remaining);
        } else {
            hasher.wait(); // done with the previous batch in `plain`
            if (!readFully(plaintext, plain.data(), batchPlain)) {
                return Error(
                    Error::Code::Io,
                    tr("This media could not be read for saving: %1")
                        .arg(plaintext.errorString().isEmpty() ? tr("it ended early") : plaintext.errorString()));
            }
            hasher.submit(plain.data(), batchPlain);
            source = plain.data();
        }

        qint64 offset = 0;
        qint64 cipherLength = 0;
        do { // at least once: an empty file is one empty final chunk
            const qint64 n = std::min(ChunkSize, batchPlain - offset);
            const bool first = chunk == 0;
            const unsigned char tag = chunk == chunkCount - 1 ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                              : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
            crypto_secretstream_xchacha20poly1305_push(
                st, cipherData + cipherLength, nullptr, source + offset, static_cast<unsigned long long>(n),
                first ? reinterpret_cast<const unsigned char*>(prefix.constData()) : nullptr,
                first ? static_cast<unsigned long long>(prefix.size()) : 0, tag);
            offset += n;
            cipherLength += n + TagBytes;
            ++chunk;
        } while (offset < batchPlain);
        remaining -= batchPlain;

        if (out.write(cipher.constData(), cipherLength) != cipherLength)
            return writeError(out, errno);
    }

    entry.sha256 = hasher.finish();

    // QSaveFile::commit() syncs but ignores a failed sync; a full disk may only show up there (delayed allocation).
    if (!out.flush())
        return writeError(out, errno);
#ifdef Q_OS_UNIX
    if (::fsync(out.handle()) != 0) {
        const int err = errno;
        out.cancelWriting();
        return writeError(out, err);
    }
#endif
    if (!out.commit())
        return writeError(out, errno);
    syncFolder();
    qCDebug(lcMedia, "stored vault file %s", qUtf8Printable(entry.fileId));
    return entry;
}

Result<QByteArray> MediaVault::readAll(const QString& fileId, const SecureBuffer& key, qint64 maxSize) const
{
    if (!isValidFileId(fileId) || !QFileInfo::exists(filePath(fileId)))
        return Error(Error::Code::NotFound, tr("This media file is missing from this device."));
    MediaReader reader(filePath(fileId), key);
    if (!reader.open(QIODevice::ReadOnly))
        return Error(Error::Code::Io, reader.errorString());
    if (reader.size() > maxSize || reader.size() > qint64(std::numeric_limits<int>::max()) - 1)
        return Error(Error::Code::InvalidInput, tr("This media file is larger than expected, so it was not opened."));
    QByteArray bytes(int(reader.size()), Qt::Uninitialized);
    qint64 got = 0;
    while (got < bytes.size()) {
        const qint64 n = reader.read(bytes.data() + got, bytes.size() - got);
        if (n <= 0) {
            wipeBytes(bytes);
            return Error(Error::Code::Io,
                         reader.errorString().isEmpty() ? tr("This media file is damaged: part of it is missing.")
                                                        : reader.errorString());
        }
        got += n;
    }
    return bytes;
}

std::unique_ptr<QIODevice> MediaVault::openReader(const QString& fileId, const SecureBuffer& key, QString* error) const
{
    if (!isValidFileId(fileId)) {
        if (error)
            *error = tr("This media file is missing from this device.");
        return nullptr;
    }
    auto reader = std::make_unique<MediaReader>(filePath(fileId), key);
    if (!reader->open(QIODevice::ReadOnly)) {
        if (error)
            *error = reader->errorString();
        return nullptr;
    }
    return reader;
}

bool MediaVault::remove(const QString& fileId)
{
    if (!isValidFileId(fileId))
        return false;
    const bool removed = QFile::remove(filePath(fileId));
    if (removed)
        qCDebug(lcMedia, "removed vault file %s", qUtf8Printable(fileId));
    return removed;
}

bool MediaVault::exists(const QString& fileId) const
{
    return isValidFileId(fileId) && QFileInfo(filePath(fileId)).isFile();
}

QStringList MediaVault::fileIds() const
{
    QStringList ids;
    const auto names = QDir(m_folder).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    for (const auto& name : names) {
        if (isValidFileId(name))
            ids << name;
    }
    return ids;
}

} // namespace Acorn
