#pragma once

#include "journal/JournalQuery.h"

#include <QFrame>
#include <QList>

class QLabel;

namespace Acorn {

// One observation in a child's timeline: when, who wrote it, where it is in its life, the start of the text, its
// framework tags and its pictures (empty frames until the ThumbnailLoader fills them). The whole card is one big
// tap target.
class JournalEntryCard final : public QFrame
{
    Q_OBJECT
public:
    static constexpr int ThumbnailWidth = 160;
    static constexpr int ThumbnailHeight = 120;
    static constexpr int MaxThumbnails = 6;

    // `tagLabels` and `withChildren` ("With Ozzie and Wren"; empty for one child) are worded by the page.
    JournalEntryCard(const JournalEntry& entry, const QStringList& tagLabels, const QString& withChildren,
                     QWidget* parent = nullptr);

    const JournalEntry& entry() const { return m_entry; }
    QString observationId() const { return m_entry.observation.id; }
    // Labels waiting for a photo's thumbnail, each with its media id in the "mediaId" property.
    QList<QLabel*> thumbnailLabels() const { return m_thumbnails; }
    // Every media item shown on the card, pictures or not.
    QStringList mediaIds() const;

signals:
    void clicked();

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    JournalEntry m_entry;
    QList<QLabel*> m_thumbnails;
    QStringList m_mediaIds;
};

} // namespace Acorn
