// "Nothing sensitive in the clear": store known marker strings everywhere data can go, then read every byte of every
// file under the data folder (database, WAL, keyring, throttle file) and fail on any marker, in UTF-8 or UTF-16.
#include "TestNursery.h"

#include "auth/AuditLog.h"
#include "auth/DraftStore.h"
#include "auth/SettingsStore.h"
#include "auth/StaffAccounts.h"
#include "domain/Ids.h"
#include "storage/Database.h"

#include <QDirIterator>
#include <QSqlQuery>
#include <QTest>

using namespace Acorn;
using Acorn::Test::TestNursery;

namespace {
const QStringList Markers {"ZEBRAFINCH-CHILD-7731", "MARMALADE-OBSERVATION-4410", "QUINCEJELLY-NEXTSTEP-2290",
                           "HUMBUG-GUARDIAN-8812",  "PEPPERMINT-DRAFT-5533",      "Lantern-Moth-55"};

QStringList findMarkers(const QString& root)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        for (const auto& m : Markers) {
            const QByteArray utf16(reinterpret_cast<const char*>(m.utf16()), int(m.size() * 2));
            if (bytes.contains(m.toUtf8()) || bytes.contains(utf16) || bytes.contains(m.toLower().toUtf8()))
                found << QString("%1 in %2").arg(m, QFileInfo(path).fileName());
        }
    }
    return found;
}
} // namespace

class TestPlaintextScan : public QObject
{
    Q_OBJECT
private slots:
    void testNoMarkerOnDisk()
    {
        TestNursery nursery;
        QVERIFY(nursery.isValid());
        QVERIFY(nursery.addStaff("otto", "Otto Fennick", Role::Practitioner, "Lantern-Moth-55"));
        auto session = nursery.signIn();
        QVERIFY(session);
        auto& db = session->database();
        const QString now = Ids::toIso(nursery.clock().now());
        QVERIFY(db.exec(QString("INSERT INTO children (id, first_name, last_name, created_at, updated_at, "
                                "origin_device) VALUES ('c1', '%1', 'Lastname', '%2', '%2', 'd')")
                            .arg(Markers[0], now)));
        QVERIFY(db.exec(QString("INSERT INTO observations (id, author_staff_id, observed_at, text, next_steps, status, "
                                "created_at, updated_at, origin_device) VALUES ('o1', '%1', '%2', '%3', '%4', "
                                "'published', '%2', '%2', 'd')")
                            .arg(session->staff().id, now, Markers[1], Markers[2])));
        QVERIFY(db.exec(QString("INSERT INTO guardians (id, name, created_at, updated_at, origin_device) VALUES "
                                "('g1', '%1', '%2', '%2', 'd')")
                            .arg(Markers[3], now)));
        DraftStore drafts(db, session->staff().id, nursery.clock());
        QVERIFY(drafts.save("staff-editor", {}, Markers[4].toUtf8()));

        // While the database is open (the WAL holds the fresh pages)...
        QStringList found = findMarkers(nursery.path());
        QVERIFY2(found.isEmpty(), qPrintable(found.join(", ")));

        // ...and after it is closed and checkpointed.
        session->end(Session::EndReason::SignOut);
        found = findMarkers(nursery.path());
        QVERIFY2(found.isEmpty(), qPrintable(found.join(", ")));

        // The scan itself works: a plain file with a marker is found.
        QFile canary(nursery.path() + "/canary.txt");
        QVERIFY(canary.open(QIODevice::WriteOnly));
        canary.write(Markers[0].toUtf8());
        canary.close();
        QCOMPARE(findMarkers(nursery.path()).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPlaintextScan)
#include "tst_plaintextscan.moc"
