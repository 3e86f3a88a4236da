// Helper for tst_crashsafety: opens the journal with the key in ACORN_TEST_KEY (hex; test-only) and commits bursts
// of rows forever, printing "committed N" after each commit. The test kills it with SIGKILL at random moments.
#include "crypto/SecureBuffer.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <cstdio>

using namespace Acorn;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3)
        return 2;
    QByteArray hex = qgetenv("ACORN_TEST_KEY");
    QByteArray raw = QByteArray::fromHex(hex);
    const SecureBuffer key = SecureBuffer::takeFrom(raw);
    auto db = Database::open(QString::fromLocal8Bit(argv[1]), key);
    if (!db) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    qint64 next = QByteArray(argv[2]).toLongLong();
    for (;;) {
        Transaction transaction(*db.value());
        for (int i = 0; i < 20; ++i) {
            QSqlQuery q(db.value()->sql());
            q.prepare("INSERT INTO burst (n, payload) VALUES (?, randomblob(300))");
            q.addBindValue(next + i);
            if (!q.exec())
                return 1;
        }
        if (!transaction.commit())
            return 1;
        next += 20;
        std::printf("committed %lld\n", next);
        std::fflush(stdout);
    }
}
