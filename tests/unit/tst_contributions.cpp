// What parents add from home: validated files, linked and signed guardians only, pending until staff approve.
#include "JournalFixture.h"

#include "journal/Contributions.h"
#include "journal/JournalQuery.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "people/Guardians.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QTest>
#include <QUuid>

using namespace Acorn;
using Acorn::Test::JournalFixture;

class TestContributions : public QObject
{
    Q_OBJECT
private:
    QJsonObject valid() const
    {
        return {{"format", "acorn-contribution"},
                {"version", 1},
                {"id", QUuid::createUuid().toString(QUuid::WithoutBraces)},
                {"guardian_id", m_guardian},
                {"child_ids", QJsonArray {m_f->ava}},
                {"observed_at", "2026-01-04T16:30:00Z"},
                {"text", "We baked bread; she measured the flour herself."}};
    }

private slots:
    void initTestCase()
    {
        m_f = std::make_unique<JournalFixture>();
        QVERIFY(m_f->isValid());
        auto mabel = m_f->signIn("mabel");
        Guardians guardians(*mabel);
        m_guardian = guardians.create("Gale Testling", {}).value().id;
        QVERIFY(guardians.link(m_guardian, m_f->ava, "mother"));
        QVERIFY(guardians.recordAgreement(m_guardian, "Gale Testling"));
        m_unsigned = guardians.create("Uma Testling", {}).value().id;
        QVERIFY(guardians.link(m_unsigned, m_f->ava, "aunt"));
    }

    void testParseErrors_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong format") << "format" << QJsonValue("something") << "'format'";
        QTest::newRow("wrong version") << "version" << QJsonValue(2) << "'version'";
        QTest::newRow("id not uuid") << "id" << QJsonValue("abc") << "'id'";
        QTest::newRow("guardian missing") << "guardian_id" << QJsonValue() << "'guardian_id'";
        QTest::newRow("children not list") << "child_ids" << QJsonValue("x") << "'child_ids'";
        QTest::newRow("children empty") << "child_ids" << QJsonValue(QJsonArray {}) << "'child_ids'";
        QTest::newRow("date not date") << "observed_at" << QJsonValue("yesterday") << "'observed_at'";
        QTest::newRow("text wrong type") << "text" << QJsonValue(5) << "'text'";
        QTest::newRow("text empty") << "text" << QJsonValue("   ") << "'text'";
        QTest::newRow("media not list") << "media" << QJsonValue("photo.jpg") << "'media'";
        QTest::newRow("media escapes folder")
            << "media" << QJsonValue(QJsonArray {QJsonObject {{"file", "../x.jpg"}}}) << "media[0].file";
    }

    void testParseErrors()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject o = valid();
        if (value.isNull())
            o.remove(field);
        else
            o.insert(field, value);
        auto parsed = Contributions::parse(QJsonDocument(o).toJson(), QDir::tempPath());
        QVERIFY(!parsed);
        QVERIFY2(parsed.errorMessage().contains(message), qPrintable(parsed.errorMessage()));
        QVERIFY(Contributions::parse(QJsonDocument(valid()).toJson(), QDir::tempPath()));
    }

    void testNotJsonSaysWhere()
    {
        auto parsed = Contributions::parse("{\"format\": ", QDir::tempPath());
        QVERIFY(!parsed);
        QVERIFY(parsed.errorMessage().contains("not valid JSON"));
    }

    void testReceiveApproveAndIdempotent()
    {
        auto pia = m_f->signIn("pia");
        const auto input = Contributions::parse(QJsonDocument(valid()).toJson(), QDir::tempPath());
        Contributions contributions(*pia);
        auto received = contributions.receive(input.value());
        QVERIFY2(received, qPrintable(received.errorMessage()));
        QCOMPARE(received.value().status, ObservationStatus::Pending);
        QVERIFY(contributions.receive(input.value())); // the same again: stored once
        QCOMPARE(JournalQuery(*pia).count(m_f->ava, {{}, {}, {}, {}, ObservationStatus::Pending, {}}), 1);
        // Practitioners cannot approve; the room leader can.
        QCOMPARE(contributions.approve(received.value().id).code(), Error::Code::PermissionDenied);
        auto rita = m_f->signIn("rita");
        Contributions review(*rita);
        QCOMPARE(review.awaitingApproval().size(), 1);
        QVERIFY(review.approve(received.value().id));
        QCOMPARE(Observations(*rita).byId(received.value().id)->status, ObservationStatus::Published);
        QVERIFY(review.awaitingApproval().isEmpty());
    }

    void testDeclineKeepsReason()
    {
        auto mabel = m_f->signIn("mabel");
        Contributions contributions(*mabel);
        auto received = contributions.receive(Contributions::parse(QJsonDocument(valid()).toJson(), {}).value());
        QVERIFY(received);
        QCOMPARE(contributions.decline(received.value().id, "").code(), Error::Code::InvalidInput);
        QVERIFY(contributions.decline(received.value().id, "It shows another family's child."));
        const auto o = Observations(*mabel).byId(received.value().id);
        QCOMPARE(o->status, ObservationStatus::Declined);
        QCOMPARE(o->feedback, QStringLiteral("It shows another family's child."));
    }

    void testGuardianMustBeLinkedAndSigned()
    {
        auto mabel = m_f->signIn("mabel");
        Contributions contributions(*mabel);
        QJsonObject other = valid();
        other["child_ids"] = QJsonArray {m_f->dot}; // not their child
        QCOMPARE(contributions.receive(Contributions::parse(QJsonDocument(other).toJson(), {}).value()).code(),
                 Error::Code::PermissionDenied);
        QJsonObject notSigned = valid();
        notSigned["guardian_id"] = m_unsigned;
        QCOMPARE(contributions.receive(Contributions::parse(QJsonDocument(notSigned).toJson(), {}).value()).code(),
                 Error::Code::PermissionDenied);
    }

    void testWithPhotoFromFile()
    {
        QTemporaryDir dir;
        QImage image(640, 480, QImage::Format_RGB32);
        image.fill(Qt::darkGreen);
        QPainter(&image).drawEllipse(100, 100, 200, 150);
        QVERIFY(image.save(dir.filePath("bread.png")));
        QJsonObject o = valid();
        o["media"] = QJsonArray {QJsonObject {{"file", "bread.png"}, {"children", QJsonArray {m_f->ava}}}};
        QFile f(dir.filePath("contribution.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(o).toJson());
        f.close();
        auto parsed = Contributions::parseFile(f.fileName());
        QVERIFY2(parsed, qPrintable(parsed.errorMessage()));
        auto mabel = m_f->signIn("mabel");
        auto received = Contributions(*mabel).receive(parsed.value());
        QVERIFY2(received, qPrintable(received.errorMessage()));
        const auto media = ObservationMedia(*mabel).of(received.value().id);
        QCOMPARE(media.size(), 1);
        QCOMPARE(media.first().kind, MediaKind::Photo);
        QCOMPARE(media.first().childIds, QStringList {m_f->ava});
        auto thumb = ObservationMedia(*mabel).thumbnail(media.first().id);
        QVERIFY(thumb);
        QVERIFY(!QImage::fromData(thumb.value()).isNull());
    }

private:
    std::unique_ptr<JournalFixture> m_f;
    QString m_guardian, m_unsigned;
};

QTEST_GUILESS_MAIN(TestContributions)
#include "tst_contributions.moc"
