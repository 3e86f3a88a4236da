#include "meeting/MeetingSignOffForm.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "auth/StaffRepository.h"
#include "journal/JournalText.h"
#include "lock/LockController.h"
#include "meeting/StaffChips.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Acorn {

MeetingSignOffForm::MeetingSignOffForm(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_attendeesLabel(new QLabel(tr("Who attended"), this))
    , m_attendees(new StaffChips(QStringLiteral("attendeeChip"), this))
    , m_notesLabel(new QLabel(tr("Notes from the meeting"), this))
    , m_notesEdit(new QPlainTextEdit(this))
    , m_signOffButton(new QPushButton(tr("Sign off the record"), this))
    , m_signOffHintLabel(new QLabel(this))
    , m_signedOffLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_saveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("meetingSignOffForm"));
    for (QLabel* label : {m_attendeesLabel, m_notesLabel}) {
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        label->setTextFormat(Qt::PlainText);
    }
    m_attendees->setObjectName(QStringLiteral("attendeeChips"));
    m_notesEdit->setObjectName(QStringLiteral("meetingNotesEdit"));
    m_notesEdit->setPlaceholderText(tr("What was agreed, what to do next, who does it"));
    m_notesEdit->setMinimumHeight(110);
    m_notesEdit->setTabChangesFocus(true);
    m_signOffButton->setObjectName(QStringLiteral("signOffButton"));
    Theme::makePrimary(m_signOffButton);
    m_signOffButton->setDefault(false);
    m_signOffButton->setToolTip(tr("After signing off, the record is kept as it is and can no longer change."));
    m_signOffHintLabel->setObjectName(QStringLiteral("signOffHintLabel"));
    Theme::makeHint(m_signOffHintLabel);
    m_signedOffLabel->setObjectName(QStringLiteral("signedOffLabel"));
    Theme::makeSuccess(m_signedOffLabel);
    m_errorLabel->setObjectName(QStringLiteral("signOffErrorLabel"));
    Theme::makeError(m_errorLabel);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(800);

    auto* signRow = new QHBoxLayout;
    signRow->addWidget(m_signOffButton);
    signRow->addWidget(m_signOffHintLabel, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_attendeesLabel);
    layout->addWidget(m_attendees);
    layout->addSpacing(6);
    layout->addWidget(m_notesLabel);
    layout->addWidget(m_notesEdit, 1);
    layout->addWidget(m_errorLabel);
    layout->addLayout(signRow);
    layout->addWidget(m_signedOffLabel);

    connect(m_notesEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (!isReadOnly())
            m_saveTimer->start();
    });
    connect(m_attendees, &StaffChips::selectionChanged, this, &MeetingSignOffForm::saveChanges);
    connect(m_saveTimer, &QTimer::timeout, this, &MeetingSignOffForm::saveChanges);
    connect(m_signOffButton, &QPushButton::clicked, this, &MeetingSignOffForm::signOff);
}

void MeetingSignOffForm::setMeeting(const Meeting& meeting)
{
    m_saveTimer->stop();
    m_meeting = meeting;
    Session* session = m_lock.session();
    QList<StaffChips::Choice> staff;
    if (session)
        for (const StaffMember& member : StaffRepository(session->database()).all())
            if (member.active || meeting.attendeeIds.contains(member.id))
                staff.append({member.id, member.displayName});
    m_attendees->setChoices(staff, meeting.attendeeIds);
    {
        const QSignalBlocker blocker(m_notesEdit);
        m_notesEdit->setPlainText(meeting.notes);
    }
    Theme::setMessage(m_errorLabel, QString());
    showState();
}

void MeetingSignOffForm::showState()
{
    Session* session = m_lock.session();
    const bool signedOff = m_meeting.isSignedOff();
    const bool manager
        = session && (session->staff().role == Role::Manager || session->staff().role == Role::Administrator);
    m_notesEdit->setReadOnly(signedOff);
    m_attendees->setEnabled(!signedOff);
    m_signOffButton->setVisible(!signedOff);
    m_signOffButton->setEnabled(manager && !m_meeting.id.isEmpty());
    Theme::setMessage(m_signOffHintLabel,
                      signedOff     ? QString()
                          : manager ? tr("After signing off, this record can no longer change.")
                                    : tr("A manager signs off the record."));
    QString signedBy;
    if (signedOff && session)
        if (const auto staff = StaffRepository(session->database()).byId(m_meeting.signedOffBy))
            signedBy = staff->displayName;
    Theme::setMessage(
        m_signedOffLabel,
        signedOff ? tr("Signed off by %1, %2. This record can no longer change.")
                        .arg(signedBy.isEmpty() ? tr("a manager") : signedBy, JournalText::when(m_meeting.signedOffAt))
                  : QString());
}

bool MeetingSignOffForm::saveChanges()
{
    m_saveTimer->stop();
    Session* session = m_lock.session();
    if (!session || m_meeting.id.isEmpty() || isReadOnly())
        return false;
    Meetings meetings(*session);
    const QString notes = m_notesEdit->toPlainText();
    if (notes != m_meeting.notes) {
        if (const VoidResult done = meetings.setNotes(m_meeting.id, notes); !done) {
            Theme::setMessage(m_errorLabel, done.errorMessage());
            return false;
        }
        m_meeting.notes = notes;
    }
    const QStringList attendees = m_attendees->selectedIds();
    if (attendees != m_meeting.attendeeIds) {
        if (const VoidResult done = meetings.setAttendees(m_meeting.id, attendees); !done) {
            Theme::setMessage(m_errorLabel, done.errorMessage());
            return false;
        }
        m_meeting.attendeeIds = attendees;
    }
    Theme::setMessage(m_errorLabel, QString());
    return true;
}

void MeetingSignOffForm::signOff()
{
    Session* session = m_lock.session();
    if (!session || m_meeting.id.isEmpty() || isReadOnly() || !saveChanges())
        return;
    Meetings meetings(*session);
    if (const VoidResult done = meetings.signOff(m_meeting.id); !done) {
        Theme::setMessage(m_errorLabel, done.errorMessage());
        return;
    }
    qCInfo(lcUi) << "meeting signed off" << m_meeting.id;
    if (const auto meeting = meetings.byId(m_meeting.id))
        setMeeting(*meeting);
    emit signedOff(m_meeting.id);
}

} // namespace Acorn
