#include "meeting/MeetingSetupPanel.h"

#include "Clock.h"
#include "Theme.h"
#include "UiLogging.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "auth/StaffRepository.h"
#include "journal/ChildNames.h"
#include "journal/JournalText.h"
#include "lock/LockController.h"
#include "meeting/StaffChips.h"
#include "people/Children.h"
#include "people/Rooms.h"
#include "review/Meetings.h"
#include "review/Reviews.h"
#include "review/TickBoxStyle.h"

#include <QButtonGroup>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Acorn {

namespace {
constexpr int AllOfThem = 100000; // "pick by hand" offers every observation in the period

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("font-weight: bold; font-size: 15pt;"));
    return label;
}

const char* const ModeStyle = R"(
QPushButton[mode="true"] {
    min-height: 52px; padding: 0 18px; border: 1px solid #9fb3a4; background: #f4f7f4;
}
QPushButton[mode="true"]:checked { background: #2e6b3a; color: white; border-color: #24552e; }
)";
} // namespace

MeetingSetupPanel::MeetingSetupPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_dateEdit(new QDateEdit(this))
    , m_titleEdit(new QLineEdit(this))
    , m_attendees(new StaffChips(QStringLiteral("attendeeChip"), this))
    , m_fromEdit(new QDateEdit(this))
    , m_toEdit(new QDateEdit(this))
    , m_modes(new QButtonGroup(this))
    , m_perPractitioner(new QSpinBox(this))
    , m_perPractitionerLabel(new QLabel(tr("from each practitioner"), this))
    , m_practitioners(new StaffChips(QStringLiteral("practitionerChip"), this))
    , m_chooseButton(new QPushButton(tr("Choose again"), this))
    , m_candidates(new QListWidget(this))
    , m_chosenLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_createButton(new QPushButton(tr("Create meeting"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("meetingSetupPanel"));
    setStyleSheet(QString::fromLatin1(ModeStyle));

    auto* title = new QLabel(tr("New staff meeting"), this);
    title->setObjectName(QStringLiteral("meetingSetupTitle"));
    Theme::makeTitle(title);
    for (QDateEdit* edit : {m_dateEdit, m_fromEdit, m_toEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(tr("d MMM yyyy", "date format"));
        edit->setMinimumWidth(190); // the date and the calendar button: QDateEdit's own hint is too narrow
    }
    m_dateEdit->setObjectName(QStringLiteral("meetingDateEdit"));
    m_titleEdit->setObjectName(QStringLiteral("meetingTitleEdit"));
    m_titleEdit->setMaxLength(120);
    m_attendees->setObjectName(QStringLiteral("setupAttendeeChips"));
    m_fromEdit->setObjectName(QStringLiteral("sampleFromDateEdit"));
    m_toEdit->setObjectName(QStringLiteral("sampleToDateEdit"));

    auto* latest = new QPushButton(tr("The latest"), this);
    latest->setObjectName(QStringLiteral("sampleLatestButton"));
    auto* random = new QPushButton(tr("A random choice"), this);
    random->setObjectName(QStringLiteral("sampleRandomButton"));
    auto* byHand = new QPushButton(tr("Pick by hand"), this);
    byHand->setObjectName(QStringLiteral("pickByHandButton"));
    int id = 0;
    for (QPushButton* b : {latest, random, byHand}) {
        b->setCheckable(true);
        b->setProperty("mode", true);
        m_modes->addButton(b, id++);
    }
    latest->setChecked(true);
    m_perPractitioner->setObjectName(QStringLiteral("perPractitionerSpinBox"));
    m_perPractitioner->setRange(1, 20);
    m_perPractitioner->setValue(2);
    m_perPractitioner->setMinimumWidth(90);
    m_perPractitionerLabel->setObjectName(QStringLiteral("perPractitionerLabel"));
    m_practitioners->setObjectName(QStringLiteral("practitionerChips"));
    m_chooseButton->setObjectName(QStringLiteral("chooseObservationsButton"));
    m_chooseButton->setToolTip(tr("Another random choice"));
    m_candidates->setObjectName(QStringLiteral("meetingCandidateList"));
    m_candidates->setMinimumHeight(260);
    m_candidates->setWordWrap(false);
    m_candidates->setTextElideMode(Qt::ElideRight);
    m_candidates->setSelectionMode(QAbstractItemView::NoSelection);
    TickBoxStyle::applyTo(m_candidates);
    m_chosenLabel->setObjectName(QStringLiteral("chosenCountLabel"));
    m_chosenLabel->setTextFormat(Qt::PlainText);
    m_chosenLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_errorLabel->setObjectName(QStringLiteral("meetingSetupErrorLabel"));
    Theme::makeError(m_errorLabel);
    m_createButton->setObjectName(QStringLiteral("createMeetingButton"));
    Theme::makePrimary(m_createButton);
    m_createButton->setDefault(false);
    m_cancelButton->setObjectName(QStringLiteral("cancelMeetingButton"));
    Theme::makeBig(m_cancelButton);

    auto* form = new QWidget;
    form->setObjectName(QStringLiteral("meetingSetupForm"));
    auto* details = new QHBoxLayout;
    details->addWidget(new QLabel(tr("Date"), form));
    details->addWidget(m_dateEdit);
    details->addSpacing(12);
    details->addWidget(new QLabel(tr("Title"), form));
    details->addWidget(m_titleEdit, 1);
    auto* period = new QHBoxLayout;
    period->addWidget(new QLabel(tr("From"), form));
    period->addWidget(m_fromEdit);
    period->addWidget(new QLabel(tr("to"), form));
    period->addWidget(m_toEdit);
    period->addStretch();
    auto* modes = new QHBoxLayout;
    modes->setSpacing(0);
    modes->addWidget(latest);
    modes->addWidget(random);
    modes->addWidget(byHand);
    modes->addStretch();
    auto* howMany = new QHBoxLayout;
    howMany->addWidget(m_perPractitioner);
    howMany->addWidget(m_perPractitionerLabel);
    howMany->addStretch();
    auto* chosenRow = new QHBoxLayout;
    chosenRow->addWidget(m_chosenLabel, 1);
    chosenRow->addWidget(m_chooseButton);

    auto* formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 12, 0);
    formLayout->addWidget(title);
    formLayout->addLayout(details);
    formLayout->addWidget(heading(tr("Who is at the meeting"), form));
    formLayout->addWidget(m_attendees);
    formLayout->addSpacing(8);
    formLayout->addWidget(heading(tr("Observations to talk about"), form));
    formLayout->addLayout(period);
    formLayout->addLayout(modes);
    formLayout->addLayout(howMany);
    formLayout->addWidget(heading(tr("Whose observations"), form));
    formLayout->addWidget(m_practitioners);
    formLayout->addLayout(chosenRow);
    formLayout->addWidget(m_candidates, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("meetingSetupScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(form);

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_createButton);
    actions->addWidget(m_cancelButton);
    actions->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_errorLabel);
    layout->addLayout(actions);

    connect(m_modes, &QButtonGroup::idClicked, this, [this] {
        m_seed = QRandomGenerator::global()->generate();
        chooseObservations();
    });
    connect(m_perPractitioner, &QSpinBox::valueChanged, this, &MeetingSetupPanel::chooseObservations);
    connect(m_fromEdit, &QDateEdit::dateChanged, this, &MeetingSetupPanel::chooseObservations);
    connect(m_toEdit, &QDateEdit::dateChanged, this, &MeetingSetupPanel::chooseObservations);
    connect(m_practitioners, &StaffChips::selectionChanged, this, &MeetingSetupPanel::chooseObservations);
    connect(m_chooseButton, &QPushButton::clicked, this, [this] {
        m_seed = QRandomGenerator::global()->generate();
        chooseObservations();
    });
    connect(m_candidates, &QListWidget::itemChanged, this, &MeetingSetupPanel::updateChosenCount);
    connect(m_createButton, &QPushButton::clicked, this, &MeetingSetupPanel::createMeeting);
    connect(m_cancelButton, &QPushButton::clicked, this, &MeetingSetupPanel::cancelled);
}

void MeetingSetupPanel::reset()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QDate today = m_lock.clock().now().toLocalTime().date();
    // The period since the last meeting, or the last month.
    QDate from = today.addDays(-30);
    const QList<Meeting> past = Meetings(*session).all();
    if (!past.isEmpty() && past.first().heldOn < today)
        from = past.first().heldOn.addDays(1);
    for (QDateEdit* edit : {m_dateEdit, m_fromEdit, m_toEdit})
        edit->blockSignals(true);
    m_dateEdit->setDate(today);
    m_fromEdit->setDate(from);
    m_toEdit->setDate(today);
    for (QDateEdit* edit : {m_dateEdit, m_fromEdit, m_toEdit})
        edit->blockSignals(false);
    m_titleEdit->setText(tr("Staff meeting, %1").arg(QLocale().toString(today, tr("MMMM yyyy", "month format"))));

    // Attendees: anyone active (the signed-in person to start with); practitioners: those whose work this person
    // reviews.
    const ChildAccess access(*session);
    QSet<QString> colleagues;
    if (!access.seesAllRooms())
        for (const QString& room : access.roomIds())
            for (const QString& id : Rooms(*session).staffIn(room))
                colleagues.insert(id);
    QList<StaffChips::Choice> everyone;
    QList<StaffChips::Choice> authors;
    QStringList authorIds;
    for (const StaffMember& staff : StaffRepository(session->database()).all()) {
        if (!staff.active)
            continue;
        everyone.append({staff.id, staff.displayName});
        if (staff.role != Role::Administrator && (access.seesAllRooms() || colleagues.contains(staff.id))) {
            authors.append({staff.id, staff.displayName});
            authorIds << staff.id;
        }
    }
    m_attendees->setChoices(everyone, {session->staff().id});
    m_practitioners->setChoices(authors, authorIds);
    m_modes->button(int(Mode::Latest))->setChecked(true);
    m_seed = QRandomGenerator::global()->generate();
    Theme::setMessage(m_errorLabel, QString());
    chooseObservations();
}

void MeetingSetupPanel::setMode(Mode mode)
{
    m_modes->button(int(mode))->setChecked(true);
    chooseObservations();
}

MeetingSetupPanel::Mode MeetingSetupPanel::mode() const
{
    return Mode(qMax(0, m_modes->checkedId()));
}

void MeetingSetupPanel::chooseObservations()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const Mode chosen = mode();
    m_perPractitioner->setEnabled(chosen != Mode::ByHand);
    m_chooseButton->setVisible(chosen == Mode::Random);
    const QDate from = qMin(m_fromEdit->date(), m_toEdit->date());
    const QDate to = qMax(m_fromEdit->date(), m_toEdit->date());
    const QList<Observation> sample = Reviews(*session).sample(
        m_practitioners->selectedIds(), chosen == Mode::ByHand ? AllOfThem : m_perPractitioner->value(), from, to,
        chosen == Mode::Random ? Reviews::SampleMode::Random : Reviews::SampleMode::Latest, m_seed);

    QHash<QString, QString> staffNames;
    for (const StaffMember& staff : StaffRepository(session->database()).all())
        staffNames.insert(staff.id, staff.displayName);
    const ChildNames names(Children(*session).visible(true));
    const QSignalBlocker blocker(m_candidates);
    m_candidates->clear();
    for (const Observation& o : sample) {
        const QString when = QLocale().toString(o.observedAt.toLocalTime().date(), tr("ddd d MMM", "short date"));
        auto* item = new QListWidgetItem(
            tr("%1 · %2 · %3\n%4")
                .arg(names.list(o.childIds), when, staffNames.value(o.authorStaffId), JournalText::excerpt(o.text, 90)),
            m_candidates);
        item->setData(Qt::UserRole, o.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(chosen == Mode::ByHand ? Qt::Unchecked : Qt::Checked);
        item->setSizeHint(QSize(0, 64));
    }
    updateChosenCount();
}

QStringList MeetingSetupPanel::tickedObservationIds() const
{
    QStringList ids;
    for (int i = 0; i < m_candidates->count(); ++i)
        if (m_candidates->item(i)->checkState() == Qt::Checked)
            ids << m_candidates->item(i)->data(Qt::UserRole).toString();
    return ids;
}

void MeetingSetupPanel::updateChosenCount()
{
    const int ticked = int(tickedObservationIds().size());
    const int offered = m_candidates->count();
    if (offered == 0)
        m_chosenLabel->setText(tr("No observations in the journal from these practitioners in this period."));
    else if (mode() == Mode::ByHand)
        m_chosenLabel->setText(tr("%1 of %2 ticked: tick the ones to talk about").arg(ticked).arg(offered));
    else
        m_chosenLabel->setText(ticked == 1 ? tr("1 observation chosen") : tr("%1 observations chosen").arg(ticked));
    m_chosenLabel->setWordWrap(true);
}

void MeetingSetupPanel::createMeeting()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QStringList items = tickedObservationIds();
    if (items.isEmpty()) {
        Theme::setMessage(m_errorLabel, tr("Tick at least one observation to talk about."));
        return;
    }
    Meetings meetings(*session);
    auto created = meetings.create(m_dateEdit->date(), m_titleEdit->text(), m_attendees->selectedIds());
    if (!created) {
        Theme::setMessage(m_errorLabel, created.errorMessage());
        return;
    }
    if (const VoidResult done = meetings.setItems(created.value().id, items); !done) {
        Theme::setMessage(m_errorLabel, done.errorMessage());
        return;
    }
    qCInfo(lcUi) << "meeting created" << created.value().id << "with" << items.size() << "observations";
    Theme::setMessage(m_errorLabel, QString());
    emit meetingCreated(created.value().id);
}

} // namespace Acorn
