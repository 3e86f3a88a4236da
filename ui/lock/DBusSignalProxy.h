#pragma once

#include <QDBusAbstractInterface>

namespace Acorn {

// A hand-written D-Bus proxy (what qdbusxml2cpp would generate) declaring the few signals ScreenLockListener needs,
// so that they can be connected with pointer-to-member connects. QDBusAbstractInterface subscribes to a D-Bus
// signal only when one of these Qt signals gets a connection; connecting one the interface never sends is harmless.
class DBusSignalProxy final : public QDBusAbstractInterface
{
    Q_OBJECT
public:
    DBusSignalProxy(const QString& service, const QString& path, const char* interface,
                    const QDBusConnection& connection, QObject* parent = nullptr);

signals:
    // org.freedesktop.login1.Manager
    void PrepareForSleep(bool start);
    // org.freedesktop.login1.Session
    void Lock();
    // org.freedesktop.ScreenSaver, org.gnome.ScreenSaver
    void ActiveChanged(bool active);
};

} // namespace Acorn
