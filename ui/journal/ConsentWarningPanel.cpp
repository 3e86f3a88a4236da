#include "journal/ConsentWarningPanel.h"

#include "journal/ChildNames.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Acorn {

ConsentWarningPanel::ConsentWarningPanel(QWidget* parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_submitAnyway(new QPushButton(tr("Submit anyway"), this))
    , m_change(new QPushButton(tr("Change the photos"), this))
{
    setObjectName(QStringLiteral("consentWarningPanel"));
    setStyleSheet(QStringLiteral("QFrame#consentWarningPanel { background: #fff4ce; border: 2px solid #c8a400; "
                                 "border-radius: 10px; }"));
    auto* title = new QLabel(tr("Some pictures will not appear in every journal"), this);
    title->setObjectName(QStringLiteral("consentWarningTitle"));
    title->setWordWrap(true);
    title->setStyleSheet(QStringLiteral("font-weight: bold; font-size: 14pt;"));
    m_text->setObjectName(QStringLiteral("consentWarningLabel"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    auto* hint = new QLabel(tr("That is how photo consent works, and it may be just what you want. If it is not, "
                               "change who is in the photos or remove them."),
                            this);
    hint->setWordWrap(true);
    m_submitAnyway->setObjectName(QStringLiteral("submitAnywayButton"));
    m_submitAnyway->setProperty("big", true);
    m_change->setObjectName(QStringLiteral("changePhotosButton"));
    m_change->setProperty("big", true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_change);
    buttons->addWidget(m_submitAnyway);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(title);
    layout->addWidget(m_text);
    layout->addWidget(hint);
    layout->addLayout(buttons);

    connect(m_submitAnyway, &QPushButton::clicked, this, &ConsentWarningPanel::submitAnywayRequested);
    connect(m_change, &QPushButton::clicked, this, &ConsentWarningPanel::changeRequested);
}

QStringList ConsentWarningPanel::describe(const QList<ConsentRules::HiddenMedia>& hidden,
                                          const QHash<QString, QString>& titles, const QHash<QString, int>& order,
                                          const ChildNames& names)
{
    QList<ConsentRules::HiddenMedia> sorted = hidden;
    std::stable_sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
        const int oa = order.value(a.mediaId), ob = order.value(b.mediaId);
        return oa != ob ? oa < ob
                        : names.shortName(a.journalChildId).localeAwareCompare(names.shortName(b.journalChildId)) < 0;
    });
    QStringList messages;
    for (const auto& item : std::as_const(sorted)) {
        const QString what = titles.value(item.mediaId, tr("A picture"));
        const QString journal = names.shortName(item.journalChildId);
        if (item.becauseOfChildIds.size() == 1)
            messages << tr("%1 will not appear in %2's journal, because %3's photo may not be shown in other "
                           "children's journals.")
                            .arg(what, journal, names.shortName(item.becauseOfChildIds.first()));
        else
            messages << tr("%1 will not appear in %2's journal, because photos of %3 may not be shown in other "
                           "children's journals.")
                            .arg(what, journal, names.list(item.becauseOfChildIds));
    }
    return messages;
}

void ConsentWarningPanel::setMessages(const QStringList& messages)
{
    m_messages = messages;
    m_text->setText(messages.join(QLatin1Char('\n')));
}

} // namespace Acorn
