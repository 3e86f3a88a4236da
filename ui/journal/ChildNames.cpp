#include "journal/ChildNames.h"

#include <QLocale>

namespace Acorn {

ChildNames::ChildNames(const QList<Child>& children)
{
    QHash<QString, int> givenUses;
    QHash<QString, int> fullUses;
    const auto given = [](const Child& c) {
        return c.preferredName.trimmed().isEmpty() ? c.firstName.trimmed() : c.preferredName.trimmed();
    };
    for (const Child& c : children) {
        ++givenUses[given(c).toCaseFolded()];
        ++fullUses[c.displayName().toCaseFolded()];
    }
    for (const Child& c : children) {
        // Two children with the same full name: their birthdays tell them apart.
        QString full = c.displayName();
        if (fullUses.value(full.toCaseFolded()) > 1 && c.dateOfBirth.isValid())
            full = tr("%1 (born %2)").arg(full, QLocale().toString(c.dateOfBirth, tr("d MMM yyyy", "date format")));
        m_full.insert(c.id, full);
        m_short.insert(c.id, givenUses.value(given(c).toCaseFolded()) > 1 ? full : given(c));
    }
}

QString ChildNames::shortName(const QString& childId) const
{
    return m_short.value(childId, tr("another child"));
}

QString ChildNames::fullName(const QString& childId) const
{
    return m_full.value(childId, tr("another child"));
}

QString ChildNames::list(const QStringList& childIds) const
{
    QStringList names;
    for (const QString& id : childIds)
        names << shortName(id);
    return joinNames(names);
}

QString ChildNames::joinNames(const QStringList& names)
{
    if (names.isEmpty())
        return {};
    if (names.size() == 1)
        return names.first();
    const QStringList head = names.mid(0, names.size() - 1);
    return tr("%1 and %2").arg(head.join(tr(", ")), names.last());
}

} // namespace Acorn
