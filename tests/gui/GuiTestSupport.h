#pragma once

#include "domain/Role.h"

#include <QList>
#include <QObject>
#include <QString>

namespace Acorn {
class Clock;
class DataDir;
class MainWindow;
} // namespace Acorn

namespace Acorn::Test {

// Invented people only.
struct Person
{
    QString displayName;
    QString userName;
    QString password;
    Role role = Role::Practitioner;
};

Person manager(); // Maple Hartley, the nursery's first manager
Person practitioner(); // Robin Ashdown
QString nurseryName();

// A nursery with its first manager, plus `others` whose own passwords are already chosen (so they go straight to
// the home page). Returns an empty string or what went wrong.
QString createNursery(const DataDir& dataDir, const Clock& clock, const QList<Person>& others = {});

// Chooses the person on the sign-in page (or keeps the locked one), types the password and presses Sign in.
// Does not wait: the sign-in runs on a worker thread.
void submitSignIn(MainWindow& window, const QString& userName, const QString& password);

// Audit actions recorded so far, oldest first (read through a fresh session as the manager, whose own sign-in is
// left out).
QStringList auditActions(const DataDir& dataDir, const Clock& clock);

template<typename T> T* child(const QObject* root, const char* objectName)
{
    return root ? root->findChild<T*>(QLatin1String(objectName)) : nullptr;
}

} // namespace Acorn::Test
