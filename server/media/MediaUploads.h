#pragma once

#include "Result.h"
#include "crypto/SecureBuffer.h"
#include "store/ServerStore.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Acorn::Server {

class BlobStore;

// Resumable media uploads (docs/sync-protocol.md, "Media"): plaintext chunks arrive over TLS, are checked against
// their SHA-256, and are stored encrypted with the file's own key; complete checks every chunk is there and the whole
// file's SHA-256. Nothing here knows HTTP: outcomes say what happened and ApiServer turns them into status codes.
class MediaUploads final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::MediaUploads)
public:
    struct Outcome
    {
        enum class Kind { Ok, BadRequest, TooLarge, Forbidden, NotFound, Conflict, Failed };
        Kind kind = Kind::Ok;
        QString message; // for anything but Ok
        Error error; // Failed: what the store or the blob store said
        qint64 chunkSize = 0;
        qint64 size = 0;
        QString sha256;
        bool complete = false;
        QList<int> chunks; // received (start, status) or missing (a Conflict from complete)
        QByteArray bytes; // read: the plaintext asked for
    };

    MediaUploads(ServerStore& store, BlobStore& blobs, SecureBuffer mediaKey);

    Outcome start(const DeviceIdentity& device, const QString& mediaId, qint64 size, const QString& sha256,
                  qint64 requestedChunkSize);
    Outcome putChunk(const DeviceIdentity& device, const QString& mediaId, int index, const QString& chunkSha256,
                     const QByteArray& body);
    Outcome complete(const DeviceIdentity& device, const QString& mediaId);
    Outcome status(const DeviceIdentity& device, const QString& mediaId);
    // Plaintext bytes first..first+length-1 of a complete file of `settingId` (decrypting only the chunks they lie
    // in); `size` says the whole file's size. NotFound until the file is complete.
    Outcome read(const QString& settingId, const QString& mediaId, qint64 first, qint64 length);
    // A whole file at once (what the server itself receives, e.g. a parent's photo through the portal): start, every
    // chunk, complete — the same checks and the same encrypted chunks as a device's upload.
    Outcome storeWhole(const DeviceIdentity& uploader, const QString& mediaId, const QByteArray& bytes);
    // The most read() gives at a time: one answer stays small enough to hold in memory.
    static constexpr qint64 MaxRead = 4 * 1024 * 1024;

    static QString blobName(const QString& mediaId, int index);
    // The chunk size the server uses for a request: the device's wish, kept within 64 KiB..4 MiB.
    static qint64 chunkSizeFor(qint64 requested);

private:
    // Finds the upload and checks it is this device's setting's; on anything else fills `refusal`.
    std::optional<MediaUpload> find(const QString& settingId, const QString& mediaId, Outcome* refusal);
    static Outcome failed(const Error& error);
    static Outcome refuse(Outcome::Kind kind, const QString& message);

    ServerStore& m_store;
    BlobStore& m_blobs;
    SecureBuffer m_mediaKey;
};

} // namespace Acorn::Server
