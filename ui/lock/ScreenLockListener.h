#pragma once

#include <QDBusConnection>
#include <QObject>

namespace Acorn {

class DBusSignalProxy;

// Asks for a lock when the computer is about to sleep or its screen locks (the façade; the Linux half is D-Bus):
// logind's PrepareForSleep(true) and the login session's Lock on the system bus, and the freedesktop and GNOME
// screensavers' ActiveChanged(true) on the session bus. A bus that is not there is not an error: the idle lock
// still works without it.
class ScreenLockListener final : public QObject
{
    Q_OBJECT
public:
    explicit ScreenLockListener(QObject* parent = nullptr);
    // For tests: listen on the given connections instead of the system and session buses.
    ScreenLockListener(const QDBusConnection& systemBus, const QDBusConnection& sessionBus, QObject* parent = nullptr);

    // The logind session object watched for Lock, once found (empty until then, or without logind).
    QString loginSessionPath() const { return m_loginSessionPath; }

signals:
    void lockRequested();
    // For tests and diagnostics: the logind session lookup has finished (found or not).
    void loginSessionResolved();

private:
    void listenOnSystemBus(const QDBusConnection& bus);
    void listenOnSessionBus(const QDBusConnection& bus);
    void resolveLoginSession(const QDBusConnection& bus, bool byPid);
    void watchLoginSession(const QDBusConnection& bus, const QString& path);

    QString m_loginSessionPath;
};

} // namespace Acorn
