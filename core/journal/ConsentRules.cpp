#include "journal/ConsentRules.h"

#include "storage/Database.h"

#include <QSqlQuery>

namespace Acorn {

bool ConsentRules::visibleInJournalOf(const QString& journalChildId, const QHash<QString, PhotoConsent>& appearing)
{
    for (auto it = appearing.cbegin(); it != appearing.cend(); ++it)
        if (it.key() != journalChildId && it.value() != PhotoConsent::Yes)
            return false;
    return true;
}

bool ConsentRules::visibleEverywhere(const QHash<QString, PhotoConsent>& appearing)
{
    return visibleInJournalOf(QString(), appearing);
}

QString ConsentRules::sqlVisibleIn(const QString& mediaAlias, const QString& childParam)
{
    const QString notOwn = childParam.isEmpty() ? QString() : QStringLiteral(" AND mc.child_id <> %1").arg(childParam);
    return QStringLiteral("NOT EXISTS (SELECT 1 FROM media_children mc JOIN children cc ON cc.id = mc.child_id "
                          "WHERE mc.media_id = %1.id%2 AND cc.photo_consent <> 'yes')")
        .arg(mediaAlias, notOwn);
}

QList<ConsentRules::HiddenMedia> ConsentRules::hiddenMedia(const QStringList& observationChildIds,
                                                           const QHash<QString, QStringList>& mediaChildren,
                                                           const QHash<QString, PhotoConsent>& consentOf)
{
    QList<HiddenMedia> hidden;
    for (auto media = mediaChildren.cbegin(); media != mediaChildren.cend(); ++media) {
        for (const auto& journal : observationChildIds) {
            QStringList because;
            for (const auto& appearing : media.value())
                if (appearing != journal && consentOf.value(appearing, PhotoConsent::NotRecorded) != PhotoConsent::Yes)
                    because << appearing;
            if (!because.isEmpty())
                hidden.append({media.key(), journal, because});
        }
    }
    return hidden;
}

QHash<QString, PhotoConsent> ConsentRules::consentOf(const Database& database, const QStringList& childIds)
{
    QHash<QString, PhotoConsent> result;
    QSqlQuery q(database.sql());
    q.prepare(QStringLiteral("SELECT photo_consent FROM children WHERE id = ?"));
    for (const auto& id : childIds) {
        q.bindValue(0, id);
        result.insert(id,
                      q.exec() && q.next() ? photoConsentFromKey(q.value(0).toString()) : PhotoConsent::NotRecorded);
        q.finish();
    }
    return result;
}

} // namespace Acorn
