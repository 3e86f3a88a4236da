#include "journal/JournalQuery.h"

#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "domain/Ids.h"
#include "journal/ConsentRules.h"
#include "journal/MediaRow.h"
#include "journal/Observations.h"
#include "storage/Database.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTimeZone>

namespace Acorn {

namespace {
struct Where
{
    QString sql;
    QVariantList binds;
};

Where filterClause(const JournalFilter& f)
{
    Where w;
    if (f.from.isValid()) {
        w.sql += QStringLiteral(" AND o.observed_at >= ?");
        w.binds << Ids::toIso(f.from.startOfDay(QTimeZone::utc()));
    }
    if (f.to.isValid()) {
        w.sql += QStringLiteral(" AND o.observed_at < ?");
        w.binds << Ids::toIso(f.to.addDays(1).startOfDay(QTimeZone::utc()));
    }
    if (!f.areaTag.isEmpty()) {
        w.sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM observation_tags t WHERE t.observation_id = o.id AND "
                                "(t.tag = ? OR substr(t.tag, 1, length(?) + 1) = ? || '.' "
                                "OR substr(t.tag, 1, length(?) + 1) = ? || '@'))");
        w.binds << f.areaTag << f.areaTag << f.areaTag << f.areaTag << f.areaTag;
    }
    if (!f.authorStaffId.isEmpty()) {
        w.sql += QStringLiteral(" AND o.author_staff_id = ?");
        w.binds << f.authorStaffId;
    }
    if (f.status) {
        w.sql += QStringLiteral(" AND o.status = ?");
        w.binds << observationStatusKey(*f.status);
    }
    const QString fts = JournalQuery::ftsQuery(f.text);
    if (!fts.isEmpty()) {
        w.sql += QStringLiteral(
            " AND o.rowid IN (SELECT rowid FROM observation_search WHERE observation_search MATCH ?)");
        w.binds << fts;
    }
    return w;
}
} // namespace

JournalQuery::JournalQuery(Session& session)
    : m_session(session)
{
}

QString JournalQuery::ftsQuery(const QString& text)
{
    static const QRegularExpression words(QStringLiteral("[\\p{L}\\p{N}]+"));
    QStringList parts;
    auto it = words.globalMatch(text);
    while (it.hasNext())
        parts << QLatin1Char('"') + it.next().captured(0) + QLatin1Char('"');
    if (parts.isEmpty())
        return {};
    parts.last() += QLatin1Char('*');
    return parts.join(QLatin1Char(' '));
}

QList<JournalEntry> JournalQuery::timeline(const QString& childId, const JournalFilter& filter, int limit,
                                           int offset) const
{
    if (!ChildAccess(m_session).canSeeChild(childId))
        return {};
    const Where w = filterClause(filter);
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT o.id FROM observation_children oc JOIN observations o ON o.id = oc.observation_id "
                       "WHERE oc.child_id = ? AND o.deleted = 0 AND (o.status <> 'draft' OR o.author_staff_id = ?)"
                       "%1 ORDER BY o.observed_at DESC, o.id LIMIT ? OFFSET ?")
            .arg(w.sql));
    q.addBindValue(childId);
    q.addBindValue(m_session.staff().id);
    for (const auto& b : w.binds)
        q.addBindValue(b);
    q.addBindValue(qBound(1, limit, 500));
    q.addBindValue(qMax(0, offset));
    QStringList ids;
    if (q.exec())
        while (q.next())
            ids << q.value(0).toString();
    return load(ids, childId);
}

int JournalQuery::count(const QString& childId, const JournalFilter& filter) const
{
    if (!ChildAccess(m_session).canSeeChild(childId))
        return 0;
    const Where w = filterClause(filter);
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT count(*) FROM observation_children oc JOIN observations o ON o.id = "
                             "oc.observation_id WHERE oc.child_id = ? AND o.deleted = 0 AND (o.status <> 'draft' OR "
                             "o.author_staff_id = ?)%1")
                  .arg(w.sql));
    q.addBindValue(childId);
    q.addBindValue(m_session.staff().id);
    for (const auto& b : w.binds)
        q.addBindValue(b);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

QList<JournalEntry> JournalQuery::search(const QString& text, int limit) const
{
    const QString fts = ftsQuery(text);
    if (fts.isEmpty())
        return {};
    const ChildAccess access(m_session);
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT o.id, (SELECT group_concat(child_id) FROM observation_children WHERE "
                       "observation_id = o.id) FROM observation_search s JOIN observations o ON o.rowid = s.rowid "
                       "WHERE observation_search MATCH ? AND o.deleted = 0 AND (o.status <> 'draft' OR "
                       "o.author_staff_id = ?) ORDER BY s.rank LIMIT ?"));
    q.addBindValue(fts);
    q.addBindValue(m_session.staff().id);
    q.addBindValue(qBound(1, limit, 500) * 4); // room for the ones filtered out below
    QStringList ids;
    if (q.exec()) {
        while (q.next() && ids.size() < limit) {
            const QStringList children = q.value(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
            if (std::any_of(children.cbegin(), children.cend(),
                            [&](const QString& c) { return access.canSeeChild(c); }))
                ids << q.value(0).toString();
        }
    }
    return load(ids, QString());
}

QList<JournalEntry> JournalQuery::load(const QStringList& ids, const QString& journalChildId) const
{
    QList<JournalEntry> entries;
    if (ids.isEmpty())
        return entries;
    Observations observations(m_session);
    QHash<QString, int> index;
    for (const auto& id : ids) {
        auto o = observations.load(id);
        if (!o)
            continue;
        JournalEntry e;
        e.observation = *o;
        index.insert(id, int(entries.size()));
        entries.append(e);
    }
    const QString placeholders = QStringList(QList<QString>(ids.size(), QStringLiteral("?"))).join(QLatin1Char(','));

    QSqlQuery names(m_session.database().sql());
    names.prepare(
        QStringLiteral("SELECT o.id, coalesce(s.display_name, g.name), (SELECT count(*) FROM comments c WHERE "
                       "c.observation_id = o.id AND c.deleted = 0) FROM observations o LEFT JOIN staff s ON "
                       "s.id = o.author_staff_id LEFT JOIN guardians g ON g.id = o.author_guardian_id WHERE "
                       "o.id IN (%1)")
            .arg(placeholders));
    for (const auto& id : ids)
        names.addBindValue(id);
    if (names.exec()) {
        while (names.next()) {
            const int i = index.value(names.value(0).toString(), -1);
            if (i >= 0) {
                entries[i].authorName = names.value(1).toString();
                entries[i].commentCount = names.value(2).toInt();
            }
        }
    }

    // Media, with the consent rule applied in SQL for this journal (or for every journal).
    QSqlQuery media(m_session.database().sql());
    media.setForwardOnly(true);
    media.prepare(QStringLiteral("SELECT %3 FROM media_items m WHERE m.deleted = 0 AND m.observation_id IN (%1) AND %2 "
                                 "ORDER BY m.captured_at, m.rowid")
                      .arg(placeholders,
                           ConsentRules::sqlVisibleIn(QStringLiteral("m"),
                                                      journalChildId.isEmpty() ? QString() : QStringLiteral("?")),
                           MediaRow::columns()));
    for (const auto& id : ids)
        media.addBindValue(id);
    if (!journalChildId.isEmpty())
        media.addBindValue(journalChildId);
    if (media.exec()) {
        while (media.next()) {
            const MediaItem m = MediaRow::from(media);
            const int i = index.value(m.observationId, -1);
            if (i >= 0)
                entries[i].media.append(m);
        }
    }
    return entries;
}

QList<MediaItem> JournalQuery::mediaInJournalOf(const QString& childId) const
{
    QList<MediaItem> all;
    int offset = 0;
    for (;;) {
        const auto page = timeline(childId, {}, 200, offset);
        for (const auto& e : page)
            if (e.observation.status == ObservationStatus::Published)
                all += e.media;
        if (page.size() < 200)
            break;
        offset += 200;
    }
    return all;
}

} // namespace Acorn
