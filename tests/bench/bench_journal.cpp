// The journal at nursery scale, each figure next to a baseline from the same run:
//  1. opening a child's journal holding 5,000 observations and 20,000 media items: time to the first screen
//     (30 entries, consent applied) and the memory it takes, against loading the whole journal at once;
//  2. full-text search over 100,000 observations (FTS5), against a LIKE scan of the same rows;
//  3. insert throughput of tagged observations through the Observations service, against raw INSERTs.
#include "TestNursery.h"

#include "domain/Ids.h"
#include "journal/JournalQuery.h"
#include "journal/Observations.h"
#include "people/Children.h"
#include "people/Rooms.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace Acorn;

namespace {
qint64 rssKiB()
{
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const auto& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

const char* Words[]
    = {"blocks", "tower",  "paint",  "sand",   "water", "story", "counted", "jumped", "shared", "laughed",
       "garden", "leaves", "bucket", "puzzle", "song",  "drew",  "circle",  "friend", "snack",  "coat"};

// A vocabulary like a nursery's writing: a few very common words and a long tail (Zipf-like), so that a search
// matches tens to hundreds of entries, not half the journal.
const QStringList& vocabulary()
{
    static const QStringList words = [] {
        QStringList list;
        for (const auto* w : Words)
            list << QString::fromLatin1(w);
        const char* syllables[] = {"ba", "ko", "ri", "mu", "te", "lo", "na", "si", "pe", "du", "fa", "gi"};
        for (int a = 0; a < 12; ++a)
            for (int b = 0; b < 12; ++b)
                for (int c = 0; c < 12; ++c)
                    list << QString::fromLatin1(syllables[a]) + syllables[b] + syllables[c];
        return list;
    }();
    return words;
}

QString sentence(QRandomGenerator& rng, int words)
{
    const auto& vocab = vocabulary();
    QStringList w;
    for (int i = 0; i < words; ++i) {
        // Half the words from the 20 common ones, the rest spread over ~1,700 rarer ones.
        const int index = rng.bounded(2) ? int(rng.bounded(20)) : 20 + int(rng.bounded(int(vocab.size()) - 20));
        w << vocab[index];
    }
    return w.join(' ');
}

double medianMs(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

QString makeChild(Session& s, const QString& room, const QString& name)
{
    Child c;
    c.firstName = name;
    c.lastName = "Benchling";
    c.roomId = room;
    c.status = ChildStatus::Active;
    const QString id = Children(s).create(c).value().id;
    (void)Children(s).setPhotoConsent(id, PhotoConsent::Yes);
    return id;
}

// Raw rows, the way sync will bring them in: fast to make, identical to what the services write.
void insertObservations(Session& s, const QString& childId, const QString& otherChild, int count, int mediaEach,
                        QRandomGenerator& rng)
{
    Transaction t(s.database());
    QSqlQuery o(s.database().sql()), oc(s.database().sql()), tag(s.database().sql()), m(s.database().sql()),
        mc(s.database().sql());
    o.prepare("INSERT INTO observations (id, author_staff_id, observed_at, text, next_steps, status, created_at, "
              "updated_at, origin_device) VALUES (?, ?, ?, ?, ?, 'published', ?, ?, 'bench')");
    oc.prepare("INSERT INTO observation_children (observation_id, child_id) VALUES (?, ?)");
    tag.prepare("INSERT INTO observation_tags (observation_id, framework, tag) VALUES (?, 'eyfs-2024', ?)");
    m.prepare("INSERT INTO media_items (id, observation_id, kind, sha256, size, width, height, vault_file, file_key, "
              "thumbnail_file, thumbnail_key, created_at, updated_at, origin_device) VALUES (?, ?, 'photo', "
              "randomblob(32), 3000000, 4000, 3000, ?, randomblob(32), ?, randomblob(32), ?, ?, 'bench')");
    mc.prepare("INSERT INTO media_children (media_id, child_id) VALUES (?, ?)");
    const QDateTime base(QDate(2026, 6, 1), QTime(9, 0), QTimeZone::utc());
    for (int i = 0; i < count; ++i) {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString at = Ids::toIso(base.addSecs(-qint64(i) * 1800));
        o.addBindValue(id);
        o.addBindValue(s.staff().id);
        o.addBindValue(at);
        o.addBindValue(sentence(rng, 25));
        o.addBindValue(sentence(rng, 8));
        o.addBindValue(at);
        o.addBindValue(at);
        o.exec();
        oc.addBindValue(id);
        oc.addBindValue(childId);
        oc.exec();
        tag.addBindValue(id);
        tag.addBindValue(i % 2 ? "eyfs.maths.number" : "eyfs.cl.speaking");
        tag.exec();
        for (int k = 0; k < mediaEach; ++k) {
            const QString mid = QUuid::createUuid().toString(QUuid::WithoutBraces);
            m.addBindValue(mid);
            m.addBindValue(id);
            m.addBindValue(mid.left(8));
            m.addBindValue(mid.right(8));
            m.addBindValue(at);
            m.addBindValue(at);
            m.exec();
            mc.addBindValue(mid);
            mc.addBindValue(k == 3 && !otherChild.isEmpty() ? otherChild : childId);
            mc.exec();
        }
    }
    (void)t.commit();
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules("acorn.*.info=false");
    QRandomGenerator rng(42);
    Test::TestNursery nursery;
    auto session = nursery.signIn();
    auto& s = *session;
    const QString room = Rooms(s).create("Bench Room").value().id;
    const QString child = makeChild(s, room, "Journal");
    const QString other = makeChild(s, room, "Other");
    (void)Children(s).setPhotoConsent(other, PhotoConsent::No); // every 4th photo shows a child without consent

    // 1. One child's journal: 5,000 observations, 20,000 media items.
    insertObservations(s, child, other, 5000, 4, rng);
    s.end(Session::EndReason::SignOut);
    session = nursery.signIn(); // cold: a fresh connection and page cache
    QList<double> firstScreen;
    const qint64 rssBefore = rssKiB();
    int shown = 0, mediaShown = 0;
    for (int run = 0; run < 7; ++run) {
        QElapsedTimer t;
        t.start();
        const auto page = JournalQuery(*session).timeline(child, {}, 30, 0);
        firstScreen << t.nsecsElapsed() / 1e6;
        shown = int(page.size());
        mediaShown = 0;
        for (const auto& e : page)
            mediaShown += int(e.media.size());
    }
    const qint64 rssFirst = qMax<qint64>(0, rssKiB() - rssBefore);
    QElapsedTimer all;
    all.start();
    const auto everything = JournalQuery(*session).timeline(child, {}, 500, 0);
    int loaded = int(everything.size());
    for (int offset = 500; offset < 5000; offset += 500)
        loaded += int(JournalQuery(*session).timeline(child, {}, 500, offset).size());
    const double allMs = all.nsecsElapsed() / 1e6;
    const qint64 rssAll = rssKiB() - rssBefore;
    std::printf("bench_journal: first screen of a 5,000-observation / 20,000-media journal: median %.1f ms for %d "
                "entries (%d photos after consent), +%lld KiB; loading all %d entries: %.0f ms, +%lld KiB "
                "(goal < 100 ms)\n",
                medianMs(firstScreen), shown, mediaShown, static_cast<long long>(rssFirst), loaded, allMs,
                static_cast<long long>(rssAll));

    // 2. Full-text search over 100,000 observations.
    const QString many = makeChild(*session, room, "Search");
    QElapsedTimer fill;
    fill.start();
    insertObservations(*session, many, {}, 95000, 0, rng);
    const double fillMs = fill.nsecsElapsed() / 1e6;
    QList<double> fts, like;
    int hits = 0;
    // One common and one rarer word, as people search ("tower" + a name or a place).
    const QStringList queries {"tower bakomu", "puzzle ritelo", "garden nasipe", "circle dufagi", "coat mukori"};
    for (int run = 0; run < 4; ++run) {
        for (const auto& q : queries) {
            QElapsedTimer t;
            t.start();
            hits = int(JournalQuery(*session).search(q, 50).size());
            fts << t.nsecsElapsed() / 1e6;
            t.restart();
            QSqlQuery scan(session->database().sql());
            scan.prepare(
                "SELECT id FROM observations WHERE text LIKE ? AND text LIKE ?"); // every match, as ranking needs
            const auto words = q.split(' ');
            scan.addBindValue('%' + words[0] + '%');
            scan.addBindValue('%' + words[1] + '%');
            scan.exec();
            while (scan.next()) { }
            like << t.nsecsElapsed() / 1e6;
        }
    }
    std::printf("bench_journal: full-text search over 100,000 observations: median %.1f ms (%d results, consent and "
                "rooms applied) vs LIKE scan %.1f ms (goal < 20 ms)\n",
                medianMs(fts), hits, medianMs(like));

    // 3. Insert throughput of tagged observations.
    const int n = 500;
    Observations observations(*session);
    QElapsedTimer t;
    t.start();
    {
        Transaction batch(session->database());
        for (int i = 0; i < n; ++i) {
            auto o = observations.createDraft({child}).value();
            o.text = sentence(rng, 25);
            o.nextSteps = sentence(rng, 8);
            o.tags = {{"eyfs-2024", "eyfs.cl.speaking"}, {"coel", "coel.playing-exploring"}};
            (void)observations.saveDraft(o);
        }
        (void)batch.commit();
    }
    const double serviceRate = n / (t.nsecsElapsed() / 1e9);
    t.restart();
    insertObservations(*session, child, {}, n, 0, rng);
    const double rawRate = n / (t.nsecsElapsed() / 1e9);
    std::printf("bench_journal: tagged observations through the service (draft + history + FTS) %.0f/s vs raw "
                "INSERTs %.0f/s (ratio %.2f); bulk fill of 95,000 took %.1f s\n",
                serviceRate, rawRate, serviceRate / rawRate, fillMs / 1000);
    return 0;
}
