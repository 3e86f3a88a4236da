// Parents and carers: linked only after the photo-consent decision; no access without the current agreement.
#include "JournalFixture.h"

#include "people/Children.h"
#include "people/Guardians.h"

#include <QTest>

using namespace Acorn;
using Acorn::Test::JournalFixture;

class TestGuardians : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_f = std::make_unique<JournalFixture>();
        QVERIFY(m_f->isValid());
    }

    void testLinkNeedsConsentDecision()
    {
        auto mabel = m_f->signIn("mabel");
        Guardians guardians(*mabel);
        auto g = guardians.create("Gwen Testling", "gwen@example.invalid");
        QVERIFY2(g, qPrintable(g.errorMessage()));
        auto refused = guardians.link(g.value().id, m_f->cal, "mother"); // Cal's consent not recorded
        QCOMPARE(refused.code(), Error::Code::PolicyViolation);
        QVERIFY(refused.errorMessage().contains("photo"));
        QVERIFY(guardians.linksOfChild(m_f->cal).isEmpty());
        QVERIFY(Children(*mabel).setPhotoConsent(m_f->cal, PhotoConsent::No)); // "no" is a decision too
        QVERIFY(guardians.link(g.value().id, m_f->cal, "mother"));
        QCOMPARE(guardians.linksOfChild(m_f->cal).size(), 1);
    }

    void testAccessNeedsCurrentAgreement()
    {
        auto mabel = m_f->signIn("mabel");
        Guardians guardians(*mabel);
        const QString g = guardians.create("Gus Testling", {}).value().id;
        QVERIFY(guardians.link(g, m_f->ava, "father"));
        QVERIFY(!guardians.hasAccess(g, m_f->ava)); // not signed yet
        QCOMPARE(guardians.whyNoAccess(g, m_f->ava), QStringLiteral("Has not signed the agreement yet."));
        QVERIFY(guardians.recordAgreement(g, "Gus Testling"));
        QVERIFY(guardians.hasAccess(g, m_f->ava));
        QCOMPARE(guardians.whyNoAccess(g, m_f->ava), QString());
        QVERIFY(!guardians.hasAccess(g, m_f->ben)); // only their own child
        QCOMPARE(guardians.whyNoAccess(g, m_f->ben), QStringLiteral("Not linked to this child."));
        auto v2 = guardians.setAgreementText("A new agreement text that is long enough to mean something.");
        QVERIFY(v2);
        QCOMPARE(v2.value(), 2);
        QVERIFY(!guardians.hasAccess(g, m_f->ava)); // must sign again
        QCOMPARE(guardians.whyNoAccess(g, m_f->ava),
                 QStringLiteral("Has not signed version 2 yet (signed version 1)."));
        QVERIFY(guardians.recordAgreement(g, "Gus Testling"));
        QVERIFY(guardians.hasAccess(g, m_f->ava));
        QCOMPARE(guardians.byId(g)->agreementVersion, 2);
    }

    void testOnlyManagersManageGuardians()
    {
        auto pia = m_f->signIn("pia");
        Guardians guardians(*pia);
        QCOMPARE(guardians.create("Someone", {}).code(), Error::Code::PermissionDenied);
        QCOMPARE(Children(*pia).setPhotoConsent(m_f->cal, PhotoConsent::Yes).code(), Error::Code::PermissionDenied);
    }

    void testValidation()
    {
        auto mabel = m_f->signIn("mabel");
        Guardians guardians(*mabel);
        QCOMPARE(guardians.create("  ", {}).code(), Error::Code::InvalidInput);
        QCOMPARE(guardians.create("Name", "not-an-email").code(), Error::Code::InvalidInput);
    }

private:
    std::unique_ptr<JournalFixture> m_f;
};

QTEST_GUILESS_MAIN(TestGuardians)
#include "tst_guardians.moc"
