// Sync as staff see it, against a real acorn-server on loopback: connecting the device in Settings → This device
// with a one-time code, the status button in the header ("Synced", "1 waiting"), a code for another device, the
// device list, and a conflict resolved from the header's "Conflicts (1)".
#include "HomePage.h"
#include "MainWindow.h"
#include "Theme.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "domain/Ids.h"
#include "lock/LockController.h"
#include "people/Rooms.h"
#include "settings/DeviceSettingsPanel.h"
#include "settings/SettingsPage.h"
#include "storage/Database.h"
#include "sync/ConflictsDialog.h"
#include "sync/SyncClient.h"
#include "sync/SyncEntities.h"
#include "sync/SyncStatusWidget.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"

#include <QApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Acorn;
using Acorn::Test::child;

class TestSyncUi final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_serverDir;
    QProcess m_server;
    quint16 m_port = 0;
    QString m_code;

    void shoot(QWidget* widget, const QString& name)
    {
        const QString dir = qEnvironmentVariable("ACORN_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QTest::qWait(50);
        widget->grab().save(QDir(dir).filePath(QStringLiteral("sync-") + name + QStringLiteral(".png")));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        KdfParams::setDefaultsForTests(KdfParams::fastForTests());
        Theme::apply(*qApp);
        const QString binary = QDir(qEnvironmentVariable("ACORN_BINARY_DIR")).filePath("server/acorn-server");
        QVERIFY2(QFileInfo(binary).isExecutable(), qPrintable(binary));
        QVERIFY(m_serverDir.isValid());
        QProcess create;
        create.start(binary, {"--data-dir", m_serverDir.path(), "create-setting", "Puddle Lane Test Nursery"});
        QVERIFY(create.waitForFinished(20000));
        const auto match
            = QRegularExpression("enrolment_code: (\\S+)").match(QString::fromUtf8(create.readAllStandardOutput()));
        QVERIFY(match.hasMatch());
        m_code = match.captured(1);
        {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            m_port = probe.serverPort();
        }
        m_server.setProcessChannelMode(QProcess::SeparateChannels);
        m_server.setStandardErrorFile(QProcess::nullDevice());
        m_server.start(binary, {"--data-dir", m_serverDir.path(), "--port", QString::number(m_port)});
        QVERIFY(m_server.waitForStarted(5000));
        QNetworkAccessManager nam;
        QVERIFY(QTest::qWaitFor(
            [&] {
                QNetworkReply* reply
                    = nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(m_port))));
                QEventLoop loop;
                connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
                loop.exec();
                reply->deleteLater();
                return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
            },
            10000));
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        m_server.waitForFinished(10000);
    }

    void testConnectSyncAndResolve()
    {
        Test::JournalWindow app;
        QVERIFY(app.isValid());
        QVERIFY(app.signIn(QStringLiteral("mabel")));
        HomePage* home = app.window().homePage();
        QVERIFY(!home->syncStatus()->isVisible()); // not connected yet

        // Settings → This device → the nursery's server: address and code.
        auto* settings = home->findChild<SettingsPage*>();
        QVERIFY(settings);
        home->tabs()->setCurrentWidget(settings);
        DeviceSettingsPanel* panel = settings->deviceSettings();
        panel->enrolmentCodeEdit()->setText(QStringLiteral("WRONG-CODE-0000"));
        panel->serverUrlEdit()->setText(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
        QTest::mouseClick(panel->connectButton(), Qt::LeftButton);
        QVERIFY(!panel->serverStatusLabel()->text().isEmpty()); // refused, in words
        QVERIFY(!SyncClient::link(*app.lock().session()).value().isEnrolled());
        panel->enrolmentCodeEdit()->setText(m_code);
        QTest::mouseClick(panel->connectButton(), Qt::LeftButton);
        QVERIFY2(panel->serverStatusLabel()->text().contains(QLatin1String("Connected")),
                 qPrintable(panel->serverStatusLabel()->text()));
        QVERIFY(SyncClient::link(*app.lock().session()).value().isEnrolled());

        // A code for another device, and the device list.
        QTest::mouseClick(panel->newCodeButton(), Qt::LeftButton);
        QVERIFY2(panel->serverStatusLabel()->text().contains(QRegularExpression("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")),
                 qPrintable(panel->serverStatusLabel()->text()));
        QTest::mouseClick(child<QPushButton>(panel, "showDevicesButton"), Qt::LeftButton);
        QCOMPARE(panel->devicesList()->count(), 1);
        QVERIFY(panel->devicesList()->item(0)->text().contains(QLatin1String("this device")));

        // A second device enrols with that code; removing it asks first, and "Keep it" keeps it.
        {
            const QString code = QRegularExpression("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
                                     .match(panel->serverStatusLabel()->text())
                                     .captured(0);
            QNetworkAccessManager nam;
            QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/devices/enrol").arg(m_port)));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            QNetworkReply* reply = nam.post(
                request,
                QJsonDocument(
                    QJsonObject {{"code", code}, {"device_id", Ids::newId()}, {"device_name", "Saplings tablet"}})
                    .toJson(QJsonDocument::Compact));
            QSignalSpy enrolled(reply, &QNetworkReply::finished);
            QVERIFY(enrolled.wait(10000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
            reply->deleteLater();
        }
        QTest::mouseClick(child<QPushButton>(panel, "showDevicesButton"), Qt::LeftButton);
        QCOMPARE(panel->devicesList()->count(), 2);
        int other = panel->devicesList()->item(0)->text().contains(QLatin1String("this device")) ? 1 : 0;
        QVERIFY(panel->devicesList()->item(other)->text().startsWith(QLatin1String("Saplings tablet")));
        const auto answerRevoke = [&](const char* button, QString* asked) {
            QTimer::singleShot(0, this, [button, asked] {
                // No QVERIFY in here: whatever happens, the question must close.
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                if (!box)
                    return;
                *asked = box->text();
                if (auto* b = box->findChild<QPushButton*>(QLatin1String(button)))
                    QTest::mouseClick(b, Qt::LeftButton);
                else
                    box->reject();
            });
        };
        QString asked;
        panel->devicesList()->setCurrentRow(other);
        answerRevoke("keepDeviceButton", &asked);
        QTest::mouseClick(panel->revokeButton(), Qt::LeftButton);
        QVERIFY2(asked.contains(QLatin1String("Saplings tablet")), qPrintable(asked));
        QVERIFY(!panel->devicesList()->item(other)->text().contains(QLatin1String("removed")));
        panel->devicesList()->setCurrentRow(other);
        answerRevoke("confirmRevokeButton", &asked);
        QTest::mouseClick(panel->revokeButton(), Qt::LeftButton);
        QTRY_VERIFY(panel->serverStatusLabel()->text().contains(QLatin1String("Removed")));
        bool removed = false;
        for (int i = 0; i < panel->devicesList()->count(); ++i)
            removed = removed
                || (panel->devicesList()->item(i)->text().startsWith(QLatin1String("Saplings tablet"))
                    && panel->devicesList()->item(i)->text().contains(QLatin1String("removed")));
        QVERIFY(removed);

        // Signing in again starts syncing: the header says so, and a tap syncs now.
        app.lock().signOut();
        QVERIFY(app.signIn(QStringLiteral("mabel")));
        home = app.window().homePage();
        SyncStatusWidget* status = home->syncStatus();
        QVERIFY(status->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(status->statusButton()->text(), QStringLiteral("Synced"), 15000);
        QVERIFY(status->statusButton()->height() >= 48);
        QVERIFY(Rooms(*app.lock().session()).rename(app.fixture().saplings, QStringLiteral("Saplings Room")));
        status->refresh();
        QCOMPARE(status->statusButton()->text(), QStringLiteral("1 waiting"));
        QSignalSpy finished(status->client(), &SyncClient::finished);
        QTest::mouseClick(status->statusButton(), Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QCOMPARE(status->statusButton()->text(), QStringLiteral("Synced"));
        shoot(&app.window(), QStringLiteral("header"));

        // A conflict copy (as another device would cause): the header offers it; staff keep the other device's.
        {
            const Database& db = app.lock().session()->database();
            auto row = SyncEntities(db).read(QStringLiteral("room"), app.fixture().saplings);
            QVERIFY(row);
            QJsonObject theirs = row.value().data;
            theirs.insert("name", QStringLiteral("Little Oaks"));
            theirs.insert("revision", 9);
            QSqlQuery q(db.sql());
            q.prepare(QStringLiteral("INSERT INTO sync_conflicts (id, entity, entity_id, local_data, server_data, "
                                     "created_at) VALUES ('c1', 'room', ?, ?, ?, '2026-01-05T09:00:00.000Z')"));
            q.addBindValue(app.fixture().saplings);
            q.addBindValue(QString::fromUtf8(QJsonDocument(row.value().data).toJson(QJsonDocument::Compact)));
            q.addBindValue(
                QString::fromUtf8(QJsonDocument(QJsonObject {{"revision", 9}, {"deleted", false}, {"data", theirs}})
                                      .toJson(QJsonDocument::Compact)));
            QVERIFY(q.exec());
        }
        status->refresh();
        QVERIFY(status->conflictsButton()->isVisible());
        QCOMPARE(status->conflictsButton()->text(), QStringLiteral("Conflicts (1)"));
        QString described;
        int listed = -1;
        QTimer::singleShot(0, this, [&] {
            // No QVERIFY in here: a failure must still close the dialog, or the test would hang in exec().
            auto* dialog = qobject_cast<ConflictsDialog*>(QApplication::activeModalWidget());
            if (!dialog) {
                if (auto* open = qApp->findChild<ConflictsDialog*>())
                    open->reject();
                return;
            }
            listed = dialog->list()->count();
            if (listed > 0)
                described = dialog->list()->item(0)->text();
            shoot(dialog, QStringLiteral("conflicts"));
            if (listed == 1)
                QTest::mouseClick(dialog->keepServerButton(), Qt::LeftButton);
            if (dialog->isVisible())
                dialog->reject();
        });
        QTest::mouseClick(status->conflictsButton(), Qt::LeftButton);
        QCOMPARE(listed, 1);
        QVERIFY2(described.contains(QLatin1String("Little Oaks")) && described.contains(QLatin1String("Saplings Room")),
                 qPrintable(described));
        QVERIFY(!status->conflictsButton()->isVisible());
        QString name;
        for (const Room& r : Rooms(*app.lock().session()).visible())
            if (r.id == app.fixture().saplings)
                name = r.name;
        QCOMPARE(name, QStringLiteral("Little Oaks"));
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestSyncUi test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_syncui.moc"
