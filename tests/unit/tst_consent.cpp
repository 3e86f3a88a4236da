// Photo consent, enforced on every code path that lists media: a media item showing a child without consent
// ("no" or "not recorded") is shown only in that child's own journal.
#include "JournalFixture.h"

#include "journal/ConsentRules.h"
#include "journal/JournalQuery.h"
#include "journal/Observations.h"
#include "people/Children.h"

#include <QTest>

using namespace Acorn;
using Acorn::Test::JournalFixture;

namespace {
QStringList mediaIds(const QList<JournalEntry>& entries)
{
    QStringList ids;
    for (const auto& e : entries)
        for (const auto& m : e.media)
            ids << m.id;
    ids.sort();
    return ids;
}
} // namespace

class TestConsent : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_f = std::make_unique<JournalFixture>();
        QVERIFY(m_f->isValid());
        auto mabel = m_f->signIn("mabel");
        Observations obs(*mabel);
        // One group observation of Ava, Ben and Cal with four photos:
        //   m-ava: Ava alone; m-ava-ben: Ava and Ben; m-cal: Cal alone; m-all: Ava, Ben, Cal.
        auto o = obs.createDraft({m_f->ava, m_f->ben, m_f->cal}).value();
        o.text = "Water play with funnels and jugs.";
        QVERIFY(obs.saveDraft(o));
        QVERIFY(obs.submit(o.id));
        QVERIFY(obs.approve(o.id));
        m_obs = o.id;
        QVERIFY(JournalFixture::addMedia(*mabel, o.id, "m-ava", {m_f->ava}));
        QVERIFY(JournalFixture::addMedia(*mabel, o.id, "m-ava-ben", {m_f->ava, m_f->ben}));
        QVERIFY(JournalFixture::addMedia(*mabel, o.id, "m-cal", {m_f->cal}));
        QVERIFY(JournalFixture::addMedia(*mabel, o.id, "m-all", {m_f->ava, m_f->ben, m_f->cal}));
    }

    void testRuleTable_data()
    {
        QTest::addColumn<QString>("journal");
        QTest::addColumn<QStringList>("visible");
        // Ava consents; Ben said no; Cal's consent is not recorded (counts as no).
        QTest::newRow("Ava's journal") << "ava" << QStringList {"m-ava"};
        QTest::newRow("Ben's journal") << "ben" << QStringList {"m-ava", "m-ava-ben"};
        QTest::newRow("Cal's journal") << "cal" << QStringList {"m-ava", "m-cal"};
    }

    void testRuleTable()
    {
        QFETCH(QString, journal);
        QFETCH(QStringList, visible);
        const QHash<QString, QString> ids {{"ava", m_f->ava}, {"ben", m_f->ben}, {"cal", m_f->cal}};
        auto mabel = m_f->signIn("mabel");
        visible.sort();
        // Path 1: the journal timeline.
        QCOMPARE(mediaIds(JournalQuery(*mabel).timeline(ids.value(journal))), visible);
        // Path 2: every media item of a journal (exports and reports use this).
        QStringList all;
        for (const auto& m : JournalQuery(*mabel).mediaInJournalOf(ids.value(journal)))
            all << m.id;
        all.sort();
        QCOMPARE(all, visible);
        // Path 3: the same rule in memory.
        QStringList rule;
        const QHash<QString, QStringList> appearing {{"m-ava", {m_f->ava}},
                                                     {"m-ava-ben", {m_f->ava, m_f->ben}},
                                                     {"m-cal", {m_f->cal}},
                                                     {"m-all", {m_f->ava, m_f->ben, m_f->cal}}};
        const auto consent = ConsentRules::consentOf(mabel->database(), {m_f->ava, m_f->ben, m_f->cal});
        for (auto it = appearing.cbegin(); it != appearing.cend(); ++it) {
            QHash<QString, PhotoConsent> c;
            for (const auto& child : it.value())
                c.insert(child, consent.value(child));
            if (ConsentRules::visibleInJournalOf(ids.value(journal), c))
                rule << it.key();
        }
        rule.sort();
        QCOMPARE(rule, visible);
    }

    void testSearchAcrossJournalsShowsOnlyWhatEveryJournalMay()
    {
        auto mabel = m_f->signIn("mabel");
        const auto results = JournalQuery(*mabel).search("funnels");
        QCOMPARE(results.size(), 1);
        QCOMPARE(mediaIds(results), QStringList {"m-ava"});
    }

    void testChangingConsentAppliesToWhatIsAlreadyPublished()
    {
        auto mabel = m_f->signIn("mabel");
        Children children(*mabel);
        QVERIFY(children.setPhotoConsent(m_f->ben, PhotoConsent::Yes));
        QCOMPARE(mediaIds(JournalQuery(*mabel).timeline(m_f->ava)), (QStringList {"m-ava", "m-ava-ben"}));
        QVERIFY(children.setPhotoConsent(m_f->ava, PhotoConsent::No));
        // Now Ava's photos leave Ben's and Cal's journals, but stay in her own.
        QCOMPARE(mediaIds(JournalQuery(*mabel).timeline(m_f->ben)), QStringList {});
        QCOMPARE(mediaIds(JournalQuery(*mabel).timeline(m_f->ava)), (QStringList {"m-ava", "m-ava-ben"}));
        // Restore for the other tests.
        QVERIFY(children.setPhotoConsent(m_f->ava, PhotoConsent::Yes));
        QVERIFY(children.setPhotoConsent(m_f->ben, PhotoConsent::No));
    }

    void testEditorWarningSaysWhoAndWhere()
    {
        auto mabel = m_f->signIn("mabel");
        const auto consent = ConsentRules::consentOf(mabel->database(), {m_f->ava, m_f->ben, m_f->cal});
        const auto hidden = ConsentRules::hiddenMedia({m_f->ava, m_f->ben}, {{"p1", {m_f->ava, m_f->ben}}}, consent);
        QCOMPARE(hidden.size(), 1);
        QCOMPARE(hidden[0].mediaId, QStringLiteral("p1"));
        QCOMPARE(hidden[0].journalChildId, m_f->ava);
        QCOMPARE(hidden[0].becauseOfChildIds, QStringList {m_f->ben});
        QVERIFY(ConsentRules::hiddenMedia({m_f->ava}, {{"p2", {m_f->ava}}}, consent).isEmpty());
    }

private:
    std::unique_ptr<JournalFixture> m_f;
    QString m_obs;
};

QTEST_GUILESS_MAIN(TestConsent)
#include "tst_consent.moc"
