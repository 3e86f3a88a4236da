// Two devices of one nursery and a real acorn-server: a random interleaving of writing observations, replying,
// renaming children on both sides and syncing either device, then both sync until quiet and staff settle every
// conflict. Afterwards both devices hold the same observations, replies and children, each created row exactly once
// and none lost. ACORN_CONVERGE_SEED repeats a run.
#include "JournalFixture.h"
#include "ServerProcess.h"

#include "auth/Session.h"
#include "journal/Comments.h"
#include "journal/Observations.h"
#include "storage/Database.h"
#include "sync/Conflicts.h"
#include "sync/Outbox.h"
#include "sync/SyncClient.h"

#include <QDirIterator>
#include <QMap>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Acorn;
using namespace Acorn::Test;

namespace {

bool syncOnce(Session& session, QNetworkAccessManager& nam)
{
    SyncClient client(session, nam);
    QSignalSpy done(&client, &SyncClient::finished);
    client.syncNow();
    return done.wait(20000) && done.first().first().toBool();
}

// Rows as a device has them: "table/id" → the fields that matter.
QMap<QString, QString> snapshot(const Database& db)
{
    QMap<QString, QString> rows;
    QSqlQuery q(db.sql());
    q.exec(QStringLiteral("SELECT id, text, status FROM observations WHERE status <> 'draft'"));
    while (q.next())
        rows.insert("observation/" + q.value(0).toString(), q.value(1).toString() + '|' + q.value(2).toString());
    q.exec(QStringLiteral("SELECT id, text FROM comments"));
    while (q.next())
        rows.insert("comment/" + q.value(0).toString(), q.value(1).toString());
    q.exec(QStringLiteral("SELECT id, coalesce(preferred_name, '') FROM children"));
    while (q.next())
        rows.insert("child/" + q.value(0).toString(), q.value(1).toString());
    return rows;
}
} // namespace

class TestSyncConverge final : public QObject
{
    Q_OBJECT

private slots:
    void testRandomInterleavingsConverge()
    {
        if (!QFileInfo(ServerProcess::binary()).isExecutable())
            QFAIL("acorn-server is not built");
        ServerProcess server;
        const QString firstCode = server.createSetting(QStringLiteral("Puddle Lane Test Nursery"));
        QVERIFY(!firstCode.isEmpty());
        QVERIFY(server.start());

        const quint32 seed = qEnvironmentVariableIsSet("ACORN_CONVERGE_SEED")
            ? quint32(qEnvironmentVariableIntValue("ACORN_CONVERGE_SEED"))
            : QRandomGenerator::global()->generate();
        qInfo("converge seed %u (ACORN_CONVERGE_SEED=%u repeats this run)", seed, seed);
        QRandomGenerator random(seed);

        JournalFixture f;
        QVERIFY(f.isValid());
        QNetworkAccessManager namA;
        QNetworkAccessManager namB;
        QString codeForB;
        {
            auto a = f.signIn("mabel");
            QVERIFY(SyncClient::enrol(*a, namA, server.url(), firstCode, QStringLiteral("Office laptop")));
            QVERIFY(syncOnce(*a, namA));
            auto code = SyncClient::createEnrolmentCode(*a, namA);
            QVERIFY(code);
            codeForB = code.value();
        }
        QTemporaryDir bDir;
        const DataDir b(bDir.filePath(QStringLiteral("device-b")));
        QVERIFY(copyTree(f.nursery().dataDir().path(), b.path()));
        {
            auto s = Session::signIn(b, QStringLiteral("mabel"), JournalFixture::password(), f.nursery().clock());
            QVERIFY(s);
            QSqlQuery q(s.value()->database().sql());
            QVERIFY(q.exec(QStringLiteral("UPDATE device_state SET value = '0000000b-0000-4000-8000-00000000000b' "
                                          "WHERE key = 'device_id'")));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM device_state WHERE key LIKE 'sync.%'")));
            s.value()->end(Session::EndReason::SignOut);
        }
        auto sessionA = f.signIn("mabel");
        auto signedB = Session::signIn(b, QStringLiteral("mabel"), JournalFixture::password(), f.nursery().clock());
        QVERIFY(signedB);
        std::unique_ptr<Session> sessionB = std::move(signedB.value());
        QVERIFY(SyncClient::enrol(*sessionB, namB, server.url(), codeForB, QStringLiteral("Seedlings tablet")));

        const QStringList children {f.ava, f.ben, f.cal, f.dot};
        QStringList created; // observation and comment ids, wherever made
        int syncs = 0;
        for (int step = 0; step < 150; ++step) {
            const bool onA = random.bounded(2) == 0;
            Session& s = onA ? *sessionA : *sessionB;
            QNetworkAccessManager& nam = onA ? namA : namB;
            switch (random.bounded(5)) {
            case 0: { // an observation, sent at once
                Observations observations(s);
                auto draft = observations.createDraft({children.at(int(random.bounded(4)))}, s.clock().now());
                QVERIFY(draft);
                Observation o = draft.value();
                o.text = QStringLiteral("Step %1 on %2").arg(step).arg(onA ? 'A' : 'B');
                QVERIFY(observations.saveDraft(o));
                QVERIFY(observations.submit(o.id));
                created << "observation/" + o.id;
                break;
            }
            case 1: { // a reply to an observation this device has
                QSqlQuery q(s.database().sql());
                QVERIFY(q.exec(
                    QStringLiteral("SELECT id FROM observations WHERE status <> 'draft' ORDER BY random() LIMIT 1")));
                if (!q.next())
                    break;
                auto comment = Comments(s).add(q.value(0).toString(), QStringLiteral("Reply at step %1").arg(step));
                QVERIFY(comment);
                created << "comment/" + comment.value().id;
                break;
            }
            case 2: { // a child's preferred name, changed on either side (conflicts expected)
                QSqlQuery q(s.database().sql());
                QVERIFY(q.exec(QStringLiteral("UPDATE children SET preferred_name = '%1', revision = revision + 1 "
                                              "WHERE id = '%2'")
                                   .arg(QStringLiteral("Name %1").arg(step), children.at(int(random.bounded(4))))));
                break;
            }
            default: // sync this device
                if (syncOnce(s, nam))
                    ++syncs;
                break;
            }
        }

        // Both sync until quiet; staff settle every conflict (the other device's version), then once more.
        for (int round = 0; round < 3; ++round) {
            QVERIFY(syncOnce(*sessionA, namA));
            QVERIFY(syncOnce(*sessionB, namB));
        }
        int conflicts = 0;
        for (Session* s : {sessionA.get(), sessionB.get()}) {
            Conflicts open(s->database(), s->clock());
            for (const SyncConflict& c : open.open()) {
                QVERIFY(open.keepServer(c.id, s->staff().id));
                ++conflicts;
            }
        }
        for (int round = 0; round < 2; ++round) {
            QVERIFY(syncOnce(*sessionA, namA));
            QVERIFY(syncOnce(*sessionB, namB));
        }
        qInfo("%d rows created, %d syncs during the run, %d conflicts settled", int(created.size()), syncs, conflicts);

        QCOMPARE(Outbox(sessionA->database()).pendingCount(), 0);
        QCOMPARE(Outbox(sessionB->database()).pendingCount(), 0);
        const auto rowsA = snapshot(sessionA->database());
        const auto rowsB = snapshot(sessionB->database());
        for (const QString& key : std::as_const(created)) {
            QVERIFY2(rowsA.contains(key), qPrintable("missing on A: " + key));
            QVERIFY2(rowsB.contains(key), qPrintable("missing on B: " + key));
        }
        for (auto it = rowsA.cbegin(); it != rowsA.cend(); ++it)
            QVERIFY2(rowsB.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("%1: A %2, B %3").arg(it.key(), it.value(), rowsB.value(it.key()))));
        QCOMPARE(rowsA.size(), rowsB.size());
        sessionA->end(Session::EndReason::SignOut);
        sessionB->end(Session::EndReason::SignOut);
    }
};

QTEST_GUILESS_MAIN(TestSyncConverge)
#include "tst_syncconverge.moc"
