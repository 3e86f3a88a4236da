// SQLCipher vs plain SQLite on the same schema and workload, in one process, through the same QSQLCIPHER driver
// (a keyless connection is plain SQLite). Prints the ratios, which hold on a noisy machine where absolute times don't.
#include "crypto/SecureBuffer.h"
#include "storage/SqlCipherDriver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <cstdio>

using namespace Acorn;

namespace {
struct Figures
{
    double insertsPerSec = 0;
    double lookupsPerSec = 0;
    double scansPerSec = 0;
};

const int Rows = 100000;
const int Lookups = 20000;
const int Scans = 300;

Figures run(const QString& path, const SecureBuffer* key, const QStringList& ids, const QStringList& texts)
{
    const QString name = key ? "enc" : "plain";
    Figures f;
    {
        auto db = QSqlDatabase::addDatabase(SqlCipherDriver::DriverName, name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("open failed");
        if (key && !static_cast<SqlCipherDriver*>(db.driver())->setKey(*key))
            qFatal("key failed");
        QSqlQuery q(db);
        for (const auto* p : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA temp_store = MEMORY",
                              "PRAGMA cache_size = -65536"})
            q.exec(p);
        q.exec("CREATE TABLE observations (id TEXT PRIMARY KEY, author TEXT, observed_at TEXT, text TEXT, "
               "next_steps TEXT, status TEXT, revision INTEGER)");
        q.exec("CREATE INDEX obs_at ON observations(observed_at)");

        QElapsedTimer t;
        t.start();
        QSqlQuery insert(db);
        insert.prepare("INSERT INTO observations VALUES (?, ?, ?, ?, ?, 'published', 1)");
        for (int i = 0; i < Rows; ++i) {
            if (i % 1000 == 0)
                db.transaction();
            insert.bindValue(0, ids[i]);
            insert.bindValue(1, QStringLiteral("staff-%1").arg(i % 12));
            insert.bindValue(2,
                             QStringLiteral("2026-%1-%2T09:00:00.000Z")
                                 .arg(1 + i % 12, 2, 10, QChar('0'))
                                 .arg(1 + i % 28, 2, 10, QChar('0')));
            insert.bindValue(3, texts[i % texts.size()]);
            insert.bindValue(4, texts[(i + 7) % texts.size()]);
            if (!insert.exec())
                qFatal("insert failed: %s", qPrintable(insert.lastError().text()));
            if (i % 1000 == 999)
                db.commit();
        }
        f.insertsPerSec = Rows / (t.nsecsElapsed() / 1e9);

        auto* rng = QRandomGenerator::global();
        QSqlQuery lookup(db);
        lookup.prepare("SELECT text, next_steps FROM observations WHERE id = ?");
        t.restart();
        for (int i = 0; i < Lookups; ++i) {
            lookup.bindValue(0, ids[int(rng->bounded(Rows))]);
            lookup.exec();
            lookup.next();
        }
        f.lookupsPerSec = Lookups / (t.nsecsElapsed() / 1e9);

        QSqlQuery scan(db);
        scan.setForwardOnly(true);
        scan.prepare("SELECT id, text FROM observations WHERE observed_at >= ? AND observed_at < ? "
                     "ORDER BY observed_at DESC LIMIT 50");
        t.restart();
        for (int i = 0; i < Scans; ++i) {
            scan.bindValue(0, QStringLiteral("2026-%1-01").arg(1 + i % 12, 2, 10, QChar('0')));
            scan.bindValue(1, QStringLiteral("2026-%1-15").arg(1 + i % 12, 2, 10, QChar('0')));
            scan.exec();
            while (scan.next()) { }
        }
        f.scansPerSec = Scans / (t.nsecsElapsed() / 1e9);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return f;
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    SqlCipherDriver::registerDriver();
    QTemporaryDir dir;
    QStringList ids, texts;
    for (int i = 0; i < Rows; ++i)
        ids << QUuid::createUuid().toString(QUuid::WithoutBraces);
    for (int i = 0; i < 64; ++i)
        texts << QStringLiteral("Observation %1: built a tall tower of blocks, counted them aloud to %2 and laughed "
                                "when it fell. Next: offer larger blocks and model comparing heights.")
                     .arg(i)
                     .arg(i % 10 + 3);
    const SecureBuffer key = SecureBuffer::random(32);
    // Alternate the order so neither side always runs on a warmer machine.
    const Figures plain1 = run(dir.filePath("plain1.db"), nullptr, ids, texts);
    const Figures enc1 = run(dir.filePath("enc1.db"), &key, ids, texts);
    const Figures enc2 = run(dir.filePath("enc2.db"), &key, ids, texts);
    const Figures plain2 = run(dir.filePath("plain2.db"), nullptr, ids, texts);
    const auto avg = [](double a, double b) {
        return (a + b) / 2;
    };
    const double pi = avg(plain1.insertsPerSec, plain2.insertsPerSec), ei = avg(enc1.insertsPerSec, enc2.insertsPerSec);
    const double pl = avg(plain1.lookupsPerSec, plain2.lookupsPerSec), el = avg(enc1.lookupsPerSec, enc2.lookupsPerSec);
    const double ps = avg(plain1.scansPerSec, plain2.scansPerSec), es = avg(enc1.scansPerSec, enc2.scansPerSec);
    std::printf("bench_storage: %d rows; inserts %.0f/s encrypted vs %.0f/s plain (ratio %.2f); "
                "point lookups %.0f/s vs %.0f/s (ratio %.2f); range scans %.0f/s vs %.0f/s (ratio %.2f)\n",
                Rows, ei, pi, ei / pi, el, pl, el / pl, es, ps, es / ps);
    return 0;
}
