#include "media/ChunkCipher.h"

#include "crypto/Sodium.h"

#include <QtEndian>

#include <sodium.h>

#include <cstring>

namespace Acorn::Server {

namespace {
using State = crypto_secretstream_xchacha20poly1305_state;
constexpr char Magic[8] = {'A', 'c', 'o', 'r', 'n', 'S', 'C', '1'};
constexpr int HeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr int TagBytes = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr int NonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr int MacBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

static_assert(ChunkCipher::KeySize == crypto_secretstream_xchacha20poly1305_KEYBYTES);
static_assert(ChunkCipher::KeySize == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(ChunkCipher::Overhead == sizeof(Magic) + HeaderBytes + TagBytes);

QByteArray additionalData(const QString& mediaId, int index)
{
    QByteArray ad(Magic, sizeof(Magic));
    ad += mediaId.toLatin1();
    uchar be[4];
    qToBigEndian<quint32>(quint32(index), be);
    ad.append(reinterpret_cast<const char*>(be), 4);
    return ad;
}
} // namespace

SecureBuffer ChunkCipher::newFileKey()
{
    return SecureBuffer::random(KeySize);
}

QByteArray ChunkCipher::seal(const QByteArray& plaintext, const SecureBuffer& fileKey, const QString& mediaId,
                             int index)
{
    Sodium::ensureInitialised();
    const QByteArray ad = additionalData(mediaId, index);
    QByteArray out(int(sizeof(Magic)) + HeaderBytes + plaintext.size() + TagBytes, Qt::Uninitialized);
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    std::memcpy(p, Magic, sizeof(Magic));
    SecureBuffer state(sizeof(State));
    auto* st = reinterpret_cast<State*>(state.data());
    crypto_secretstream_xchacha20poly1305_init_push(st, p + sizeof(Magic), fileKey.data());
    crypto_secretstream_xchacha20poly1305_push(
        st, p + sizeof(Magic) + HeaderBytes, nullptr, reinterpret_cast<const unsigned char*>(plaintext.constData()),
        static_cast<unsigned long long>(plaintext.size()), reinterpret_cast<const unsigned char*>(ad.constData()),
        static_cast<unsigned long long>(ad.size()), crypto_secretstream_xchacha20poly1305_TAG_FINAL);
    return out;
}

Result<QByteArray> ChunkCipher::open(const QByteArray& sealed, const SecureBuffer& fileKey, const QString& mediaId,
                                     int index)
{
    Sodium::ensureInitialised();
    const Error damaged(Error::Code::DatabaseDamaged, tr("A stored media part is damaged or not this file's."));
    if (sealed.size() < Overhead || std::memcmp(sealed.constData(), Magic, sizeof(Magic)) != 0)
        return damaged;
    const QByteArray ad = additionalData(mediaId, index);
    const auto* p = reinterpret_cast<const unsigned char*>(sealed.constData());
    SecureBuffer state(sizeof(State));
    auto* st = reinterpret_cast<State*>(state.data());
    if (crypto_secretstream_xchacha20poly1305_init_pull(st, p + sizeof(Magic), fileKey.data()) != 0)
        return damaged;
    const qsizetype cipherLength = sealed.size() - qsizetype(sizeof(Magic)) - HeaderBytes;
    QByteArray plain(cipherLength - TagBytes, Qt::Uninitialized);
    unsigned char tag = 0;
    unsigned long long plainLength = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            st, reinterpret_cast<unsigned char*>(plain.data()), &plainLength, &tag, p + sizeof(Magic) + HeaderBytes,
            static_cast<unsigned long long>(cipherLength), reinterpret_cast<const unsigned char*>(ad.constData()),
            static_cast<unsigned long long>(ad.size()))
            != 0
        || tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        return damaged;
    plain.truncate(qsizetype(plainLength));
    return plain;
}

QByteArray ChunkCipher::wrapKey(const SecureBuffer& fileKey, const SecureBuffer& mediaKey, const QString& mediaId)
{
    Sodium::ensureInitialised();
    const QByteArray ad = mediaId.toLatin1();
    QByteArray out(NonceBytes + KeySize + MacBytes, Qt::Uninitialized);
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(p, NonceBytes);
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(p + NonceBytes, &length, fileKey.data(), fileKey.size(),
                                               reinterpret_cast<const unsigned char*>(ad.constData()),
                                               static_cast<unsigned long long>(ad.size()), nullptr, p, mediaKey.data());
    return out;
}

Result<SecureBuffer> ChunkCipher::unwrapKey(const QByteArray& wrapped, const SecureBuffer& mediaKey,
                                            const QString& mediaId)
{
    Sodium::ensureInitialised();
    if (wrapped.size() != NonceBytes + KeySize + MacBytes)
        return Error(Error::Code::KeyringDamaged, tr("A media file's key is damaged."));
    const QByteArray ad = mediaId.toLatin1();
    const auto* p = reinterpret_cast<const unsigned char*>(wrapped.constData());
    SecureBuffer key(KeySize);
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(key.data(), &length, nullptr, p + NonceBytes,
                                                   static_cast<unsigned long long>(KeySize + MacBytes),
                                                   reinterpret_cast<const unsigned char*>(ad.constData()),
                                                   static_cast<unsigned long long>(ad.size()), p, mediaKey.data())
        != 0)
        return Error(Error::Code::KeyringDamaged,
                     tr("A media file's key does not open with this server.key (another key, or damage)."));
    return key;
}

} // namespace Acorn::Server
