// The premises check against real local sockets: a listening server passes, a closed port and a silent one refuse
// (in words that name what was tried), network mode looks at this device's own addresses, Off always passes.
#include "device/PremisesCheck.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace Acorn;

class TestPremises : public QObject
{
    Q_OBJECT
private:
    static DeviceSettings server(const QString& host, int port)
    {
        DeviceSettings s;
        s.premises = DeviceSettings::Premises::Server;
        s.premisesHost = host;
        s.premisesPort = port;
        return s;
    }

    static DeviceSettings network(const QString& cidr)
    {
        DeviceSettings s;
        s.premises = DeviceSettings::Premises::Network;
        s.premisesNetwork = cidr;
        return s;
    }

    // Runs start() and waits for its one finished(); checks that it came after start() returned.
    static QList<QVariant> runAsync(const DeviceSettings& settings, int timeoutMs = 2000)
    {
        PremisesCheck check(settings);
        check.setTimeout(timeoutMs);
        QSignalSpy spy(&check, &PremisesCheck::finished);
        check.start();
        if (!spy.isEmpty() || !check.isRunning()) {
            qWarning("finished() was emitted inside start()");
            return {};
        }
        if (!spy.wait(timeoutMs + 3000) || spy.size() != 1)
            return {};
        QTest::qWait(50);
        if (spy.size() != 1 || check.isRunning())
            return {};
        return spy.takeFirst();
    }

    static quint16 closedPort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            return 0;
        const quint16 port = probe.serverPort();
        probe.close();
        return port;
    }

private slots:
    void testServerListeningPasses()
    {
        QTcpServer listening;
        QVERIFY(listening.listen(QHostAddress::LocalHost));
        const auto settings = server(QStringLiteral("127.0.0.1"), listening.serverPort());

        const auto result = runAsync(settings);
        QCOMPARE(result.size(), 2);
        QCOMPARE(result.at(0).toBool(), true);
        QCOMPARE(result.at(1).toString(), QString());

        auto now = PremisesCheck::checkNow(settings, 2000);
        QVERIFY2(now, qPrintable(now.errorMessage()));
    }

    void testServerByNamePasses()
    {
        QTcpServer listening;
        QVERIFY(listening.listen(QHostAddress::LocalHost));
        auto now = PremisesCheck::checkNow(server(QStringLiteral("localhost"), listening.serverPort()), 3000);
        QVERIFY2(now, qPrintable(now.errorMessage()));
    }

    void testClosedPortIsRefused()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        const auto settings = server(QStringLiteral("127.0.0.1"), port);

        const auto result = runAsync(settings);
        QCOMPARE(result.size(), 2);
        QCOMPARE(result.at(0).toBool(), false);
        const QString message = result.at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("port %1").arg(port)), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("127.0.0.1")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("only be used at the nursery")), qPrintable(message));

        auto now = PremisesCheck::checkNow(settings, 2000);
        QVERIFY(!now);
        QCOMPARE(now.errorMessage(), message);
    }

    void testSilentServerTimesOut()
    {
        // A listener whose one-place queue is full and who never accepts: the kernel drops further connection
        // attempts, so a connect hangs, as it does towards an address nobody answers. (An unroutable address would
        // do too, but some networks — proxies, sandboxes — answer for every address.)
        QTcpServer silent;
        silent.setListenBacklogSize(0);
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        silent.pauseAccepting();
        std::vector<std::unique_ptr<QTcpSocket>> fillers;
        bool full = false;
        for (int i = 0; i < 16 && !full; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, silent.serverPort());
            full = !socket->waitForConnected(300);
            if (full)
                socket->abort();
            fillers.push_back(std::move(socket));
        }
        if (!full)
            QSKIP("this system accepts connections beyond the listen queue; no silent server to test against");

        const auto settings = server(QStringLiteral("127.0.0.1"), silent.serverPort());
        QElapsedTimer elapsed;
        elapsed.start();
        auto now = PremisesCheck::checkNow(settings, 500);
        QVERIFY(!now);
        QVERIFY2(elapsed.elapsed() >= 400 && elapsed.elapsed() < 3000, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY2(now.errorMessage().contains(QLatin1String("in time")), qPrintable(now.errorMessage()));
        QVERIFY2(now.errorMessage().contains(QStringLiteral("port %1").arg(silent.serverPort())),
                 qPrintable(now.errorMessage()));

        const auto result = runAsync(settings, 300);
        QCOMPARE(result.size(), 2);
        QCOMPARE(result.at(0).toBool(), false);
    }

    void testNetworkMode()
    {
        // Loopback is always one of this device's addresses.
        const auto inside = runAsync(network(QStringLiteral("127.0.0.0/8")));
        QCOMPARE(inside.size(), 2);
        QCOMPARE(inside.at(0).toBool(), true);
        QCOMPARE(inside.at(1).toString(), QString());
        QVERIFY(PremisesCheck::checkNow(network(QStringLiteral("127.0.0.0/8"))));

        // TEST-NET-3 (RFC 5737) is never assigned to a real device.
        const auto outside = runAsync(network(QStringLiteral("203.0.113.0/24")));
        QCOMPARE(outside.size(), 2);
        QCOMPARE(outside.at(0).toBool(), false);
        const QString message = outside.at(1).toString();
        QVERIFY2(message.contains(QLatin1String("203.0.113.0/24")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("network")), qPrintable(message));
        auto now = PremisesCheck::checkNow(network(QStringLiteral("203.0.113.0/24")));
        QVERIFY(!now);
        QCOMPARE(now.errorMessage(), message);
    }

    void testOffPasses()
    {
        const auto result = runAsync(DeviceSettings {});
        QCOMPARE(result.size(), 2);
        QCOMPARE(result.at(0).toBool(), true);
        QVERIFY(PremisesCheck::checkNow(DeviceSettings {}));
    }

    void testMisconfiguredCheckRefuses_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("server without host") << int(DeviceSettings::Premises::Server);
        QTest::newRow("network without network") << int(DeviceSettings::Premises::Network);
    }

    void testMisconfiguredCheckRefuses()
    {
        QFETCH(int, mode);
        DeviceSettings s;
        s.premises = DeviceSettings::Premises(mode);
        const auto result = runAsync(s);
        QCOMPARE(result.size(), 2);
        QCOMPARE(result.at(0).toBool(), false); // fails closed, never "off"
        QVERIFY2(result.at(1).toString().contains(QLatin1String("manager")), qPrintable(result.at(1).toString()));
    }

    void testFinishedOncePerStart()
    {
        QTcpServer listening;
        QVERIFY(listening.listen(QHostAddress::LocalHost));
        PremisesCheck check(server(QStringLiteral("127.0.0.1"), listening.serverPort()));
        QSignalSpy spy(&check, &PremisesCheck::finished);
        check.start();
        check.start(); // ignored while running
        QVERIFY(spy.wait(3000));
        QTest::qWait(100);
        QCOMPARE(spy.size(), 1);
        check.start();
        QVERIFY(spy.wait(3000));
        QTest::qWait(100);
        QCOMPARE(spy.size(), 2);
        QVERIFY(spy.at(1).at(0).toBool());
    }

    void testDeletedWhileRunning()
    {
        const quint16 port = closedPort();
        auto check = std::make_unique<PremisesCheck>(server(QStringLiteral("127.0.0.1"), port));
        bool emitted = false;
        connect(check.get(), &PremisesCheck::finished, this, [&emitted] { emitted = true; });
        check->start();
        check.reset();
        QTest::qWait(100);
        QVERIFY(!emitted);
    }
};

QTEST_GUILESS_MAIN(TestPremises)
#include "tst_premises.moc"
