// Inviting a parent to the portal, as a manager does it, against a real acorn-server on loopback: People → Parents and
// carers → "Invite to the parent portal…" (off, and saying why, until this device is connected and the person is
// linked to a child), the code and link the server really accepts, the QR code decoding to that link (zbarimg) on
// screen and in the letter, the letter's words (pdftotext), withdrawing, "already uses the portal" once an
// invitation has been accepted, the portal's activity for managers, a lock while the server does not answer, and a
// practitioner who gets none of it.
#include "HomePage.h"
#include "MainWindow.h"
#include "Theme.h"
#include "audit/AuditLogPage.h"
#include "audit/PortalActivityPanel.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/Guardians.h"
#include "people/GuardiansPanel.h"
#include "people/GuardiansTableModel.h"
#include "people/PeoplePage.h"
#include "people/PortalInviteDialog.h"
#include "people/QrCode.h"
#include "reports/ReportRunner.h"
#include "storage/Database.h"
#include "sync/PortalInvitations.h"
#include "sync/SyncClient.h"

#include "GuiTestSupport.h"
#include "JournalFixture.h"
#include "ServerProcess.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace Acorn;
using Acorn::Test::child;

namespace {
QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

// What zbarimg reads from a picture: the QR code's text, or empty.
QString decodeQr(const QString& imagePath)
{
    return run(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), imagePath}).trimmed();
}

int httpStatus(QNetworkAccessManager& nam, const QUrl& url, const QByteArray& form = {})
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply* reply;
    if (form.isEmpty()) {
        reply = nam.get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
        reply = nam.post(request, form);
    }
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(15000))
        return -1;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void shoot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("ACORN_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(50);
    widget->grab().save(QDir(dir).filePath(QStringLiteral("portal-") + name + QStringLiteral(".png")));
}

// Every visible label and button in `root` shows all of itself: a one-line text as wide as it needs, inside the
// dialog's width; buttons finger-sized.
QStringList clipped(QWidget* root)
{
    QStringList problems;
    const QRect area = root->rect();
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisible() || !(qobject_cast<QLabel*>(w) || qobject_cast<QPushButton*>(w)))
            continue;
        const QRect r(w->mapTo(root, QPoint(0, 0)), w->size());
        const auto* label = qobject_cast<QLabel*>(w);
        const bool wraps = label && label->wordWrap();
        if (!wraps && w->width() < w->sizeHint().width())
            problems << QStringLiteral("%1 \"%2\" is %3 px wide, needs %4")
                            .arg(w->objectName(), label ? label->text() : qobject_cast<QPushButton*>(w)->text())
                            .arg(w->width())
                            .arg(w->sizeHint().width());
        if (r.right() > area.right() || r.left() < area.left())
            problems << QStringLiteral("%1 sticks out of the dialog").arg(w->objectName());
        if (qobject_cast<QPushButton*>(w) && w->height() < Theme::MinimumTargetHeight)
            problems << QStringLiteral("%1 is only %2 px tall").arg(w->objectName()).arg(w->height());
    }
    return problems;
}

template<typename T> T* named(const QList<T*>& list, const char* property, const QString& value)
{
    for (T* item : list)
        if (item->property(property).toString() == value)
            return item;
    return nullptr;
}
} // namespace

class TestPortalInvite final : public QObject
{
    Q_OBJECT

    Test::ServerProcess m_server;
    QString m_code;
    QTemporaryDir m_out;
    QString m_nextPath;
    QNetworkAccessManager m_nam;

    GuardiansPanel* openGuardians(Test::JournalWindow& app)
    {
        HomePage* home = app.window().homePage();
        PeoplePage* people = home ? home->peoplePage() : nullptr;
        if (!people)
            return nullptr;
        home->tabs()->setCurrentWidget(people);
        people->sections()->setCurrentWidget(people->guardiansPanel());
        return people->guardiansPanel();
    }

    static bool selectGuardian(GuardiansPanel* panel, const QString& guardianId)
    {
        const int row = panel->model()->rowOf(guardianId);
        if (row < 0)
            return false;
        panel->table()->selectRow(row);
        return true;
    }

    // Presses the panel's portal button and waits until the dialog has heard from the server.
    PortalInviteDialog* openDialog(GuardiansPanel* panel)
    {
        QTest::mouseClick(panel->portalButton(), Qt::LeftButton);
        auto* dialog = panel->findChild<PortalInviteDialog*>();
        if (!dialog || !QTest::qWaitForWindowExposed(dialog))
            return nullptr;
        return QTest::qWaitFor([dialog] { return dialog->isLoaded() && !dialog->isBusy(); }, 15000) ? dialog : nullptr;
    }

    QList<PortalInvitations::Info> serverInvitations(Session& session, const QString& guardianId,
                                                     bool* hasAccount = nullptr)
    {
        QNetworkAccessManager network;
        auto list = PortalInvitations(session, network).list(guardianId, hasAccount);
        if (!list)
            qWarning() << list.errorMessage();
        return list ? list.value() : QList<PortalInvitations::Info> {};
    }

    QUrl acceptUrl(const QString& code) const
    {
        QUrl url = m_server.url().resolved(QUrl(QStringLiteral("/portal/accept")));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("code"), code);
        url.setQuery(query);
        return url;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        KdfParams::setDefaultsForTests(KdfParams::fastForTests());
        Theme::apply(*qApp);
        for (const char* tool : {"pdftotext", "pdftoppm", "pdfinfo", "zbarimg"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(QStringLiteral("%1 is missing: run scripts/bootstrap").arg(tool)));
        QVERIFY2(QFileInfo(Test::ServerProcess::binary()).isExecutable(), qPrintable(Test::ServerProcess::binary()));
        QVERIFY(m_out.isValid());
        m_code = m_server.createSetting(QStringLiteral("Puddle Lane Test Nursery"));
        QVERIFY(!m_code.isEmpty());
        QVERIFY(m_server.start());
        ReportRunner::setPathPicker([this](QWidget*, const QString&) { return m_nextPath; });
    }

    void cleanupTestCase()
    {
        ReportRunner::setPathPicker({});
        m_server.stop();
    }

    void testInviteWithdrawAcceptAndActivity()
    {
        Test::JournalWindow app;
        QVERIFY(app.isValid());
        QVERIFY(app.signIn(QStringLiteral("mabel")));
        Session* session = app.lock().session();
        Guardians guardians(*session);
        auto rosa = guardians.create(QStringLiteral("Rosa Pelham"), QStringLiteral("rosa@example.invalid"));
        QVERIFY(rosa);
        QVERIFY(guardians.link(rosa.value().id, app.fixture().ava, QStringLiteral("Mother")));
        auto omar = guardians.create(QStringLiteral("Omar Quill"), {});
        QVERIFY(omar);
        const QString rosaId = rosa.value().id;
        const QString avaName = Children(*session).byId(app.fixture().ava)->displayName();

        // Not connected to a server yet: the button is off and says why.
        GuardiansPanel* panel = openGuardians(app);
        QVERIFY(panel);
        panel->refresh();
        QVERIFY(selectGuardian(panel, rosaId));
        QVERIFY(!panel->portalButton()->isEnabled());
        QVERIFY(panel->portalHintLabel()->isVisible());
        QVERIFY2(panel->portalHintLabel()->text().contains(QLatin1String("connect this device")),
                 qPrintable(panel->portalHintLabel()->text()));
        QVERIFY(panel->portalButton()->height() >= Theme::MinimumTargetHeight);
        app.window().resize(800, 800);
        shoot(&app.window(), QStringLiteral("guardians-not-connected-800"));
        app.window().resize(1280, 800);

        // Connected, and one sync round so that the server knows Rosa and Ava.
        QNetworkAccessManager network;
        QVERIFY(SyncClient::enrol(*session, network, m_server.url(), m_code, QStringLiteral("Office laptop")));
        {
            SyncClient client(*session, network);
            QSignalSpy finished(&client, &SyncClient::finished);
            client.syncNow();
            QVERIFY(finished.wait(20000));
            QVERIFY2(finished.first().first().toBool(), qPrintable(client.lastError()));
        }
        panel->refresh();
        QVERIFY(selectGuardian(panel, omar.value().id));
        QVERIFY(!panel->portalButton()->isEnabled()); // linked to no child
        QVERIFY2(panel->portalHintLabel()->text().contains(QLatin1String("Link them")),
                 qPrintable(panel->portalHintLabel()->text()));
        QVERIFY(selectGuardian(panel, rosaId));
        QVERIFY(panel->portalButton()->isEnabled());
        QVERIFY(!panel->portalHintLabel()->isVisible());
        app.window().resize(800, 800);
        shoot(&app.window(), QStringLiteral("guardians-800"));
        app.window().resize(1280, 800);

        // The dialog: Ava chosen, 14 days unless changed; nothing sent before "Create invitation".
        PortalInviteDialog* dialog = openDialog(panel);
        QVERIFY(dialog);
        QPointer<PortalInviteDialog> alive(dialog);
        QCOMPARE(dialog->childCheckBoxes().size(), 1);
        QCOMPARE(dialog->childCheckBoxes().first()->text(), avaName);
        QVERIFY(dialog->childCheckBoxes().first()->isChecked());
        QVERIFY(child<QRadioButton>(dialog, "portalDays14Radio")->isChecked());
        QVERIFY(child<QLabel>(dialog, "portalInvitationsHint")->text().contains(QLatin1String("not been invited")));
        QVERIFY(!dialog->accountLabel()->isVisible());
        QVERIFY(serverInvitations(*session, rosaId).isEmpty());
        dialog->childCheckBoxes().first()->click();
        QVERIFY(!dialog->createButton()->isEnabled()); // for nobody: nothing to create
        dialog->childCheckBoxes().first()->click();
        QVERIFY(dialog->createButton()->isEnabled());
        QTest::mouseClick(child<QRadioButton>(dialog, "portalDays30Radio"), Qt::LeftButton);
        dialog->resize(800, dialog->height());
        QTest::qWait(20);
        QStringList problems = clipped(dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        shoot(dialog, QStringLiteral("dialog-form"));

        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->codeLabel()->isVisible());
        QVERIFY2(dialog->errorLabel()->text().isEmpty(), qPrintable(dialog->errorLabel()->text()));
        const QString code = dialog->codeLabel()->text();
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")).match(code).hasMatch(),
                 qPrintable(code));
        const QString link = acceptUrl(code).toString(QUrl::FullyEncoded);
        QCOMPARE(dialog->linkLabel()->text(), link);
        QVERIFY(dialog->codeLabel()->font().pointSize() >= 24);

        // The server has it: one open invitation for 30 days, and the portal accepts exactly this code.
        QList<PortalInvitations::Info> onServer = serverInvitations(*session, rosaId);
        QCOMPARE(onServer.size(), 1);
        const QString firstId = onServer.first().invitationId;
        QVERIFY(onServer.first().usedAt.isNull() && onServer.first().revokedAt.isNull());
        QCOMPARE(onServer.first().childIds, QStringList {app.fixture().ava});
        const qint64 days = onServer.first().createdAt.secsTo(onServer.first().expiresAt) / 86400;
        QCOMPARE(days, 30);
        QCOMPARE(httpStatus(m_nam, acceptUrl(code)), 200);
        QCOMPARE(httpStatus(m_nam, acceptUrl(QStringLiteral("AAAA-BBBB-CCCC"))), 404);

        // The list in the dialog shows it open, with Withdraw.
        QTRY_COMPARE(dialog->invitationsTable()->rowCount(), 1);
        QCOMPARE(dialog->invitationsTable()->item(0, 2)->text(), QStringLiteral("Open"));
        QVERIFY(named(dialog->findChildren<QPushButton*>(QStringLiteral("withdrawInvitationButton")), "invitationId",
                      firstId));

        // The QR code on screen is the link.
        const QString screenQr = m_out.filePath(QStringLiteral("screen-qr.png"));
        QVERIFY(!dialog->qrLabel()->pixmap().isNull());
        QVERIFY(dialog->qrLabel()->pixmap().width() >= 200);
        QVERIFY(dialog->qrLabel()->pixmap().save(screenQr));
        QCOMPARE(decodeQr(screenQr), link);

        dialog->resize(800, dialog->height());
        QTest::qWait(20);
        problems = clipped(dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        // The code and the QR code are in view at the top, without scrolling sideways.
        auto* scroll = dialog->findChild<QScrollArea*>();
        QVERIFY(scroll);
        QVERIFY(dialog->qrLabel()->mapTo(scroll->viewport(), QPoint(dialog->qrLabel()->width(), 0)).x()
                <= scroll->viewport()->width());
        shoot(dialog, QStringLiteral("dialog-created"));

        // Copy link.
        QTest::mouseClick(child<QPushButton>(dialog, "copyInvitationLinkButton"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), link);

        // The letter: one page with the code, the link, Rosa's name, the nursery, the expiry and the agreement; its
        // QR code is the link too.
        m_nextPath = m_out.filePath(QStringLiteral("letter.pdf"));
        QTest::mouseClick(child<QPushButton>(dialog, "saveInvitationLetterButton"), Qt::LeftButton);
        QTRY_VERIFY(QFile::exists(m_nextPath));
        QTRY_VERIFY(!dialog->isBusy());
        QVERIFY2(dialog->letterStatusLabel()->text().contains(QLatin1String("not encrypted")),
                 qPrintable(dialog->letterStatusLabel()->text()));
        const QString text = run(QStringLiteral("pdftotext"),
                                 {QStringLiteral("-enc"), QStringLiteral("UTF-8"), m_nextPath, QStringLiteral("-")})
                                 .simplified();
        QVERIFY2(text.contains(code), qPrintable(text));
        QVERIFY2(text.contains(link), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Dear Rosa Pelham")));
        QVERIFY(text.contains(avaName));
        QVERIFY(text.contains(QLatin1String("Puddle Lane Test Nursery"))); // the nursery's name, from Settings
        QVERIFY(text.contains(QLatin1String("sign our agreement not to download or share")));
        const QDate expires = onServer.first().expiresAt.toLocalTime().date();
        QVERIFY2(text.contains(QLocale().toString(expires, QStringLiteral("d MMMM yyyy"))), qPrintable(text));
        QVERIFY(run(QStringLiteral("pdfinfo"), {m_nextPath})
                    .contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))));
        const QString page = m_out.filePath(QStringLiteral("letter-page"));
        run(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("150"), QStringLiteral("-png"), QStringLiteral("-singlefile"),
             m_nextPath, page});
        QCOMPARE(decodeQr(page + QStringLiteral(".png")), link);
        if (!qEnvironmentVariable("ACORN_SCREENSHOT_DIR").isEmpty())
            QFile::copy(
                page + QStringLiteral(".png"),
                QDir(qEnvironmentVariable("ACORN_SCREENSHOT_DIR")).filePath(QStringLiteral("portal-letter.png")));

        // Withdraw: the code stops working, the list says so, and the dialog no longer shows the dead code.
        QPushButton* withdraw = named(dialog->findChildren<QPushButton*>(QStringLiteral("withdrawInvitationButton")),
                                      "invitationId", firstId);
        QVERIFY(withdraw);
        QTest::mouseClick(withdraw, Qt::LeftButton);
        QTRY_VERIFY(!dialog->isBusy());
        QVERIFY2(dialog->errorLabel()->text().isEmpty(), qPrintable(dialog->errorLabel()->text()));
        QCOMPARE(dialog->invitationsTable()->rowCount(), 1);
        QVERIFY2(dialog->invitationsTable()->item(0, 2)->text().startsWith(QLatin1String("Withdrawn")),
                 qPrintable(dialog->invitationsTable()->item(0, 2)->text()));
        QVERIFY(
            dialog->findChildren<QPushButton*>(QStringLiteral("withdrawInvitationButton")).isEmpty()
            || !dialog->findChildren<QPushButton*>(QStringLiteral("withdrawInvitationButton")).first()->isVisible());
        QVERIFY(!dialog->codeLabel()->isVisible());
        QVERIFY(dialog->createButton()->isVisible());
        onServer = serverInvitations(*session, rosaId);
        QCOMPARE(onServer.size(), 1);
        QVERIFY(onServer.first().revokedAt.isValid());
        QCOMPARE(httpStatus(m_nam, acceptUrl(code)), 404);
        shoot(dialog, QStringLiteral("dialog-withdrawn"));

        // A second invitation, accepted on the portal: the dialog then says Rosa already uses it.
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->codeLabel()->isVisible());
        const QString second = dialog->codeLabel()->text();
        QVERIFY(second != code);
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("code"), second);
        form.addQueryItem(QStringLiteral("email"), QStringLiteral("rosa@example.invalid"));
        form.addQueryItem(QStringLiteral("password"), QStringLiteral("Lantern-Meadow-Copper-47"));
        form.addQueryItem(QStringLiteral("password2"), QStringLiteral("Lantern-Meadow-Copper-47"));
        const int accepted = httpStatus(m_nam, m_server.url().resolved(QUrl(QStringLiteral("/portal/accept"))),
                                        form.toString(QUrl::FullyEncoded).toUtf8());
        QVERIFY2(accepted == 303 || accepted == 302, qPrintable(QString::number(accepted)));
        QTest::mouseClick(child<QPushButton>(dialog, "closePortalInviteButton"), Qt::LeftButton);
        QTRY_VERIFY(!alive);

        dialog = openDialog(panel);
        QVERIFY(dialog);
        QVERIFY(dialog->accountLabel()->isVisible());
        QCOMPARE(dialog->accountLabel()->text(),
                 QStringLiteral("Rosa already uses the portal; a new invitation lets them set a new password."));
        QCOMPARE(dialog->invitationsTable()->rowCount(), 2);
        QStringList states;
        for (int row = 0; row < 2; ++row)
            states << dialog->invitationsTable()->item(row, 2)->text();
        QVERIFY2(states.filter(QRegularExpression(QStringLiteral("^Used on "))).size() == 1,
                 qPrintable(states.join('|')));
        QVERIFY2(states.filter(QRegularExpression(QStringLiteral("^Withdrawn on "))).size() == 1,
                 qPrintable(states.join('|')));
        QVERIFY(dialog->findChildren<QPushButton*>(QStringLiteral("withdrawInvitationButton")).isEmpty());
        dialog->resize(800, dialog->height());
        QTest::qWait(20);
        problems = clipped(dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        shoot(dialog, QStringLiteral("dialog-account"));
        QTest::mouseClick(child<QPushButton>(dialog, "closePortalInviteButton"), Qt::LeftButton);

        // The audit log has what staff did (never the code).
        QStringList actions;
        QString details;
        for (const AuditEvent& e : session->audit().events()) {
            actions << e.action;
            details += e.detail + QLatin1Char(' ') + e.objectId + QLatin1Char(' ');
        }
        QCOMPARE(actions.count(QStringLiteral("portal_invitation_created")), 2);
        QCOMPARE(actions.count(QStringLiteral("portal_invitation_revoked")), 1);
        QVERIFY(actions.contains(QStringLiteral("report_printed")));
        QVERIFY(!details.contains(code) && !details.contains(second));

        // The portal's activity, for managers: who by name, what in words.
        AuditLogPage* audit = app.window().homePage()->auditLogPage();
        QVERIFY(audit && audit->portalActivity());
        app.window().homePage()->tabs()->setCurrentWidget(audit);
        audit->sections()->setCurrentWidget(audit->portalActivity());
        PortalActivityPanel* activity = audit->portalActivity();
        QTRY_VERIFY(activity->isLoaded() && activity->refreshButton()->isEnabled());
        QTableWidget* table = activity->table();
        QStringList rows;
        for (int row = 0; row < table->rowCount(); ++row)
            rows << table->item(row, 1)->text() + QLatin1Char(':') + table->item(row, 2)->text();
        QVERIFY2(rows.contains(QStringLiteral("Rosa Pelham:Accepted the invitation and set a password")),
                 qPrintable(rows.join('|')));
        QVERIFY2(rows.count(QStringLiteral("Rosa Pelham:Invited")) == 2, qPrintable(rows.join('|')));
        app.window().resize(800, 800);
        shoot(&app.window(), QStringLiteral("activity-800"));
        app.window().resize(1280, 800);

        // A server that does not answer: a lock still happens at once, and the dialog goes with it.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        {
            QSqlQuery q(session->database().sql());
            q.prepare(QStringLiteral("UPDATE device_state SET value = ? WHERE key = 'sync.server_url'"));
            q.addBindValue(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
            QVERIFY(q.exec());
        }
        panel = openGuardians(app);
        QVERIFY(selectGuardian(panel, rosaId));
        QElapsedTimer timer;
        timer.start();
        QTest::mouseClick(panel->portalButton(), Qt::LeftButton);
        QPointer<PortalInviteDialog> waiting(panel->findChild<PortalInviteDialog*>());
        QVERIFY(waiting);
        // The dialog's first call runs in a nested event loop once the dialog is up (its timer was queued first);
        // the lock comes from inside that loop, as the idle timer's would.
        bool busyWhenLocking = false;
        QTimer::singleShot(300, &app.lock(), [&] {
            busyWhenLocking = waiting && waiting->isBusy();
            app.lock().lock();
        });
        QTRY_VERIFY_WITH_TIMEOUT(app.lock().isLocked(), 20000);
        // Well before the call's own 15-second timeout: the call was stopped, not waited for.
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(busyWhenLocking);
        QTRY_VERIFY(!waiting || !waiting->isVisible());
    }

    void testQrCodeImage()
    {
        // "HELLO" fits version 1: 21 modules, plus a quiet zone of 4 on each side.
        QCOMPARE(QrCode::modulesAcross("HELLO"), 21 + 2 * QrCode::QuietZone);
        const QImage image = QrCode::image("HELLO", 3);
        QCOMPARE(image.size(), QSize(29 * 3, 29 * 3));
        const auto dark = [&image](int moduleX, int moduleY) {
            return qGray(image.pixel(moduleX * 3 + 1, moduleY * 3 + 1)) < 128;
        };
        for (int i = 0; i < 29; ++i) {
            for (int q = 0; q < QrCode::QuietZone; ++q) {
                QVERIFY(!dark(i, q) && !dark(q, i) && !dark(i, 28 - q) && !dark(28 - q, i));
            }
        }
        // The finder pattern's outer ring starts right after the quiet zone, top left, top right and bottom left.
        for (int i = 0; i < 7; ++i) {
            QVERIFY(dark(4 + i, 4) && dark(4, 4 + i) && dark(24 - i, 4) && dark(4 + i, 24));
        }
        QVERIFY(!dark(5, 5)); // the white ring inside it
        QVERIFY(dark(7, 7)); // and the dark centre
        const QString saved = m_out.filePath(QStringLiteral("hello.png"));
        QVERIFY(image.save(saved));
        QCOMPARE(decodeQr(saved), QStringLiteral("HELLO"));
        QVERIFY(QrCode::image(QByteArray(), 3).isNull());
        QVERIFY(QrCode::image(QByteArray(5000, 'x'), 3).isNull()); // more than any QR code holds
    }

    void testPractitionerGetsNoInvitations()
    {
        Test::JournalWindow app;
        QVERIFY(app.isValid());
        QVERIFY(app.signIn(QStringLiteral("pia")));
        // No People tab, so no portal button anywhere; and no portal activity either.
        HomePage* home = app.window().homePage();
        QVERIFY(!home->peoplePage());
        for (QPushButton* button : app.window().findChildren<QPushButton*>(QStringLiteral("invitePortalButton")))
            QVERIFY(!button->isEnabled() || !button->isVisible());
        QVERIFY(!home->auditLogPage());
        QVERIFY(app.window().findChildren<PortalActivityPanel*>().isEmpty());

        // Even with a panel in front of her, the button stays off and says why.
        GuardiansPanel panel(app.lock());
        QVERIFY(!panel.portalButton()->isEnabled());
        QVERIFY2(panel.portalHintLabel()->text().contains(QLatin1String("Only managers")),
                 qPrintable(panel.portalHintLabel()->text()));
    }
};

QTEST_MAIN(TestPortalInvite)
#include "tst_portalinvite.moc"
