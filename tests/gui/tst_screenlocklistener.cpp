// ScreenLockListener against a private D-Bus daemon standing in for both buses, with a fake logind and fake
// screensavers sending the real signals.

#include "lock/ScreenLockListener.h"

#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Acorn;

namespace {
const QString SessionPath = QStringLiteral("/org/freedesktop/login1/session/_31");
}

// The two logind methods the listener may call to find its session.
class FakeLogin1Manager final : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.login1.Manager")
public:
    bool knowsPid = true;
    int calls = 0;

public slots:
    QDBusObjectPath GetSessionByPID(uint pid)
    {
        Q_UNUSED(pid)
        ++calls;
        if (!knowsPid)
            sendErrorReply(QStringLiteral("org.freedesktop.login1.NoSessionForPID"),
                           QStringLiteral("not in a session"));
        return QDBusObjectPath(SessionPath);
    }
    QDBusObjectPath GetSession(const QString& id)
    {
        ++calls;
        if (id != QLatin1String("auto"))
            sendErrorReply(QStringLiteral("org.freedesktop.login1.NoSuchSession"), id);
        return QDBusObjectPath(SessionPath);
    }
};

class TestScreenLockListener final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void testLocksOnSleepScreenLockAndScreensaver_data();
    void testLocksOnSleepScreenLockAndScreensaver();
    void testNoBusIsNotAnError();

private:
    void emitSignal(const QString& path, const QString& interface, const QString& name, const QVariantList& args);

    QProcess m_daemon;
    QString m_address;
};

void TestScreenLockListener::initTestCase()
{
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (daemon.isEmpty())
        QSKIP("dbus-daemon is not installed");
    m_daemon.start(daemon,
                   {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address")});
    QVERIFY(m_daemon.waitForStarted());
    QTRY_VERIFY(m_daemon.canReadLine());
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());
}

void TestScreenLockListener::cleanupTestCase()
{
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        m_daemon.waitForFinished(3000);
    }
}

void TestScreenLockListener::emitSignal(const QString& path, const QString& interface, const QString& name,
                                        const QVariantList& args)
{
    auto message = QDBusMessage::createSignal(path, interface, name);
    message.setArguments(args);
    QVERIFY(QDBusConnection(QStringLiteral("emitter")).send(message));
}

void TestScreenLockListener::testLocksOnSleepScreenLockAndScreensaver_data()
{
    QTest::addColumn<bool>("knowsPid");
    QTest::newRow("session by pid") << true;
    QTest::newRow("session 'auto'") << false;
}

void TestScreenLockListener::testLocksOnSleepScreenLockAndScreensaver()
{
    QFETCH(bool, knowsPid);
    auto emitter = QDBusConnection::connectToBus(m_address, QStringLiteral("emitter"));
    auto listenerBus = QDBusConnection::connectToBus(m_address, QStringLiteral("listener"));
    QVERIFY(emitter.isConnected() && listenerBus.isConnected());
    FakeLogin1Manager login1;
    login1.knowsPid = knowsPid;
    QVERIFY(
        emitter.registerObject(QStringLiteral("/org/freedesktop/login1"), &login1, QDBusConnection::ExportAllSlots));
    for (const char* name : {"org.freedesktop.login1", "org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"})
        QVERIFY(emitter.registerService(QLatin1String(name)));

    {
        ScreenLockListener listener(listenerBus, listenerBus);
        QSignalSpy resolved(&listener, &ScreenLockListener::loginSessionResolved);
        QSignalSpy lockRequested(&listener, &ScreenLockListener::lockRequested);
        QTRY_COMPARE(resolved.count(), 1);
        QCOMPARE(listener.loginSessionPath(), SessionPath);
        QCOMPARE(login1.calls, knowsPid ? 1 : 2);

        const auto expectNoLock = [&] {
            QTest::qWait(100);
            QCOMPARE(lockRequested.count(), 0);
        };
        // Waking up, another session locking and the screensaver stopping are not reasons to lock.
        emitSignal(QStringLiteral("/org/freedesktop/login1"), QStringLiteral("org.freedesktop.login1.Manager"),
                   QStringLiteral("PrepareForSleep"), {false});
        emitSignal(QStringLiteral("/org/freedesktop/login1/session/_99"),
                   QStringLiteral("org.freedesktop.login1.Session"), QStringLiteral("Lock"), {});
        emitSignal(QStringLiteral("/org/freedesktop/ScreenSaver"), QStringLiteral("org.freedesktop.ScreenSaver"),
                   QStringLiteral("ActiveChanged"), {false});
        expectNoLock();

        emitSignal(QStringLiteral("/org/freedesktop/login1"), QStringLiteral("org.freedesktop.login1.Manager"),
                   QStringLiteral("PrepareForSleep"), {true});
        QTRY_COMPARE(lockRequested.count(), 1);
        emitSignal(SessionPath, QStringLiteral("org.freedesktop.login1.Session"), QStringLiteral("Lock"), {});
        QTRY_COMPARE(lockRequested.count(), 2);
        emitSignal(QStringLiteral("/org/freedesktop/ScreenSaver"), QStringLiteral("org.freedesktop.ScreenSaver"),
                   QStringLiteral("ActiveChanged"), {true});
        QTRY_COMPARE(lockRequested.count(), 3);
        emitSignal(QStringLiteral("/org/gnome/ScreenSaver"), QStringLiteral("org.gnome.ScreenSaver"),
                   QStringLiteral("ActiveChanged"), {true});
        QTRY_COMPARE(lockRequested.count(), 4);
    }
    emitter.unregisterObject(QStringLiteral("/org/freedesktop/login1"));
    QDBusConnection::disconnectFromBus(QStringLiteral("emitter"));
    QDBusConnection::disconnectFromBus(QStringLiteral("listener"));
}

void TestScreenLockListener::testNoBusIsNotAnError()
{
    auto none = QDBusConnection::connectToBus(QStringLiteral("unix:path=/nonexistent/acorn-test-bus"),
                                              QStringLiteral("none"));
    QVERIFY(!none.isConnected());
    ScreenLockListener listener(none, none);
    QSignalSpy lockRequested(&listener, &ScreenLockListener::lockRequested);
    QTest::qWait(50);
    QVERIFY(listener.loginSessionPath().isEmpty());
    QCOMPARE(lockRequested.count(), 0);
    QDBusConnection::disconnectFromBus(QStringLiteral("none"));
}

QTEST_GUILESS_MAIN(TestScreenLockListener)
#include "tst_screenlocklistener.moc"
