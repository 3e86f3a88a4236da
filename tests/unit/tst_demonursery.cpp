#include "Clock.h"
#include "auth/Session.h"
#include "crypto/PasswordKdf.h"
#include "demo/DemoNursery.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Acorn;

class TestDemoNursery : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { KdfParams::setDefaultsForTests(KdfParams::fastForTests()); }

    void testEveryPrintedAccountSignsIn()
    {
        QTemporaryDir dir;
        ManualClock clock;
        auto accounts = DemoNursery::create(DataDir(dir.path()), clock);
        QVERIFY2(accounts, qPrintable(accounts.errorMessage()));
        QCOMPARE(accounts.value().size(), 3);
        QSet<QString> roles;
        for (const auto& account : accounts.value()) {
            auto session = Session::signIn(DataDir(dir.path()), account.userName, account.password.toUtf8(), clock);
            QVERIFY2(session, qPrintable(account.userName + ": " + session.errorMessage()));
            QVERIFY(!session.value()->mustChangePassword()); // a newcomer is not stopped at a password change
            QCOMPARE(roleKey(session.value()->staff().role), account.role);
            roles << account.role;
        }
        QCOMPARE(roles.size(), 3);

        auto session = Session::signIn(DataDir(dir.path()), accounts.value()[0].userName,
                                       accounts.value()[0].password.toUtf8(), clock);
        QSqlQuery q(session.value()->database().sql());
        QVERIFY(q.exec("SELECT (SELECT count(*) FROM rooms), (SELECT count(*) FROM children), "
                       "(SELECT count(*) FROM children WHERE photo_consent = 'no')"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        QVERIFY(q.value(1).toInt() >= 20);
        QVERIFY(q.value(2).toInt() > 0); // some children without photo consent, to exercise the rule

        // A few hundred observations in every state, with generated pictures, so every screen has something.
        QVERIFY(q.exec("SELECT (SELECT count(*) FROM observations), "
                       "(SELECT count(*) FROM observations WHERE status = 'published'), "
                       "(SELECT count(*) FROM observations WHERE status = 'submitted'), "
                       "(SELECT count(*) FROM observations WHERE status = 'draft'), "
                       "(SELECT count(*) FROM observations WHERE status = 'pending'), "
                       "(SELECT count(*) FROM media_items), (SELECT count(*) FROM guardian_children)"));
        QVERIFY(q.next());
        QVERIFY2(q.value(0).toInt() >= 250, qPrintable(q.value(0).toString()));
        QVERIFY(q.value(1).toInt() >= 200);
        QVERIFY(q.value(2).toInt() > 0);
        QVERIFY(q.value(3).toInt() > 0);
        QCOMPARE(q.value(4).toInt(), 6);
        QVERIFY(q.value(5).toInt() >= 50);
        QVERIFY(q.value(6).toInt() >= 20);
    }
};

QTEST_GUILESS_MAIN(TestDemoNursery)
#include "tst_demonursery.moc"
