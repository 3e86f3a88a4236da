#pragma once

#include <QWidget>

class QButtonGroup;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace Acorn {

class LockController;
class StaffChips;

// Setting up a staff meeting: when, what it is called, who is there, and which observations to look at — a sample of
// N per practitioner over a period (the latest, or a random choice), or picked by hand from that period — then
// "Create meeting" makes the record (Meetings) with those items in that order.
class MeetingSetupPanel final : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Latest, Random, ByHand };

    explicit MeetingSetupPanel(LockController& lock, QWidget* parent = nullptr);

    // Fresh form: today, the period since the last meeting, the signed-in person as the first attendee.
    void reset();
    void setMode(Mode mode);
    Mode mode() const;
    // Fills the list of candidates from the form (sampled ones come ticked; by hand, none is).
    void chooseObservations();
    void createMeeting();

    QStringList tickedObservationIds() const;
    QListWidget* candidateList() const { return m_candidates; }
    QSpinBox* perPractitionerSpinBox() const { return m_perPractitioner; }
    QDateEdit* fromDateEdit() const { return m_fromEdit; }
    QDateEdit* toDateEdit() const { return m_toEdit; }
    QLineEdit* titleEdit() const { return m_titleEdit; }
    StaffChips* attendeeChips() const { return m_attendees; }
    StaffChips* practitionerChips() const { return m_practitioners; }

signals:
    void meetingCreated(const QString& meetingId);
    void cancelled();

private:
    void updateChosenCount();

    LockController& m_lock;
    QDateEdit* m_dateEdit = nullptr;
    QLineEdit* m_titleEdit = nullptr;
    StaffChips* m_attendees = nullptr;
    QDateEdit* m_fromEdit = nullptr;
    QDateEdit* m_toEdit = nullptr;
    QButtonGroup* m_modes = nullptr;
    QSpinBox* m_perPractitioner = nullptr;
    QLabel* m_perPractitionerLabel = nullptr;
    StaffChips* m_practitioners = nullptr;
    QPushButton* m_chooseButton = nullptr;
    QListWidget* m_candidates = nullptr;
    QLabel* m_chosenLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_createButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    quint32 m_seed = 0;
};

} // namespace Acorn
