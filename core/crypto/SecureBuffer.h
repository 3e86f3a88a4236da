#pragma once

#include <QByteArray>

#include <cstddef>

namespace Acorn {

// Owns a block of libsodium secure memory (sodium_malloc: guard pages, mlock'd, wiped on free).
// Move-only. Use for keys and anything derived from a password; never copy its bytes into a QString.
class SecureBuffer final
{
public:
    SecureBuffer() = default;
    explicit SecureBuffer(std::size_t size);
    ~SecureBuffer();

    SecureBuffer(SecureBuffer&& other) noexcept;
    SecureBuffer& operator=(SecureBuffer&& other) noexcept;
    SecureBuffer(const SecureBuffer&) = delete;
    SecureBuffer& operator=(const SecureBuffer&) = delete;

    static SecureBuffer random(std::size_t size);
    // Copies bytes in, then wipes the source QByteArray's buffer (callers pass their temporaries).
    static SecureBuffer takeFrom(QByteArray& bytes);
    static SecureBuffer copyOf(const unsigned char* data, std::size_t size);

    unsigned char* data() { return m_data; }
    const unsigned char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    // Constant-time comparison.
    bool equals(const SecureBuffer& other) const;
    // Frees and wipes now; the buffer becomes empty.
    void wipe();

private:
    unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
};

// Wipes a QByteArray's bytes in place (for short-lived copies that had to exist, e.g. typed passwords).
void wipeBytes(QByteArray& bytes);
void wipeString(QString& text);

} // namespace Acorn
