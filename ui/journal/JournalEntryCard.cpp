#include "journal/JournalEntryCard.h"

#include "journal/FlowLayout.h"
#include "journal/JournalText.h"
#include "journal/StatusBadge.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>

namespace Acorn {

JournalEntryCard::JournalEntryCard(const JournalEntry& entry, const QStringList& tagLabels, const QString& withChildren,
                                   QWidget* parent)
    : QFrame(parent)
    , m_entry(entry)
{
    setObjectName(QStringLiteral("journalEntryCard"));
    setProperty("observationId", entry.observation.id);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(tr("Observation of %1. Open it.").arg(JournalText::when(entry.observation.observedAt)));

    const Observation& o = entry.observation;
    auto* when = new QLabel(JournalText::when(o.observedAt), this);
    when->setObjectName(QStringLiteral("entryDateLabel"));
    when->setStyleSheet(QStringLiteral("font-weight: bold;"));
    auto* author = new QLabel(entry.authorName.isEmpty() ? tr("Unknown author") : entry.authorName, this);
    author->setObjectName(QStringLiteral("entryAuthorLabel"));
    author->setTextFormat(Qt::PlainText);
    author->setProperty("role", QStringLiteral("hint"));
    auto* badge = new StatusBadge(o.status, this);

    auto* header = new QHBoxLayout;
    header->setSpacing(12);
    header->addWidget(when);
    header->addWidget(author, 1);
    if (entry.commentCount > 0) {
        auto* replies
            = new QLabel(entry.commentCount == 1 ? tr("1 reply") : tr("%1 replies").arg(entry.commentCount), this);
        replies->setObjectName(QStringLiteral("entryRepliesLabel"));
        replies->setProperty("role", QStringLiteral("hint"));
        header->addWidget(replies);
    }
    header->addWidget(badge);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);
    layout->addLayout(header);

    if (!withChildren.isEmpty()) {
        auto* with = new QLabel(withChildren, this);
        with->setObjectName(QStringLiteral("entryChildrenLabel"));
        with->setTextFormat(Qt::PlainText);
        with->setWordWrap(true);
        with->setProperty("role", QStringLiteral("hint"));
        layout->addWidget(with);
    }
    if (o.status == ObservationStatus::Returned && !o.feedback.isEmpty()) {
        auto* feedback = new QLabel(tr("Returned: %1").arg(o.feedback), this);
        feedback->setObjectName(QStringLiteral("entryFeedbackLabel"));
        feedback->setTextFormat(Qt::PlainText);
        feedback->setWordWrap(true);
        feedback->setStyleSheet(QStringLiteral("color: #8a1f16; font-weight: bold;"));
        layout->addWidget(feedback);
    }

    auto* excerpt
        = new QLabel(o.text.trimmed().isEmpty() ? tr("(Nothing written yet)") : JournalText::excerpt(o.text), this);
    excerpt->setObjectName(QStringLiteral("entryExcerptLabel"));
    excerpt->setTextFormat(Qt::PlainText);
    excerpt->setWordWrap(true);
    layout->addWidget(excerpt);

    if (!tagLabels.isEmpty()) {
        auto* tags = new QWidget(this);
        auto* tagFlow = new FlowLayout(tags, 6);
        for (const QString& text : tagLabels) {
            auto* tag = new QLabel(text, tags);
            tag->setObjectName(QStringLiteral("entryTagLabel"));
            tag->setTextFormat(Qt::PlainText);
            tag->setStyleSheet(QStringLiteral("QLabel#entryTagLabel { background: #eef2f7; color: #27415e; "
                                              "border-radius: 6px; padding: 3px 8px; }"));
            tagFlow->addWidget(tag);
        }
        layout->addWidget(tags);
    }

    if (!entry.media.isEmpty()) {
        auto* media = new QHBoxLayout;
        media->setSpacing(8);
        int shown = 0;
        for (const MediaItem& item : entry.media) {
            m_mediaIds << item.id;
            if (shown == MaxThumbnails)
                continue;
            ++shown;
            auto* frame = new QLabel(this);
            frame->setFixedSize(ThumbnailWidth, ThumbnailHeight);
            frame->setAlignment(Qt::AlignCenter);
            frame->setProperty("mediaId", item.id);
            frame->setStyleSheet(QStringLiteral("QLabel { background: #e9ece9; border-radius: 6px; color: #404040; }"));
            if (item.kind == MediaKind::Photo) {
                frame->setObjectName(QStringLiteral("entryThumbnail"));
                m_thumbnails.append(frame);
            } else {
                frame->setObjectName(QStringLiteral("entryMediaPlaceholder"));
                const QString length = JournalText::duration(item.durationMs);
                frame->setText(length.isEmpty() ? JournalText::kindName(item.kind)
                                                : JournalText::kindName(item.kind) + QLatin1Char('\n') + length);
            }
            media->addWidget(frame);
        }
        if (entry.media.size() > MaxThumbnails) {
            auto* more = new QLabel(tr("+%1 more").arg(entry.media.size() - MaxThumbnails), this);
            more->setObjectName(QStringLiteral("entryMoreMediaLabel"));
            media->addWidget(more);
        }
        media->addStretch();
        layout->addLayout(media);
    }

    setStyleSheet(QStringLiteral("QFrame#journalEntryCard { background: white; border: 1px solid #d3d9d4; "
                                 "border-radius: 10px; } QFrame#journalEntryCard:focus { border: 2px solid #2e6b3a; }"
                                 " QLabel[role=\"hint\"] { color: #505050; }"));
}

QStringList JournalEntryCard::mediaIds() const
{
    return m_mediaIds;
}

void JournalEntryCard::mousePressEvent(QMouseEvent* event)
{
    event->accept(); // so that the release comes here too
}

void JournalEntryCard::mouseReleaseEvent(QMouseEvent* event)
{
    QFrame::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit clicked();
}

void JournalEntryCard::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        emit clicked();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace Acorn
