#include "review/ReviewItemView.h"

#include "Theme.h"
#include "auth/Session.h"
#include "crypto/SecureBuffer.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/JournalText.h"
#include "journal/ObservationMedia.h"
#include "lock/LockController.h"

#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

#include <cmath>

namespace Acorn {

namespace {
QString paragraphs(const QString& text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}
} // namespace

ReviewItemView::ReviewItemView(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_kindLabel(new QLabel(this))
    , m_childrenLabel(new QLabel(this))
    , m_metaLabel(new QLabel(this))
    , m_textView(new QTextBrowser(this))
    , m_thumbnails(new QWidget(this))
    , m_thumbnailLayout(new QHBoxLayout(m_thumbnails))
{
    setObjectName(QStringLiteral("reviewItemView"));
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
    m_textView->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_thumbnails->setObjectName(QStringLiteral("reviewThumbnails"));
    m_thumbnailLayout->setContentsMargins(0, 0, 0, 0);
    m_thumbnailLayout->setSpacing(8);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_kindLabel);
    layout->addWidget(m_childrenLabel);
    layout->addWidget(m_metaLabel);
    layout->addWidget(m_textView);
    layout->addWidget(m_thumbnails);
}

void ReviewItemView::setItem(const Observation& o, const QString& kind, const QString& children, const QString& meta)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    m_kindLabel->setText(kind);
    m_childrenLabel->setText(children);
    m_metaLabel->setText(meta);

    QString html = QStringLiteral("<p>%1</p>").arg(paragraphs(o.text));
    if (!o.nextSteps.trimmed().isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Next steps:").toHtmlEscaped(), paragraphs(o.nextSteps));
    if (!o.tags.isEmpty()) {
        const FrameworkRegistry registry(session->settings());
        QStringList tags;
        for (const ObservationTag& tag : o.tags)
            tags << JournalText::tag(registry, tag).toHtmlEscaped();
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("Areas of learning:").toHtmlEscaped(), tags.join(QStringLiteral("; ")));
    }
    m_textView->setHtml(html);
    fitText();
    showThumbnails(o);
}

void ReviewItemView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitText();
}

void ReviewItemView::fitText()
{
    QTextDocument* document = m_textView->document();
    document->setTextWidth(m_textView->viewport()->width());
    const int height = int(std::ceil(document->size().height())) + 2 * m_textView->frameWidth() + 4;
    m_textView->setFixedHeight(qBound(80, height, 360));
    // Wrapped labels need their height for this width: asked for here, so that a short scroll area scrolls rather
    // than squeezing them.
    if (layout() && layout()->hasHeightForWidth())
        setMinimumHeight(layout()->heightForWidth(width()));
}

void ReviewItemView::showThumbnails(const Observation& observation)
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
    const ObservationMedia reader(*session);
    for (int i = 0; i < media.size() && i < MaxThumbnails; ++i) {
        const MediaItem& item = media.at(i);
        auto* thumb = new QLabel(m_thumbnails);
        thumb->setObjectName(QStringLiteral("reviewThumbnail"));
        thumb->setFixedSize(ThumbnailSize, ThumbnailSize);
        thumb->setAlignment(Qt::AlignCenter);
        thumb->setStyleSheet(QStringLiteral("QLabel { background: #ececec; border: 1px solid #d0d0d0; }"));
        // Decoded in memory only: the thumbnail never touches the disk in the clear.
        QImage image;
        if (auto bytes = reader.thumbnail(item.id); bytes) {
            image.loadFromData(bytes.value());
            wipeBytes(bytes.value());
        }
        if (!image.isNull())
            thumb->setPixmap(QPixmap::fromImage(
                image.scaled(ThumbnailSize, ThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        else
            thumb->setText(JournalText::kindName(item.kind));
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

} // namespace Acorn
