#pragma once

#include "Result.h"
#include "crypto/SecureBuffer.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>

class QIODevice;

namespace Acorn {

// One file in the vault. The database keeps all of it (media_items.vault_file, file_key, sha256, size): without the
// key the file is noise, and the key never touches the disk outside the encrypted database.
struct VaultEntry
{
    QString fileId; // 32 lowercase hex characters: the file's name in the vault folder
    SecureBuffer key; // 32 random bytes, this file's own secretstream key
    QByteArray sha256; // of the plaintext
    qint64 size = 0; // plaintext bytes
};

// Encrypted media files under DataDir::vaultPath(), one random key per file, random names that say nothing.
//
// File layout, version 1 (integers big-endian):
//   prefix (24 bytes): magic "AcornMV\0", version u32, plaintext bytes per chunk u32, plaintext size u64
//   libsodium crypto_secretstream_xchacha20poly1305 header (24 bytes)
//   chunks: each min(chunk size, what is left) bytes of plaintext + 17 bytes of tag and MAC, at least one chunk;
//   every chunk is TAG_MESSAGE except the last, which is TAG_FINAL.
// The prefix is the additional data of chunk 0, so the size is authenticated as soon as the first chunk is, and a
// reader knows the size (and where every chunk starts) without decrypting the rest. Secretstream itself detects
// changed, reordered, dropped and truncated chunks.
class MediaVault final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::MediaVault)

public:
    static constexpr qint64 ChunkSize = 64 * 1024;
    static constexpr int KeySize = 32;
    static constexpr int PrefixSize = 24;
    static constexpr quint32 FormatVersion = 1;
    static constexpr char Magic[8] = {'A', 'c', 'o', 'r', 'n', 'M', 'V', '\0'};

    // `folder` is DataDir::vaultPath(); it is created (owner-only) on the first store().
    explicit MediaVault(QString folder);

    QString folder() const { return m_folder; }
    QString filePath(const QString& fileId) const;

    // Encrypts what is left of `plaintext` (from its current position to its end) into a new vault file. The
    // device must be random-access (a file or a buffer): the size goes into the header before the first chunk.
    // Streams in 1 MiB steps; on any failure, including a full disk, nothing is left in the vault folder.
    [[nodiscard]] Result<VaultEntry> store(QIODevice& plaintext);
    [[nodiscard]] Result<VaultEntry> store(const QByteArray& plaintext);

    // Decrypts a whole file into memory; refuses files whose plaintext is larger than maxSize.
    [[nodiscard]] Result<QByteArray> readAll(const QString& fileId, const SecureBuffer& key, qint64 maxSize) const;

    // An open, read-only, seekable device over the plaintext (a MediaReader), or nullptr with *error set.
    std::unique_ptr<QIODevice> openReader(const QString& fileId, const SecureBuffer& key,
                                          QString* error = nullptr) const;

    bool remove(const QString& fileId);
    bool exists(const QString& fileId) const;
    QStringList fileIds() const;

    static bool isValidFileId(const QString& fileId);
    // The 24-byte prefix described above.
    static QByteArray encodePrefix(quint32 chunkSize, quint64 plaintextSize);

private:
    [[nodiscard]] VoidResult ensureFolder() const;
    QString newFileId() const;
    void syncFolder() const;

    QString m_folder;
};

} // namespace Acorn
