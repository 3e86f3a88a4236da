#include "journal/DraftsPage.h"

#include "Clock.h"
#include "Theme.h"
#include "auth/DraftStore.h"
#include "journal/ChildNames.h"
#include "journal/EditorDraftStore.h"
#include "journal/JournalText.h"
#include "journal/Observations.h"
#include "journal/StatusBadge.h"
#include "lock/LockController.h"
#include "people/Children.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Acorn {

DraftsPage::DraftsPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_list(new QWidget)
    , m_listLayout(new QVBoxLayout(m_list))
    , m_emptyLabel(new QLabel(tr("No drafts. Everything you started has been sent."), this))
{
    setObjectName(QStringLiteral("draftsPage"));
    m_emptyLabel->setObjectName(QStringLiteral("noDraftsLabel"));
    Theme::makeHint(m_emptyLabel);
    m_list->setObjectName(QStringLiteral("draftList"));
    m_listLayout->setContentsMargins(2, 2, 12, 2);
    m_listLayout->setSpacing(10);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("draftScroll"));
    scroll->setWidget(m_list);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_emptyLabel);
    layout->addWidget(scroll, 1);
}

int DraftsPage::countFor(LockController& lock)
{
    Session* session = lock.session();
    if (!session)
        return 0;
    DraftStore drafts(session->database(), session->staff().id, lock.clock());
    return int(Observations(*session).myDrafts().size() + EditorDraftStore(drafts).unassigned().size());
}

void DraftsPage::refresh()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    while (QLayoutItem* item = m_listLayout->takeAt(0)) {
        if (QWidget* widget = item->widget()) {
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
    const ChildNames names(Children(*session).visible(true));
    DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    const auto unassigned = EditorDraftStore(drafts).unassigned();
    const auto mine = Observations(*session).myDrafts();
    // Returned ones first: someone is waiting for them.
    for (const Observation& o : mine)
        if (o.status == ObservationStatus::Returned)
            m_listLayout->addWidget(
                item(tr("%1 · about %2").arg(JournalText::when(o.observedAt), names.list(o.childIds)), o.text,
                     o.feedback, o.id, false));
    for (const auto& draft : unassigned)
        m_listLayout->addWidget(
            item(tr("%1 · no child chosen yet").arg(JournalText::when(draft.observation.observedAt)),
                 draft.observation.text, QString(), draft.localId, true));
    for (const Observation& o : mine)
        if (o.status != ObservationStatus::Returned)
            m_listLayout->addWidget(
                item(tr("%1 · about %2").arg(JournalText::when(o.observedAt), names.list(o.childIds)), o.text,
                     QString(), o.id, false));
    m_listLayout->addStretch();
    m_count = int(mine.size() + unassigned.size());
    m_emptyLabel->setVisible(m_count == 0);
}

QWidget* DraftsPage::item(const QString& title, const QString& excerpt, const QString& feedback, const QString& key,
                          bool unassigned)
{
    auto* frame = new QFrame(m_list);
    frame->setObjectName(QStringLiteral("draftItem"));
    frame->setProperty(unassigned ? "localId" : "observationId", key);
    frame->setStyleSheet(QStringLiteral("QFrame#draftItem { background: white; border: 1px solid #d3d9d4; "
                                        "border-radius: 10px; }"));
    auto* titleLabel = new QLabel(title, frame);
    titleLabel->setObjectName(QStringLiteral("draftTitleLabel"));
    titleLabel->setTextFormat(Qt::PlainText);
    titleLabel->setWordWrap(true);
    titleLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
    auto* textLabel = new QLabel(
        excerpt.trimmed().isEmpty() ? tr("(Nothing written yet)") : JournalText::excerpt(excerpt, 200), frame);
    textLabel->setObjectName(QStringLiteral("draftExcerptLabel"));
    textLabel->setTextFormat(Qt::PlainText);
    textLabel->setWordWrap(true);
    auto* open = new QPushButton(tr("Continue"), frame);
    open->setObjectName(QStringLiteral("continueDraftButton"));
    open->setMinimumWidth(140);

    auto* text = new QVBoxLayout;
    auto* top = new QHBoxLayout;
    top->addWidget(titleLabel, 1);
    top->addWidget(new StatusBadge(feedback.isEmpty() ? ObservationStatus::Draft : ObservationStatus::Returned, frame));
    text->addLayout(top);
    if (!feedback.isEmpty()) {
        auto* feedbackLabel = new QLabel(tr("Feedback: “%1”").arg(feedback), frame);
        feedbackLabel->setObjectName(QStringLiteral("draftFeedbackLabel"));
        feedbackLabel->setTextFormat(Qt::PlainText);
        feedbackLabel->setWordWrap(true);
        feedbackLabel->setStyleSheet(QStringLiteral("color: #8a1f16; font-weight: bold; font-size: 14pt;"));
        text->addWidget(feedbackLabel);
    }
    text->addWidget(textLabel);
    auto* layout = new QHBoxLayout(frame);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->addLayout(text, 1);
    layout->addWidget(open, 0, Qt::AlignVCenter);

    connect(open, &QPushButton::clicked, this, [this, key, unassigned] {
        if (unassigned)
            emit openUnassignedRequested(key);
        else
            emit openObservationRequested(key);
    });
    return frame;
}

} // namespace Acorn
