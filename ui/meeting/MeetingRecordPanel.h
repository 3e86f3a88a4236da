#pragma once

#include "review/Meetings.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace Acorn {

class LockController;
class MeetingSignOffForm;

// One meeting's record: its observations with the outcome agreed for each, who attended, the notes and the sign-off.
// "Present" opens it on the projector; "Save as PDF" keeps the record; a signed-off record is read-only and says who
// signed it off and when.
class MeetingRecordPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit MeetingRecordPanel(LockController& lock, QWidget* parent = nullptr);

    // Reads the meeting again (after a presentation, say); false if it is not there.
    bool setMeeting(const QString& meetingId);
    QString meetingId() const { return m_meeting.id; }
    QListWidget* itemsList() const { return m_items; }
    MeetingSignOffForm* signOffForm() const { return m_signOffForm; }
    QPushButton* presentButton() const { return m_presentButton; }
    QPushButton* exportButton() const { return m_exportButton; }
    QLabel* exportStatusLabel() const { return m_exportStatusLabel; }
    // The record as a PDF (photo consent applied: see MeetingReport), with a progress dialog that can cancel.
    void exportRecord();

signals:
    void presentRequested(const QString& meetingId);
    void changed(const QString& meetingId);

private:
    LockController& m_lock;
    Meeting m_meeting;
    QLabel* m_titleLabel = nullptr;
    QLabel* m_summaryLabel = nullptr;
    QPushButton* m_presentButton = nullptr;
    QPushButton* m_exportButton = nullptr;
    QLabel* m_exportStatusLabel = nullptr;
    QListWidget* m_items = nullptr;
    MeetingSignOffForm* m_signOffForm = nullptr;
};

} // namespace Acorn
