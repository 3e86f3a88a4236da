#pragma once

#include "domain/Observation.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QFrame;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace Acorn {

class LockController;
class RatingButtons;
class ReviewFilterBar;
class ReviewItemView;

// The Review tab, for room leaders (their rooms) and managers (the policy: "observations are regularly monitored by
// the managing staff"). Two queues:
//  - Awaiting approval: staff observations submitted for approval (approve — with a quality rating and note if
//    wished — or return to the author with feedback) and contributions from home (approve, or decline with a reason
//    the family will see);
//  - Not yet reviewed: observations in the journal that nobody has rated yet (a rating 1–4 and a note).
// Both narrow by room, practitioner, child, dates and area of learning. Items can be ticked to approve or return
// several at once. Keys: A approve, R return or decline, 1–4 rating, S save the review, X tick, J/K next and
// previous. Every decision goes through core (Reviews, Observations, Contributions); this page shows its answer.
// Refreshes when shown.
class ReviewPage final : public QWidget
{
    Q_OBJECT
public:
    enum { ObservationIdRole = Qt::UserRole + 1 };
    enum class Queue { AwaitingApproval, NotYetReviewed };

    explicit ReviewPage(LockController& lock, QWidget* parent = nullptr);

    // Whether the signed-in person gets this page at all.
    static bool isFor(const LockController& lock);

    void refresh();
    // Everything awaiting approval, whatever the filter says: the tab's badge.
    int count() const { return m_awaitingTotal; }
    // "Review (3)": the tab's title, with what awaits approval as a badge.
    QString tabTitle() const;
    Queue queue() const { return m_queue; }
    void setQueue(Queue queue);
    QString currentObservationId() const;
    bool selectObservation(const QString& observationId);
    QListWidget* list() const { return m_list; }
    ReviewFilterBar* filterBar() const { return m_filterBar; }
    RatingButtons* ratingButtons() const { return m_ratingButtons; }
    // The ids of the ticked items, in list order.
    QStringList tickedIds() const;
    void setTicked(const QString& observationId, bool ticked);

    void approveCurrent();
    void saveReview();
    // Opens the feedback box (return to the author, or decline with a reason) for the ticked items or the current one.
    void startFeedback();
    void sendFeedback();
    void cancelFeedback();
    void approveTicked();
    void startFeedbackForTicked();
    void next();
    void previous();

signals:
    void countChanged(int count);

protected:
    void showEvent(QShowEvent* event) override;

private:
    const Observation* current() const;
    void reload(const QString& keepId, int keepRow);
    void fillList(const QString& keepId, int keepRow);
    void showCurrent();
    void updateQueueButtons();
    void updateTicks();
    void updateActions();
    void rate(int rating);
    void toggleTickOnCurrent();
    void moveSelection(int step);
    void afterDecision(const QString& status, int row);
    void showError(const QString& message);
    QStringList feedbackTargets() const;
    QString authorName(const Observation& observation) const;
    QString childNames(const Observation& observation) const;
    bool matchesFilter(const Observation& contribution) const;

    LockController& m_lock;
    Queue m_queue = Queue::AwaitingApproval;
    QHash<QString, Observation> m_items;
    QList<QString> m_staffOrder;
    QList<QString> m_homeOrder;
    QSet<QString> m_ticked;
    QHash<QString, QString> m_childNames;
    QHash<QString, QString> m_childRooms;
    QHash<QString, QString> m_staffNames;
    int m_awaitingTotal = 0;
    int m_notReviewedTotal = 0;
    bool m_bulkFeedback = false;

    QPushButton* m_awaitingButton = nullptr;
    QPushButton* m_notReviewedButton = nullptr;
    QPushButton* m_filtersButton = nullptr;
    ReviewFilterBar* m_filterBar = nullptr;
    QListWidget* m_list = nullptr;
    QFrame* m_bulkBar = nullptr;
    QLabel* m_tickedLabel = nullptr;
    QPushButton* m_approveTickedButton = nullptr;
    QPushButton* m_returnTickedButton = nullptr;
    QPushButton* m_untickButton = nullptr;
    QLabel* m_keysLabel = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyLabel = nullptr;
    ReviewItemView* m_itemView = nullptr;
    QFrame* m_reviewBox = nullptr;
    QLabel* m_reviewBoxLabel = nullptr;
    RatingButtons* m_ratingButtons = nullptr;
    QPlainTextEdit* m_noteEdit = nullptr;
    QPushButton* m_approveButton = nullptr;
    QPushButton* m_saveReviewButton = nullptr;
    QPushButton* m_feedbackButton = nullptr;
    QFrame* m_feedbackPanel = nullptr;
    QLabel* m_feedbackLabel = nullptr;
    QPlainTextEdit* m_feedbackEdit = nullptr;
    QPushButton* m_sendFeedbackButton = nullptr;
    QPushButton* m_cancelFeedbackButton = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    int m_lastCount = -1;
};

} // namespace Acorn
