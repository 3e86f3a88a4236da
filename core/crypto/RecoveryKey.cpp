#include "crypto/RecoveryKey.h"

#include <QCoreApplication>

#include <sodium.h>

#include <cstring>

namespace Acorn {

namespace {
constexpr char Alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int DataChars = 52; // ceil(256 / 5)
constexpr int CheckChars = 4; // 20 bits of BLAKE2b
constexpr int TotalChars = DataChars + CheckChars;
constexpr int GroupSize = 4;

int decodeChar(char c)
{
    if (c >= 'a' && c <= 'z')
        c = char(c - 'a' + 'A');
    switch (c) {
    case 'O':
        c = '0';
        break;
    case 'I':
    case 'L':
        c = '1';
        break;
    default:
        break;
    }
    for (int i = 0; i < 32; ++i)
        if (Alphabet[i] == c)
            return i;
    return -1;
}

quint32 checksum(const unsigned char* seed)
{
    unsigned char hash[crypto_generichash_BYTES_MIN];
    static const unsigned char context[] = "acorn-recovery-key-v1";
    crypto_generichash(hash, sizeof hash, seed, RecoveryKey::SeedSize, context, sizeof context - 1);
    return (quint32(hash[0]) << 12) | (quint32(hash[1]) << 4) | (quint32(hash[2]) >> 4);
}

QString tr(const char* text)
{
    return QCoreApplication::translate("Acorn::RecoveryKey", text);
}
} // namespace

SecureBuffer RecoveryKey::generateSeed()
{
    return SecureBuffer::random(SeedSize);
}

SecureBuffer RecoveryKey::format(const SecureBuffer& seed)
{
    Q_ASSERT(seed.size() == SeedSize);
    SecureBuffer chars(TotalChars);
    // 256 bits, most significant first, 5 at a time; the last group is padded with zero bits.
    for (int i = 0; i < DataChars; ++i) {
        int value = 0;
        for (int b = 0; b < 5; ++b) {
            const int bit = i * 5 + b;
            value <<= 1;
            if (bit < 256)
                value |= (seed.data()[bit / 8] >> (7 - bit % 8)) & 1;
        }
        chars.data()[i] = static_cast<unsigned char>(Alphabet[value]);
    }
    const quint32 check = checksum(seed.data());
    for (int i = 0; i < CheckChars; ++i)
        chars.data()[DataChars + i] = static_cast<unsigned char>(Alphabet[(check >> (5 * (CheckChars - 1 - i))) & 31]);

    const int groups = TotalChars / GroupSize;
    SecureBuffer text(TotalChars + groups - 1);
    int out = 0;
    for (int i = 0; i < TotalChars; ++i) {
        if (i > 0 && i % GroupSize == 0)
            text.data()[out++] = '-';
        text.data()[out++] = chars.data()[i];
    }
    return text;
}

Result<SecureBuffer> RecoveryKey::parse(const QByteArray& text)
{
    SecureBuffer values(TotalChars);
    int count = 0;
    for (const char c : text) {
        if (c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        const int v = decodeChar(c);
        if (v < 0)
            return Error(Error::Code::InvalidInput,
                         tr("A recovery key contains only letters and digits, in groups of four."));
        if (count >= TotalChars) {
            ++count;
            break;
        }
        values.data()[count++] = static_cast<unsigned char>(v);
    }
    if (count != TotalChars)
        return Error(Error::Code::InvalidInput,
                     tr("A recovery key has 14 groups of four characters. Check that none is missing."));

    SecureBuffer seed(SeedSize);
    std::memset(seed.data(), 0, SeedSize);
    for (int i = 0; i < DataChars; ++i) {
        for (int b = 0; b < 5; ++b) {
            const int bit = i * 5 + b;
            if (bit >= 256) {
                if ((values.data()[i] >> (4 - b)) & 1)
                    return Error(Error::Code::InvalidInput,
                                 tr("This recovery key has a typing mistake. Check each group again."));
                continue;
            }
            if ((values.data()[i] >> (4 - b)) & 1)
                seed.data()[bit / 8] |= static_cast<unsigned char>(1 << (7 - bit % 8));
        }
    }
    quint32 check = 0;
    for (int i = 0; i < CheckChars; ++i)
        check = (check << 5) | values.data()[DataChars + i];
    if (check != checksum(seed.data()))
        return Error(Error::Code::InvalidInput, tr("This recovery key has a typing mistake. Check each group again."));
    return seed;
}

} // namespace Acorn
