#include "meeting/MeetingsPage.h"

#include "Theme.h"
#include "auth/Session.h"
#include "journal/ChildNames.h"
#include "lock/LockController.h"
#include "meeting/MeetingRecordPanel.h"
#include "meeting/MeetingSetupPanel.h"
#include "meeting/PresentationWindow.h"
#include "people/Children.h"
#include "review/Meetings.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Acorn {

MeetingsPage::MeetingsPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_newButton(new QPushButton(tr("New meeting"), this))
    , m_list(new QListWidget(this))
    , m_childCombo(new QComboBox(this))
    , m_presentChildButton(new QPushButton(tr("Present journal"), this))
    , m_stack(new QStackedWidget(this))
    , m_emptyLabel(new QLabel(this))
    , m_setup(new MeetingSetupPanel(lock, this))
    , m_record(new MeetingRecordPanel(lock, this))
{
    setObjectName(QStringLiteral("meetingsPage"));
    m_newButton->setObjectName(QStringLiteral("newMeetingButton"));
    Theme::makePrimary(m_newButton);
    m_newButton->setDefault(false);
    m_list->setObjectName(QStringLiteral("meetingsList"));
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setMinimumWidth(280);
    m_list->setMaximumWidth(380);
    auto* pastLabel = new QLabel(tr("Meetings"), this);
    pastLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));

    // Presenting one child's journal: the one place a photo of a child without consent may be shown to the room.
    auto* childBox = new QFrame(this);
    childBox->setObjectName(QStringLiteral("presentChildBox"));
    childBox->setStyleSheet(QStringLiteral("#presentChildBox { background: #eef3ef; border-radius: 6px; }"));
    auto* childLabel = new QLabel(tr("Present a child's journal"), childBox);
    childLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_childCombo->setObjectName(QStringLiteral("presentChildCombo"));
    m_childCombo->setMaximumWidth(360);
    m_childCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_childCombo->setMinimumContentsLength(12);
    m_presentChildButton->setObjectName(QStringLiteral("presentChildJournalButton"));
    Theme::makeBig(m_presentChildButton);
    auto* childLayout = new QVBoxLayout(childBox);
    childLayout->addWidget(childLabel);
    childLayout->addWidget(m_childCombo);
    childLayout->addWidget(m_presentChildButton);

    m_emptyLabel->setObjectName(QStringLiteral("meetingsEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    Theme::makeHint(m_emptyLabel);
    m_emptyLabel->setText(tr("Choose a meeting on the left, or start a new one: choose the observations to look at "
                             "together, present them on the projector, record what was agreed and sign it off."));
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_setup);
    m_stack->addWidget(m_record);

    auto* left = new QVBoxLayout;
    left->addWidget(m_newButton);
    left->addWidget(pastLabel);
    left->addWidget(m_list, 1);
    left->addWidget(childBox);
    auto* leftWidget = new QWidget(this);
    leftWidget->setObjectName(QStringLiteral("meetingsColumn"));
    leftWidget->setLayout(left);
    leftWidget->setMaximumWidth(380);
    left->setContentsMargins(0, 0, 0, 0);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(leftWidget, 2);
    layout->addSpacing(8);
    layout->addWidget(m_stack, 5);

    connect(m_newButton, &QPushButton::clicked, this, &MeetingsPage::newMeeting);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item)
            openMeeting(item->data(MeetingIdRole).toString());
    });
    connect(m_setup, &MeetingSetupPanel::meetingCreated, this, [this](const QString& id) {
        refresh();
        openMeeting(id);
    });
    connect(m_setup, &MeetingSetupPanel::cancelled, this, [this] { m_stack->setCurrentWidget(m_emptyLabel); });
    connect(m_record, &MeetingRecordPanel::presentRequested, this, &MeetingsPage::presentMeeting);
    connect(m_record, &MeetingRecordPanel::changed, this, &MeetingsPage::refresh);
    connect(m_presentChildButton, &QPushButton::clicked, this,
            [this] { presentChildJournal(m_childCombo->currentData().toString()); });

    refresh();
}

bool MeetingsPage::isFor(const LockController& lock)
{
    const Session* session = lock.session();
    return session && session->can(Action::ApproveObservations);
}

void MeetingsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void MeetingsPage::refresh()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QString current = m_list->currentItem() ? m_list->currentItem()->data(MeetingIdRole).toString() : QString();
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const Meeting& meeting : Meetings(*session).all()) {
            const QString day = QLocale().toString(meeting.heldOn, tr("d MMM yyyy", "date format"));
            const int n = int(meeting.items.size());
            auto* item = new QListWidgetItem(tr("%1\n%2 · %3 · %4")
                                                 .arg(meeting.title, day,
                                                      n == 1 ? tr("1 observation") : tr("%1 observations").arg(n),
                                                      meeting.isSignedOff() ? tr("signed off") : tr("open")),
                                             m_list);
            item->setData(MeetingIdRole, meeting.id);
            item->setSizeHint(QSize(0, 64));
            if (meeting.id == current)
                m_list->setCurrentItem(item);
        }
    }
    fillChildren();
    if (m_stack->currentWidget() == m_record && !m_record->meetingId().isEmpty())
        m_record->setMeeting(m_record->meetingId());
}

void MeetingsPage::fillChildren()
{
    Session* session = m_lock.session();
    const QString current = m_childCombo->currentData().toString();
    const QList<Child> children = Children(*session).visible();
    const ChildNames names(children);
    QList<std::pair<QString, QString>> sorted;
    for (const Child& child : children)
        sorted.append({names.fullName(child.id), child.id});
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first.localeAwareCompare(b.first) < 0; });
    const QSignalBlocker blocker(m_childCombo);
    m_childCombo->clear();
    for (const auto& [name, id] : sorted)
        m_childCombo->addItem(name, id);
    m_childCombo->setCurrentIndex(qMax(0, m_childCombo->findData(current)));
    m_presentChildButton->setEnabled(m_childCombo->count() > 0);
}

void MeetingsPage::newMeeting()
{
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentItem(nullptr);
    }
    m_setup->reset();
    m_stack->setCurrentWidget(m_setup);
}

void MeetingsPage::openMeeting(const QString& meetingId)
{
    if (!m_record->setMeeting(meetingId))
        return;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(MeetingIdRole).toString() == meetingId && m_list->currentRow() != i) {
            const QSignalBlocker blocker(m_list);
            m_list->setCurrentRow(i);
        }
    m_stack->setCurrentWidget(m_record);
}

PresentationWindow* MeetingsPage::presentation() const
{
    return m_presentation;
}

PresentationWindow* MeetingsPage::presentMeeting(const QString& meetingId)
{
    auto* window = new PresentationWindow(m_lock, this);
    return startPresentation(window, window->loadMeeting(meetingId));
}

PresentationWindow* MeetingsPage::presentChildJournal(const QString& childId)
{
    auto* window = new PresentationWindow(m_lock, this);
    return startPresentation(window, window->loadChildJournal(childId));
}

PresentationWindow* MeetingsPage::startPresentation(PresentationWindow* window, bool loaded)
{
    if (!loaded) {
        delete window;
        return nullptr;
    }
    if (m_presentation)
        m_presentation->end(); // one projector, one presentation
    m_presentation = window;
    connect(window, &PresentationWindow::ended, this, [this] {
        refresh(); // outcomes, notes, a sign-off
        if (!m_record->meetingId().isEmpty() && m_stack->currentWidget() == m_record)
            m_record->setMeeting(m_record->meetingId());
    });
    window->present();
    return window;
}

} // namespace Acorn
