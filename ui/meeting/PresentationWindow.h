#pragma once

#include "lock/DraftSource.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace Acorn {

class LockController;
class MeetingSignOffForm;
class PresentationSlide;

// A full-screen presentation for the projector, in large type: a title screen, one screen per observation and a
// closing screen. Two kinds:
//  - a staff meeting's observations (Meetings::entriesFor): pictures only where they could appear in every journal,
//    an outcome box on each, and notes, attendees and the manager's sign-off at the end;
//  - one child's journal (JournalQuery::timeline): pictures as that child's journal shows them, the only place a
//    photo of a child without photo consent may appear.
// Keys: → Space PageDown next, ← PageUp previous, Home/End, Esc leaves the outcome box or ends. A lock ends it at
// once (outcomes are saved first, as a draft source); the window is hidden with every other one.
class PresentationWindow final : public QWidget, public DraftSource
{
    Q_OBJECT
public:
    static constexpr int BasePointSize = 24;

    explicit PresentationWindow(LockController& lock, QWidget* parent = nullptr);
    ~PresentationWindow() override;

    // False (nothing shown) if the meeting or the child is not there for the signed-in person.
    bool loadMeeting(const QString& meetingId);
    bool loadChildJournal(const QString& childId);
    // Full screen, on a second screen (the projector) when there is one.
    void present();

    QString meetingId() const { return m_meetingId; }
    QString childId() const { return m_childId; }
    int slideCount() const;
    int currentIndex() const;
    void goTo(int index);
    void next();
    void previous();
    // Saves what was typed and closes the window (which deletes itself).
    void end();

    // The observation slides, in order (not the title or closing screens).
    QList<PresentationSlide*> slides() const { return m_slides; }
    PresentationSlide* currentSlide() const;
    MeetingSignOffForm* signOffForm() const { return m_signOffForm; }
    QLabel* counterLabel() const { return m_counterLabel; }

    // Writes every outcome that changed; the lock calls it through saveDraft() while the database is still open.
    void saveOutcomes();
    void saveDraft(DraftStore& drafts) override;

    // Raises every text under `root` to at least BasePointSize. Set on each widget rather than inherited: the app's
    // style sheet stops a window's font from reaching its children.
    static void applyLargeType(QWidget* root);

signals:
    void ended();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void build(const QString& title, const QString& subtitle, const QString& startHint);
    void addClosing(QWidget* closing);
    void showPosition();
    void escape();
    void onSignedOff();

    LockController& m_lock;
    QPointer<LockController> m_registeredWith; // for the destructor: a page deleted late may outlive it
    QString m_meetingId;
    QString m_childId;
    QLabel* m_titleLabel = nullptr;
    QLabel* m_counterLabel = nullptr;
    QStackedWidget* m_stack = nullptr;
    QPushButton* m_previousButton = nullptr;
    QPushButton* m_nextButton = nullptr;
    QPushButton* m_endButton = nullptr;
    QList<PresentationSlide*> m_slides;
    MeetingSignOffForm* m_signOffForm = nullptr;
    QHash<QString, QString> m_savedOutcomes; // observation id → what the record holds
    QTimer* m_saveTimer = nullptr;
    bool m_ended = false;
};

} // namespace Acorn
