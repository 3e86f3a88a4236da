#include "sync/EnrolmentCode.h"

#include "crypto/Sodium.h"

#include <QCryptographicHash>

#include <sodium.h>

#include <cstring>

namespace Acorn::Server::EnrolmentCode {

namespace {
constexpr char Alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int Length = 12;
} // namespace

QString generate()
{
    Sodium::ensureInitialised();
    QString code;
    for (int i = 0; i < Length; ++i) {
        if (i > 0 && i % 4 == 0)
            code += QLatin1Char('-');
        code += QLatin1Char(Alphabet[randombytes_uniform(32)]);
    }
    return code;
}

QString normalise(const QString& typed)
{
    QString out;
    for (QChar c : typed) {
        if (c == QLatin1Char('-') || c.isSpace())
            continue;
        c = c.toUpper();
        if (c == QLatin1Char('I') || c == QLatin1Char('L'))
            c = QLatin1Char('1');
        else if (c == QLatin1Char('O'))
            c = QLatin1Char('0');
        if (c.unicode() == 0 || c.unicode() > 127 || !std::strchr(Alphabet, char(c.unicode())))
            return {};
        out += c;
        if (out.size() > Length)
            return {};
    }
    return out.size() == Length ? out : QString();
}

QString hash(const QString& normalised)
{
    return QString::fromLatin1(QCryptographicHash::hash(normalised.toLatin1(), QCryptographicHash::Sha256).toHex());
}

} // namespace Acorn::Server::EnrolmentCode
