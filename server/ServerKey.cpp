#include "ServerKey.h"

#include "AtomicFile.h"
#include "ServerLogging.h"
#include "crypto/Sodium.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sodium.h>

namespace Acorn::Server {

ServerKey::ServerKey(SecureBuffer key)
    : m_key(std::move(key))
{
}

ServerKey ServerKey::fromBytes(SecureBuffer key)
{
    return ServerKey(std::move(key));
}

Result<ServerKey> ServerKey::loadOrCreate(const QString& path, bool create)
{
    Sodium::ensureInitialised();
    const QString where = QDir::toNativeSeparators(path);
    if (!QFileInfo::exists(path)) {
        if (!create)
            return Error(Error::Code::KeyringMissing, tr("There is no server key at %1.").arg(where));
        SecureBuffer key = SecureBuffer::random(Size);
        QByteArray bytes(reinterpret_cast<const char*>(key.data()), int(key.size()));
        auto written = AtomicFile::write(path, bytes); // owner-only
        wipeBytes(bytes);
        if (!written)
            return written.error();
        qCInfo(lcServer) << "created a new server key";
        return ServerKey(std::move(key));
    }
    const auto permissions = QFileInfo(path).permissions();
    if (permissions
        & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther))
        return Error(Error::Code::PermissionDenied,
                     tr("%1 can be read by other users. Make it readable by the server's user only (chmod 600) and "
                        "consider whether it has leaked.")
                         .arg(where));
    auto bytes = AtomicFile::read(path, 1024);
    if (!bytes)
        return bytes.error();
    if (bytes.value().size() != Size) {
        wipeBytes(bytes.value());
        return Error(Error::Code::KeyringDamaged, tr("%1 is not an acorn-server key (wrong size).").arg(where));
    }
    return ServerKey(SecureBuffer::takeFrom(bytes.value()));
}

SecureBuffer ServerKey::derive(quint64 id, const char context[8]) const
{
    SecureBuffer subkey(32);
    crypto_kdf_derive_from_key(subkey.data(), subkey.size(), id, context, m_key.data());
    return subkey;
}

SecureBuffer ServerKey::databaseKey() const
{
    return derive(1, "acrnsrdb");
}

SecureBuffer ServerKey::mediaKey() const
{
    return derive(2, "acrnsrmd");
}

} // namespace Acorn::Server
