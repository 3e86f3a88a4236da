#include "auth/PasswordPolicy.h"

#include "auth/CommonPasswords.h"
#include "auth/SettingsStore.h"

namespace Acorn {

PasswordPolicy PasswordPolicy::nurseryDefault()
{
    return {};
}

PasswordPolicy PasswordPolicy::passphraseDefault()
{
    PasswordPolicy p;
    p.kind = Kind::Passphrase;
    p.minLength = 15;
    p.requireMixedCaseAndDigit = false;
    p.expiryDays = 0;
    p.historyCount = 0;
    return p;
}

PasswordPolicy PasswordPolicy::fromSettings(const SettingsStore& settings)
{
    using Key = SettingsStore::Key;
    if (settings.stringValue(Key::PasswordPolicy) == QLatin1String("passphrase")) {
        auto p = passphraseDefault();
        p.minLength = qMax(p.minLength, settings.intValue(Key::PasswordMinLength));
        return p;
    }
    auto p = nurseryDefault();
    p.minLength = settings.intValue(Key::PasswordMinLength);
    p.expiryDays = settings.intValue(Key::PasswordExpiryDays);
    p.historyCount = settings.intValue(Key::PasswordHistoryCount);
    return p;
}

QString PasswordPolicy::kindKey(Kind kind)
{
    return kind == Kind::Passphrase ? QStringLiteral("passphrase") : QStringLiteral("nursery");
}

QList<PasswordPolicy::Rule> PasswordPolicy::evaluate(const QString& password, const QString& userName,
                                                     const QString& displayName) const
{
    QList<Rule> rules;
    const int length = int(password.toUcs4().size());
    rules.append({kind == Kind::Passphrase
                      ? tr("At least %1 characters (a few unrelated words work well)").arg(minLength)
                      : tr("At least %1 characters").arg(minLength),
                  length >= minLength});
    if (requireMixedCaseAndDigit) {
        bool upper = false, lower = false, digit = false;
        for (const QChar c : password) {
            upper = upper || c.isUpper();
            lower = lower || c.isLower();
            digit = digit || c.isDigit();
        }
        rules.append({tr("An upper-case letter"), upper});
        rules.append({tr("A lower-case letter"), lower});
        rules.append({tr("A number"), digit});
    }
    const bool common = CommonPasswords::isCommon(password);
    const QStringList nameParts = displayName.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const bool personal = CommonPasswords::isBuiltOn(password, userName)
        || std::any_of(nameParts.cbegin(), nameParts.cend(),
                       [&](const QString& part) { return CommonPasswords::isBuiltOn(password, part); });
    rules.append({tr("Not a common or easily guessed password"), !password.isEmpty() && !common});
    rules.append({tr("Not built on your name or user name"), !password.isEmpty() && !personal});
    return rules;
}

bool PasswordPolicy::accepts(const QString& password, const QString& userName, const QString& displayName) const
{
    const auto rules = evaluate(password, userName, displayName);
    return std::all_of(rules.cbegin(), rules.cend(), [](const Rule& r) { return r.met; });
}

QString PasswordPolicy::explainRefusal(const QString& password, const QString& userName,
                                       const QString& displayName) const
{
    QStringList unmet;
    for (const auto& rule : evaluate(password, userName, displayName))
        if (!rule.met)
            unmet << (rule.text.isEmpty() ? rule.text : rule.text.front().toLower() + rule.text.mid(1));
    if (unmet.isEmpty())
        return {};
    return tr("The password needs: %1.").arg(unmet.join(QStringLiteral("; ")));
}

bool PasswordPolicy::isExpired(const QDateTime& changedAt, const QDateTime& now) const
{
    if (expiryDays <= 0)
        return false;
    if (!changedAt.isValid())
        return true;
    return changedAt.addDays(expiryDays) <= now;
}

QString PasswordPolicy::summary() const
{
    if (kind == Kind::Passphrase)
        return tr("A long passphrase of at least %1 characters; no forced changes.").arg(minLength);
    QString text = tr("At least %1 characters with upper case, lower case and a number").arg(minLength);
    if (expiryDays > 0)
        text += tr("; changed every %1 days").arg(expiryDays);
    if (historyCount > 0)
        text += tr("; none of the last %1 reused").arg(historyCount);
    return text + QLatin1Char('.');
}

} // namespace Acorn
