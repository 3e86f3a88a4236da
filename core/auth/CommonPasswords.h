#pragma once

#include <QString>

namespace Acorn {

// The deny-list: passwords that attackers try first (resources/passwords/common-passwords.txt), checked after
// folding case, common letter-for-digit swaps and the digits or symbols people add at the end ("Password1!").
class CommonPasswords final
{
public:
    static bool isCommon(const QString& password);
    // True when the password is `word` with decoration (case, swaps, added digits/symbols), for words of 3+ letters.
    static bool isBuiltOn(const QString& password, const QString& word);
    static int listSize();
    // Lower case, de-leeted, with leading/trailing digits and symbols removed.
    static QString normalise(const QString& password);
};

} // namespace Acorn
