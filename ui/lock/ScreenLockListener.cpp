#include "lock/ScreenLockListener.h"

#include "UiLogging.h"
#include "lock/DBusSignalProxy.h"

#include <QCoreApplication>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace Acorn {

namespace {
const QString Login1Service = QStringLiteral("org.freedesktop.login1");
const QString Login1Path = QStringLiteral("/org/freedesktop/login1");
constexpr auto Login1ManagerInterface = "org.freedesktop.login1.Manager";
constexpr auto Login1SessionInterface = "org.freedesktop.login1.Session";
} // namespace

ScreenLockListener::ScreenLockListener(QObject* parent)
    : ScreenLockListener(QDBusConnection::systemBus(), QDBusConnection::sessionBus(), parent)
{
}

ScreenLockListener::ScreenLockListener(const QDBusConnection& systemBus, const QDBusConnection& sessionBus,
                                       QObject* parent)
    : QObject(parent)
{
    listenOnSystemBus(systemBus);
    listenOnSessionBus(sessionBus);
}

void ScreenLockListener::listenOnSystemBus(const QDBusConnection& bus)
{
    if (!bus.isConnected()) {
        qCInfo(lcUi) << "no system bus: the app will not lock itself on suspend or on a logind session lock";
        emit loginSessionResolved();
        return;
    }
    auto* manager = new DBusSignalProxy(Login1Service, Login1Path, Login1ManagerInterface, bus, this);
    connect(manager, &DBusSignalProxy::PrepareForSleep, this, [this](bool start) {
        if (!start)
            return;
        qCInfo(lcUi) << "system is going to sleep: lock";
        emit lockRequested();
    });
    resolveLoginSession(bus, true);
}

void ScreenLockListener::resolveLoginSession(const QDBusConnection& bus, bool byPid)
{
    auto message
        = QDBusMessage::createMethodCall(Login1Service, Login1Path, QLatin1String(Login1ManagerInterface),
                                         byPid ? QStringLiteral("GetSessionByPID") : QStringLiteral("GetSession"));
    if (byPid)
        message << quint32(QCoreApplication::applicationPid());
    else
        message << QStringLiteral("auto"); // logind resolves "auto" to the caller's (or the user's display) session
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, bus, byPid](QDBusPendingCallWatcher* call) {
        call->deleteLater();
        const QDBusPendingReply<QDBusObjectPath> reply = *call;
        if (reply.isError()) {
            if (byPid) {
                resolveLoginSession(bus, false);
                return;
            }
            qCInfo(lcUi) << "no logind session found:" << reply.error().name()
                         << "- a session lock will not lock the app (suspend and the idle lock still do)";
            emit loginSessionResolved();
            return;
        }
        watchLoginSession(bus, reply.value().path());
    });
}

void ScreenLockListener::watchLoginSession(const QDBusConnection& bus, const QString& path)
{
    m_loginSessionPath = path;
    auto* session = new DBusSignalProxy(Login1Service, path, Login1SessionInterface, bus, this);
    connect(session, &DBusSignalProxy::Lock, this, [this] {
        qCInfo(lcUi) << "login session locked: lock";
        emit lockRequested();
    });
    qCInfo(lcUi) << "watching the logind session for Lock";
    emit loginSessionResolved();
}

void ScreenLockListener::listenOnSessionBus(const QDBusConnection& bus)
{
    if (!bus.isConnected()) {
        qCInfo(lcUi) << "no session bus: the app will not lock itself when the screensaver starts";
        return;
    }
    const struct
    {
        QString service;
        QString path;
        const char* interface;
    } screensavers[] = {
        {QStringLiteral("org.freedesktop.ScreenSaver"), QStringLiteral("/org/freedesktop/ScreenSaver"),
         "org.freedesktop.ScreenSaver"},
        {QStringLiteral("org.gnome.ScreenSaver"), QStringLiteral("/org/gnome/ScreenSaver"), "org.gnome.ScreenSaver"},
    };
    for (const auto& screensaver : screensavers) {
        auto* proxy = new DBusSignalProxy(screensaver.service, screensaver.path, screensaver.interface, bus, this);
        connect(proxy, &DBusSignalProxy::ActiveChanged, this, [this](bool active) {
            if (!active)
                return;
            qCInfo(lcUi) << "screensaver started: lock";
            emit lockRequested();
        });
    }
}

} // namespace Acorn
