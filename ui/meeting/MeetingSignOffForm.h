#pragma once

#include "review/Meetings.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace Acorn {

class LockController;
class StaffChips;

// The end of a staff meeting: notes, who attended, and the manager's sign-off, after which the record is shown as
// it was kept and nothing on it can change (Meetings refuses; this form turns read-only). Used on the meeting's
// record page and, in large type, as the closing screen of a presentation. Changes are saved as they are made.
class MeetingSignOffForm final : public QWidget
{
    Q_OBJECT
public:
    explicit MeetingSignOffForm(LockController& lock, QWidget* parent = nullptr);

    void setMeeting(const Meeting& meeting);
    QString meetingId() const { return m_meeting.id; }
    bool isReadOnly() const { return m_meeting.isSignedOff(); }
    // Writes notes and attendees if they changed; false (with the message shown) if core refused.
    bool saveChanges();
    void signOff();

    QPlainTextEdit* notesEdit() const { return m_notesEdit; }
    StaffChips* attendeeChips() const { return m_attendees; }
    QPushButton* signOffButton() const { return m_signOffButton; }

signals:
    void signedOff(const QString& meetingId);

private:
    void showState();

    LockController& m_lock;
    Meeting m_meeting;
    QLabel* m_attendeesLabel = nullptr;
    StaffChips* m_attendees = nullptr;
    QLabel* m_notesLabel = nullptr;
    QPlainTextEdit* m_notesEdit = nullptr;
    QPushButton* m_signOffButton = nullptr;
    QLabel* m_signOffHintLabel = nullptr;
    QLabel* m_signedOffLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    QTimer* m_saveTimer = nullptr;
};

} // namespace Acorn
