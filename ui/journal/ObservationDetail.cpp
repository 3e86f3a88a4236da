#include "journal/ObservationDetail.h"

#include "Clock.h"
#include "Theme.h"
#include "UiLogging.h"
#include "auth/StaffRepository.h"
#include "capture/MediaPlayerWidget.h"
#include "crypto/SecureBuffer.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/ChildNames.h"
#include "journal/Comments.h"
#include "journal/FlowLayout.h"
#include "journal/JournalText.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "journal/StatusBadge.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "storage/Database.h"

#include <QHBoxLayout>
#include <QImage>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace Acorn {

namespace {
QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("detailSectionTitle"));
    label->setStyleSheet(QStringLiteral("font-size: 15pt; font-weight: bold;"));
    return label;
}

QLabel* paragraph(const QString& text, const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

ObservationDetail::ObservationDetail(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_photoTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("observationDetail"));
    auto* page = new QWidget;
    page->setObjectName(QStringLiteral("detailPage"));
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(4, 4, 16, 16);
    pageLayout->setSpacing(14);

    m_content = new QWidget(page);
    m_contentLayout = new QVBoxLayout(m_content);
    m_contentLayout->setContentsMargins(0, 0, 0, 0);
    m_contentLayout->setSpacing(14);
    pageLayout->addWidget(m_content);

    // Replies.
    pageLayout->addWidget(heading(tr("Replies"), page));
    m_commentsArea = new QWidget(page);
    m_commentsLayout = new QVBoxLayout(m_commentsArea);
    m_commentsLayout->setContentsMargins(0, 0, 0, 0);
    m_commentsLayout->setSpacing(8);
    pageLayout->addWidget(m_commentsArea);

    m_replyArea = new QWidget(page);
    m_replyEdit = new QPlainTextEdit(m_replyArea);
    m_replyEdit->setObjectName(QStringLiteral("replyEdit"));
    m_replyEdit->setPlaceholderText(tr("Write a reply about this observation"));
    m_replyEdit->setFixedHeight(96);
    m_replyEdit->setTabChangesFocus(true);
    m_replyButton = new QPushButton(tr("Reply"), m_replyArea);
    m_replyButton->setObjectName(QStringLiteral("replyButton"));
    Theme::makePrimary(m_replyButton);
    m_replyButton->setDefault(false);
    m_replyButton->setMinimumWidth(140);
    m_replyErrorLabel = new QLabel(m_replyArea);
    m_replyErrorLabel->setObjectName(QStringLiteral("replyErrorLabel"));
    Theme::makeError(m_replyErrorLabel);
    auto* replyRow = new QHBoxLayout;
    replyRow->addWidget(m_replyEdit, 1);
    replyRow->addWidget(m_replyButton, 0, Qt::AlignTop);
    auto* replyLayout = new QVBoxLayout(m_replyArea);
    replyLayout->setContentsMargins(0, 0, 0, 0);
    replyLayout->addLayout(replyRow);
    replyLayout->addWidget(m_replyErrorLabel);
    pageLayout->addWidget(m_replyArea);

    // History, for managers.
    m_historyArea = new QWidget(page);
    m_historyLabel = new QLabel(m_historyArea);
    m_historyLabel->setObjectName(QStringLiteral("historyLabel"));
    m_historyLabel->setTextFormat(Qt::PlainText);
    m_historyLabel->setWordWrap(true);
    auto* historyLayout = new QVBoxLayout(m_historyArea);
    historyLayout->setContentsMargins(0, 8, 0, 0);
    historyLayout->addWidget(heading(tr("Changes"), m_historyArea));
    historyLayout->addWidget(m_historyLabel);
    m_historyArea->hide();
    pageLayout->addWidget(m_historyArea);
    pageLayout->addStretch();

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("detailScroll"));
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    m_photoTimer->setInterval(0);
    connect(m_photoTimer, &QTimer::timeout, this, &ObservationDetail::loadNextPhoto);
    connect(m_replyButton, &QPushButton::clicked, this, &ObservationDetail::reply);
}

bool ObservationDetail::showsHistory() const
{
    Session* session = m_lock.session();
    return session && (session->staff().role == Role::Manager || session->staff().role == Role::Administrator);
}

void ObservationDetail::clearContent()
{
    m_photoTimer->stop();
    m_photoQueue.clear();
    m_photos.clear();
    m_playButtons.clear();
    for (MediaPlayerWidget* player : std::as_const(m_players))
        player->clear(); // stop and close the decrypting device now, not when the widget is finally deleted
    m_players.clear();
    while (QLayoutItem* item = m_contentLayout->takeAt(0)) {
        if (QWidget* widget = item->widget()) {
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
}

void ObservationDetail::setEntry(const JournalEntry& entry, const QString& journalChildId)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    clearContent();
    m_entry = entry;
    m_journalChildId = journalChildId;
    const Observation& o = entry.observation;
    const ChildNames names(Children(*session).visible(true));
    m_title = tr("Observation of %1").arg(names.list(o.childIds));

    auto* header = new QWidget(m_content);
    auto* headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->setSpacing(12);
    auto* when = new QLabel(JournalText::when(o.observedAt), header);
    when->setObjectName(QStringLiteral("detailDateLabel"));
    when->setStyleSheet(QStringLiteral("font-size: 15pt; font-weight: bold;"));
    auto* author = new QLabel(tr("by %1").arg(entry.authorName), header);
    author->setObjectName(QStringLiteral("detailAuthorLabel"));
    author->setTextFormat(Qt::PlainText);
    headerLayout->addWidget(when);
    headerLayout->addWidget(author, 1);
    headerLayout->addWidget(new StatusBadge(o.status, header));
    m_contentLayout->addWidget(header);

    if (o.staffOnly) {
        auto* staffOnly = paragraph(tr("Staff only: parents and carers do not see this."),
                                    QStringLiteral("detailStaffOnlyLabel"), m_content);
        staffOnly->setStyleSheet(QStringLiteral("color: #6b4b00; font-weight: bold;"));
        m_contentLayout->addWidget(staffOnly);
    }

    auto* text = paragraph(o.text, QStringLiteral("detailTextLabel"), m_content);
    text->setStyleSheet(QStringLiteral("font-size: 14pt;"));
    m_contentLayout->addWidget(text);

    if (!o.nextSteps.trimmed().isEmpty()) {
        m_contentLayout->addWidget(heading(tr("Next steps"), m_content));
        m_contentLayout->addWidget(paragraph(o.nextSteps, QStringLiteral("detailNextStepsLabel"), m_content));
    }

    if (!o.tags.isEmpty()) {
        m_contentLayout->addWidget(heading(tr("Areas of learning"), m_content));
        const FrameworkRegistry registry(session->settings());
        auto* tags = new QWidget(m_content);
        auto* flow = new FlowLayout(tags, 6);
        for (const ObservationTag& tag : o.tags) {
            auto* label = new QLabel(JournalText::tag(registry, tag), tags);
            label->setObjectName(QStringLiteral("detailTagLabel"));
            label->setTextFormat(Qt::PlainText);
            label->setStyleSheet(QStringLiteral("QLabel#detailTagLabel { background: #eef2f7; color: #27415e; "
                                                "border-radius: 6px; padding: 4px 10px; }"));
            flow->addWidget(label);
        }
        m_contentLayout->addWidget(tags);
    }

    if (!entry.media.isEmpty()) {
        m_contentLayout->addWidget(heading(tr("Photos, videos and voice notes"), m_content));
        for (const MediaItem& item : entry.media) {
            if (item.kind == MediaKind::Photo) {
                auto* photo = new QLabel(tr("Opening the photo…"), m_content);
                photo->setObjectName(QStringLiteral("detailPhoto"));
                photo->setProperty("mediaId", item.id);
                photo->setAlignment(Qt::AlignCenter);
                const QSize size = item.dimensions.isEmpty()
                    ? QSize(MaxPhotoWidth, MaxPhotoWidth * 3 / 4)
                    : item.dimensions.scaled(qMin(MaxPhotoWidth, item.dimensions.width()), 100000, Qt::KeepAspectRatio);
                photo->setFixedSize(size);
                photo->setStyleSheet(QStringLiteral("QLabel#detailPhoto { background: #e9ece9; border-radius: 6px; }"));
                m_contentLayout->addWidget(photo);
                m_photos.append(photo);
                m_photoQueue.append(photo);
            } else {
                const QString length = JournalText::duration(item.durationMs);
                const QString name = JournalText::kindName(item.kind);
                auto* button = new QPushButton(length.isEmpty() ? tr("▶  Play the %1").arg(name.toLower())
                                                                : tr("▶  Play the %1 (%2)").arg(name.toLower(), length),
                                               m_content);
                button->setObjectName(QStringLiteral("detailPlayButton"));
                button->setProperty("mediaId", item.id);
                Theme::makeBig(button);
                button->setIcon(QIcon::fromTheme(item.kind == MediaKind::Video ? QStringLiteral("video-x-generic")
                                                                               : QStringLiteral("audio-x-generic")));
                connect(button, &QPushButton::clicked, this, [this, button] { play(button); });
                m_contentLayout->addWidget(button, 0, Qt::AlignLeft);
                m_playButtons.append(button);
            }
        }
    }

    // Replies come once it has left the author's drafts.
    m_replyArea->setVisible(o.status != ObservationStatus::Draft);
    m_replyEdit->clear();
    Theme::setMessage(m_replyErrorLabel, QString());
    loadComments();
    loadHistory();
    if (!m_photoQueue.isEmpty())
        m_photoTimer->start();
}

void ObservationDetail::play(QPushButton* button)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QString mediaId = button->property("mediaId").toString();
    const auto found = std::find_if(m_entry.media.cbegin(), m_entry.media.cend(),
                                    [&](const MediaItem& item) { return item.id == mediaId; });
    if (found == m_entry.media.cend())
        return;
    for (MediaPlayerWidget* other : std::as_const(m_players))
        other->pause();
    auto* player = new MediaPlayerWidget(m_content);
    player->setObjectName(QStringLiteral("detailMediaPlayer"));
    player->setProperty("mediaId", mediaId);
    player->setMinimumHeight(found->kind == MediaKind::Video ? 360 : 120);
    player->setMaximumWidth(MaxPhotoWidth);
    ObservationMedia media(*session);
    if (auto opened = player->open(media, *found); !opened) {
        delete player;
        button->setText(opened.errorMessage());
        button->setEnabled(false);
        return;
    }
    m_contentLayout->replaceWidget(button, player);
    player->show();
    m_playButtons.removeOne(button);
    button->hide();
    button->deleteLater();
    m_players.append(player);
    player->play();
}

void ObservationDetail::loadNextPhoto()
{
    Session* session = m_lock.session();
    if (!session || m_photoQueue.isEmpty()) {
        m_photoTimer->stop();
        return;
    }
    const QPointer<QLabel> label = m_photoQueue.takeFirst();
    if (!label)
        return;
    const QString mediaId = label->property("mediaId").toString();
    auto bytes = ObservationMedia(*session).content(mediaId, 60 * 1000 * 1000);
    if (!bytes) {
        label->setText(bytes.errorMessage());
        return;
    }
    const QImage image = QImage::fromData(bytes.value());
    wipeBytes(bytes.value());
    if (image.isNull()) {
        label->setText(tr("This photo cannot be shown."));
        return;
    }
    const qreal ratio = label->devicePixelRatioF();
    QPixmap pixmap
        = QPixmap::fromImage(image.scaled(label->size() * ratio, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(ratio);
    label->setPixmap(pixmap);
    label->setProperty("photoShown", true);
}

void ObservationDetail::loadComments()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    while (QLayoutItem* item = m_commentsLayout->takeAt(0)) {
        if (QWidget* widget = item->widget()) {
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
    const auto comments = Comments(*session).of(m_entry.observation.id);
    m_commentCount = int(comments.size());
    if (comments.isEmpty()) {
        auto* none = new QLabel(tr("No replies yet."), m_commentsArea);
        none->setObjectName(QStringLiteral("noCommentsLabel"));
        Theme::makeHint(none);
        m_commentsLayout->addWidget(none);
        return;
    }
    for (const Comment& comment : comments) {
        auto* item = new QFrame(m_commentsArea);
        item->setObjectName(QStringLiteral("commentItem"));
        item->setStyleSheet(
            QStringLiteral("QFrame#commentItem { background: %1; border-radius: 8px; }")
                .arg(comment.authorGuardianId.isEmpty() ? QStringLiteral("#f2f4f2") : QStringLiteral("#eef2f7")));
        auto* who = new QLabel(
            comment.authorGuardianId.isEmpty()
                ? tr("%1 · %2").arg(comment.authorName, JournalText::when(comment.createdAt))
                : tr("%1 (parent or carer) · %2").arg(comment.authorName, JournalText::when(comment.createdAt)),
            item);
        who->setObjectName(QStringLiteral("commentAuthorLabel"));
        who->setTextFormat(Qt::PlainText);
        who->setStyleSheet(QStringLiteral("font-weight: bold;"));
        who->setWordWrap(true);
        auto* layout = new QVBoxLayout(item);
        layout->setContentsMargins(12, 8, 12, 8);
        layout->addWidget(who);
        layout->addWidget(paragraph(comment.text, QStringLiteral("commentTextLabel"), item));
        m_commentsLayout->addWidget(item);
    }
}

void ObservationDetail::loadHistory()
{
    Session* session = m_lock.session();
    if (!session || !showsHistory()) {
        m_historyArea->hide();
        return;
    }
    QHash<QString, QString> staffNames;
    for (const StaffMember& staff : StaffRepository(session->database()).all())
        staffNames.insert(staff.id, staff.displayName);
    const QHash<QString, QString> fieldNames {
        {QStringLiteral("text"), tr("the text")},         {QStringLiteral("next_steps"), tr("the next steps")},
        {QStringLiteral("observed_at"), tr("the time")},  {QStringLiteral("staff_only"), tr("who may see it")},
        {QStringLiteral("children"), tr("the children")}, {QStringLiteral("tags"), tr("the areas of learning")},
    };
    QStringList lines;
    for (const ObservationChange& change : Observations(*session).history(m_entry.observation.id)) {
        const QString who
            = !change.staffId.isEmpty() ? staffNames.value(change.staffId, tr("Someone")) : tr("A parent or carer");
        QString what;
        if (change.change == QLatin1String("created")) {
            what = tr("started it");
        } else if (change.change == QLatin1String("edited")) {
            QStringList fields;
            for (auto it = change.fields.constBegin(); it != change.fields.constEnd(); ++it)
                fields << fieldNames.value(it.key(), it.key());
            what = tr("changed %1").arg(ChildNames::joinNames(fields));
        } else if (change.change == QLatin1String("submitted")) {
            what = tr("sent it for approval");
        } else if (change.change == QLatin1String("published")) {
            what = tr("published it");
        } else if (change.change == QLatin1String("approved")) {
            what = tr("approved it");
        } else if (change.change == QLatin1String("returned")) {
            what = tr("returned it: “%1”").arg(change.fields.value(QLatin1String("feedback")).toString());
        } else if (change.change == QLatin1String("declined")) {
            what = tr("declined it");
        } else {
            what = change.change;
        }
        lines << tr("%1 — %2 %3").arg(JournalText::when(change.at), who, what);
    }
    m_historyLabel->setText(lines.join(QLatin1Char('\n')));
    m_historyArea->setVisible(!lines.isEmpty());
}

void ObservationDetail::reply()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    auto added = Comments(*session).add(m_entry.observation.id, m_replyEdit->toPlainText());
    if (!added) {
        Theme::setMessage(m_replyErrorLabel, added.errorMessage());
        return;
    }
    qCInfo(lcUi) << "reply added to observation" << m_entry.observation.id;
    m_replyEdit->clear();
    Theme::setMessage(m_replyErrorLabel, QString());
    loadComments();
    emit commentAdded(m_entry.observation.id);
}

} // namespace Acorn
