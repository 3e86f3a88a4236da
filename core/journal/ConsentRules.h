#pragma once

#include "domain/Child.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Acorn {

class Database;

// The photo-consent rule (DESIGN.md §4), in one place: a media item in which child A appears, A's consent not being
// "yes", is shown only in A's own journal. "Not recorded" counts as no. Every listing of media goes through here
// (or through sqlVisibleIn(), the same rule as SQL), so that changing a child's consent applies at once everywhere.
class ConsentRules final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::ConsentRules)
public:
    // `appearing`: child id → that child's consent, for the children who appear in the media item.
    static bool visibleInJournalOf(const QString& journalChildId, const QHash<QString, PhotoConsent>& appearing);
    // For views that belong to no single child (a search over all journals, a staff meeting): the item is shown
    // only if it could be shown in every journal.
    static bool visibleEverywhere(const QHash<QString, PhotoConsent>& appearing);

    // SQL condition: media item `mediaAlias` is visible in the journal of the child bound as `childParam`
    // (e.g. ":journal_child"). Pass an empty childParam for visibleEverywhere().
    static QString sqlVisibleIn(const QString& mediaAlias, const QString& childParam);

    struct HiddenMedia
    {
        QString mediaId;
        QString journalChildId; // whose journal will not show it
        QStringList becauseOfChildIds; // who appears in it without consent
    };
    // What the editor warns about before saving: for each media item and each child of the observation, whether
    // that child's journal will leave it out, and because of whom.
    static QList<HiddenMedia> hiddenMedia(const QStringList& observationChildIds,
                                          const QHash<QString, QStringList>& mediaChildren,
                                          const QHash<QString, PhotoConsent>& consentOf);
    static QHash<QString, PhotoConsent> consentOf(const Database& database, const QStringList& childIds);
};

} // namespace Acorn
