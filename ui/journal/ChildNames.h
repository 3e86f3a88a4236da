#pragma once

#include "domain/Child.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Acorn {

// What to call children on screen: the name staff use (preferred or first name), with the family name added only
// where two children would otherwise read the same. Made from the children the signed-in person can see.
class ChildNames final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::ChildNames)
public:
    ChildNames() = default;
    explicit ChildNames(const QList<Child>& children);

    // "Tilly", or "Tilly Mossbank" when there are two Tillys; an unknown id reads as "another child".
    QString shortName(const QString& childId) const;
    QString fullName(const QString& childId) const;
    // "Tilly, Ozzie and Wren".
    QString list(const QStringList& childIds) const;
    bool contains(const QString& childId) const { return m_short.contains(childId); }

    // "Tilly, Ozzie and Wren" for any names.
    static QString joinNames(const QStringList& names);

private:
    QHash<QString, QString> m_short;
    QHash<QString, QString> m_full;
};

} // namespace Acorn
