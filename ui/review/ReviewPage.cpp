#include "review/ReviewPage.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "auth/StaffRepository.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/Contributions.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/Guardians.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Acorn {

namespace {
constexpr int ThumbnailSize = 136;
constexpr int MaxThumbnails = 5;

QString dayAndTime(const QDateTime& when)
{
    const QDateTime local = when.toLocalTime();
    return QLocale().toString(local.date(), QStringLiteral("ddd d MMM yyyy")) + QStringLiteral(", ")
        + QLocale().toString(local.time(), QStringLiteral("HH:mm"));
}

QString paragraphs(const QString& text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}
} // namespace

ReviewPage::ReviewPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_list(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_emptyLabel(new QLabel(this))
    , m_kindLabel(new QLabel(this))
    , m_childrenLabel(new QLabel(this))
    , m_metaLabel(new QLabel(this))
    , m_textView(new QTextBrowser(this))
    , m_thumbnails(new QWidget(this))
    , m_thumbnailLayout(new QHBoxLayout(m_thumbnails))
    , m_approveButton(new QPushButton(tr("Approve"), this))
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

    m_list->setObjectName(QStringLiteral("reviewList"));
    m_list->setMinimumWidth(300);
    m_list->setMaximumWidth(380);
    m_list->setWordWrap(false); // two lines per item, each cut short with … rather than wrapped
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setSpacing(1);

    m_emptyLabel->setObjectName(QStringLiteral("reviewEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    Theme::makeHint(m_emptyLabel);
    m_emptyLabel->setText(tr("Nothing is waiting for approval."));

    m_kindLabel->setObjectName(QStringLiteral("reviewKindLabel"));
    Theme::makeHint(m_kindLabel);
    m_kindLabel->setTextFormat(Qt::PlainText);
    m_childrenLabel->setObjectName(QStringLiteral("reviewChildrenLabel"));
    m_childrenLabel->setWordWrap(true);
    m_childrenLabel->setTextFormat(Qt::PlainText);
    QFont big = m_childrenLabel->font();
    big.setPointSize(Theme::BodyPointSize + 3);
    big.setBold(true);
    m_childrenLabel->setFont(big);
    m_metaLabel->setObjectName(QStringLiteral("reviewMetaLabel"));
    m_metaLabel->setWordWrap(true);
    m_metaLabel->setTextFormat(Qt::PlainText);
    m_textView->setObjectName(QStringLiteral("reviewTextView"));
    m_textView->setOpenLinks(false);
    m_textView->setMinimumHeight(90);
    m_thumbnails->setObjectName(QStringLiteral("reviewThumbnails"));
    m_thumbnailLayout->setContentsMargins(0, 0, 0, 0);
    m_thumbnailLayout->setSpacing(8);

    m_approveButton->setObjectName(QStringLiteral("approveButton"));
    Theme::makePrimary(m_approveButton);
    m_approveButton->setDefault(false);
    m_approveButton->setMinimumWidth(180);
    m_approveButton->setToolTip(tr("Approve (A)"));
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

    auto* keys = new QLabel(tr("Keys: A approve, R return or decline, J next, K previous"), this);
    keys->setObjectName(QStringLiteral("reviewKeysLabel"));
    Theme::makeHint(keys);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_approveButton);
    actions->addWidget(m_feedbackButton);
    actions->addStretch();

    auto* detail = new QWidget(m_stack);
    detail->setObjectName(QStringLiteral("reviewDetail"));
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(8, 0, 0, 0);
    detailLayout->addWidget(m_kindLabel);
    detailLayout->addWidget(m_childrenLabel);
    detailLayout->addWidget(m_metaLabel);
    detailLayout->addWidget(m_textView, 1);
    detailLayout->addWidget(m_thumbnails);
    detailLayout->addLayout(actions);
    detailLayout->addWidget(m_feedbackPanel);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(detail);

    auto* listColumn = new QVBoxLayout;
    listColumn->addWidget(m_list, 1);
    listColumn->addWidget(keys);
    auto* body = new QHBoxLayout;
    body->addLayout(listColumn, 2);
    body->addWidget(m_stack, 5);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addLayout(body, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &ReviewPage::showCurrent);
    connect(m_approveButton, &QPushButton::clicked, this, &ReviewPage::approveCurrent);
    connect(m_feedbackButton, &QPushButton::clicked, this, &ReviewPage::startFeedback);
    connect(m_sendFeedbackButton, &QPushButton::clicked, this, &ReviewPage::sendFeedback);
    connect(m_cancelFeedbackButton, &QPushButton::clicked, this, &ReviewPage::cancelFeedback);

    // Single keys for a reviewer going through a pile; a text box with focus keeps its letters (it takes them first).
    const auto shortcut = [this](const QKeySequence& keys, void (ReviewPage::*slot)()) {
        auto* s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::Key_A), &ReviewPage::approveCurrent);
    shortcut(QKeySequence(Qt::Key_R), &ReviewPage::startFeedback);
    shortcut(QKeySequence(Qt::Key_J), &ReviewPage::next);
    shortcut(QKeySequence(Qt::Key_K), &ReviewPage::previous);
    shortcut(QKeySequence(Qt::Key_Escape), &ReviewPage::cancelFeedback);
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
    return count() > 0 ? tr("Awaiting approval (%1)").arg(count()) : tr("Awaiting approval");
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
    // Names looked up once per refresh, not once per item.
    m_childNames.clear();
    for (const Child& child : Children(*session).visible(true))
        m_childNames.insert(child.id, child.displayName());
    m_staffNames.clear();
    for (const StaffMember& staff : StaffRepository(session->database()).all())
        m_staffNames.insert(staff.id, staff.displayName);
    for (const Observation& o : Observations(*session).awaitingApproval()) {
        m_items.insert(o.id, o);
        m_staffOrder.append(o.id);
    }
    for (const Observation& o : Contributions(*session).awaitingApproval()) {
        m_items.insert(o.id, o);
        m_homeOrder.append(o.id);
    }
    fillList(keepId, keepRow);
    if (count() != m_lastCount) {
        m_lastCount = count();
        emit countChanged(count());
    }
}

void ReviewPage::fillList(const QString& keepId, int keepRow)
{
    QSignalBlocker blocker(m_list);
    m_list->clear();
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
    const auto entry = [this](const QString& id) {
        const Observation& o = m_items[id];
        const QString who = authorName(o);
        const QString when = QLocale().toString(o.observedAt.toLocalTime().date(), QStringLiteral("d MMM"));
        auto* item = new QListWidgetItem(tr("%1\n%2 · %3").arg(childNames(o), when, who), m_list);
        item->setData(ObservationIdRole, id);
        item->setSizeHint(QSize(0, 64));
    };
    if (!m_staffOrder.isEmpty() || !m_homeOrder.isEmpty()) {
        section(tr("Observations from staff (%1)").arg(m_staffOrder.size()));
        for (const QString& id : m_staffOrder)
            entry(id);
        section(tr("Contributions from home (%1)").arg(m_homeOrder.size()));
        for (const QString& id : m_homeOrder)
            entry(id);
    }

    // The same item if it is still waiting; else the one that took its place.
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
    m_approveButton->setEnabled(o != nullptr);
    m_feedbackButton->setEnabled(o != nullptr);
    if (!o || !session)
        return;
    const QString author = authorName(*o);
    if (o->isGuardianContribution()) {
        m_kindLabel->setText(tr("From home"));
        m_metaLabel->setText(tr("Sent by %1 · about %2").arg(author, dayAndTime(o->observedAt)));
        m_feedbackButton->setText(tr("Decline…"));
        m_feedbackButton->setToolTip(tr("Decline, with a reason the family will see (R)"));
    } else {
        m_kindLabel->setText(o->staffOnly ? tr("Observation by staff · staff only, parents will not see it")
                                          : tr("Observation by staff"));
        m_metaLabel->setText(tr("Observed %1 · by %2").arg(dayAndTime(o->observedAt), author));
        m_feedbackButton->setText(tr("Return with feedback…"));
        m_feedbackButton->setToolTip(tr("Send it back to %1 with what should change (R)").arg(author));
    }
    m_childrenLabel->setText(childNames(*o));

    QString html = QStringLiteral("<p>%1</p>").arg(paragraphs(o->text));
    if (!o->nextSteps.trimmed().isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Next steps:").toHtmlEscaped(), paragraphs(o->nextSteps));
    if (!o->tags.isEmpty()) {
        FrameworkRegistry registry(session->settings());
        QStringList tags;
        for (const ObservationTag& tag : o->tags) {
            const QString id = tag.tag.section(QLatin1Char('@'), 0, 0);
            const QString band = tag.tag.section(QLatin1Char('@'), 1);
            tags << registry.describeTag(id, band).toHtmlEscaped();
        }
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("Areas of learning:").toHtmlEscaped(), tags.join(QStringLiteral("; ")));
    }
    m_textView->setHtml(html);
    showThumbnails(*o);
}

void ReviewPage::showThumbnails(const Observation& observation)
{
    while (QLayoutItem* item = m_thumbnailLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    Session* session = m_lock.session();
    const QList<MediaItem> media = session ? ObservationMedia(*session).of(observation.id) : QList<MediaItem>();
    m_thumbnails->setVisible(!media.isEmpty());
    if (media.isEmpty())
        return;
    ObservationMedia reader(*session);
    for (int i = 0; i < media.size() && i < MaxThumbnails; ++i) {
        const MediaItem& item = media.at(i);
        auto* thumb = new QLabel(m_thumbnails);
        thumb->setObjectName(QStringLiteral("reviewThumbnail"));
        thumb->setFixedSize(ThumbnailSize, ThumbnailSize);
        thumb->setAlignment(Qt::AlignCenter);
        thumb->setStyleSheet(QStringLiteral("QLabel { background: #ececec; border: 1px solid #d0d0d0; }"));
        // Decoded in memory only: the thumbnail never touches the disk in the clear.
        QImage image;
        if (auto bytes = reader.thumbnail(item.id); bytes)
            image.loadFromData(bytes.value());
        if (!image.isNull()) {
            thumb->setPixmap(QPixmap::fromImage(
                image.scaled(ThumbnailSize, ThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        } else {
            thumb->setText(item.kind == MediaKind::Video       ? tr("Video")
                               : item.kind == MediaKind::Audio ? tr("Voice note")
                                                               : tr("Photo"));
        }
        thumb->setAccessibleName(item.kind == MediaKind::Photo ? tr("Photo %1").arg(i + 1) : thumb->text());
        m_thumbnailLayout->addWidget(thumb);
    }
    if (media.size() > MaxThumbnails) {
        auto* more = new QLabel(tr("and %1 more").arg(media.size() - MaxThumbnails), m_thumbnails);
        more->setObjectName(QStringLiteral("reviewMoreMediaLabel"));
        m_thumbnailLayout->addWidget(more);
    }
    m_thumbnailLayout->addStretch();
}

void ReviewPage::approveCurrent()
{
    Session* session = m_lock.session();
    const Observation* o = current();
    if (!session || !o || m_feedbackPanel->isVisible())
        return;
    const QString id = o->id;
    const QString names = childNames(*o);
    const bool contribution = o->isGuardianContribution();
    const VoidResult done = contribution ? Contributions(*session).approve(id) : Observations(*session).approve(id);
    if (!done) {
        Theme::setMessage(m_statusLabel, QString());
        Theme::setMessage(m_errorLabel, done.errorMessage());
        return;
    }
    qCInfo(lcUi) << (contribution ? "contribution approved" : "observation approved") << id;
    afterDecision(contribution ? tr("Approved: what the family sent about %1 is in the journal now.").arg(names)
                               : tr("Approved: the observation of %1 is in the journal now.").arg(names),
                  m_list->currentRow());
}

void ReviewPage::startFeedback()
{
    const Observation* o = current();
    if (!o)
        return;
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
    m_approveButton->hide();
    m_feedbackButton->hide();
    m_feedbackPanel->show();
    m_feedbackEdit->setFocus();
}

void ReviewPage::cancelFeedback()
{
    const bool hadFocus = m_feedbackPanel->isVisible() && m_feedbackPanel->isAncestorOf(focusWidget());
    m_feedbackEdit->clear();
    m_feedbackPanel->hide();
    m_approveButton->show();
    m_feedbackButton->show();
    if (hadFocus)
        m_list->setFocus();
}

void ReviewPage::sendFeedback()
{
    Session* session = m_lock.session();
    const Observation* o = current();
    if (!session || !o || !m_feedbackPanel->isVisible())
        return;
    const QString id = o->id;
    const QString text = m_feedbackEdit->toPlainText();
    const bool contribution = o->isGuardianContribution();
    const QString author = authorName(*o);
    // Core decides whether the text will do (it must say something); its words are shown as they are.
    const VoidResult done
        = contribution ? Contributions(*session).decline(id, text) : Observations(*session).returnToAuthor(id, text);
    if (!done) {
        Theme::setMessage(m_statusLabel, QString());
        Theme::setMessage(m_errorLabel, done.errorMessage());
        m_feedbackEdit->setFocus();
        return;
    }
    qCInfo(lcUi) << (contribution ? "contribution declined" : "observation returned") << id;
    const int row = m_list->currentRow();
    cancelFeedback();
    afterDecision(contribution ? tr("Declined. The family will see your reason.")
                               : tr("Returned to %1 with your feedback.").arg(author),
                  row);
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
