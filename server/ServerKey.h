#pragma once

#include "Result.h"
#include "crypto/SecureBuffer.h"

#include <QCoreApplication>
#include <QString>

namespace Acorn::Server {

// The server's own secret: 32 random bytes in DATA/server.key (owner-only, made on first run). Everything keyed at
// rest derives from it with crypto_kdf: the SQLite database's SQLCipher key and the key that seals each media file's
// own key. Lose it and the data folder is noise: back it up apart from the data.
class ServerKey final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::ServerKey)
public:
    static constexpr int Size = 32;

    // Reads DATA/server.key, or creates it when `create` and it does not exist. Refuses a key file that others can
    // read, or one of the wrong size.
    [[nodiscard]] static Result<ServerKey> loadOrCreate(const QString& path, bool create = true);
    // For tests.
    static ServerKey fromBytes(SecureBuffer key);

    SecureBuffer databaseKey() const;
    SecureBuffer mediaKey() const;

private:
    explicit ServerKey(SecureBuffer key);
    SecureBuffer derive(quint64 id, const char context[8]) const;

    SecureBuffer m_key;
};

} // namespace Acorn::Server
