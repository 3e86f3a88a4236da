#include "review/ReviewPage.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/ChildAccess.h"
#include "auth/Session.h"
#include "auth/StaffRepository.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/ChildNames.h"
#include "journal/Contributions.h"
#include "journal/JournalText.h"
#include "journal/Observations.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/Guardians.h"
#include "people/Rooms.h"
#include "review/RatingButtons.h"
#include "review/ReviewFilterBar.h"
#include "review/ReviewItemView.h"
#include "review/Reviews.h"
#include "review/TickBoxStyle.h"

#include <QButtonGroup>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Acorn {

namespace {
constexpr int MaxNoteLength = 4000; // as Reviews::review() allows

const char* const QueueButtonStyle = R"(
QPushButton[queue="true"] {
    min-height: 52px; padding: 0 18px; border: 1px solid #9fb3a4; background: #f4f7f4; font-weight: bold;
}
QPushButton[queue="true"]:checked { background: #2e6b3a; color: white; border-color: #24552e; }
)";
} // namespace

ReviewPage::ReviewPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_awaitingButton(new QPushButton(this))
    , m_notReviewedButton(new QPushButton(this))
    , m_filtersButton(new QPushButton(this))
    , m_filterBar(new ReviewFilterBar(lock.clock(), this))
    , m_list(new QListWidget(this))
    , m_bulkBar(new QFrame(this))
    , m_tickedLabel(new QLabel(m_bulkBar))
    , m_approveTickedButton(new QPushButton(m_bulkBar))
    , m_returnTickedButton(new QPushButton(m_bulkBar))
    , m_untickButton(new QPushButton(tr("Untick all"), m_bulkBar))
    , m_keysLabel(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_emptyLabel(new QLabel(this))
    , m_itemView(new ReviewItemView(lock, this))
    , m_reviewBox(new QFrame(this))
    , m_reviewBoxLabel(new QLabel(m_reviewBox))
    , m_ratingButtons(new RatingButtons(m_reviewBox))
    , m_noteEdit(new QPlainTextEdit(m_reviewBox))
    , m_approveButton(new QPushButton(tr("Approve"), this))
    , m_saveReviewButton(new QPushButton(tr("Save review"), this))
    , m_feedbackButton(new QPushButton(this))
    , m_feedbackPanel(new QFrame(this))
    , m_feedbackLabel(new QLabel(m_feedbackPanel))
    , m_feedbackEdit(new QPlainTextEdit(m_feedbackPanel))
    , m_sendFeedbackButton(new QPushButton(m_feedbackPanel))
    , m_cancelFeedbackButton(new QPushButton(tr("Cancel"), m_feedbackPanel))
    , m_statusLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("reviewPage"));
    setStyleSheet(QString::fromLatin1(QueueButtonStyle));

    // The two queues, as a two-part switch.
    m_awaitingButton->setObjectName(QStringLiteral("awaitingQueueButton"));
    m_notReviewedButton->setObjectName(QStringLiteral("notReviewedQueueButton"));
    auto* queues = new QButtonGroup(this);
    for (QPushButton* b : {m_awaitingButton, m_notReviewedButton}) {
        b->setCheckable(true);
        b->setProperty("queue", true);
        queues->addButton(b);
    }
    m_awaitingButton->setChecked(true);
    m_awaitingButton->setToolTip(tr("Submitted by staff or sent from home, waiting to go into the journal"));
    m_notReviewedButton->setToolTip(tr("In the journal, but nobody has rated them yet"));

    // Filters behind a button, to leave the queue room on a tablet; the button counts the filters at work.
    m_filtersButton->setObjectName(QStringLiteral("reviewFiltersButton"));
    m_filtersButton->setCheckable(true);
    m_filtersButton->setText(tr("Filters"));
    Theme::makeBig(m_filtersButton);
    m_filterBar->hide();

    m_list->setObjectName(QStringLiteral("reviewList"));
    m_list->setMinimumWidth(300);
    m_list->setMaximumWidth(400);
    m_list->setWordWrap(false); // two lines per item, each cut short with … rather than wrapped
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setSpacing(1);
    TickBoxStyle::applyTo(m_list);

    // Ticked items: approve or return them together.
    m_bulkBar->setObjectName(QStringLiteral("reviewBulkBar"));
    m_bulkBar->setStyleSheet(QStringLiteral("#reviewBulkBar { background: #eef3ef; border: 1px solid #9fb3a4; "
                                            "border-radius: 6px; }"));
    m_tickedLabel->setObjectName(QStringLiteral("reviewTickedLabel"));
    m_tickedLabel->setTextFormat(Qt::PlainText);
    m_tickedLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_approveTickedButton->setObjectName(QStringLiteral("approveTickedButton"));
    Theme::makePrimary(m_approveTickedButton);
    m_approveTickedButton->setDefault(false);
    m_returnTickedButton->setObjectName(QStringLiteral("returnTickedButton"));
    Theme::makeBig(m_returnTickedButton);
    m_untickButton->setObjectName(QStringLiteral("untickAllButton"));
    // One row over the item shown, so that the list keeps its height.
    auto* bulkLayout = new QHBoxLayout(m_bulkBar);
    bulkLayout->setContentsMargins(10, 6, 6, 6);
    bulkLayout->addWidget(m_tickedLabel, 1);
    bulkLayout->addWidget(m_approveTickedButton);
    bulkLayout->addWidget(m_returnTickedButton);
    bulkLayout->addWidget(m_untickButton);
    m_bulkBar->hide();

    m_keysLabel->setObjectName(QStringLiteral("reviewKeysLabel"));
    Theme::makeHint(m_keysLabel);

    m_emptyLabel->setObjectName(QStringLiteral("reviewEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    Theme::makeHint(m_emptyLabel);

    // The review: a rating and a note.
    m_reviewBox->setObjectName(QStringLiteral("reviewBox"));
    m_reviewBoxLabel->setObjectName(QStringLiteral("reviewBoxLabel"));
    m_reviewBoxLabel->setWordWrap(true);
    m_reviewBoxLabel->setTextFormat(Qt::PlainText);
    Theme::makeHint(m_reviewBoxLabel);
    m_noteEdit->setObjectName(QStringLiteral("reviewNoteEdit"));
    m_noteEdit->setPlaceholderText(tr("A note on this observation for the records (optional)"));
    m_noteEdit->setFixedHeight(60);
    m_noteEdit->setTabChangesFocus(true);
    auto* reviewLayout = new QVBoxLayout(m_reviewBox);
    reviewLayout->setContentsMargins(0, 4, 0, 0);
    reviewLayout->addWidget(m_reviewBoxLabel);
    reviewLayout->addWidget(m_ratingButtons);
    reviewLayout->addWidget(m_noteEdit);

    m_approveButton->setObjectName(QStringLiteral("approveButton"));
    Theme::makePrimary(m_approveButton);
    m_approveButton->setDefault(false);
    m_approveButton->setMinimumWidth(180);
    m_approveButton->setToolTip(tr("Approve: it goes into the journal (A)"));
    m_saveReviewButton->setObjectName(QStringLiteral("saveReviewButton"));
    Theme::makePrimary(m_saveReviewButton);
    m_saveReviewButton->setDefault(false);
    m_saveReviewButton->setMinimumWidth(180);
    m_saveReviewButton->setToolTip(tr("Save the rating and note (S)"));
    m_feedbackButton->setObjectName(QStringLiteral("feedbackButton"));
    Theme::makeBig(m_feedbackButton);

    m_feedbackPanel->setObjectName(QStringLiteral("feedbackPanel"));
    m_feedbackPanel->setStyleSheet(QStringLiteral("#feedbackPanel { background: #fff4ce; border: 1px solid #c8a400; "
                                                  "border-radius: 6px; }"));
    m_feedbackLabel->setObjectName(QStringLiteral("feedbackLabel"));
    m_feedbackLabel->setWordWrap(true);
    m_feedbackLabel->setTextFormat(Qt::PlainText);
    m_feedbackEdit->setObjectName(QStringLiteral("feedbackEdit"));
    m_feedbackEdit->setFixedHeight(96);
    m_feedbackEdit->setTabChangesFocus(true);
    m_sendFeedbackButton->setObjectName(QStringLiteral("sendFeedbackButton"));
    Theme::makePrimary(m_sendFeedbackButton);
    m_sendFeedbackButton->setDefault(false);
    m_cancelFeedbackButton->setObjectName(QStringLiteral("cancelFeedbackButton"));
    auto* feedbackButtons = new QVBoxLayout;
    feedbackButtons->addWidget(m_sendFeedbackButton);
    feedbackButtons->addWidget(m_cancelFeedbackButton);
    feedbackButtons->addStretch();
    auto* feedbackRow = new QHBoxLayout;
    feedbackRow->addWidget(m_feedbackEdit, 1);
    feedbackRow->addLayout(feedbackButtons);
    auto* feedbackLayout = new QVBoxLayout(m_feedbackPanel);
    feedbackLayout->addWidget(m_feedbackLabel);
    feedbackLayout->addLayout(feedbackRow);
    m_feedbackPanel->hide();

    m_statusLabel->setObjectName(QStringLiteral("reviewStatusLabel"));
    Theme::makeSuccess(m_statusLabel);
    m_errorLabel->setObjectName(QStringLiteral("reviewErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_approveButton);
    actions->addWidget(m_saveReviewButton);
    actions->addWidget(m_feedbackButton);
    actions->addStretch();

    // The item scrolls; its review and the decisions stay in reach below it, on a tablet too.
    auto* detail = new QWidget;
    detail->setObjectName(QStringLiteral("reviewDetail"));
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 8, 0);
    detailLayout->addWidget(m_itemView);
    detailLayout->addStretch();
    auto* detailScroll = new QScrollArea;
    detailScroll->setObjectName(QStringLiteral("reviewDetailScroll"));
    detailScroll->setWidgetResizable(true);
    detailScroll->setFrameShape(QFrame::NoFrame);
    detailScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    detailScroll->setWidget(detail);
    auto* page = new QWidget(m_stack);
    page->setObjectName(QStringLiteral("reviewItemPage"));
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(8, 0, 0, 0);
    pageLayout->addWidget(detailScroll, 1);
    pageLayout->addWidget(m_reviewBox);
    pageLayout->addLayout(actions);
    pageLayout->addWidget(m_feedbackPanel);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(page);

    auto* queueRow = new QHBoxLayout;
    queueRow->setSpacing(0);
    queueRow->addWidget(m_awaitingButton);
    queueRow->addWidget(m_notReviewedButton);
    queueRow->addStretch();
    queueRow->addWidget(m_filtersButton);

    auto* listColumn = new QVBoxLayout;
    listColumn->addWidget(m_list, 1);
    listColumn->addWidget(m_keysLabel);
    auto* detailColumn = new QVBoxLayout;
    detailColumn->addWidget(m_bulkBar);
    detailColumn->addWidget(m_stack, 1);
    auto* body = new QHBoxLayout;
    body->addLayout(listColumn, 2);
    body->addLayout(detailColumn, 5);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(queueRow);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addLayout(body, 1);

    connect(m_awaitingButton, &QPushButton::clicked, this, [this] { setQueue(Queue::AwaitingApproval); });
    connect(m_notReviewedButton, &QPushButton::clicked, this, [this] { setQueue(Queue::NotYetReviewed); });
    connect(m_filterBar, &ReviewFilterBar::filterChanged, this, [this] { reload(currentObservationId(), 0); });
    connect(m_filtersButton, &QPushButton::toggled, m_filterBar, &QWidget::setVisible);
    connect(m_list, &QListWidget::currentRowChanged, this, &ReviewPage::showCurrent);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const QString id = item->data(ObservationIdRole).toString();
        if (id.isEmpty())
            return;
        if (item->checkState() == Qt::Checked)
            m_ticked.insert(id);
        else
            m_ticked.remove(id);
        updateTicks();
    });
    connect(m_approveButton, &QPushButton::clicked, this, &ReviewPage::approveCurrent);
    connect(m_saveReviewButton, &QPushButton::clicked, this, &ReviewPage::saveReview);
    connect(m_feedbackButton, &QPushButton::clicked, this, &ReviewPage::startFeedback);
    connect(m_sendFeedbackButton, &QPushButton::clicked, this, &ReviewPage::sendFeedback);
    connect(m_cancelFeedbackButton, &QPushButton::clicked, this, &ReviewPage::cancelFeedback);
    connect(m_approveTickedButton, &QPushButton::clicked, this, &ReviewPage::approveTicked);
    connect(m_returnTickedButton, &QPushButton::clicked, this, &ReviewPage::startFeedbackForTicked);
    connect(m_untickButton, &QPushButton::clicked, this, [this] {
        m_ticked.clear();
        fillList(currentObservationId(), m_list->currentRow());
    });
    connect(m_ratingButtons, &RatingButtons::ratingChosen, this, &ReviewPage::updateActions);

    // Single keys for a reviewer going through a pile; a text box with focus keeps its letters (it takes them first).
    const auto shortcut = [this](const QKeySequence& keys, auto slot) {
        auto* s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::Key_A), &ReviewPage::approveCurrent);
    shortcut(QKeySequence(Qt::Key_R), &ReviewPage::startFeedback);
    shortcut(QKeySequence(Qt::Key_S), &ReviewPage::saveReview);
    shortcut(QKeySequence(Qt::Key_X), &ReviewPage::toggleTickOnCurrent);
    shortcut(QKeySequence(Qt::Key_J), &ReviewPage::next);
    shortcut(QKeySequence(Qt::Key_K), &ReviewPage::previous);
    shortcut(QKeySequence(Qt::Key_Escape), &ReviewPage::cancelFeedback);
    for (int r = Reviews::MinRating; r <= Reviews::MaxRating; ++r)
        shortcut(QKeySequence(Qt::Key_0 + r), [this, r] { rate(r); });
    auto* send = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_feedbackEdit);
    send->setContext(Qt::WidgetShortcut);
    connect(send, &QShortcut::activated, this, &ReviewPage::sendFeedback);

    refresh();
}

bool ReviewPage::isFor(const LockController& lock)
{
    const Session* session = lock.session();
    return session && (session->can(Action::ApproveObservations) || session->can(Action::ApproveContributions));
}

void ReviewPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    m_list->setFocus();
}

QString ReviewPage::tabTitle() const
{
    return count() > 0 ? tr("Review (%1)").arg(count()) : tr("Review");
}

void ReviewPage::setQueue(Queue queue)
{
    m_awaitingButton->setChecked(queue == Queue::AwaitingApproval);
    m_notReviewedButton->setChecked(queue == Queue::NotYetReviewed);
    if (queue == m_queue)
        return;
    m_queue = queue;
    m_ticked.clear();
    cancelFeedback();
    Theme::setMessage(m_statusLabel, QString());
    Theme::setMessage(m_errorLabel, QString());
    reload(QString(), 0);
}

void ReviewPage::refresh()
{
    reload(currentObservationId(), m_list->currentRow());
}

void ReviewPage::reload(const QString& keepId, int keepRow)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    m_items.clear();
    m_staffOrder.clear();
    m_homeOrder.clear();

    // Names, rooms and the filter's choices, looked up once per refresh rather than once per item.
    const QList<Child> children = Children(*session).visible(true);
    const ChildNames names(children);
    m_childNames.clear();
    m_childRooms.clear();
    QList<ReviewFilterBar::Choice> childChoices;
    for (const Child& child : children) {
        m_childNames.insert(child.id, child.displayName());
        m_childRooms.insert(child.id, child.roomId);
        if (child.status != ChildStatus::Left)
            childChoices.append({child.id, names.fullName(child.id)});
    }
    std::sort(childChoices.begin(), childChoices.end(),
              [](const auto& a, const auto& b) { return a.label.localeAwareCompare(b.label) < 0; });
    const ChildAccess access(*session);
    QList<ReviewFilterBar::Choice> roomChoices;
    QSet<QString> colleagues; // who works in the rooms this person reviews
    for (const Room& room : Rooms(*session).visible()) {
        roomChoices.append({room.id, room.name});
        if (!access.seesAllRooms())
            for (const QString& id : Rooms(*session).staffIn(room.id))
                colleagues.insert(id);
    }
    m_staffNames.clear();
    QList<ReviewFilterBar::Choice> staffChoices;
    for (const StaffMember& staff : StaffRepository(session->database()).all()) {
        m_staffNames.insert(staff.id, staff.displayName);
        if (staff.active && (access.seesAllRooms() || colleagues.contains(staff.id)))
            staffChoices.append({staff.id, staff.displayName});
    }
    QList<ReviewFilterBar::Choice> areaChoices;
    const FrameworkRegistry registry(session->settings());
    const auto frameworks = registry.enabled();
    for (const Framework* framework : frameworks)
        for (const FrameworkNode& area : framework->areas())
            areaChoices.append(
                {area.id, frameworks.size() > 1 ? tr("%1 (%2)").arg(area.label, framework->name()) : area.label});
    {
        const QSignalBlocker blocker(m_filterBar); // this reload reads the filter next anyway
        m_filterBar->setChoices(roomChoices, staffChoices, childChoices, areaChoices);
    }

    const ReviewFilter filter = m_filterBar->filter();
    const bool filtering = m_filterBar->isFiltering();
    Reviews reviews(*session);
    const QList<Observation> home = Contributions(*session).awaitingApproval();
    if (m_queue == Queue::AwaitingApproval) {
        QList<Observation> staff = reviews.awaitingApproval(filter);
        // Waiting longest first, as they came in.
        std::stable_sort(staff.begin(), staff.end(),
                         [](const Observation& a, const Observation& b) { return a.updatedAt < b.updatedAt; });
        for (const Observation& o : staff) {
            m_items.insert(o.id, o);
            m_staffOrder.append(o.id);
        }
        for (const Observation& o : home) {
            if (!matchesFilter(o))
                continue;
            m_items.insert(o.id, o);
            m_homeOrder.append(o.id);
        }
        m_awaitingTotal
            = filtering ? int(reviews.awaitingApproval().size() + home.size()) : int(staff.size() + home.size());
        m_notReviewedTotal = int(reviews.notYetReviewed().size());
    } else {
        const QList<Observation> published = reviews.notYetReviewed(filter);
        for (const Observation& o : published) {
            m_items.insert(o.id, o);
            m_staffOrder.append(o.id);
        }
        m_awaitingTotal = int(reviews.awaitingApproval().size() + home.size());
        m_notReviewedTotal = filtering ? int(reviews.notYetReviewed().size()) : int(published.size());
    }
    // Ticks stay on what is still listed.
    for (auto it = m_ticked.begin(); it != m_ticked.end();)
        it = m_items.contains(*it) ? std::next(it) : m_ticked.erase(it);

    updateQueueButtons();
    fillList(keepId, keepRow);
    if (count() != m_lastCount) {
        m_lastCount = count();
        emit countChanged(count());
    }
}

bool ReviewPage::matchesFilter(const Observation& o) const
{
    const ReviewFilter f = m_filterBar->filter();
    if (!f.authorStaffId.isEmpty())
        return false; // from home: written by no member of staff
    if (!f.childId.isEmpty() && !o.childIds.contains(f.childId))
        return false;
    if (!f.roomId.isEmpty() && std::none_of(o.childIds.cbegin(), o.childIds.cend(), [&](const QString& c) {
            return m_childRooms.value(c) == f.roomId;
        }))
        return false;
    const QDate day = o.observedAt.toUTC().date();
    if ((f.from.isValid() && day < f.from) || (f.to.isValid() && day > f.to))
        return false;
    if (!f.areaTag.isEmpty() && std::none_of(o.tags.cbegin(), o.tags.cend(), [&](const ObservationTag& t) {
            return t.tag == f.areaTag || t.tag.startsWith(f.areaTag + QLatin1Char('.'))
                || t.tag.startsWith(f.areaTag + QLatin1Char('@'));
        }))
        return false;
    return true;
}

void ReviewPage::updateQueueButtons()
{
    const ReviewFilter f = m_filterBar->filter();
    const int active = (f.roomId.isEmpty() ? 0 : 1) + (f.authorStaffId.isEmpty() ? 0 : 1)
        + (f.childId.isEmpty() ? 0 : 1) + (f.areaTag.isEmpty() ? 0 : 1) + (f.from.isValid() || f.to.isValid() ? 1 : 0);
    m_filtersButton->setText(active > 0 ? tr("Filters (%1)").arg(active) : tr("Filters"));
    m_awaitingButton->setText(m_awaitingTotal > 0 ? tr("Awaiting approval (%1)").arg(m_awaitingTotal)
                                                  : tr("Awaiting approval"));
    m_notReviewedButton->setText(m_notReviewedTotal > 0 ? tr("Not yet reviewed (%1)").arg(m_notReviewedTotal)
                                                        : tr("Not yet reviewed"));
    m_keysLabel->setText(m_queue == Queue::AwaitingApproval
                             ? tr("Keys: A approve · R return · 1–4 rating · X tick · J next · K previous")
                             : tr("Keys: 1–4 rating · S save review · J next · K previous"));
    const bool filtering = m_filterBar->isFiltering();
    m_emptyLabel->setText(m_queue == Queue::AwaitingApproval
                              ? (filtering ? tr("Nothing waiting for approval matches the filter.")
                                           : tr("Nothing is waiting for approval."))
                              : (filtering ? tr("Every observation that matches the filter has been reviewed.")
                                           : tr("Every observation in the journal has been reviewed.")));
}

void ReviewPage::fillList(const QString& keepId, int keepRow)
{
    QSignalBlocker blocker(m_list);
    m_list->clear();
    const bool tickable = m_queue == Queue::AwaitingApproval;
    const auto section = [this](const QString& title) {
        auto* item = new QListWidgetItem(title, m_list);
        item->setFlags(Qt::ItemIsEnabled); // a title: not selectable
        QFont bold = m_list->font();
        bold.setBold(true);
        item->setFont(bold);
        item->setForeground(QColor(0x30, 0x30, 0x30));
        item->setBackground(QColor(0xe8, 0xee, 0xe9));
        item->setSizeHint(QSize(0, 44));
    };
    const auto entry = [this, tickable](const QString& id) {
        const Observation& o = m_items[id];
        const QString who = authorName(o);
        const QString when = QLocale().toString(o.observedAt.toLocalTime().date(), tr("d MMM", "short date"));
        auto* item = new QListWidgetItem(tr("%1\n%2 · %3").arg(childNames(o), when, who), m_list);
        item->setData(ObservationIdRole, id);
        item->setSizeHint(QSize(0, 64));
        if (tickable) {
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(m_ticked.contains(id) ? Qt::Checked : Qt::Unchecked);
        }
    };
    if (m_queue == Queue::AwaitingApproval) {
        if (!m_staffOrder.isEmpty() || !m_homeOrder.isEmpty()) {
            section(tr("Observations from staff (%1)").arg(m_staffOrder.size()));
            for (const QString& id : std::as_const(m_staffOrder))
                entry(id);
            section(tr("Contributions from home (%1)").arg(m_homeOrder.size()));
            for (const QString& id : std::as_const(m_homeOrder))
                entry(id);
        }
    } else if (!m_staffOrder.isEmpty()) {
        section(m_filterBar->isFiltering() ? tr("Not rated: %1 shown").arg(m_staffOrder.size())
                                           : tr("Not rated (%1)").arg(m_staffOrder.size()));
        for (const QString& id : std::as_const(m_staffOrder))
            entry(id);
    }

    // The same item if it is still listed; else the one that took its place.
    int row = -1;
    for (int i = 0; i < m_list->count() && row < 0; ++i)
        if (!keepId.isEmpty() && m_list->item(i)->data(ObservationIdRole).toString() == keepId)
            row = i;
    if (row < 0 && m_list->count() > 0) {
        row = qBound(0, keepRow, m_list->count() - 1);
        // Skip section titles, forwards then backwards.
        int r = row;
        while (r < m_list->count() && !(m_list->item(r)->flags() & Qt::ItemIsSelectable))
            ++r;
        if (r >= m_list->count()) {
            r = row;
            while (r >= 0 && !(m_list->item(r)->flags() & Qt::ItemIsSelectable))
                --r;
        }
        row = r;
    }
    m_list->setCurrentRow(row);
    blocker.unblock();
    updateTicks();
    showCurrent();
}

QString ReviewPage::currentObservationId() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(ObservationIdRole).toString() : QString();
}

const Observation* ReviewPage::current() const
{
    const auto it = m_items.constFind(currentObservationId());
    return it == m_items.constEnd() ? nullptr : &it.value();
}

bool ReviewPage::selectObservation(const QString& observationId)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(ObservationIdRole).toString() == observationId) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

QStringList ReviewPage::tickedIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i) {
        const QString id = m_list->item(i)->data(ObservationIdRole).toString();
        if (m_ticked.contains(id))
            ids << id;
    }
    return ids;
}

void ReviewPage::setTicked(const QString& observationId, bool ticked)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        if (item->data(ObservationIdRole).toString() == observationId && (item->flags() & Qt::ItemIsUserCheckable))
            item->setCheckState(ticked ? Qt::Checked : Qt::Unchecked); // itemChanged updates m_ticked
    }
}

void ReviewPage::toggleTickOnCurrent()
{
    const QString id = currentObservationId();
    if (!id.isEmpty())
        setTicked(id, !m_ticked.contains(id));
}

void ReviewPage::updateTicks()
{
    const QStringList ids = tickedIds();
    m_bulkBar->setVisible(!ids.isEmpty() && m_queue == Queue::AwaitingApproval);
    if (ids.isEmpty())
        return;
    int fromHome = 0;
    for (const QString& id : ids)
        fromHome += m_items.value(id).isGuardianContribution() ? 1 : 0;
    const int n = int(ids.size());
    m_tickedLabel->setText(n == 1 ? tr("1 ticked") : tr("%1 ticked").arg(n));
    m_approveTickedButton->setText(tr("Approve %1").arg(n));
    // One kind of answer for all of them: feedback to staff, or a reason to families.
    const bool allHome = fromHome == n;
    m_returnTickedButton->setText(allHome ? tr("Decline %1…").arg(n) : tr("Return %1…").arg(n));
    m_returnTickedButton->setEnabled(fromHome == 0 || allHome);
    m_returnTickedButton->setToolTip(fromHome == 0 || allHome
                                         ? QString()
                                         : tr("Tick only staff observations, or only contributions from home, to send "
                                              "them all the same words."));
}

QString ReviewPage::childNames(const Observation& observation) const
{
    QStringList names;
    for (const QString& id : observation.childIds)
        if (m_childNames.contains(id))
            names << m_childNames.value(id);
    return names.join(QStringLiteral(", "));
}

QString ReviewPage::authorName(const Observation& observation) const
{
    Session* session = m_lock.session();
    if (!session)
        return {};
    if (!observation.isGuardianContribution())
        return m_staffNames.value(observation.authorStaffId);
    Guardians guardians(*session);
    const auto guardian = guardians.byId(observation.authorGuardianId);
    if (!guardian)
        return {};
    for (const GuardianLink& link : guardians.linksOfGuardian(guardian->id))
        if (observation.childIds.contains(link.childId) && !link.relationship.isEmpty())
            return tr("%1 (%2)").arg(guardian->name, link.relationship.toLower());
    return guardian->name;
}

void ReviewPage::showCurrent()
{
    cancelFeedback();
    const Observation* o = current();
    Session* session = m_lock.session();
    m_stack->setCurrentIndex(o && session ? 1 : 0);
    m_ratingButtons->setRating(0);
    m_noteEdit->clear();
    if (!o || !session) {
        updateActions();
        return;
    }
    const QString author = authorName(*o);
    if (o->isGuardianContribution()) {
        m_itemView->setItem(*o, tr("From home"), childNames(*o),
                            tr("Sent by %1 · about %2").arg(author, JournalText::when(o->observedAt)));
        m_feedbackButton->setText(tr("Decline…"));
        m_feedbackButton->setToolTip(tr("Decline, with a reason the family will see (R)"));
    } else {
        const QString kind = m_queue == Queue::NotYetReviewed ? tr("In the journal · not rated yet")
            : o->staffOnly ? tr("Observation by staff · staff only, parents will not see it")
                           : tr("Observation by staff");
        m_itemView->setItem(*o, kind, childNames(*o),
                            tr("Observed %1 · by %2").arg(JournalText::when(o->observedAt), author));
        m_feedbackButton->setText(tr("Return with feedback…"));
        m_feedbackButton->setToolTip(tr("Send it back to %1 with what should change (R)").arg(author));
    }
    m_reviewBoxLabel->setText(m_queue == Queue::AwaitingApproval
                                  ? tr("Rate it as you approve (optional)")
                                  : tr("How good is this observation? Choose a rating, add a note if you like."));
    updateActions();
}

void ReviewPage::updateActions()
{
    const Observation* o = current();
    const bool awaiting = m_queue == Queue::AwaitingApproval;
    const bool staffItem = o && !o->isGuardianContribution();
    const bool writing = m_feedbackPanel->isVisible();
    m_reviewBox->setVisible(staffItem && !writing);
    m_approveButton->setVisible(awaiting && !writing);
    m_feedbackButton->setVisible(awaiting && !writing);
    m_saveReviewButton->setVisible(!awaiting && !writing);
    m_approveButton->setEnabled(o != nullptr);
    m_feedbackButton->setEnabled(o != nullptr);
    m_saveReviewButton->setEnabled(staffItem && m_ratingButtons->rating() > 0);
    m_approveButton->setText(awaiting && staffItem && m_ratingButtons->rating() > 0
                                 ? tr("Approve as “%1”").arg(Reviews::ratingLabel(m_ratingButtons->rating()))
                                 : tr("Approve"));
}

void ReviewPage::rate(int rating)
{
    const Observation* o = current();
    if (!o || o->isGuardianContribution() || m_feedbackPanel->isVisible())
        return;
    m_ratingButtons->toggle(rating); // ratingChosen updates the buttons below
}

void ReviewPage::showError(const QString& message)
{
    Theme::setMessage(m_statusLabel, QString());
    Theme::setMessage(m_errorLabel, message);
}

void ReviewPage::approveCurrent()
{
    Session* session = m_lock.session();
    const Observation* o = current();
    if (!session || !o || m_feedbackPanel->isVisible() || m_queue != Queue::AwaitingApproval)
        return;
    const QString id = o->id;
    const QString names = childNames(*o);
    const bool contribution = o->isGuardianContribution();
    const int rating = contribution ? 0 : m_ratingButtons->rating();
    const QString note = m_noteEdit->toPlainText();
    if (rating > 0 && note.size() > MaxNoteLength) {
        showError(tr("The review note is too long (at most 4,000 characters)."));
        return;
    }
    const VoidResult done = contribution ? Contributions(*session).approve(id) : Observations(*session).approve(id);
    if (!done) {
        showError(done.errorMessage());
        return;
    }
    qCInfo(lcUi) << (contribution ? "contribution approved" : "observation approved") << id;
    if (rating > 0) {
        if (const VoidResult reviewed = Reviews(*session).review(id, note, rating); !reviewed) {
            reload(QString(), m_list->currentRow());
            showError(tr("Approved, but the rating was not saved: %1").arg(reviewed.errorMessage()));
            return;
        }
        qCInfo(lcUi) << "observation rated" << id << rating;
    }
    afterDecision(contribution     ? tr("Approved: what the family sent about %1 is in the journal now.").arg(names)
                      : rating > 0 ? tr("Approved and rated “%1”: the observation of %2 is in the journal now.")
                                         .arg(Reviews::ratingLabel(rating), names)
                                   : tr("Approved: the observation of %1 is in the journal now.").arg(names),
                  m_list->currentRow());
}

void ReviewPage::saveReview()
{
    Session* session = m_lock.session();
    const Observation* o = current();
    if (!session || !o || m_queue != Queue::NotYetReviewed || o->isGuardianContribution())
        return;
    const QString id = o->id;
    const QString names = childNames(*o);
    const int rating = m_ratingButtons->rating();
    // Core says what is wrong (no rating, a note too long) in its own words.
    const VoidResult done = Reviews(*session).review(id, m_noteEdit->toPlainText(), rating);
    if (!done) {
        showError(done.errorMessage());
        return;
    }
    qCInfo(lcUi) << "observation rated" << id << rating;
    afterDecision(tr("Saved: the observation of %1 is rated “%2”.").arg(names, Reviews::ratingLabel(rating)),
                  m_list->currentRow());
}

QStringList ReviewPage::feedbackTargets() const
{
    if (m_bulkFeedback)
        return tickedIds();
    const QString id = currentObservationId();
    return id.isEmpty() ? QStringList() : QStringList {id};
}

void ReviewPage::startFeedback()
{
    const Observation* o = current();
    if (!o || m_queue != Queue::AwaitingApproval)
        return;
    m_bulkFeedback = false;
    if (o->isGuardianContribution()) {
        m_feedbackLabel->setText(tr("Why is it declined? The family will see this reason."));
        m_sendFeedbackButton->setText(tr("Decline"));
    } else {
        const QString author = authorName(*o);
        m_feedbackLabel->setText(tr("What should %1 change? They will see this.").arg(author));
        m_sendFeedbackButton->setText(tr("Return to %1").arg(author));
    }
    Theme::setMessage(m_errorLabel, QString());
    // While writing, the feedback box takes the buttons' place: one decision at a time, and room for the text.
    m_feedbackPanel->show();
    updateActions();
    m_feedbackEdit->setFocus();
}

void ReviewPage::startFeedbackForTicked()
{
    const QStringList ids = tickedIds();
    if (ids.isEmpty() || !m_returnTickedButton->isEnabled())
        return;
    m_bulkFeedback = true;
    const bool home = m_items.value(ids.first()).isGuardianContribution();
    const int n = int(ids.size());
    m_feedbackLabel->setText(home ? tr("Why are these %1 declined? Each family will see this reason.").arg(n)
                                  : tr("What should change in these %1? Each author will see this.").arg(n));
    m_sendFeedbackButton->setText(home ? tr("Decline %1").arg(n) : tr("Return %1").arg(n));
    Theme::setMessage(m_errorLabel, QString());
    m_feedbackPanel->show();
    updateActions();
    m_feedbackEdit->setFocus();
}

void ReviewPage::cancelFeedback()
{
    const bool hadFocus = m_feedbackPanel->isVisible() && m_feedbackPanel->isAncestorOf(focusWidget());
    m_feedbackEdit->clear();
    m_feedbackPanel->hide();
    m_bulkFeedback = false;
    updateActions();
    if (hadFocus)
        m_list->setFocus();
}

void ReviewPage::sendFeedback()
{
    Session* session = m_lock.session();
    const QStringList ids = feedbackTargets();
    if (!session || ids.isEmpty() || !m_feedbackPanel->isVisible())
        return;
    const QString text = m_feedbackEdit->toPlainText();
    QStringList staff;
    QStringList home;
    for (const QString& id : ids)
        (m_items.value(id).isGuardianContribution() ? home : staff) << id;
    const QString author = staff.size() == 1 && ids.size() == 1 ? authorName(m_items.value(staff.first())) : QString();
    // Core decides whether the text will do (it must say something); its words are shown as they are.
    VoidResult done;
    if (!staff.isEmpty())
        done = staff.size() == 1 ? Observations(*session).returnToAuthor(staff.first(), text)
                                 : Reviews(*session).returnAll(staff, text);
    for (int i = 0; done && i < home.size(); ++i)
        done = Contributions(*session).decline(home[i], text);
    if (!done) {
        if (ids.size() > 1)
            reload(currentObservationId(), m_list->currentRow()); // some may be done: show what is left
        showError(done.errorMessage());
        m_feedbackEdit->setFocus();
        return;
    }
    for (const QString& id : ids)
        qCInfo(lcUi) << (m_items.value(id).isGuardianContribution() ? "contribution declined" : "observation returned")
                     << id;
    const int row = m_list->currentRow();
    const bool bulk = m_bulkFeedback;
    cancelFeedback();
    for (const QString& id : ids)
        m_ticked.remove(id);
    const int n = int(ids.size());
    afterDecision(!home.isEmpty()     ? (n == 1 ? tr("Declined. The family will see your reason.")
                                                : tr("Declined %1. Each family will see your reason.").arg(n))
                      : bulk && n > 1 ? tr("Returned %1 with your feedback.").arg(n)
                                      : tr("Returned to %1 with your feedback.").arg(author),
                  row);
}

void ReviewPage::approveTicked()
{
    Session* session = m_lock.session();
    const QStringList ids = tickedIds();
    if (!session || ids.isEmpty() || m_feedbackPanel->isVisible())
        return;
    QStringList staff;
    QStringList home;
    for (const QString& id : ids)
        (m_items.value(id).isGuardianContribution() ? home : staff) << id;
    VoidResult done = Reviews(*session).approveAll(staff);
    for (int i = 0; done && i < home.size(); ++i)
        done = Contributions(*session).approve(home[i]);
    if (!done) {
        reload(currentObservationId(), m_list->currentRow()); // the ones before the refusal are done
        showError(done.errorMessage());
        return;
    }
    for (const QString& id : ids) {
        qCInfo(lcUi) << "approved (ticked)" << id;
        m_ticked.remove(id);
    }
    const int n = int(ids.size());
    afterDecision(n == 1 ? tr("Approved 1: it is in the journal now.")
                         : tr("Approved %1: they are in the journals now.").arg(n),
                  m_list->currentRow());
}

void ReviewPage::afterDecision(const QString& status, int row)
{
    Theme::setMessage(m_errorLabel, QString());
    Theme::setMessage(m_statusLabel, status);
    // The next item takes the decided one's place.
    reload(QString(), row);
    m_list->setFocus();
}

void ReviewPage::next()
{
    moveSelection(+1);
}

void ReviewPage::previous()
{
    moveSelection(-1);
}

void ReviewPage::moveSelection(int step)
{
    for (int r = m_list->currentRow() + step; r >= 0 && r < m_list->count(); r += step) {
        if (m_list->item(r)->flags() & Qt::ItemIsSelectable) {
            m_list->setCurrentRow(r);
            return;
        }
    }
}

} // namespace Acorn
