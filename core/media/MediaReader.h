#pragma once

#include "crypto/SecureBuffer.h"

#include <QByteArray>
#include <QFile>
#include <QIODevice>

namespace Acorn {

// Read-only, random-access view of one vault file's plaintext (format: see MediaVault.h), for QMediaPlayer's
// setSourceDevice() and anything else that wants a QIODevice. Decrypts one 64 KiB chunk at a time into locked memory.
//
// Secretstream is sequential: chunk n can only be opened with the state left by chunk n-1. The state is plain data,
// so while decrypting we keep a copy of it every SnapshotInterval chunks; a seek restores the nearest earlier copy
// and decrypts forward from there (at most SnapshotInterval - 1 chunks). A jump far ahead of anything read so far
// decrypts every chunk in between once.
//
// Any failed check (wrong key, changed, reordered or truncated chunk) makes this and every later read return -1 with
// errorString() set: it never hands out bytes that did not authenticate.
class MediaReader final : public QIODevice
{
    Q_OBJECT

public:
    static constexpr qint64 SnapshotInterval = 16;

    MediaReader(const QString& path, const SecureBuffer& key, QObject* parent = nullptr);
    ~MediaReader() override;

    // Only ReadOnly is accepted. Checks the header and authenticates the first chunk, so a wrong key or a damaged
    // header fails here rather than at the first read.
    bool open(OpenMode mode) override;
    void close() override;

    bool isSequential() const override { return false; }
    qint64 size() const override;
    bool seek(qint64 pos) override;
    bool atEnd() const override;
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 maxSize) override;

private:
    bool readHeader();
    bool loadChunk(qint64 index);
    bool decryptNextChunk();
    bool fail(const QString& message);
    qint64 chunkPlainLength(qint64 index) const;
    void resetState();

    QFile m_file;
    SecureBuffer m_key;
    QByteArray m_prefix; // additional data of chunk 0
    QByteArray m_cipher; // one chunk as read from the file
    SecureBuffer m_plain; // the chunk m_currentChunk, decrypted
    SecureBuffer m_state; // secretstream state, ready to open chunk m_nextChunk
    SecureBuffer m_snapshots; // state before chunk k * SnapshotInterval, for k < m_snapshotCount
    qint64 m_snapshotCount = 0;
    qint64 m_chunkSize = 0;
    qint64 m_size = 0;
    qint64 m_chunkCount = 0;
    qint64 m_nextChunk = 0;
    qint64 m_currentChunk = -1;
    qint64 m_position = 0;
    bool m_failed = false;
};

} // namespace Acorn
