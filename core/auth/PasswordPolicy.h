#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Acorn {

class SettingsStore;

// The setting's password rules. Two presets: the nursery policy (upper case, lower case and digits, a minimum
// length, changed every 90 days, none of the last 5 reused) and the NCSC/NIST style (a long passphrase, no forced
// expiry). Both always refuse common passwords and ones built on the person's own name.
class PasswordPolicy final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::PasswordPolicy)
public:
    enum class Kind { Nursery, Passphrase };

    struct Rule
    {
        QString text; // "At least 10 characters"
        bool met = false;
    };

    Kind kind = Kind::Nursery;
    int minLength = 10;
    bool requireMixedCaseAndDigit = true;
    int expiryDays = 90; // 0 = never
    int historyCount = 5; // earlier passwords that may not be reused

    static PasswordPolicy nurseryDefault();
    static PasswordPolicy passphraseDefault();
    static PasswordPolicy fromSettings(const SettingsStore& settings);
    static QString kindKey(Kind kind);

    // Every rule with whether `password` meets it: what the live feedback shows while typing.
    QList<Rule> evaluate(const QString& password, const QString& userName = {}, const QString& displayName = {}) const;
    bool accepts(const QString& password, const QString& userName = {}, const QString& displayName = {}) const;
    // The unmet rules as one sentence per line, for an error message.
    QString explainRefusal(const QString& password, const QString& userName = {},
                           const QString& displayName = {}) const;

    bool isExpired(const QDateTime& changedAt, const QDateTime& now) const;
    QString summary() const;
};

} // namespace Acorn
