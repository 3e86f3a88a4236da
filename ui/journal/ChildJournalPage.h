#pragma once

#include "journal/ChildNames.h"
#include "journal/JournalQuery.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QTimer;
class QVBoxLayout;

namespace Acorn {

class JournalEntryCard;
class JournalFilterBar;
class LockController;
class ThumbnailLoader;

// One child's journal, newest first, 30 at a time (more as the list is scrolled to its end, or with "Show older"),
// narrowed by the filter bar. Pictures come only from what JournalQuery returns for this child's journal — it
// leaves out photos of other children without photo consent — and their thumbnails load as the cards come into
// view. A child's journal can be printed from here: as a photobook, or as the progress check at age two.
class ChildJournalPage final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int PageSize = 30;

    explicit ChildJournalPage(LockController& lock, QWidget* parent = nullptr);

    void setChild(const QString& childId);
    QString childId() const { return m_childId; }
    QString childName() const { return m_childName; }
    // The child's full name, for the page's title.
    QString title() const { return m_title; }
    // Reads the journal again from the start, with the current filter.
    void reload();
    void loadMore();
    bool hasMore() const;

    QList<JournalEntryCard*> cards() const { return m_cards; }
    JournalFilterBar* filterBar() const { return m_filterBar; }
    QPushButton* printJournalButton() const { return m_printButton; }
    QPushButton* progressCheckButton() const { return m_progressCheckButton; }
    QLabel* reportStatusLabel() const { return m_reportStatusLabel; }

    // Print as PDF: the journal as a photobook, or the progress check at age two. Each asks what to include, then
    // where to save it, and writes with a progress dialog that can cancel.
    void printJournal();
    void printProgressCheck();
    ThumbnailLoader* thumbnailLoader() const { return m_thumbnails; }

signals:
    void entryChosen(const Acorn::JournalEntry& entry);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void append(const QList<JournalEntry>& entries);
    void updateFooter();
    void scheduleVisibleThumbnails();
    void loadVisibleThumbnails();
    void onScrolled(int value);

    LockController& m_lock;
    QString m_childId;
    QString m_childName;
    QString m_title;
    ChildNames m_names;
    int m_total = 0;
    QLabel* m_detailsLabel = nullptr;
    QLabel* m_consentLabel = nullptr;
    JournalFilterBar* m_filterBar = nullptr;
    QLabel* m_countLabel = nullptr;
    QPushButton* m_printButton = nullptr;
    QPushButton* m_progressCheckButton = nullptr;
    QLabel* m_reportStatusLabel = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_list = nullptr;
    QVBoxLayout* m_listLayout = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QPushButton* m_loadMoreButton = nullptr;
    QList<JournalEntryCard*> m_cards;
    ThumbnailLoader* m_thumbnails = nullptr;
    QTimer* m_visibleTimer = nullptr;
};

} // namespace Acorn
