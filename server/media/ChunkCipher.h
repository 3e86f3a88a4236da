#pragma once

#include "Result.h"
#include "crypto/SecureBuffer.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Acorn::Server {

// At-rest encryption of uploaded media on the server. Each file has its own random key (a secretstream key); the
// database keeps it sealed with the server's media key, bound to the media id.
//
// A stored chunk, version 1: magic "AcornSC1" (8 bytes), crypto_secretstream_xchacha20poly1305 header (24 bytes),
// then the chunk as one TAG_FINAL message (plaintext + 17 bytes). The additional data is the magic, the media id and
// the chunk index (big-endian u32), so a chunk cannot be moved to another file or another place in its file.
class ChunkCipher final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::ChunkCipher)
public:
    static constexpr int KeySize = 32;
    static constexpr int Overhead = 8 + 24 + 17;

    static SecureBuffer newFileKey();
    static QByteArray seal(const QByteArray& plaintext, const SecureBuffer& fileKey, const QString& mediaId, int index);
    [[nodiscard]] static Result<QByteArray> open(const QByteArray& sealed, const SecureBuffer& fileKey,
                                                 const QString& mediaId, int index);

    // The file key sealed with the server's media key (XChaCha20-Poly1305, the media id as additional data).
    static QByteArray wrapKey(const SecureBuffer& fileKey, const SecureBuffer& mediaKey, const QString& mediaId);
    [[nodiscard]] static Result<SecureBuffer> unwrapKey(const QByteArray& wrapped, const SecureBuffer& mediaKey,
                                                        const QString& mediaId);
};

} // namespace Acorn::Server
