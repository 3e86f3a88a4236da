#include "crypto/SecureBuffer.h"

#include "crypto/Sodium.h"

#include <QString>

#include <sodium.h>

#include <cstring>
#include <new>
#include <utility>

namespace Acorn {

SecureBuffer::SecureBuffer(std::size_t size)
    : m_size(size)
{
    Sodium::ensureInitialised();
    if (size == 0)
        return;
    m_data = static_cast<unsigned char*>(sodium_malloc(size));
    if (!m_data)
        throw std::bad_alloc(); // out of locked memory: nothing sensible can continue
    sodium_memzero(m_data, size);
}

SecureBuffer::~SecureBuffer()
{
    wipe();
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept
{
    if (this != &other) {
        wipe();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecureBuffer SecureBuffer::random(std::size_t size)
{
    SecureBuffer buffer(size);
    if (size > 0)
        randombytes_buf(buffer.data(), size);
    return buffer;
}

SecureBuffer SecureBuffer::takeFrom(QByteArray& bytes)
{
    SecureBuffer buffer(static_cast<std::size_t>(bytes.size()));
    if (!bytes.isEmpty())
        std::memcpy(buffer.data(), bytes.constData(), buffer.size());
    wipeBytes(bytes);
    return buffer;
}

SecureBuffer SecureBuffer::copyOf(const unsigned char* data, std::size_t size)
{
    SecureBuffer buffer(size);
    if (size > 0)
        std::memcpy(buffer.data(), data, size);
    return buffer;
}

bool SecureBuffer::equals(const SecureBuffer& other) const
{
    if (m_size != other.m_size)
        return false;
    if (m_size == 0)
        return true;
    return sodium_memcmp(m_data, other.m_data, m_size) == 0;
}

void SecureBuffer::wipe()
{
    if (m_data)
        sodium_free(m_data); // sodium_free zeroes before releasing
    m_data = nullptr;
    m_size = 0;
}

void wipeBytes(QByteArray& bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached())
        bytes.detach(); // only ever wipe our own copy
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), static_cast<std::size_t>(bytes.size()));
    bytes.clear();
}

void wipeString(QString& text)
{
    if (!text.isEmpty())
        sodium_memzero(text.data(), static_cast<std::size_t>(text.size()) * sizeof(QChar));
    text.clear();
}

} // namespace Acorn
