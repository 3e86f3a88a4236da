#pragma once

#include "domain/MediaItem.h"

#include <QImage>
#include <QList>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace Acorn {

class LockController;

// The pictures of one slide, as big as the space allows: one fills it, two sit side by side, three or four make a
// grid; videos and voice notes show as a named tile. Decrypted into memory when the slide is shown and dropped when
// it is hidden, never written anywhere. Only ever given media that a consent-filtered query returned for the view
// being presented (Meetings::entriesFor, JournalQuery::timeline).
class SlidePhotos final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxShown = 4;

    SlidePhotos(LockController& lock, const QList<MediaItem>& media, QWidget* parent = nullptr);

    // Photo labels, each with its media id in the "mediaId" property and "photoShown" true once decoded.
    QList<QLabel*> photoLabels() const { return m_photoLabels; }
    QStringList mediaIds() const;
    void load();
    void unload();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void scaleAll();

    LockController& m_lock;
    QList<MediaItem> m_media;
    QGridLayout* m_grid = nullptr;
    QList<QLabel*> m_photoLabels;
    QList<QImage> m_images; // parallel to m_photoLabels while loaded
};

} // namespace Acorn
