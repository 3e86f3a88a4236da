#pragma once

#include "journal/JournalQuery.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace Acorn {

class LockController;
class MediaPlayerWidget;

// One observation in full, as it appears in the journal it was opened from: the whole text, next steps, tags, every
// picture that journal may show (decrypted to memory and scaled), videos and voice notes listed, the replies and a
// box to reply; for managers, the edit history.
class ObservationDetail final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxPhotoWidth = 640;

    explicit ObservationDetail(LockController& lock, QWidget* parent = nullptr);

    // `entry` comes from JournalQuery for `journalChildId`'s journal, so its media are already filtered by consent.
    void setEntry(const JournalEntry& entry, const QString& journalChildId);
    const JournalEntry& entry() const { return m_entry; }
    QString observationId() const { return m_entry.observation.id; }
    QString journalChildId() const { return m_journalChildId; }
    // "Observation of Tilly and Ozzie".
    QString title() const { return m_title; }

    QList<QLabel*> photoLabels() const { return m_photos; }
    // One "Play" button per video or voice note; tapping it opens a player in its place.
    QList<QPushButton*> playButtons() const { return m_playButtons; }
    QList<MediaPlayerWidget*> players() const { return m_players; }
    int commentCount() const { return m_commentCount; }
    QPlainTextEdit* replyEdit() const { return m_replyEdit; }
    QPushButton* replyButton() const { return m_replyButton; }
    bool showsHistory() const;

signals:
    void commentAdded(const QString& observationId);

private:
    void clearContent();
    void play(QPushButton* button);
    void loadComments();
    void loadHistory();
    void loadNextPhoto();
    void reply();

    LockController& m_lock;
    JournalEntry m_entry;
    QString m_journalChildId;
    QString m_title;
    QWidget* m_content = nullptr;
    QVBoxLayout* m_contentLayout = nullptr;
    QWidget* m_commentsArea = nullptr;
    QVBoxLayout* m_commentsLayout = nullptr;
    QWidget* m_replyArea = nullptr;
    QPlainTextEdit* m_replyEdit = nullptr;
    QPushButton* m_replyButton = nullptr;
    QLabel* m_replyErrorLabel = nullptr;
    QWidget* m_historyArea = nullptr;
    QLabel* m_historyLabel = nullptr;
    QList<QLabel*> m_photos;
    QList<QPushButton*> m_playButtons;
    QList<MediaPlayerWidget*> m_players;
    QList<QPointer<QLabel>> m_photoQueue;
    QTimer* m_photoTimer = nullptr;
    int m_commentCount = 0;
};

} // namespace Acorn
