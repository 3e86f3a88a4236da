#include "media/MediaReader.h"

#include "Logging.h"
#include "crypto/Sodium.h"
#include "media/MediaVault.h"

#include <QFileInfo>
#include <QtEndian>

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace Acorn {

namespace {
using State = crypto_secretstream_xchacha20poly1305_state;

constexpr qint64 TagBytes = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr qint64 StreamHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr qint64 FirstChunkOffset = MediaVault::PrefixSize + StreamHeaderBytes;
// Version 1 files are written with 64 KiB chunks; the reader takes any sane size so that the writer may change it.
constexpr qint64 MinChunkSize = 1024;
constexpr qint64 MaxChunkSize = 8 * 1024 * 1024;
} // namespace

MediaReader::MediaReader(const QString& path, const SecureBuffer& key, QObject* parent)
    : QIODevice(parent)
    , m_file(path)
    , m_key(SecureBuffer::copyOf(key.data(), key.size()))
{
    Sodium::ensureInitialised();
}

MediaReader::~MediaReader()
{
    MediaReader::close();
}

bool MediaReader::open(OpenMode mode)
{
    if (isOpen()) {
        setErrorString(tr("The media file is already open."));
        return false;
    }
    if ((mode & WriteOnly) || (mode & Append) || !(mode & ReadOnly)) {
        setErrorString(tr("Media files in the vault can only be opened for reading."));
        return false;
    }
    resetState();
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        setErrorString(m_file.exists() ? tr("The media file could not be read: %1").arg(m_file.errorString())
                                       : tr("The media file is missing from this device."));
        return false;
    }
    if (!readHeader()) {
        const QString message = errorString();
        m_file.close();
        resetState();
        setErrorString(message);
        return false;
    }
    // Unbuffered: we keep our own decrypted chunk, a second copy in QIODevice's buffer would only cost time.
    QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_position = 0;
    return true;
}

void MediaReader::close()
{
    if (isOpen())
        QIODevice::close();
    m_file.close();
    resetState();
}

void MediaReader::resetState()
{
    m_prefix.clear();
    m_cipher.clear();
    m_plain.wipe();
    m_state.wipe();
    m_snapshots.wipe();
    m_snapshotCount = 0;
    m_chunkSize = 0;
    m_size = 0;
    m_chunkCount = 0;
    m_nextChunk = 0;
    m_currentChunk = -1;
    m_position = 0;
    m_failed = false;
}

qint64 MediaReader::size() const
{
    return m_size;
}

bool MediaReader::seek(qint64 pos)
{
    if (!isOpen() || pos < 0 || pos > m_size)
        return false;
    if (!QIODevice::seek(pos))
        return false;
    m_position = pos;
    return true;
}

bool MediaReader::atEnd() const
{
    return !isOpen() || pos() >= m_size;
}

qint64 MediaReader::bytesAvailable() const
{
    return isOpen() ? std::max<qint64>(0, m_size - pos()) : 0;
}

qint64 MediaReader::writeData(const char*, qint64)
{
    return -1;
}

qint64 MediaReader::readData(char* data, qint64 maxSize)
{
    if (m_failed)
        return -1;
    qint64 done = 0;
    while (done < maxSize && m_position < m_size) {
        const qint64 index = m_position / m_chunkSize;
        if (!loadChunk(index))
            return done > 0 ? done : -1; // the bytes before the bad chunk did authenticate; the next read fails
        const qint64 offset = m_position - index * m_chunkSize;
        const qint64 n = std::min(chunkPlainLength(index) - offset, maxSize - done);
        std::memcpy(data + done, m_plain.data() + offset, static_cast<std::size_t>(n));
        done += n;
        m_position += n;
    }
    return done;
}

qint64 MediaReader::chunkPlainLength(qint64 index) const
{
    return std::min(m_chunkSize, m_size - index * m_chunkSize);
}

bool MediaReader::readHeader()
{
    if (m_key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES)
        return fail(tr("This media file cannot be opened: its key is missing or damaged."));
    const qint64 fileSize = m_file.size();
    if (fileSize < FirstChunkOffset + TagBytes)
        return fail(tr("This media file is damaged: it is too short to be an Acorn media file."));

    m_prefix = m_file.read(MediaVault::PrefixSize);
    if (m_prefix.size() != MediaVault::PrefixSize
        || std::memcmp(m_prefix.constData(), MediaVault::Magic, sizeof(MediaVault::Magic)) != 0)
        return fail(tr("This file is not an Acorn media file."));
    const auto* p = reinterpret_cast<const uchar*>(m_prefix.constData());
    const quint32 version = qFromBigEndian<quint32>(p + 8);
    const quint32 chunkSize = qFromBigEndian<quint32>(p + 12);
    const quint64 size = qFromBigEndian<quint64>(p + 16);
    if (version != MediaVault::FormatVersion)
        return fail(tr("This media file was made by a newer version of Acorn. Update Acorn to open it."));
    if (chunkSize < MinChunkSize || chunkSize > MaxChunkSize || size > quint64(fileSize))
        return fail(tr("This media file is damaged: its header does not make sense."));

    m_chunkSize = chunkSize;
    m_size = qint64(size);
    m_chunkCount = m_size == 0 ? 1 : (m_size + m_chunkSize - 1) / m_chunkSize;
    // All chunks but the last are full, so the length of an intact file follows from the size. This catches cut and
    // padded files before any decryption; the size itself is authenticated with chunk 0 below.
    if (fileSize != FirstChunkOffset + m_size + m_chunkCount * TagBytes)
        return fail(tr("This media file is damaged: part of it is missing."));

    unsigned char streamHeader[StreamHeaderBytes];
    if (m_file.read(reinterpret_cast<char*>(streamHeader), StreamHeaderBytes) != StreamHeaderBytes)
        return fail(tr("This media file could not be read: %1").arg(m_file.errorString()));
    m_state = SecureBuffer(sizeof(State));
    if (crypto_secretstream_xchacha20poly1305_init_pull(reinterpret_cast<State*>(m_state.data()), streamHeader,
                                                        m_key.data())
        != 0)
        return fail(tr("This media file is damaged: its header does not make sense."));

    m_snapshots = SecureBuffer(std::size_t((m_chunkCount + SnapshotInterval - 1) / SnapshotInterval) * sizeof(State));
    m_plain = SecureBuffer(std::size_t(m_chunkSize));
    m_cipher.resize(m_chunkSize + TagBytes);
    m_nextChunk = 0;
    return loadChunk(0);
}

bool MediaReader::loadChunk(qint64 index)
{
    if (m_failed)
        return false;
    if (index == m_currentChunk)
        return true;
    if (m_snapshotCount > 0) {
        const qint64 snapshot = std::min(index / SnapshotInterval, m_snapshotCount - 1);
        const qint64 snapshotChunk = snapshot * SnapshotInterval;
        // Go on from where we are if that is on the way; otherwise start again from the nearest saved state.
        if (m_nextChunk > index || m_nextChunk < snapshotChunk) {
            std::memcpy(m_state.data(), m_snapshots.data() + std::size_t(snapshot) * sizeof(State), sizeof(State));
            m_nextChunk = snapshotChunk;
            m_currentChunk = -1;
        }
    }
    while (m_nextChunk <= index) {
        if (!decryptNextChunk())
            return false;
    }
    return true;
}

bool MediaReader::decryptNextChunk()
{
    const qint64 index = m_nextChunk;
    if (index >= m_chunkCount)
        return fail(tr("This media file is damaged: part of it is missing."));
    if (index % SnapshotInterval == 0 && index / SnapshotInterval == m_snapshotCount) {
        std::memcpy(m_snapshots.data() + std::size_t(m_snapshotCount) * sizeof(State), m_state.data(), sizeof(State));
        ++m_snapshotCount;
    }

    const qint64 plainLength = chunkPlainLength(index);
    const qint64 cipherLength = plainLength + TagBytes;
    const qint64 offset = FirstChunkOffset + index * (m_chunkSize + TagBytes);
    if (m_file.pos() != offset && !m_file.seek(offset))
        return fail(tr("This media file could not be read: %1").arg(m_file.errorString()));
    qint64 got = 0;
    while (got < cipherLength) {
        const qint64 n = m_file.read(m_cipher.data() + got, cipherLength - got);
        if (n <= 0)
            return fail(n < 0 ? tr("This media file could not be read: %1").arg(m_file.errorString())
                              : tr("This media file is damaged: part of it is missing."));
        got += n;
    }

    m_currentChunk = -1;
    const bool first = index == 0;
    unsigned long long plainOut = 0;
    unsigned char tag = 0;
    const int rc = crypto_secretstream_xchacha20poly1305_pull(
        reinterpret_cast<State*>(m_state.data()), m_plain.data(), &plainOut, &tag,
        reinterpret_cast<const unsigned char*>(m_cipher.constData()), static_cast<unsigned long long>(cipherLength),
        first ? reinterpret_cast<const unsigned char*>(m_prefix.constData()) : nullptr,
        first ? static_cast<unsigned long long>(m_prefix.size()) : 0);
    if (rc != 0) {
        return fail(first ? tr("This media file cannot be opened: it is damaged, or its key does not match.")
                          : tr("This media file is damaged: part of it was changed."));
    }
    const unsigned char expectedTag = index == m_chunkCount - 1 ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                                : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    if (tag != expectedTag || qint64(plainOut) != plainLength)
        return fail(tr("This media file is damaged: its parts are out of order or some are missing."));
    m_currentChunk = index;
    ++m_nextChunk;
    return true;
}

bool MediaReader::fail(const QString& message)
{
    if (!m_failed)
        qCWarning(lcMedia, "vault file %s did not decrypt (wrong key, damaged or cut short)",
                  qUtf8Printable(QFileInfo(m_file.fileName()).fileName()));
    m_failed = true;
    m_currentChunk = -1;
    if (!m_plain.isEmpty())
        sodium_memzero(m_plain.data(), m_plain.size());
    setErrorString(message);
    return false;
}

} // namespace Acorn
