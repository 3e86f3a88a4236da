// This device's settings file: defaults, round trip, owner-only, damage refused (never silently defaults), tidying.
#include "TestDataDir.h"
#include "device/DeviceSettings.h"
#include "storage/DataDir.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <sys/stat.h>

using namespace Acorn;

class TestDeviceSettings : public QObject
{
    Q_OBJECT
private:
    QString settingsPath() const { return QDir(m_dir->path()).filePath(QString::fromLatin1(DeviceSettings::FileName)); }

    void writeFile(const QByteArray& bytes)
    {
        QFile f(settingsPath());
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(bytes), bytes.size());
    }

    static DeviceSettings sample()
    {
        DeviceSettings s;
        s.kiosk = true;
        s.kioskIdleMinutes = 5;
        s.importFolder = QStringLiteral("/srv/acorn-import");
        s.allowRemovableMedia = true;
        s.premises = DeviceSettings::Premises::Server;
        s.premisesHost = QStringLiteral("acorn.local");
        s.premisesPort = 8443;
        s.premisesNetwork = QStringLiteral("192.168.10.0/24");
        return s;
    }

private slots:
    void init() { m_dir = std::make_unique<Test::TestDataDir>(); }
    void cleanup() { m_dir.reset(); }

    void testDefaultsWhenMissing()
    {
        auto loaded = DeviceSettings::load(DataDir(m_dir->path()));
        QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
        const DeviceSettings defaults;
        QCOMPARE(loaded.value().kiosk, false);
        QCOMPARE(loaded.value().kioskIdleMinutes, defaults.kioskIdleMinutes);
        QCOMPARE(loaded.value().importFolder, QString());
        QCOMPARE(loaded.value().allowRemovableMedia, false);
        QCOMPARE(loaded.value().premises, DeviceSettings::Premises::Off);
        QVERIFY(!QFile::exists(settingsPath())); // loading writes nothing
    }

    void testRoundTripAndKeys()
    {
        const DataDir dataDir(m_dir->path());
        QVERIFY(sample().save(dataDir));
        auto loaded = DeviceSettings::load(dataDir);
        QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
        const auto& s = loaded.value();
        QCOMPARE(s.kiosk, true);
        QCOMPARE(s.kioskIdleMinutes, 5);
        QCOMPARE(s.importFolder, QStringLiteral("/srv/acorn-import"));
        QCOMPARE(s.allowRemovableMedia, true);
        QCOMPARE(s.premises, DeviceSettings::Premises::Server);
        QCOMPARE(s.premisesHost, QStringLiteral("acorn.local"));
        QCOMPARE(s.premisesPort, 8443);
        QCOMPARE(s.premisesNetwork, QStringLiteral("192.168.10.0/24"));

        // The file's keys are the documented ones, for IT staff who read it.
        QFile f(settingsPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto root = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(root.value("version").toInt(), 1);
        QCOMPARE(root.value("premises").toString(), QStringLiteral("server"));
        QCOMPARE(root.value("premisesHost").toString(), QStringLiteral("acorn.local"));
        QCOMPARE(root.value("premisesPort").toInt(), 8443);
        QCOMPARE(root.value("kioskIdleMinutes").toInt(), 5);
        QVERIFY(root.value("kiosk").toBool());
        QVERIFY(root.value("allowRemovableMedia").toBool());
        QCOMPARE(root.value("importFolder").toString(), QStringLiteral("/srv/acorn-import"));
        QCOMPARE(root.value("premisesNetwork").toString(), QStringLiteral("192.168.10.0/24"));

        // Saving again replaces the file (atomically) with the new values.
        DeviceSettings off = s;
        off.premises = DeviceSettings::Premises::Off;
        off.kiosk = false;
        QVERIFY(off.save(dataDir));
        QCOMPARE(DeviceSettings::load(dataDir).value().premises, DeviceSettings::Premises::Off);
        QCOMPARE(DeviceSettings::load(dataDir).value().kiosk, false);
    }

    void testFileIsOwnerOnly()
    {
        // Even over a file that was world-readable before.
        writeFile(R"({"version": 1})");
        QVERIFY(QFile::setPermissions(settingsPath(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther | QFile::ReadGroup));
        QVERIFY(sample().save(DataDir(m_dir->path())));
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(settingsPath()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
    }

    void testDamagedFileIsAnError_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("truncated") << QByteArray(R"({"version": 1, "kiosk": tr)") << "JSON";
        QTest::newRow("empty") << QByteArray() << "JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << "object";
        QTest::newRow("no version") << QByteArray(R"({"kiosk": true})") << "'version'";
        QTest::newRow("kiosk as text") << QByteArray(R"({"version": 1, "kiosk": "yes"})") << "'kiosk'";
        QTest::newRow("minutes as text") << QByteArray(R"({"version": 1, "kioskIdleMinutes": "5"})")
                                         << "'kioskIdleMinutes'";
        QTest::newRow("minutes fractional")
            << QByteArray(R"({"version": 1, "kioskIdleMinutes": 2.5})") << "'kioskIdleMinutes'";
        QTest::newRow("unknown premises") << QByteArray(R"({"version": 1, "premises": "everywhere"})") << "'premises'";
        QTest::newRow("port as text") << QByteArray(R"({"version": 1, "premisesPort": "443"})") << "'premisesPort'";
        QTest::newRow("host as number") << QByteArray(R"({"version": 1, "premisesHost": 5})") << "'premisesHost'";
        QTest::newRow("folder as list") << QByteArray(R"({"version": 1, "importFolder": []})") << "'importFolder'";
        QTest::newRow("server without host") << QByteArray(R"({"version": 1, "premises": "server"})") << "server";
        QTest::newRow("bad network") << QByteArray(
            R"({"version": 1, "premises": "network", "premisesNetwork": "nursery"})")
                                     << "network";
    }

    void testDamagedFileIsAnError()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        writeFile(bytes);
        auto loaded = DeviceSettings::load(DataDir(m_dir->path()));
        QVERIFY(!loaded);
        QCOMPARE(loaded.code(), Error::Code::InvalidInput);
        QVERIFY2(loaded.errorMessage().contains(mentions), qPrintable(loaded.errorMessage()));
        QVERIFY2(loaded.errorMessage().contains(QLatin1String("acorn-cli device set")),
                 qPrintable(loaded.errorMessage()));
    }

    void testNewerFileIsRefused()
    {
        writeFile(R"({"version": 2, "kiosk": false})");
        auto loaded = DeviceSettings::load(DataDir(m_dir->path()));
        QVERIFY(!loaded);
        QCOMPARE(loaded.code(), Error::Code::NewerVersion);
    }

    void testUnreadableFileIsAnError()
    {
        // A folder where the file should be cannot be read, whoever runs the test (root reads any file).
        QVERIFY(QDir(m_dir->path()).mkdir(QString::fromLatin1(DeviceSettings::FileName)));
        auto loaded = DeviceSettings::load(DataDir(m_dir->path()));
        QVERIFY(!loaded);
        QCOMPARE(loaded.code(), Error::Code::Io);
        QVERIFY2(loaded.errorMessage().contains(QLatin1String("could not be read")), qPrintable(loaded.errorMessage()));
    }

    void testAbsentKeysKeepDefaults()
    {
        writeFile(R"({"version": 1, "kiosk": true})");
        auto loaded = DeviceSettings::load(DataDir(m_dir->path()));
        QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded.value().kiosk, true);
        QCOMPARE(loaded.value().kioskIdleMinutes, DeviceSettings {}.kioskIdleMinutes);
        QCOMPARE(loaded.value().premises, DeviceSettings::Premises::Off);
    }

    void testValidatedClampsAndTidies()
    {
        DeviceSettings s;
        s.kioskIdleMinutes = 0;
        QCOMPARE(s.validated().value().kioskIdleMinutes, DeviceSettings::MinKioskIdleMinutes);
        s.kioskIdleMinutes = 600;
        QCOMPARE(s.validated().value().kioskIdleMinutes, DeviceSettings::MaxKioskIdleMinutes);
        s.kioskIdleMinutes = 7;
        QCOMPARE(s.validated().value().kioskIdleMinutes, 7);

        s.importFolder = QStringLiteral("/srv/./acorn//import/../import/");
        QCOMPARE(s.validated().value().importFolder, QStringLiteral("/srv/acorn/import"));
        s.importFolder = QStringLiteral("relative/folder");
        QCOMPARE(s.validated().value().importFolder, QDir::cleanPath(QDir::current().filePath("relative/folder")));
        s.importFolder = QStringLiteral("  ");
        QCOMPARE(s.validated().value().importFolder, QString());

        // Off keeps any port in range without complaint (it is not used).
        s.premisesPort = 70000;
        QCOMPARE(s.validated().value().premisesPort, 65535);

        s.premises = DeviceSettings::Premises::Network;
        s.premisesNetwork = QStringLiteral(" 192.168.10.77/24 ");
        QCOMPARE(s.validated().value().premisesNetwork, QStringLiteral("192.168.10.0/24"));
        s.premisesNetwork = QStringLiteral("fd00:1234::/64");
        QVERIFY(s.validated());

        s.premises = DeviceSettings::Premises::Server;
        s.premisesHost = QStringLiteral("  acorn.local ");
        s.premisesPort = 443;
        QCOMPARE(s.validated().value().premisesHost, QStringLiteral("acorn.local"));
    }

    void testValidatedErrors_data()
    {
        QTest::addColumn<int>("premises");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("network");
        const int server = int(DeviceSettings::Premises::Server);
        const int network = int(DeviceSettings::Premises::Network);
        QTest::newRow("server without host") << server << QString() << 443 << QString();
        QTest::newRow("server with blank host") << server << QStringLiteral("   ") << 443 << QString();
        QTest::newRow("server host with space") << server << QStringLiteral("acorn local") << 443 << QString();
        QTest::newRow("server port 0") << server << QStringLiteral("acorn.local") << 0 << QString();
        QTest::newRow("server port too high") << server << QStringLiteral("acorn.local") << 65536 << QString();
        QTest::newRow("network empty") << network << QString() << 443 << QString();
        QTest::newRow("network words") << network << QString() << 443 << QStringLiteral("the nursery");
        QTest::newRow("network bad prefix") << network << QString() << 443 << QStringLiteral("192.168.10.0/33");
        QTest::newRow("network bad address") << network << QString() << 443 << QStringLiteral("192.168.300.0/24");
        QTest::newRow("network without prefix") << network << QString() << 443 << QStringLiteral("192.168.10.5");
        QTest::newRow("network matching all") << network << QString() << 443 << QStringLiteral("0.0.0.0/0");
    }

    void testValidatedErrors()
    {
        QFETCH(int, premises);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, network);
        DeviceSettings s;
        s.premises = DeviceSettings::Premises(premises);
        s.premisesHost = host;
        s.premisesPort = port;
        s.premisesNetwork = network;
        auto valid = s.validated();
        QVERIFY(!valid);
        QCOMPARE(valid.code(), Error::Code::InvalidInput);
        QVERIFY(!valid.errorMessage().isEmpty());
        // save() validates first and writes nothing.
        QVERIFY(!s.save(DataDir(m_dir->path())));
        QVERIFY(!QFile::exists(settingsPath()));
    }

    void testPremisesKeys()
    {
        for (const auto p :
             {DeviceSettings::Premises::Off, DeviceSettings::Premises::Server, DeviceSettings::Premises::Network}) {
            DeviceSettings::Premises back = DeviceSettings::Premises::Off;
            QVERIFY(DeviceSettings::premisesFromKey(DeviceSettings::premisesKey(p), &back));
            QCOMPARE(back, p);
        }
        QCOMPARE(DeviceSettings::premisesKey(DeviceSettings::Premises::Network), QStringLiteral("network"));
        DeviceSettings::Premises untouched = DeviceSettings::Premises::Server;
        QVERIFY(!DeviceSettings::premisesFromKey(QStringLiteral("Server "), &untouched));
        QCOMPARE(untouched, DeviceSettings::Premises::Server);
    }

private:
    std::unique_ptr<Test::TestDataDir> m_dir;
};

QTEST_GUILESS_MAIN(TestDeviceSettings)
#include "tst_devicesettings.moc"
