#pragma once

#include "Result.h"
#include "sync/SyncTypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Acorn {
class Clock;
}

namespace Acorn::Server {

class MediaUploads;
class ServerStore;

// A signed-in parent or carer, as the portal knows them: who, and in which setting.
struct GuardianIdentity
{
    QString settingId;
    QString guardianId;
};

// The parent portal's journal, over the rows devices synced (docs/sync-protocol.md): what a guardian may see and
// add. Every call checks, from the rows as they are now, that the guardian is linked to the child, has signed the
// current agreement, and that each entry is published, not staff-only and complete (all its media arrived), and
// applies the photo-consent rule (core ConsentRules) to every media item. What a parent adds — a reply under an
// observation, a home observation (pending until staff approve it) — is written as rows of the same shape devices
// write, with origin "portal", so every device pulls it into the approval queue. Nothing here knows HTTP.
class PortalJournal final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::PortalJournal)
public:
    static constexpr int MaxTextLength = 10000;
    static constexpr int MaxReplyLength = 2000;
    static constexpr int PageSize = 20;

    struct Child
    {
        QString id;
        QString name; // preferred name, else first name
    };
    struct Media
    {
        QString id;
        QString kind; // photo | video | audio
        int width = 0;
        int height = 0;
        qint64 durationMs = 0;
    };
    struct Reply
    {
        QString id;
        QString text;
        QDateTime at;
        bool byNursery = false;
        bool byMe = false;
        QString authorName; // a guardian's name, or empty for the nursery
    };
    struct Entry
    {
        QString id;
        QDateTime observedAt;
        QString text;
        QString nextSteps;
        QString status; // published | pending | declined
        QString declinedReason;
        bool byMe = false; // a contribution of this guardian
        QStringList childIds;
        QList<Media> media;
        QList<Reply> replies;
    };
    struct Page
    {
        QList<Entry> entries;
        int page = 0;
        bool more = false;
    };
    struct NewMedia
    {
        QString id; // the media id its bytes were stored under (MediaUploads), complete
        QString kind;
        QByteArray sha256; // raw 32 bytes
        qint64 size = 0;
        int width = 0;
        int height = 0;
        qint64 durationMs = 0;
    };

    PortalJournal(ServerStore& store, const Clock& clock);

    // The children this guardian may see now (linked, agreement signed); empty if none.
    [[nodiscard]] Result<QList<Child>> children(const GuardianIdentity& guardian);
    // The child's journal, newest first: published, not staff-only, every media item complete and consent-visible
    // in this child's journal; replies under each. NotFound (never "forbidden": nothing is confirmed) for a child the
    // guardian may not see.
    [[nodiscard]] Result<Page> journal(const GuardianIdentity& guardian, const QString& childId, int page);
    // This guardian's own home observations, newest first, whatever their state.
    [[nodiscard]] Result<QList<Entry>> contributions(const GuardianIdentity& guardian);
    // Whether this media item may be shown to this guardian in this child's journal (streaming checks every time).
    [[nodiscard]] Result<bool> mayShowMedia(const GuardianIdentity& guardian, const QString& childId,
                                            const QString& mediaId);

    [[nodiscard]] Result<Reply> addReply(const GuardianIdentity& guardian, const QString& observationId,
                                         const QString& text);
    // A home observation for some of the guardian's children, pending until staff approve it.
    [[nodiscard]] Result<Entry> addContribution(const GuardianIdentity& guardian, const QStringList& childIds,
                                                const QString& text, const QList<NewMedia>& media);

    // A flag as devices write it (0/1), read so that any "on" counts whatever its JSON type: true, 1, "1", "true".
    static bool isOn(const QJsonValue& value);

    // Origin recorded on rows the portal writes.
    static QString origin() { return QStringLiteral("portal"); }

private:
    struct Snapshot; // the setting's rows a request needs, read once
    [[nodiscard]] Result<Snapshot> load(const GuardianIdentity& guardian, bool withJournal);
    Entry toEntry(const Snapshot& s, const QString& observationId, const QJsonObject& o, const QString& journalChildId,
                  const GuardianIdentity& guardian) const;

    ServerStore& m_store;
    const Clock& m_clock;
};

} // namespace Acorn::Server
