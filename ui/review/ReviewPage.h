#pragma once

#include "domain/Observation.h"

#include <QHash>
#include <QWidget>

class QFrame;
class QHBoxLayout;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTextBrowser;

namespace Acorn {

class LockController;

// "Awaiting approval", for room leaders (their rooms) and managers: staff observations submitted for approval
// (approve, or return to the author with feedback) and contributions from home (approve, or decline with a reason
// the family will see). One item at a time with its children, date, text and pictures; keys A approve, R return or
// decline, J/K next and previous. Every decision goes through Observations or Contributions; this page shows their
// answer. Refreshes when shown.
class ReviewPage final : public QWidget
{
    Q_OBJECT
public:
    enum { ObservationIdRole = Qt::UserRole + 1 };

    explicit ReviewPage(LockController& lock, QWidget* parent = nullptr);

    // Whether the signed-in person gets this page at all.
    static bool isFor(const LockController& lock);

    void refresh();
    int count() const { return int(m_items.size()); }
    // "Awaiting approval (3)": the tab's title, with the count as a badge.
    QString tabTitle() const;
    QString currentObservationId() const;
    bool selectObservation(const QString& observationId);
    QListWidget* list() const { return m_list; }

    void approveCurrent();
    // Opens the feedback box (return to the author, or decline with a reason).
    void startFeedback();
    void sendFeedback();
    void cancelFeedback();
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
    void showThumbnails(const Observation& observation);
    void moveSelection(int step);
    void afterDecision(const QString& status, int row);
    QString authorName(const Observation& observation) const;
    QString childNames(const Observation& observation) const;

    LockController& m_lock;
    QHash<QString, Observation> m_items;
    QList<QString> m_staffOrder;
    QList<QString> m_homeOrder;
    QHash<QString, QString> m_childNames;
    QHash<QString, QString> m_staffNames;
    QListWidget* m_list = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QLabel* m_kindLabel = nullptr;
    QLabel* m_childrenLabel = nullptr;
    QLabel* m_metaLabel = nullptr;
    QTextBrowser* m_textView = nullptr;
    QWidget* m_thumbnails = nullptr;
    QHBoxLayout* m_thumbnailLayout = nullptr;
    QPushButton* m_approveButton = nullptr;
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
