#include "journal/MediaAttachmentCard.h"

#include "journal/JournalText.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

MediaAttachmentCard::MediaAttachmentCard(const MediaItem& item, int number, QWidget* parent)
    : QFrame(parent)
    , m_item(item)
    , m_number(number)
    , m_thumbnail(new QLabel(this))
    , m_titleLabel(new QLabel(this))
    , m_chips(new ChildChips(this))
    , m_someoneElse(new QComboBox(this))
    , m_consentNote(new QLabel(this))
{
    setObjectName(QStringLiteral("mediaAttachmentCard"));
    setProperty("mediaId", item.id);
    m_appearing = item.childIds;
    setStyleSheet(QStringLiteral("QFrame#mediaAttachmentCard { background: white; border: 1px solid #d3d9d4; "
                                 "border-radius: 10px; }"));

    m_thumbnail->setObjectName(QStringLiteral("attachmentThumbnail"));
    m_thumbnail->setProperty("mediaId", item.id);
    m_thumbnail->setFixedSize(ThumbnailWidth, ThumbnailHeight);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setStyleSheet(QStringLiteral("background: #e9ece9; border-radius: 6px;"));
    if (item.kind != MediaKind::Photo) {
        const QString length = JournalText::duration(item.durationMs);
        m_thumbnail->setText(length.isEmpty() ? JournalText::kindName(item.kind)
                                              : JournalText::kindName(item.kind) + QLatin1Char('\n') + length);
    }

    m_titleLabel->setObjectName(QStringLiteral("attachmentTitleLabel"));
    m_titleLabel->setText(title());
    m_titleLabel->setStyleSheet(QStringLiteral("font-weight: bold; font-size: 14pt;"));
    auto* remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeAttachmentButton"));

    auto* who = new QLabel(tr("Who is in it?"), this);
    who->setObjectName(QStringLiteral("attachmentWhoLabel"));
    m_chips->setObjectName(QStringLiteral("appearingChips"));
    m_someoneElse->setObjectName(QStringLiteral("someoneElseCombo"));
    m_someoneElse->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_consentNote->setObjectName(QStringLiteral("attachmentConsentLabel"));
    m_consentNote->setWordWrap(true);
    m_consentNote->setTextFormat(Qt::PlainText);
    m_consentNote->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_consentNote->hide();

    auto* heading = new QHBoxLayout;
    heading->addWidget(m_titleLabel, 1);
    heading->addWidget(remove);
    auto* right = new QVBoxLayout;
    right->addLayout(heading);
    right->addWidget(who);
    right->addWidget(m_chips);
    right->addWidget(m_someoneElse, 0, Qt::AlignLeft);
    right->addWidget(m_consentNote);
    right->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(14);
    layout->addWidget(m_thumbnail, 0, Qt::AlignTop);
    layout->addLayout(right, 1);

    connect(remove, &QPushButton::clicked, this, &MediaAttachmentCard::removeRequested);
    connect(m_chips, &ChildChips::selectionChanged, this, [this] {
        m_appearing = m_chips->selectedIds();
        emit appearingChanged();
    });
    connect(m_someoneElse, &QComboBox::activated, this, &MediaAttachmentCard::addSomeoneElse);
}

QString MediaAttachmentCard::title() const
{
    return tr("%1 %2", "e.g. Photo 2").arg(JournalText::kindName(m_item.kind)).arg(m_number);
}

void MediaAttachmentCard::setNumber(int number)
{
    m_number = number;
    m_titleLabel->setText(title());
}

void MediaAttachmentCard::setChoices(const QList<ChildChips::Choice>& chips, const QList<ChildChips::Choice>& others,
                                     const QStringList& appearing)
{
    m_shown = chips;
    m_others = others;
    m_appearing = appearing;
    m_chips->setChoices(chips, appearing);
    const QSignalBlocker blocker(m_someoneElse);
    m_someoneElse->clear();
    m_someoneElse->addItem(tr("Someone else is in it…"), QString());
    for (const ChildChips::Choice& other : others)
        m_someoneElse->addItem(other.name, other.childId);
    m_someoneElse->setVisible(!others.isEmpty());
}

void MediaAttachmentCard::setConsentNote(const QString& note)
{
    m_consentNote->setText(note);
    m_consentNote->setVisible(!note.isEmpty());
}

void MediaAttachmentCard::addSomeoneElse(int index)
{
    const QString id = m_someoneElse->itemData(index).toString();
    if (id.isEmpty())
        return;
    QStringList appearing = m_appearing;
    appearing << id;
    QList<ChildChips::Choice> others;
    for (const ChildChips::Choice& other : std::as_const(m_others)) {
        if (other.childId == id)
            m_shown.append(other);
        else
            others.append(other);
    }
    setChoices(m_shown, others, appearing);
    emit appearingChanged();
}

} // namespace Acorn
