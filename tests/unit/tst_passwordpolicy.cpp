#include "auth/CommonPasswords.h"
#include "auth/PasswordPolicy.h"

#include <QTest>
#include <QTimeZone>

using namespace Acorn;

class TestPasswordPolicy : public QObject
{
    Q_OBJECT
private slots:
    void testCases_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("unmet"); // a word the refusal must mention

        // The nursery's policy: upper, lower, digit, at least 10.
        QTest::newRow("nursery ok") << "nursery"
                                    << "Hedgehog-Lantern-4" << true << "";
        QTest::newRow("nursery too short") << "nursery"
                                           << "Ab1xyzq" << false << "10 characters";
        QTest::newRow("nursery no digit") << "nursery"
                                          << "HedgehogLantern" << false << "number";
        QTest::newRow("nursery no upper") << "nursery"
                                          << "hedgehog-lantern-4" << false << "upper-case";
        QTest::newRow("nursery no lower") << "nursery"
                                          << "HEDGEHOG-LANTERN-4" << false << "lower-case";
        QTest::newRow("common Password1") << "nursery"
                                          << "Password123" << false << "common";
        QTest::newRow("common leet P@ssw0rd") << "nursery"
                                              << "P@ssw0rd2026!" << false << "common";
        QTest::newRow("common Welcome") << "nursery"
                                        << "Welcome2026" << false << "common";
        QTest::newRow("common nursery word") << "nursery"
                                             << "Montessori2026" << false << "common";
        QTest::newRow("common season") << "nursery"
                                       << "Summer2026!!" << false << "common";
        QTest::newRow("all digits") << "nursery"
                                    << "12345678901" << false << "common";
        QTest::newRow("own user name") << "nursery"
                                       << "Mabelq2026x" << false << "name";
        QTest::newRow("empty") << "nursery"
                               << "" << false << "10 characters";
        // NCSC/NIST style: long passphrase, no composition rules.
        QTest::newRow("passphrase ok") << "passphrase"
                                       << "three quiet otters paddling" << true << "";
        QTest::newRow("passphrase short") << "passphrase"
                                          << "Otter-Kite-9" << false << "15 characters";
        QTest::newRow("passphrase common") << "passphrase"
                                           << "passwordpassword" << false << "common";
        QTest::newRow("passphrase unicode length") << "passphrase"
                                                   << "écureuil brun joyeux" << true << "";
    }

    void testCases()
    {
        QFETCH(QString, policy);
        QFETCH(QString, password);
        QFETCH(bool, accepted);
        QFETCH(QString, unmet);
        const auto p = policy == "passphrase" ? PasswordPolicy::passphraseDefault() : PasswordPolicy::nurseryDefault();
        QCOMPARE(p.accepts(password, "mabelq", "Mabel Quince"), accepted);
        const QString refusal = p.explainRefusal(password, "mabelq", "Mabel Quince");
        QCOMPARE(refusal.isEmpty(), accepted);
        if (!unmet.isEmpty())
            QVERIFY2(refusal.contains(unmet), qPrintable(refusal));
    }

    void testLiveFeedbackListsEveryRule()
    {
        const auto p = PasswordPolicy::nurseryDefault();
        auto rules = p.evaluate("abc");
        QCOMPARE(rules.size(), 6);
        QVERIFY(!rules[0].met); // length
        QVERIFY(!rules[1].met); // upper
        QVERIFY(rules[2].met); // lower
        QVERIFY(!rules[3].met); // digit
        rules = p.evaluate("Hedgehog-Lantern-4");
        QVERIFY(std::all_of(rules.cbegin(), rules.cend(), [](const auto& r) { return r.met; }));
        QCOMPARE(PasswordPolicy::passphraseDefault().evaluate("x").size(), 3);
    }

    void testExpiry()
    {
        const auto p = PasswordPolicy::nurseryDefault();
        const QDateTime changed(QDate(2026, 1, 1), QTime(9, 0), QTimeZone::utc());
        QVERIFY(!p.isExpired(changed, changed.addDays(89)));
        QVERIFY(p.isExpired(changed, changed.addDays(90)));
        QVERIFY(p.isExpired(QDateTime(), changed));
        QVERIFY(!PasswordPolicy::passphraseDefault().isExpired(changed, changed.addYears(5)));
    }

    void testDenyListLoaded()
    {
        QVERIFY(CommonPasswords::listSize() > 200);
        QVERIFY(CommonPasswords::isCommon("qwerty"));
        QVERIFY(CommonPasswords::isCommon("Qwerty123!"));
        QVERIFY(!CommonPasswords::isCommon("Hedgehog-Lantern-4"));
    }
};

QTEST_GUILESS_MAIN(TestPasswordPolicy)
#include "tst_passwordpolicy.moc"
