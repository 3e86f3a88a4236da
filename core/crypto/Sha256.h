#pragma once

#include <QByteArray>

#include <memory>

namespace Acorn {

// SHA-256 through OpenSSL, which uses the CPU's SHA extensions (~1.7 GB/s here; Qt 6.4's QCryptographicHash manages
// ~0.2 GB/s). For checksums of media and chunks on their way to and from the server: not a password hash.
class Sha256 final
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void addData(const char* data, qsizetype size);
    void addData(const QByteArray& data) { addData(data.constData(), data.size()); }
    QByteArray result(); // 32 bytes; the object is spent afterwards

    static QByteArray hash(const QByteArray& data);

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

} // namespace Acorn
