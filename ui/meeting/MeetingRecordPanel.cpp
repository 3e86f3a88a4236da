#include "meeting/MeetingRecordPanel.h"

#include "Theme.h"
#include "auth/Session.h"
#include "journal/ChildNames.h"
#include "journal/JournalText.h"
#include "lock/LockController.h"
#include "meeting/MeetingSignOffForm.h"
#include "people/Children.h"
#include "reports/MeetingReport.h"
#include "reports/ReportRunner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Acorn {

MeetingRecordPanel::MeetingRecordPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_titleLabel(new QLabel(this))
    , m_summaryLabel(new QLabel(this))
    , m_presentButton(new QPushButton(tr("Present on the projector"), this))
    , m_exportButton(new QPushButton(tr("Save as PDF…"), this))
    , m_exportStatusLabel(new QLabel(this))
    , m_items(new QListWidget(this))
    , m_signOffForm(new MeetingSignOffForm(lock, this))
{
    setObjectName(QStringLiteral("meetingRecordPanel"));
    m_titleLabel->setObjectName(QStringLiteral("meetingTitleLabel"));
    m_titleLabel->setTextFormat(Qt::PlainText);
    Theme::makeTitle(m_titleLabel);
    m_summaryLabel->setObjectName(QStringLiteral("meetingSummaryLabel"));
    m_summaryLabel->setTextFormat(Qt::PlainText);
    Theme::makeHint(m_summaryLabel);
    m_presentButton->setObjectName(QStringLiteral("presentMeetingButton"));
    Theme::makePrimary(m_presentButton);
    m_presentButton->setDefault(false);
    m_exportButton->setObjectName(QStringLiteral("exportMeetingButton"));
    m_exportButton->setToolTip(tr("The meeting's record as a PDF, to keep or print"));
    m_exportButton->setVisible(!lock.isKiosk());
    m_exportStatusLabel->setObjectName(QStringLiteral("meetingExportStatusLabel"));
    m_exportStatusLabel->setWordWrap(true);
    m_exportStatusLabel->hide();
    m_items->setObjectName(QStringLiteral("meetingItemsList"));
    m_items->setSelectionMode(QAbstractItemView::NoSelection);
    m_items->setWordWrap(true);
    m_items->setAlternatingRowColors(true); // one observation and its outcome per band
    m_items->setSpacing(2);
    m_items->setMinimumHeight(200);
    m_items->setFocusPolicy(Qt::NoFocus);
    // Notes in reach without scrolling: the list of observations takes the room that is left.
    m_signOffForm->notesEdit()->setMaximumHeight(150);

    auto* itemsHeading = new QLabel(tr("Observations and outcomes"), this);
    itemsHeading->setStyleSheet(QStringLiteral("font-weight: bold;"));
    auto* content = new QWidget;
    content->setObjectName(QStringLiteral("meetingRecordContent"));
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 12, 0);
    contentLayout->addWidget(itemsHeading);
    contentLayout->addWidget(m_items, 1);
    contentLayout->addSpacing(8);
    contentLayout->addWidget(m_signOffForm);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("meetingRecordScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);

    auto* who = new QVBoxLayout;
    who->addWidget(m_titleLabel);
    who->addWidget(m_summaryLabel);
    auto* header = new QHBoxLayout;
    header->addLayout(who, 1);
    header->addWidget(m_exportButton, 0, Qt::AlignTop);
    header->addWidget(m_presentButton, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_exportStatusLabel);
    layout->addWidget(scroll, 1);

    connect(m_presentButton, &QPushButton::clicked, this, [this] { emit presentRequested(m_meeting.id); });
    connect(m_exportButton, &QPushButton::clicked, this, &MeetingRecordPanel::exportRecord);
    connect(m_signOffForm, &MeetingSignOffForm::signedOff, this, [this](const QString& id) {
        setMeeting(id);
        emit changed(id);
    });
}

bool MeetingRecordPanel::setMeeting(const QString& meetingId)
{
    Session* session = m_lock.session();
    const auto meeting = session ? Meetings(*session).byId(meetingId) : std::nullopt;
    if (!meeting)
        return false;
    m_meeting = *meeting;
    m_titleLabel->setText(m_meeting.title);
    const QString day = QLocale().toString(m_meeting.heldOn, tr("dddd d MMMM yyyy", "long date format"));
    const int n = int(m_meeting.items.size());
    m_summaryLabel->setText(tr("%1 · %2 · %3")
                                .arg(day, n == 1 ? tr("1 observation") : tr("%1 observations").arg(n),
                                     m_meeting.isSignedOff() ? tr("signed off") : tr("open")));

    const ChildNames names(Children(*session).visible(true));
    const QList<JournalEntry> entries = Meetings(*session).entriesFor([&] {
        QStringList ids;
        for (const MeetingItem& item : m_meeting.items)
            ids << item.observationId;
        return ids;
    }());
    QHash<QString, const JournalEntry*> byId;
    for (const JournalEntry& entry : entries)
        byId.insert(entry.observation.id, &entry);
    m_items->clear();
    int position = 0;
    for (const MeetingItem& item : std::as_const(m_meeting.items)) {
        ++position;
        const JournalEntry* entry = byId.value(item.observationId);
        const QString about = entry ? tr("%1 · %2 · by %3")
                                          .arg(names.list(entry->observation.childIds),
                                               JournalText::when(entry->observation.observedAt), entry->authorName)
                                    : tr("An observation you cannot see");
        const QString outcome = item.outcome.trimmed().isEmpty() ? tr("No outcome recorded yet")
                                                                 : tr("Outcome: %1").arg(item.outcome.trimmed());
        auto* row = new QListWidgetItem(tr("%1. %2\n%3").arg(position).arg(about, outcome), m_items);
        row->setData(Qt::UserRole, item.observationId);
    }
    m_signOffForm->setMeeting(m_meeting);
    return true;
}

void MeetingRecordPanel::exportRecord()
{
    if (m_meeting.id.isEmpty() || !m_lock.session())
        return;
    QPointer<MeetingRecordPanel> alive(this);
    const QString meetingId = m_meeting.id;
    const QString day = m_meeting.heldOn.isValid() ? m_meeting.heldOn.toString(Qt::ISODate) : QString();
    const QString name = tr("Staff meeting %1").arg(day).trimmed() + QStringLiteral(".pdf");
    const auto result
        = ReportRunner(m_lock, this)
              .run(tr("Staff meeting record"), name, [&](Session& s, const QString& path, ReportProgress* progress) {
                  return MeetingReport(s).write(meetingId, path, MeetingReport::Options {}, progress);
              });
    if (!alive)
        return;
    ReportRunner::showResult(m_exportStatusLabel, result);
}

} // namespace Acorn
