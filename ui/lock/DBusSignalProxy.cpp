#include "lock/DBusSignalProxy.h"

namespace Acorn {

DBusSignalProxy::DBusSignalProxy(const QString& service, const QString& path, const char* interface,
                                 const QDBusConnection& connection, QObject* parent)
    : QDBusAbstractInterface(service, path, interface, connection, parent)
{
}

} // namespace Acorn
