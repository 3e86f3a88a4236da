#include "auth/CommonPasswords.h"

#include <QFile>
#include <QSet>

namespace Acorn {

namespace {
const QSet<QString>& list()
{
    static const QSet<QString> words = [] {
        QSet<QString> set;
        QFile file(QStringLiteral(":/acorn/passwords/common-passwords.txt"));
        if (file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            while (!file.atEnd()) {
                const QString line = QString::fromUtf8(file.readLine()).trimmed();
                if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                    continue;
                set.insert(line.toLower());
                set.insert(CommonPasswords::normalise(line));
            }
        }
        set.remove(QString());
        return set;
    }();
    return words;
}

QString deleet(QString s)
{
    static const std::pair<QChar, QChar> swaps[]
        = {{u'0', u'o'}, {u'1', u'i'}, {u'!', u'i'}, {u'3', u'e'}, {u'4', u'a'}, {u'@', u'a'},
           {u'5', u's'}, {u'$', u's'}, {u'7', u't'}, {u'8', u'b'}, {u'9', u'g'}};
    for (auto& c : s)
        for (const auto& [from, to] : swaps)
            if (c == from)
                c = to;
    return s;
}
} // namespace

QString CommonPasswords::normalise(const QString& password)
{
    QString s = password.toLower().trimmed();
    // Strip what people add around a word: leading/trailing digits, punctuation and spaces.
    int end = int(s.size());
    while (end > 0 && !s.at(end - 1).isLetter())
        --end;
    int start = 0;
    while (start < end && !s.at(start).isLetter())
        ++start;
    s = s.mid(start, end - start);
    s = deleet(s);
    s.remove(QLatin1Char(' '));
    return s;
}

bool CommonPasswords::isCommon(const QString& password)
{
    if (password.isEmpty())
        return false;
    const auto& words = list();
    const QString lower = password.toLower();
    if (words.contains(lower))
        return true;
    const QString base = normalise(password);
    // A bare number ("12345678") or a base that is itself a common word.
    if (base.isEmpty())
        return true;
    if (words.contains(base))
        return true;
    // One short piece repeated ("aaaaaaaa", "abcabcabc", "passwordpassword").
    const int n = int(lower.size());
    for (int unit = 1; unit <= n / 2; ++unit) {
        if (n % unit != 0)
            continue;
        bool repeated = true;
        for (int i = unit; i < n && repeated; ++i)
            repeated = lower.at(i) == lower.at(i - unit);
        if (repeated)
            return true;
    }
    return false;
}

bool CommonPasswords::isBuiltOn(const QString& password, const QString& word)
{
    const QString w = deleet(word.trimmed().toLower());
    if (w.size() < 3 || password.isEmpty())
        return false;
    const QString base = normalise(password);
    if (base == w)
        return true;
    // A name of four or more letters anywhere in it ("Mabel2026x") makes it guessable for whoever knows the person.
    return w.size() >= 4 && deleet(password.toLower()).contains(w);
}

int CommonPasswords::listSize()
{
    return int(list().size());
}

} // namespace Acorn
