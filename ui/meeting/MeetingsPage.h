#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace Acorn {

class LockController;
class MeetingRecordPanel;
class MeetingSetupPanel;
class PresentationWindow;

// The Meetings tab, for room leaders and managers (the policy: observations are "assessed during staff meetings"):
// past meetings and their records, setting up a new one, presenting it on the projector, and presenting one
// child's journal. Made for one session; a presentation open at a lock goes with it.
class MeetingsPage final : public QWidget
{
    Q_OBJECT
public:
    enum { MeetingIdRole = Qt::UserRole + 1 };

    explicit MeetingsPage(LockController& lock, QWidget* parent = nullptr);

    static bool isFor(const LockController& lock);

    void refresh();
    void newMeeting();
    void openMeeting(const QString& meetingId);
    // Both open a full-screen window and return it (null if there is nothing to present).
    PresentationWindow* presentMeeting(const QString& meetingId);
    PresentationWindow* presentChildJournal(const QString& childId);
    PresentationWindow* presentation() const;

    QListWidget* meetingsList() const { return m_list; }
    MeetingSetupPanel* setupPanel() const { return m_setup; }
    MeetingRecordPanel* recordPanel() const { return m_record; }
    QComboBox* childCombo() const { return m_childCombo; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void fillChildren();
    PresentationWindow* startPresentation(PresentationWindow* window, bool loaded);

    LockController& m_lock;
    QPushButton* m_newButton = nullptr;
    QListWidget* m_list = nullptr;
    QComboBox* m_childCombo = nullptr;
    QPushButton* m_presentChildButton = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyLabel = nullptr;
    MeetingSetupPanel* m_setup = nullptr;
    MeetingRecordPanel* m_record = nullptr;
    QPointer<PresentationWindow> m_presentation;
};

} // namespace Acorn
