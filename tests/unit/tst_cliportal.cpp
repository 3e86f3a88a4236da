// acorn-cli portal, as a real process against a real acorn-server: invite (the code and link the portal accepts),
// invitations, revoke, events; a practitioner refused before anything is asked of the server; misuse (exit 2); a
// device not connected to a server; children the person is not linked to.
#include "JournalFixture.h"
#include "ServerProcess.h"

#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "people/Children.h"
#include "people/Guardians.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUrlQuery>

using namespace Acorn;
using namespace Acorn::Test;

class TestCliPortal final : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    // acorn-cli with the fixture's password on stdin.
    static Run cli(const QString& dataDir, const QStringList& args)
    {
        QProcess p;
        p.start(QString::fromLocal8Bit(qgetenv("ACORN_BINARY_DIR")) + QStringLiteral("/app/acorn-cli"),
                QStringList {QStringLiteral("--data-dir"), dataDir} + args);
        Run run;
        if (!p.waitForStarted(5000))
            return run;
        p.write(JournalFixture::password() + '\n');
        p.closeWriteChannel();
        if (!p.waitForFinished(60000))
            p.kill();
        run.exitCode = p.exitCode();
        run.out = QString::fromUtf8(p.readAllStandardOutput());
        run.err = QString::fromUtf8(p.readAllStandardError());
        return run;
    }

    static int httpStatus(const QUrl& url)
    {
        QNetworkAccessManager nam;
        QNetworkReply* reply = nam.get(QNetworkRequest(url));
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !done.wait(15000))
            return -1;
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    static QString value(const QString& text, const QString& label)
    {
        return QRegularExpression(QStringLiteral("^%1: (\\S+)$").arg(label), QRegularExpression::MultilineOption)
            .match(text)
            .captured(1);
    }

private slots:
    void testPortalCommands()
    {
        ServerProcess server;
        const QString firstCode = server.createSetting(QStringLiteral("Puddle Lane Test Nursery"));
        QVERIFY(!firstCode.isEmpty());
        QVERIFY(server.start());

        JournalFixture f;
        QVERIFY(f.isValid());
        const QString dir = f.nursery().dataDir().path();
        QString rosa;
        QString omar;
        QString avaName;
        {
            auto mabel = f.signIn(QStringLiteral("mabel"));
            QVERIFY(mabel);
            Guardians guardians(*mabel);
            rosa = guardians.create(QStringLiteral("Rosa Pelham"), {}).value().id;
            omar = guardians.create(QStringLiteral("Omar Quill"), {}).value().id;
            QVERIFY(guardians.link(rosa, f.ava, QStringLiteral("Mother")));
            QVERIFY(guardians.link(rosa, f.dot, QStringLiteral("Mother")));
            avaName = Children(*mabel).byId(f.ava)->displayName();
            mabel->end(Session::EndReason::SignOut);
        }

        // Not connected yet: said in words.
        const Run notConnected = cli(dir, {"portal", "invitations", "--user", "mabel", "--guardian", rosa});
        QCOMPARE(notConnected.exitCode, 1);
        QVERIFY2(notConnected.err.contains("not connected"), qPrintable(notConnected.err));

        const QString url = server.url().toString();
        QCOMPARE(cli(dir, {"sync", "connect", "--user", "mabel", "--server", url, "--code", firstCode}).exitCode, 0);
        const Run synced = cli(dir, {"sync", "now", "--user", "mabel"});
        QVERIFY2(synced.exitCode == 0, qPrintable(synced.err));

        // Misuse: exit 2, with what is missing.
        QCOMPARE(cli(dir, {"portal"}).exitCode, 2);
        QCOMPARE(cli(dir, {"portal", "invent", "--user", "mabel"}).exitCode, 2);
        const Run noGuardian = cli(dir, {"portal", "invite", "--user", "mabel"});
        QCOMPARE(noGuardian.exitCode, 2);
        QVERIFY2(noGuardian.err.contains("--guardian"), qPrintable(noGuardian.err));
        QCOMPARE(cli(dir, {"portal", "invite", "--user", "mabel", "--guardian", rosa, "--days", "0"}).exitCode, 2);
        QCOMPARE(cli(dir, {"portal", "revoke", "--user", "mabel"}).exitCode, 2);
        QCOMPARE(cli(dir, {"portal", "events"}).exitCode, 2); // no --user

        // A practitioner is refused, in words, and nothing reaches the server.
        for (const QStringList& args :
             {QStringList {"portal", "invite", "--user", "pia", "--guardian", rosa},
              QStringList {"portal", "invitations", "--user", "pia", "--guardian", rosa},
              QStringList {"portal", "revoke", "--user", "pia", "00000000-0000-4000-8000-000000000000"},
              QStringList {"portal", "events", "--user", "pia"}}) {
            const Run refused = cli(dir, args);
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains("Only managers"), qPrintable(refused.err));
            QVERIFY(refused.out.isEmpty());
        }

        // Wrong ids and children they are not linked to.
        const Run unknown
            = cli(dir, {"portal", "invite", "--user", "mabel", "--guardian", "00000000-0000-4000-8000-000000000000"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("No parent or carer"), qPrintable(unknown.err));
        const Run unlinked = cli(dir, {"portal", "invite", "--user", "mabel", "--guardian", omar});
        QCOMPARE(unlinked.exitCode, 1);
        QVERIFY2(unlinked.err.contains("not linked to a child"), qPrintable(unlinked.err));
        const Run otherChild = cli(dir, {"portal", "invite", "--user", "mabel", "--guardian", rosa, "--child", f.ben});
        QCOMPARE(otherChild.exitCode, 1);
        QVERIFY2(otherChild.err.contains("not linked to the child"), qPrintable(otherChild.err));

        // Invite for Ava only, for 7 days: the code and the link the portal accepts.
        const Run invite
            = cli(dir, {"portal", "invite", "--user", "mabel", "--guardian", rosa, "--child", f.ava, "--days", "7"});
        QVERIFY2(invite.exitCode == 0, qPrintable(invite.err));
        QVERIFY2(invite.out.contains(QStringLiteral("Invitation for Rosa Pelham (%1)").arg(avaName)),
                 qPrintable(invite.out));
        const QString code = value(invite.out, QStringLiteral("Code"));
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")).match(code).hasMatch(),
                 qPrintable(invite.out));
        const QString link = value(invite.out, QStringLiteral("Link"));
        QCOMPARE(link, server.url().toString() + QStringLiteral("/portal/accept?code=") + code);
        QCOMPARE(httpStatus(QUrl(link)), 200);
        const QString until = QRegularExpression(QStringLiteral("until (\\S+)")).match(invite.out).captured(1);
        const QDateTime expires = QDateTime::fromString(until, Qt::ISODate);
        QVERIFY2(expires.isValid(), qPrintable(invite.out));
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().addDays(7).secsTo(expires)) < 600);
        const QString id = value(invite.out, QStringLiteral("Invitation id"));
        QVERIFY2(!id.isEmpty(), qPrintable(invite.out));

        // Every linked child unless told: a second invitation for Ava and Dot.
        const Run both = cli(dir, {"portal", "invite", "--user", "mabel", "--guardian", rosa});
        QVERIFY2(both.exitCode == 0, qPrintable(both.err));
        QVERIFY2(both.out.contains(QLatin1String(", ")), qPrintable(both.out));
        QVERIFY(value(both.out, QStringLiteral("Code")) != code);

        Run list = cli(dir, {"portal", "invitations", "--user", "mabel", "--guardian", rosa});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QStringList lines = list.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.filter(id).size() == 1 && lines.filter(id).first().endsWith(QLatin1String("\topen")),
                 qPrintable(list.out));
        QVERIFY(!list.out.contains(code)); // the code is shown once, at invite

        // Withdraw: the code stops working, the list says so, and withdrawing again is refused.
        const Run revoke = cli(dir, {"portal", "revoke", "--user", "mabel", id});
        QVERIFY2(revoke.exitCode == 0, qPrintable(revoke.err));
        QCOMPARE(httpStatus(QUrl(link)), 404);
        list = cli(dir, {"portal", "invitations", "--user", "mabel", "--guardian", rosa});
        lines = list.out.split('\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.filter(id).size() == 1 && lines.filter(id).first().endsWith(QLatin1String("\twithdrawn")),
                 qPrintable(list.out));
        const Run again = cli(dir, {"portal", "revoke", "--user", "mabel", id});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(!again.err.isEmpty());
        QVERIFY2(!again.err.contains(QLatin1String("QCommandLineParser")), qPrintable(again.err));

        // The portal's record: both invitations, by name.
        const Run events = cli(dir, {"portal", "events", "--user", "mabel"});
        QVERIFY2(events.exitCode == 0, qPrintable(events.err));
        QCOMPARE(events.out.count(QStringLiteral("\tRosa Pelham\tInvited")), 2);

        // The nursery's own audit log has what the manager did (never the code).
        auto mabel = f.signIn(QStringLiteral("mabel"));
        QVERIFY(mabel);
        QStringList actions;
        for (const AuditEvent& e : mabel->audit().events()) {
            actions << e.action;
            QVERIFY(!e.detail.contains(code));
        }
        QCOMPARE(actions.count(QStringLiteral("portal_invitation_created")), 2);
        QCOMPARE(actions.count(QStringLiteral("portal_invitation_revoked")), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliPortal)
#include "tst_cliportal.moc"
