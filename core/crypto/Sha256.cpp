#include "crypto/Sha256.h"

#include <openssl/evp.h>

namespace Acorn {

struct Sha256::Context
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256()
    : m_context(std::make_unique<Context>())
{
    if (!m_context->ctx || EVP_DigestInit_ex(m_context->ctx, EVP_sha256(), nullptr) != 1)
        qFatal("OpenSSL SHA-256 is not available");
}

Sha256::~Sha256() = default;

void Sha256::addData(const char* data, qsizetype size)
{
    EVP_DigestUpdate(m_context->ctx, data, static_cast<size_t>(size));
}

QByteArray Sha256::result()
{
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context->ctx, reinterpret_cast<unsigned char*>(digest.data()), &length);
    return digest;
}

QByteArray Sha256::hash(const QByteArray& data)
{
    Sha256 sha;
    sha.addData(data);
    return sha.result();
}

} // namespace Acorn
