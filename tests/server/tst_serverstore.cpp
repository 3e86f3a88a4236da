// The server store on both backends: every test runs once against SQLite (QSQLCIPHER) and once against a throwaway
// PostgreSQL 15 cluster (see PgTestCluster for how it is started, also as root).
#include "Clock.h"
#include "PgTestCluster.h"
#include "crypto/SecureBuffer.h"
#include "media/ChunkCipher.h"
#include "media/MediaUploads.h"
#include "store/FolderBlobStore.h"
#include "store/ServerMigrator.h"
#include "store/SqlServerStore.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <functional>
#include <thread>

using namespace Acorn;
using namespace Acorn::Server;

namespace {
QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

IncomingChange change(qint64 deviceSeq, const QString& id, qint64 base, const QJsonObject& data,
                      const QString& entity = QStringLiteral("observation"))
{
    IncomingChange c;
    c.deviceSeq = deviceSeq;
    c.entity = entity;
    c.id = id;
    c.baseRevision = base;
    c.revision = base + 1;
    c.data = json(data);
    return c;
}

SecureBuffer testKey()
{
    QByteArray bytes(32, '\x42');
    return SecureBuffer::takeFrom(bytes);
}
} // namespace

class TestServerStore : public QObject
{
    Q_OBJECT

private:
    // A fresh, empty store of the current backend (a new file, or a new PostgreSQL database).
    Result<std::unique_ptr<SqlServerStore>> openFresh()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend == QLatin1String("sqlite")) {
            m_sqlitePath = m_dir->filePath(QStringLiteral("server-%1.db").arg(++m_counter));
            return reopen();
        }
        m_pgDatabase = QStringLiteral("acorn_store_%1").arg(++m_counter);
        QString error;
        if (!m_pg.createDatabase(m_pgDatabase, &error))
            return Error(Error::Code::Internal, error);
        return reopen();
    }

    // Opens another connection to the current test's database; callable from any thread.
    std::function<Result<std::unique_ptr<SqlServerStore>>()> connector()
    {
        QFETCH_GLOBAL(QString, backend);
        const bool sqlite = backend == QLatin1String("sqlite");
        const QString where = sqlite ? m_sqlitePath : m_pg.url(m_pgDatabase);
        const Clock* clock = &m_clock;
        return [sqlite, where, clock]() -> Result<std::unique_ptr<SqlServerStore>> {
            if (sqlite)
                return SqlServerStore::openSqlite(where, testKey(), *clock);
            auto target = PostgresTarget::fromUrl(where);
            if (!target)
                return target.error();
            return SqlServerStore::openPostgres(target.value(), *clock);
        };
    }

    Result<std::unique_ptr<SqlServerStore>> reopen() { return connector()(); }

    // A new device in `settingId`, enrolled with a fresh code; its credential hash is sha256(device id).
    DeviceIdentity enrolDevice(const QString& settingId)
    {
        auto code = m_store->issueEnrolmentCode(settingId, {});
        if (!code)
            return {};
        const QString deviceId = newId();
        auto outcome = m_store->enrol(code.value().code, deviceId, QStringLiteral("Test tablet"),
                                      sha256Hex(deviceId.toLatin1()));
        if (!outcome || outcome.value().status != EnrolOutcome::Status::Enrolled)
            return {};
        return {deviceId, settingId};
    }

    QString createSetting()
    {
        auto id = m_store->createSetting(QStringLiteral("Bluebell Test Nursery"));
        return id ? id.value() : QString();
    }

    QList<LoggedChange> pullAll(const QString& settingId)
    {
        auto page = m_store->pull(settingId, 0, 1000);
        return page ? page.value().changes : QList<LoggedChange>();
    }

    PgTestCluster m_pg;
    ManualClock m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqlServerStore> m_store;
    QString m_sqlitePath;
    QString m_pgDatabase;
    int m_counter = 0;

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    void initTestCase()
    {
        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_pg.stop(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto store = openFresh();
        QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
        m_store = store.take();
        QFETCH_GLOBAL(QString, backend);
        QCOMPARE(m_store->backendName(), backend);
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void testSchemaAndReopen()
    {
        QCOMPARE(m_store->schemaVersion(), ServerMigrator::latestVersion());
        QVERIFY(ServerMigrator::latestVersion() >= 1);
        const QString setting = createSetting();
        QVERIFY(!setting.isEmpty());
        m_store.reset();
        auto again = reopen(); // migrating an up-to-date database is a no-op
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QCOMPARE(again.value()->schemaVersion(), ServerMigrator::latestVersion());
        auto exists = again.value()->settingExists(setting);
        QVERIFY(exists.ok());
        QVERIFY(exists.value());
        QVERIFY(again.value()->ping().ok());
    }

    void testPushAppliesOnce()
    {
        const auto device = enrolDevice(createSetting());
        QVERIFY(!device.deviceId.isEmpty());
        const QString a = newId();
        const QString b = newId();
        const QList<IncomingChange> changes {change(1, a, 0, {{"text", "Built a tower"}}),
                                             change(2, b, 0, {{"text", "Painted"}}, QStringLiteral("comment"))};
        auto first = m_store->push(device, newId(), changes);
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QCOMPARE(first.value().results.size(), 2);
        QCOMPARE(first.value().results.at(0).status, ChangeResult::Status::Applied);
        QCOMPARE(first.value().results.at(0).serverSeq, 1);
        QCOMPARE(first.value().results.at(1).status, ChangeResult::Status::Applied);
        QCOMPARE(first.value().results.at(1).serverSeq, 2);
        QVERIFY(!first.value().replayed);

        // The same changes again, in a new batch (a lost answer): each is a duplicate, nothing is applied twice.
        auto second = m_store->push(device, newId(), changes);
        QVERIFY(second.ok());
        QCOMPARE(second.value().results.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(second.value().results.at(i).status, ChangeResult::Status::Duplicate);
            QCOMPARE(second.value().results.at(i).serverSeq, i + 1);
        }
        const auto log = pullAll(device.settingId);
        QCOMPARE(log.size(), 2);
        QCOMPARE(log.at(0).id, a);
        QCOMPARE(log.at(0).revision, 1);
        QCOMPARE(log.at(0).originDevice, device.deviceId);
        QCOMPARE(QJsonDocument::fromJson(log.at(0).data).object().value("text").toString(), "Built a tower");
        QCOMPARE(log.at(1).entity, "comment");

        // A duplicate device_seq inside one batch is applied once too.
        const QString c = newId();
        auto third = m_store->push(device, newId(), {change(3, c, 0, {{"n", 1}}), change(3, c, 0, {{"n", 1}})});
        QVERIFY(third.ok());
        QCOMPARE(third.value().results.at(0).status, ChangeResult::Status::Applied);
        QCOMPARE(third.value().results.at(1).status, ChangeResult::Status::Duplicate);
        QCOMPARE(pullAll(device.settingId).size(), 3);
    }

    void testReplayedBatchGetsSameAnswer()
    {
        const QString setting = createSetting();
        const auto tablet = enrolDevice(setting);
        const auto laptop = enrolDevice(setting);
        const QString row = newId();
        const QString batch = newId();
        auto first = m_store->push(tablet, batch, {change(1, row, 0, {{"v", 1}})});
        QVERIFY(first.ok());
        QCOMPARE(first.value().results.at(0).status, ChangeResult::Status::Applied);
        // The row moves on; re-evaluating the batch would now be a duplicate, but a replay answers as the first time.
        QVERIFY(m_store->push(laptop, newId(), {change(1, row, 1, {{"v", 2}})}).ok());
        auto replay = m_store->push(tablet, batch, {change(1, row, 0, {{"v", 1}})});
        QVERIFY(replay.ok());
        QVERIFY(replay.value().replayed);
        QCOMPARE(replay.value().results.size(), 1);
        QCOMPARE(replay.value().results.at(0).status, ChangeResult::Status::Applied);
        QCOMPARE(replay.value().results.at(0).serverSeq, first.value().results.at(0).serverSeq);
        QCOMPARE(pullAll(setting).size(), 2);

        // Another device may not use the same batch id.
        auto stolen = m_store->push(laptop, batch, {});
        QVERIFY(stolen.ok());
        QCOMPARE(stolen.value().status, PushOutcome::Status::BatchOfAnotherDevice);
    }

    void testOldBatchAnswersArePurged()
    {
        const auto tablet = enrolDevice(createSetting());
        const QString batch = newId();
        const QString row = newId();
        QVERIFY(m_store->push(tablet, batch, {change(1, row, 0, {{"v", 1}})}).ok());
        QCOMPARE(m_store->purgeBatchAnswers(30).value(), 0); // young: kept
        m_clock.advanceSecs(31LL * 24 * 3600);
        QCOMPARE(m_store->purgeBatchAnswers(30).value(), 1);
        // The batch sent again after that is not a replay any more, and still applies nothing twice.
        auto again = m_store->push(tablet, batch, {change(1, row, 0, {{"v", 1}})});
        QVERIFY(again.ok());
        QVERIFY(!again.value().replayed);
        QCOMPARE(again.value().results.at(0).status, ChangeResult::Status::Duplicate);
        QCOMPARE(pullAll(tablet.settingId).size(), 1);
    }

    void testConflictOnStaleBaseRevision()
    {
        const QString setting = createSetting();
        const auto tablet = enrolDevice(setting);
        const auto laptop = enrolDevice(setting);
        const QString row = newId();
        QVERIFY(m_store->push(tablet, newId(), {change(1, row, 0, {{"text", "first"}})}).ok());
        auto laptopEdit = m_store->push(laptop, newId(), {change(1, row, 1, {{"text", "laptop's"}})});
        QVERIFY(laptopEdit.ok());
        QCOMPARE(laptopEdit.value().results.at(0).status, ChangeResult::Status::Applied);

        // The tablet edits revision 1, which the server no longer has.
        auto stale = m_store->push(tablet, newId(), {change(2, row, 1, {{"text", "tablet's"}})});
        QVERIFY(stale.ok());
        const auto& result = stale.value().results.at(0);
        QCOMPARE(result.status, ChangeResult::Status::Conflict);
        QCOMPARE(result.serverSeq, 0);
        QVERIFY(result.current.has_value());
        QCOMPARE(result.current->revision, 2);
        QCOMPARE(QJsonDocument::fromJson(result.current->data).object().value("text").toString(), "laptop's");
        QVERIFY(!result.reason.isEmpty());
        const auto log = pullAll(setting);
        QCOMPARE(log.size(), 2); // nothing applied, no seq used
        QCOMPARE(QJsonDocument::fromJson(log.last().data).object().value("text").toString(), "laptop's");

        // Once the device has merged the server's version, its change on revision 2 goes through.
        auto rebased = m_store->push(tablet, newId(), {change(3, row, 2, {{"text", "merged"}})});
        QVERIFY(rebased.ok());
        QCOMPARE(rebased.value().results.at(0).status, ChangeResult::Status::Applied);
        QCOMPARE(rebased.value().results.at(0).serverSeq, 3);

        // A change to a row the server never saw, made on revision 3: conflict, with no current row.
        auto unknown = m_store->push(tablet, newId(), {change(4, newId(), 3, {{"text", "x"}})});
        QVERIFY(unknown.ok());
        QCOMPARE(unknown.value().results.at(0).status, ChangeResult::Status::Conflict);
        QVERIFY(!unknown.value().results.at(0).current.has_value());
        const auto wire = unknown.value().results.at(0).toJson();
        QVERIFY(wire.contains("current"));
        QVERIFY(wire.value("current").isNull());
    }

    void testPullOrderSinceLimitMore()
    {
        const QString setting = createSetting();
        const auto tablet = enrolDevice(setting);
        const auto laptop = enrolDevice(setting);
        qint64 tabletSeq = 0;
        qint64 laptopSeq = 0;
        for (int round = 0; round < 4; ++round) {
            QVERIFY(m_store
                        ->push(tablet, newId(),
                               {change(++tabletSeq, newId(), 0, {{"r", round}}),
                                change(++tabletSeq, newId(), 0, {{"r", round}})})
                        .ok());
            QVERIFY(m_store->push(laptop, newId(), {change(++laptopSeq, newId(), 0, {{"r", round}})}).ok());
        }
        const auto all = pullAll(setting);
        QCOMPARE(all.size(), 12);
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all.at(i).seq, i + 1); // gap-free, in order

        // Paging with limit 5 sees every change exactly once.
        QList<qint64> seen;
        qint64 since = 0;
        int pages = 0;
        for (;;) {
            auto page = m_store->pull(setting, since, 5);
            QVERIFY(page.ok());
            ++pages;
            for (const auto& c : page.value().changes)
                seen << c.seq;
            QCOMPARE(page.value().next, page.value().changes.isEmpty() ? since : page.value().changes.last().seq);
            since = page.value().next;
            if (!page.value().more)
                break;
            QCOMPARE(page.value().changes.size(), 5);
        }
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 12);
        QCOMPARE(seen.first(), 1);
        QCOMPARE(seen.last(), 12);

        // Exactly on a page boundary, "more" is false once nothing is left.
        auto exact = m_store->pull(setting, 6, 6);
        QVERIFY(exact.ok());
        QCOMPARE(exact.value().changes.size(), 6);
        QVERIFY(!exact.value().more);
        auto past = m_store->pull(setting, 12, 500);
        QVERIFY(past.ok());
        QVERIFY(past.value().changes.isEmpty());
        QCOMPARE(past.value().next, 12);
        QVERIFY(!past.value().more);
    }

    void testConcurrentPushesStayGapFree()
    {
        // Two connections push to one setting at the same time (two server processes behind nginx): seqs must come
        // out 1..N without gaps or repeats, each change once, in each device's own order.
        const QString setting = createSetting();
        const auto tablet = enrolDevice(setting);
        const auto laptop = enrolDevice(setting);
        constexpr int Batches = 15;
        constexpr int PerBatch = 4;
        std::atomic<int> failures {0};
        std::atomic<int> ready {0};
        const auto connect = connector();
        auto worker = [&](DeviceIdentity device) {
            auto store = connect();
            if (!store) {
                ++failures;
                return;
            }
            ++ready;
            while (ready.load() < 2)
                std::this_thread::yield();
            qint64 seq = 0;
            for (int b = 0; b < Batches; ++b) {
                QList<IncomingChange> changes;
                for (int i = 0; i < PerBatch; ++i)
                    changes << change(++seq, newId(), 0, {{"b", b}});
                auto pushed = store.value()->push(device, newId(), changes);
                if (!pushed || pushed.value().results.size() != PerBatch)
                    ++failures;
            }
        };
        std::thread one(worker, tablet);
        std::thread two(worker, laptop);
        one.join();
        two.join();
        QCOMPARE(failures.load(), 0);

        const auto all = pullAll(setting);
        QCOMPARE(all.size(), 2 * Batches * PerBatch);
        QHash<QString, qint64> lastSeqOfDevice;
        QSet<QString> ids;
        for (int i = 0; i < all.size(); ++i) {
            QCOMPARE(all.at(i).seq, i + 1);
            ids.insert(all.at(i).id);
            lastSeqOfDevice[all.at(i).originDevice] = all.at(i).seq;
        }
        QCOMPARE(ids.size(), all.size());
        QCOMPARE(lastSeqOfDevice.size(), 2);
    }

    void testEnrolmentCodeSingleUse()
    {
        const QString setting = createSetting();
        auto code = m_store->issueEnrolmentCode(setting, {});
        QVERIFY(code.ok());
        QVERIFY(QRegularExpression("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$").match(code.value().code).hasMatch());
        QCOMPARE(code.value().expiresAt, m_clock.now().addSecs(24 * 3600));

        // Compared without dashes and case.
        const QString typed = code.value().code.toLower().remove('-');
        auto first = m_store->enrol(typed, newId(), "Seedlings tablet", sha256Hex("one"));
        QVERIFY(first.ok());
        QCOMPARE(first.value().status, EnrolOutcome::Status::Enrolled);
        QCOMPARE(first.value().settingId, setting);

        auto second = m_store->enrol(code.value().code, newId(), "Another tablet", sha256Hex("two"));
        QVERIFY(second.ok());
        QCOMPARE(second.value().status, EnrolOutcome::Status::CodeSpent);
        auto credential = m_store->authenticate(sha256Hex("two"));
        QVERIFY(credential.ok());
        QCOMPARE(credential.value().status, AuthOutcome::Status::Unknown);

        for (const QString& wrong : {QStringLiteral("AAAA-BBBB-CCCC"), QStringLiteral("short"), QString(),
                                     QStringLiteral("ÄÄÄÄ-BBBB-CCCC"), code.value().code + "X"}) {
            auto outcome = m_store->enrol(wrong, newId(), "Tablet", sha256Hex(wrong.toUtf8() + "w"));
            QVERIFY(outcome.ok());
            QCOMPARE(outcome.value().status, EnrolOutcome::Status::UnknownCode);
        }
    }

    void testEnrolmentCodeExpires()
    {
        const QString setting = createSetting();
        auto late = m_store->issueEnrolmentCode(setting, {});
        auto inTime = m_store->issueEnrolmentCode(setting, {});
        QVERIFY(late.ok() && inTime.ok());
        m_clock.advanceSecs(24 * 3600 - 60);
        auto ok = m_store->enrol(inTime.value().code, newId(), "Tablet", sha256Hex("in time"));
        QVERIFY(ok.ok());
        QCOMPARE(ok.value().status, EnrolOutcome::Status::Enrolled);
        m_clock.advanceSecs(61);
        auto expired = m_store->enrol(late.value().code, newId(), "Tablet", sha256Hex("late"));
        QVERIFY(expired.ok());
        QCOMPARE(expired.value().status, EnrolOutcome::Status::CodeSpent);
    }

    void testDeviceIdEnrolsOnce()
    {
        const QString setting = createSetting();
        const auto device = enrolDevice(setting);
        QVERIFY(!device.deviceId.isEmpty());
        auto code = m_store->issueEnrolmentCode(setting, device.deviceId);
        QVERIFY(code.ok());
        auto again = m_store->enrol(code.value().code, device.deviceId, "Same tablet", sha256Hex("again"));
        QVERIFY(again.ok());
        QCOMPARE(again.value().status, EnrolOutcome::Status::DeviceExists);
        // The refused attempt did not spend the code.
        auto other = m_store->enrol(code.value().code, newId(), "Other tablet", sha256Hex("other"));
        QVERIFY(other.ok());
        QCOMPARE(other.value().status, EnrolOutcome::Status::Enrolled);
    }

    void testRevokedDevice()
    {
        const QString setting = createSetting();
        const auto manager = enrolDevice(setting);
        const auto tablet = enrolDevice(setting);
        const auto stranger = enrolDevice(createSetting());
        QVERIFY(!manager.deviceId.isEmpty() && !tablet.deviceId.isEmpty() && !stranger.deviceId.isEmpty());

        auto before = m_store->authenticate(sha256Hex(tablet.deviceId.toLatin1()));
        QVERIFY(before.ok());
        QCOMPARE(before.value().status, AuthOutcome::Status::Ok);
        QCOMPARE(before.value().device.settingId, setting);

        auto other = m_store->revokeDevice(stranger, tablet.deviceId);
        QVERIFY(other.ok());
        QCOMPARE(other.value(), RevokeOutcome::OtherSetting);
        auto missing = m_store->revokeDevice(manager, newId());
        QVERIFY(missing.ok());
        QCOMPARE(missing.value(), RevokeOutcome::NotFound);
        auto still = m_store->authenticate(sha256Hex(tablet.deviceId.toLatin1()));
        QCOMPARE(still.value().status, AuthOutcome::Status::Ok);

        auto revoked = m_store->revokeDevice(manager, tablet.deviceId);
        QVERIFY(revoked.ok());
        QCOMPARE(revoked.value(), RevokeOutcome::Revoked);
        auto after = m_store->authenticate(sha256Hex(tablet.deviceId.toLatin1()));
        QVERIFY(after.ok());
        QCOMPARE(after.value().status, AuthOutcome::Status::Revoked);

        auto devices = m_store->devices(setting);
        QVERIFY(devices.ok());
        QCOMPARE(devices.value().size(), 2);
        for (const auto& d : devices.value())
            QCOMPARE(d.revoked, d.deviceId == tablet.deviceId);
        auto strangers = m_store->devices(stranger.settingId);
        QCOMPARE(strangers.value().size(), 1);
    }

    void testAnotherSettingsRowIsRefused()
    {
        const auto ours = enrolDevice(createSetting());
        const auto theirs = enrolDevice(createSetting());
        const QString child = newId();
        auto created = m_store->push(ours, newId(), {change(1, child, 0, {{"name", "Test Child"}}, "child")});
        QVERIFY(created.ok());
        QCOMPARE(created.value().results.at(0).status, ChangeResult::Status::Applied);

        // Another setting's device names the same row, as new and as an edit: refused, nothing stored or leaked.
        auto asNew = m_store->push(theirs, newId(),
                                   {change(1, child, 0, {{"name", "Overwritten"}}, "child"),
                                    change(2, child, 1, {{"name", "Overwritten"}}, "child"),
                                    change(3, newId(), 0, {{"name", "Their own child"}}, "child")});
        QVERIFY(asNew.ok());
        QCOMPARE(asNew.value().results.at(0).status, ChangeResult::Status::Rejected);
        QCOMPARE(asNew.value().results.at(1).status, ChangeResult::Status::Rejected);
        QVERIFY(!asNew.value().results.at(1).current.has_value()); // never their row's contents
        QCOMPARE(asNew.value().results.at(2).status, ChangeResult::Status::Applied);

        const auto ourLog = pullAll(ours.settingId);
        QCOMPARE(ourLog.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(ourLog.at(0).data).object().value("name").toString(), "Test Child");
        const auto theirLog = pullAll(theirs.settingId);
        QCOMPARE(theirLog.size(), 1);
        QVERIFY(theirLog.at(0).id != child);
        QCOMPARE(theirLog.at(0).seq, 1); // each setting counts on its own
    }

    void testServerWritesAreLoggedLikePushes()
    {
        const auto device = enrolDevice(createSetting());
        const auto other = enrolDevice(createSetting());
        const QString observation = newId();
        QVERIFY(m_store->push(device, newId(), {change(1, observation, 0, {{"text", "Stacked cups"}}, "observation")})
                    .ok());
        // The portal writes a reply and edits nothing else: the next seq, revision 1, origin "portal".
        const QString reply = newId();
        const QByteArray replyData = R"({"text":"Lovely!"})";
        auto written = m_store->writeServerChanges(device.settingId, QStringLiteral("portal"),
                                                   {ServerChange {"comment", reply, 0, false, replyData}});
        QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
        QVERIFY(written.value());
        auto log = pullAll(device.settingId);
        QCOMPARE(log.size(), 2);
        QCOMPARE(log.at(1).seq, 2);
        QCOMPARE(log.at(1).id, reply);
        QCOMPARE(log.at(1).revision, 1);
        QCOMPARE(log.at(1).originDevice, QStringLiteral("portal"));
        // A write against a revision that moved on: nothing written, not even the other rows of the same write.
        const QString another = newId();
        auto stale = m_store->writeServerChanges(device.settingId, QStringLiteral("portal"),
                                                 {ServerChange {"comment", another, 0, false, replyData},
                                                  ServerChange {"observation", observation, 0, false, "{}"}});
        QVERIFY(stale.ok());
        QVERIFY(!stale.value());
        QCOMPARE(pullAll(device.settingId).size(), 2);
        auto row = m_store->entity(device.settingId, QStringLiteral("comment"), another);
        QVERIFY(row.ok());
        QVERIFY(!row.value().has_value());
        // At the right revision it applies; a device's next push to that row must now name revision 2.
        auto edit
            = m_store->writeServerChanges(device.settingId, QStringLiteral("portal"),
                                          {ServerChange {"observation", observation, 1, false, R"({"text":"x"})"}});
        QVERIFY(edit.ok() && edit.value());
        auto conflict = m_store->push(device, newId(), {change(2, observation, 1, {{"text", "late"}}, "observation")});
        QCOMPARE(conflict.value().results.at(0).status, ChangeResult::Status::Conflict);
        // Another setting's row: refused, and its rows are not readable from here.
        auto foreign = m_store->writeServerChanges(other.settingId, QStringLiteral("portal"),
                                                   {ServerChange {"comment", reply, 1, false, replyData}});
        QVERIFY(!foreign.ok());
        QCOMPARE(foreign.code(), Error::Code::PermissionDenied);
        QVERIFY(!m_store->entity(other.settingId, QStringLiteral("comment"), reply).value().has_value());
        const auto list = m_store->entities(device.settingId, QStringLiteral("comment"));
        QCOMPARE(list.value().size(), 1);
        QCOMPARE(list.value().first().id, reply);
        QVERIFY(m_store->entities(other.settingId, QStringLiteral("comment")).value().isEmpty());
    }

    void testOversizedDataIsRejected()
    {
        const auto device = enrolDevice(createSetting());
        const QString big(Limits::ChangeData, QLatin1Char('x'));
        auto pushed = m_store->push(device, newId(),
                                    {change(1, newId(), 0, {{"text", big}}), change(2, newId(), 0, {{"text", "ok"}})});
        QVERIFY(pushed.ok());
        QCOMPARE(pushed.value().results.at(0).status, ChangeResult::Status::Rejected);
        QCOMPARE(pushed.value().results.at(1).status, ChangeResult::Status::Applied);
        QCOMPARE(pushed.value().results.at(1).serverSeq, 1);
        QCOMPARE(pullAll(device.settingId).size(), 1);
    }

    void testMediaUploads()
    {
        const auto device = enrolDevice(createSetting());
        const auto stranger = enrolDevice(createSetting());
        FolderBlobStore blobs(m_dir->filePath(QStringLiteral("media")));
        MediaUploads uploads(*m_store, blobs, testKey());

        // 150 KiB of recognisable plaintext in 64 KiB chunks: 3 chunks, the last one short.
        QByteArray file;
        while (file.size() < 150 * 1024)
            file += "ACORN-PLAINTEXT-MARKER-";
        file.truncate(150 * 1024);
        const QString mediaId = newId();
        auto started = uploads.start(device, mediaId, file.size(), sha256Hex(file), 64 * 1024);
        QCOMPARE(started.kind, MediaUploads::Outcome::Kind::Ok);
        QCOMPARE(started.chunkSize, 64 * 1024);
        QVERIFY(started.chunks.isEmpty());
        const auto chunk = [&](int i) {
            return file.mid(i * 64 * 1024, 64 * 1024);
        };

        auto damaged = uploads.putChunk(device, mediaId, 0, sha256Hex("something else"), chunk(0));
        QCOMPARE(damaged.kind, MediaUploads::Outcome::Kind::BadRequest);
        auto wrongSize = uploads.putChunk(device, mediaId, 0, sha256Hex(chunk(0).left(10)), chunk(0).left(10));
        QCOMPARE(wrongSize.kind, MediaUploads::Outcome::Kind::BadRequest);
        auto outside = uploads.putChunk(device, mediaId, 3, sha256Hex(chunk(0)), chunk(0));
        QCOMPARE(outside.kind, MediaUploads::Outcome::Kind::BadRequest);
        auto foreign = uploads.putChunk(stranger, mediaId, 0, sha256Hex(chunk(0)), chunk(0));
        QCOMPARE(foreign.kind, MediaUploads::Outcome::Kind::Forbidden);
        QCOMPARE(uploads.status(stranger, mediaId).kind, MediaUploads::Outcome::Kind::Forbidden);
        QCOMPARE(uploads.status(device, newId()).kind, MediaUploads::Outcome::Kind::NotFound);

        QCOMPARE(uploads.putChunk(device, mediaId, 2, sha256Hex(chunk(2)), chunk(2)).kind,
                 MediaUploads::Outcome::Kind::Ok);
        QCOMPARE(uploads.putChunk(device, mediaId, 0, sha256Hex(chunk(0)), chunk(0)).kind,
                 MediaUploads::Outcome::Kind::Ok);
        auto incomplete = uploads.complete(device, mediaId);
        QCOMPARE(incomplete.kind, MediaUploads::Outcome::Kind::Conflict);
        QCOMPARE(incomplete.chunks, QList<int>({1}));
        auto resumed = uploads.start(device, mediaId, file.size(), sha256Hex(file), 4 * 1024 * 1024);
        QCOMPARE(resumed.kind, MediaUploads::Outcome::Kind::Ok);
        QCOMPARE(resumed.chunkSize, 64 * 1024); // the upload keeps its chunk size
        QCOMPARE(resumed.chunks, QList<int>({0, 2}));
        QCOMPARE(uploads.start(device, mediaId, file.size() + 1, sha256Hex(file), 0).kind,
                 MediaUploads::Outcome::Kind::Conflict);

        QCOMPARE(uploads.putChunk(device, mediaId, 1, sha256Hex(chunk(1)), chunk(1)).kind,
                 MediaUploads::Outcome::Kind::Ok);
        auto done = uploads.complete(device, mediaId);
        QCOMPARE(done.kind, MediaUploads::Outcome::Kind::Ok);
        QCOMPARE(done.sha256, sha256Hex(file));
        QCOMPARE(done.size, file.size());
        QVERIFY(uploads.status(device, mediaId).complete);
        QCOMPARE(uploads.complete(device, mediaId).kind, MediaUploads::Outcome::Kind::Ok); // idempotent

        // At rest, nothing of the plaintext is on disk, and the chunks decrypt only with their file's key.
        int files = 0;
        QDirIterator it(blobs.folder(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains("PLAINTEXT-MARKER"), qPrintable(f.fileName()));
            QCOMPARE(f.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
            ++files;
        }
        QCOMPARE(files, 3);
        auto sealed = blobs.get(MediaUploads::blobName(mediaId, 1), 1 << 20);
        QVERIFY(sealed.ok());
        QVERIFY(!ChunkCipher::open(sealed.value(), ChunkCipher::newFileKey(), mediaId, 1).ok());

        // Chunks that match their own checksums but not the file's: all discarded, the upload starts again.
        const QString other = newId();
        QByteArray twoChunks = file.left(128 * 1024);
        QCOMPARE(uploads.start(device, other, twoChunks.size(), sha256Hex("not these bytes"), 64 * 1024).kind,
                 MediaUploads::Outcome::Kind::Ok);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(uploads.putChunk(device, other, i, sha256Hex(chunk(i)), chunk(i)).kind,
                     MediaUploads::Outcome::Kind::Ok);
        auto mismatch = uploads.complete(device, other);
        QCOMPARE(mismatch.kind, MediaUploads::Outcome::Kind::Conflict);
        QCOMPARE(mismatch.chunks, QList<int>({0, 1}));
        QVERIFY(uploads.status(device, other).chunks.isEmpty());
        QVERIFY(!blobs.exists(MediaUploads::blobName(other, 0)));

        // Limits.
        QCOMPARE(uploads.start(device, newId(), 500LL * 1000 * 1000 + 1, sha256Hex("x"), 0).kind,
                 MediaUploads::Outcome::Kind::TooLarge);
        QCOMPARE(uploads.start(device, newId(), 10, "NOT-HEX", 0).kind, MediaUploads::Outcome::Kind::BadRequest);
    }
};

QTEST_GUILESS_MAIN(TestServerStore)
#include "tst_serverstore.moc"
