#pragma once

#include "domain/Role.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace Acorn {
class ChildJournalPage;
class Clock;
class DataDir;
class JournalPage;
class LockController;
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

class JournalFixture;

// The whole app on the JournalFixture nursery: a shown 1280×800 MainWindow with its LockController, signing in by
// user name (the fixture's password), and the Journal tab's pages. isValid() is false if any part failed.
class JournalWindow final
{
public:
    JournalWindow();
    ~JournalWindow();

    bool isValid() const { return m_valid; }
    JournalFixture& fixture() { return *m_fixture; }
    LockController& lock() { return *m_lock; }
    MainWindow& window() { return *m_window; }

    // Signs in and waits for the home page; false if it did not come.
    [[nodiscard]] bool signIn(const QString& userName);
    JournalPage* journal() const;
    // Taps the child's tile on the overview; null unless the child's journal opened.
    ChildJournalPage* openChild(const QString& childId);

private:
    std::unique_ptr<JournalFixture> m_fixture;
    std::unique_ptr<LockController> m_lock;
    std::unique_ptr<MainWindow> m_window;
    bool m_valid = false;
};

template<typename T> T* child(const QObject* root, const char* objectName)
{
    return root ? root->findChild<T*>(QLatin1String(objectName)) : nullptr;
}

} // namespace Acorn::Test
