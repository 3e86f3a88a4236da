#include "media/MediaUploads.h"

#include "ServerLogging.h"
#include "media/ChunkCipher.h"
#include "store/BlobStore.h"
#include "sync/SyncTypes.h"

#include "crypto/Sha256.h"

#include <QCryptographicHash>

namespace Acorn::Server {

MediaUploads::MediaUploads(ServerStore& store, BlobStore& blobs, SecureBuffer mediaKey)
    : m_store(store)
    , m_blobs(blobs)
    , m_mediaKey(std::move(mediaKey))
{
}

QString MediaUploads::blobName(const QString& mediaId, int index)
{
    return mediaId + QLatin1Char('/') + QString::number(index);
}

qint64 MediaUploads::chunkSizeFor(qint64 requested)
{
    if (requested <= 0)
        return Limits::MediaChunk;
    return qBound(Limits::MinMediaChunk, requested, Limits::MediaChunk);
}

MediaUploads::Outcome MediaUploads::failed(const Error& error)
{
    Outcome outcome;
    outcome.kind = Outcome::Kind::Failed;
    outcome.error = error;
    outcome.message = error.message;
    return outcome;
}

MediaUploads::Outcome MediaUploads::refuse(Outcome::Kind kind, const QString& message)
{
    Outcome outcome;
    outcome.kind = kind;
    outcome.message = message;
    return outcome;
}

std::optional<MediaUpload> MediaUploads::find(const QString& settingId, const QString& mediaId, Outcome* refusal)
{
    auto upload = m_store.mediaUpload(mediaId);
    if (!upload) {
        *refusal = failed(upload.error());
        return std::nullopt;
    }
    if (!upload.value()) {
        *refusal = refuse(Outcome::Kind::NotFound, tr("No upload of this media file has been started."));
        return std::nullopt;
    }
    if (upload.value()->settingId != settingId) {
        qCWarning(lcServerMedia, "media %s was asked for from another setting", qPrintable(mediaId));
        *refusal = refuse(Outcome::Kind::Forbidden, tr("This media file belongs to another setting."));
        return std::nullopt;
    }
    return upload.take();
}

MediaUploads::Outcome MediaUploads::start(const DeviceIdentity& device, const QString& mediaId, qint64 size,
                                          const QString& sha256, qint64 requestedChunkSize)
{
    if (size < 0)
        return refuse(Outcome::Kind::BadRequest, tr("size must be a whole number from 0."));
    if (size > Limits::MediaFile)
        return refuse(Outcome::Kind::TooLarge, tr("A media file may be at most 500 MB."));
    if (!isSha256Hex(sha256))
        return refuse(Outcome::Kind::BadRequest, tr("sha256 must be 64 lower-case hex digits."));

    auto existing = m_store.mediaUpload(mediaId);
    if (!existing)
        return failed(existing.error());
    if (!existing.value()) {
        MediaUpload upload;
        upload.mediaId = mediaId;
        upload.settingId = device.settingId;
        upload.deviceId = device.deviceId;
        upload.size = size;
        upload.sha256 = sha256;
        upload.chunkSize = chunkSizeFor(requestedChunkSize);
        upload.wrappedKey = ChunkCipher::wrapKey(ChunkCipher::newFileKey(), m_mediaKey, mediaId);
        auto created = m_store.createMediaUpload(upload);
        if (!created)
            return failed(created.error());
        if (created.value())
            qCInfo(lcServerMedia, "upload of media %s started by device %s", qPrintable(mediaId),
                   qPrintable(device.deviceId));
        existing = m_store.mediaUpload(mediaId); // made just now, by this request or by one racing it
        if (!existing)
            return failed(existing.error());
        if (!existing.value())
            return failed(Error(Error::Code::Internal, tr("The upload could not be started.")));
    }
    const MediaUpload& upload = *existing.value();
    if (upload.settingId != device.settingId)
        return refuse(Outcome::Kind::Forbidden, tr("This media file belongs to another setting."));
    if (upload.size != size || upload.sha256 != sha256)
        return refuse(Outcome::Kind::Conflict,
                      tr("An upload with this id but another size or checksum exists; a media file's id names one "
                         "file only."));
    Outcome outcome;
    outcome.chunkSize = upload.chunkSize;
    outcome.size = upload.size;
    outcome.sha256 = upload.sha256;
    outcome.complete = upload.complete;
    auto received = m_store.receivedChunks(mediaId);
    if (!received)
        return failed(received.error());
    outcome.chunks = received.take();
    return outcome;
}

MediaUploads::Outcome MediaUploads::putChunk(const DeviceIdentity& device, const QString& mediaId, int index,
                                             const QString& chunkSha256, const QByteArray& body)
{
    if (!isSha256Hex(chunkSha256))
        return refuse(Outcome::Kind::BadRequest, tr("X-Chunk-Sha256 must be 64 lower-case hex digits."));
    if (body.size() > Limits::MediaChunk)
        return refuse(Outcome::Kind::TooLarge, tr("A media chunk may be at most 4 MiB."));
    Outcome refusal;
    const auto upload = find(device.settingId, mediaId, &refusal);
    if (!upload)
        return refusal;
    if (upload->complete)
        return refuse(Outcome::Kind::Conflict, tr("This media file is complete already."));
    if (index < 0 || index >= upload->chunkCount())
        return refuse(
            Outcome::Kind::BadRequest,
            tr("This file has chunks 0 to %1; there is no chunk %2.").arg(upload->chunkCount() - 1).arg(index));
    if (body.size() != upload->chunkLength(index))
        return refuse(Outcome::Kind::BadRequest,
                      tr("Chunk %1 of this file is %2 bytes, not %3.")
                          .arg(index)
                          .arg(upload->chunkLength(index))
                          .arg(body.size()));
    const QString actual = QString::fromLatin1(Sha256::hash(body).toHex());
    if (actual != chunkSha256)
        return refuse(Outcome::Kind::BadRequest,
                      tr("This chunk does not match its checksum (it was damaged on the way); send it again."));

    auto key = ChunkCipher::unwrapKey(upload->wrappedKey, m_mediaKey, mediaId);
    if (!key)
        return failed(key.error());
    if (auto stored = m_blobs.put(blobName(mediaId, index), ChunkCipher::seal(body, key.value(), mediaId, index));
        !stored)
        return failed(stored.error());
    // A file of one chunk whose checksum is the file's own (most photos) is complete the moment it is stored: the
    // same check complete() would make, without reading and decrypting it again.
    const bool completes = upload->chunkCount() == 1 && actual == upload->sha256 && body.size() == upload->size;
    if (auto recorded = m_store.recordChunk(mediaId, index, body.size(), actual, completes); !recorded)
        return failed(recorded.error());
    return {};
}

MediaUploads::Outcome MediaUploads::complete(const DeviceIdentity& device, const QString& mediaId)
{
    Outcome refusal;
    const auto upload = find(device.settingId, mediaId, &refusal);
    if (!upload)
        return refusal;
    Outcome done;
    done.size = upload->size;
    done.sha256 = upload->sha256;
    done.complete = true;
    if (upload->complete)
        return done;

    auto received = m_store.receivedChunks(mediaId);
    if (!received)
        return failed(received.error());
    QList<int> missing;
    for (int i = 0; i < upload->chunkCount(); ++i) {
        if (!received.value().contains(i))
            missing.append(i);
    }
    if (!missing.isEmpty()) {
        Outcome outcome = refuse(Outcome::Kind::Conflict, tr("Some chunks of this file have not arrived."));
        outcome.chunks = missing;
        return outcome;
    }

    // Every chunk decrypts (its place and file are authenticated) and together they make the announced file.
    auto key = ChunkCipher::unwrapKey(upload->wrappedKey, m_mediaKey, mediaId);
    if (!key)
        return failed(key.error());
    Sha256 hash; // OpenSSL: several times Qt 6.4's QCryptographicHash, and this runs over every byte uploaded
    qint64 total = 0;
    bool intact = true;
    for (int i = 0; i < upload->chunkCount() && intact; ++i) {
        auto sealed = m_blobs.get(blobName(mediaId, i), upload->chunkLength(i) + ChunkCipher::Overhead);
        if (!sealed) {
            if (sealed.code() != Error::Code::NotFound && sealed.code() != Error::Code::InvalidInput)
                return failed(sealed.error());
            intact = false;
            break;
        }
        auto plain = ChunkCipher::open(sealed.value(), key.value(), mediaId, i);
        if (!plain) {
            intact = false;
            break;
        }
        hash.addData(plain.value());
        total += plain.value().size();
    }
    if (!intact || total != upload->size || QString::fromLatin1(hash.result().toHex()) != upload->sha256) {
        // Chunks matched their own checksums but not the file's: start this file again from nothing.
        qCWarning(lcServerMedia, "media %s did not match its sha256; its chunks were discarded", qPrintable(mediaId));
        if (auto forgotten = m_store.forgetChunks(mediaId); !forgotten)
            return failed(forgotten.error());
        if (auto removed = m_blobs.removeAll(mediaId); !removed)
            return failed(removed.error());
        Outcome outcome = refuse(Outcome::Kind::Conflict,
                                 tr("The chunks do not make up the announced file (its sha256 differs); upload every "
                                    "chunk again."));
        for (int i = 0; i < upload->chunkCount(); ++i)
            outcome.chunks.append(i);
        return outcome;
    }
    if (auto marked = m_store.markMediaComplete(mediaId); !marked)
        return failed(marked.error());
    qCInfo(lcServerMedia, "media %s complete", qPrintable(mediaId));
    return done;
}

MediaUploads::Outcome MediaUploads::status(const DeviceIdentity& device, const QString& mediaId)
{
    Outcome refusal;
    const auto upload = find(device.settingId, mediaId, &refusal);
    if (!upload)
        return refusal;
    Outcome outcome;
    outcome.chunkSize = upload->chunkSize;
    outcome.size = upload->size;
    outcome.sha256 = upload->sha256;
    outcome.complete = upload->complete;
    auto received = m_store.receivedChunks(mediaId);
    if (!received)
        return failed(received.error());
    outcome.chunks = received.take();
    return outcome;
}

MediaUploads::Outcome MediaUploads::read(const QString& settingId, const QString& mediaId, qint64 first, qint64 length)
{
    Outcome refusal;
    const auto upload = find(settingId, mediaId, &refusal);
    if (!upload)
        return refusal;
    if (!upload->complete)
        return refuse(Outcome::Kind::NotFound, tr("This media file has not arrived completely yet."));
    if (first < 0 || length < 0 || (upload->size > 0 && first >= upload->size))
        return refuse(Outcome::Kind::BadRequest, tr("The range asked for is outside the file."));
    length = qMin(qMin(length, MaxRead), upload->size - first);
    auto key = ChunkCipher::unwrapKey(upload->wrappedKey, m_mediaKey, mediaId);
    if (!key)
        return failed(key.error());
    Outcome outcome;
    outcome.size = upload->size;
    outcome.sha256 = upload->sha256;
    outcome.chunkSize = upload->chunkSize;
    outcome.complete = true;
    outcome.bytes.reserve(length);
    qint64 at = first;
    while (at < first + length) {
        const int index = int(at / upload->chunkSize);
        auto sealed = m_blobs.get(blobName(mediaId, index), upload->chunkLength(index) + ChunkCipher::Overhead);
        if (!sealed)
            return failed(sealed.error());
        auto plain = ChunkCipher::open(sealed.value(), key.value(), mediaId, index);
        if (!plain || plain.value().size() != upload->chunkLength(index)) {
            qCCritical(lcServerMedia, "media %s chunk %d does not decrypt: damaged on disk", qPrintable(mediaId),
                       index);
            return failed(Error(Error::Code::DatabaseDamaged, tr("A stored part of this media file is damaged.")));
        }
        const qint64 offset = at - qint64(index) * upload->chunkSize;
        const qint64 take = qMin(plain.value().size() - offset, first + length - at);
        outcome.bytes.append(plain.value().constData() + offset, take);
        at += take;
    }
    return outcome;
}

MediaUploads::Outcome MediaUploads::storeWhole(const DeviceIdentity& uploader, const QString& mediaId,
                                               const QByteArray& bytes)
{
    const QString sha256 = QString::fromLatin1(Sha256::hash(bytes).toHex());
    Outcome started = start(uploader, mediaId, bytes.size(), sha256, Limits::MediaChunk);
    if (started.kind != Outcome::Kind::Ok)
        return started;
    const QSet<int> received(started.chunks.cbegin(), started.chunks.cend());
    for (qint64 offset = 0, index = 0; offset < bytes.size() || (bytes.isEmpty() && index == 0);
         offset += started.chunkSize, ++index) {
        if (received.contains(int(index)))
            continue;
        const QByteArray chunk = bytes.mid(offset, started.chunkSize);
        Outcome put = putChunk(uploader, mediaId, int(index), QString::fromLatin1(Sha256::hash(chunk).toHex()), chunk);
        if (put.kind != Outcome::Kind::Ok)
            return put;
        if (bytes.isEmpty())
            break;
    }
    return complete(uploader, mediaId);
}

} // namespace Acorn::Server
