#include "dashboard/NotObservedPanel.h"

#include "Theme.h"
#include "auth/Session.h"
#include "journal/ChildNames.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/Rooms.h"
#include "review/DashboardStats.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Acorn {

NotObservedPanel::NotObservedPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_days(new QSpinBox(this))
    , m_countLabel(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_emptyLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("notObservedPanel"));
    auto* before = new QLabel(tr("Children not observed for"), this);
    auto* after = new QLabel(tr("days or more"), this);
    for (QLabel* label : {before, after}) {
        QFont font = label->font();
        font.setPointSize(Theme::BodyPointSize + 3);
        label->setFont(font);
    }
    m_days->setObjectName(QStringLiteral("notObservedDaysSpinBox"));
    m_days->setRange(1, 365);
    m_days->setValue(DefaultDays);
    m_days->setMinimumWidth(100);
    QFont spinFont = m_days->font();
    spinFont.setPointSize(Theme::BodyPointSize + 3);
    m_days->setFont(spinFont);
    m_countLabel->setObjectName(QStringLiteral("notObservedCountLabel"));
    m_countLabel->setTextFormat(Qt::PlainText);
    QFont big = m_countLabel->font();
    big.setPointSize(26);
    big.setBold(true);
    m_countLabel->setFont(big);
    m_countLabel->setStyleSheet(QStringLiteral("color: #2e6b3a;"));

    m_list->setObjectName(QStringLiteral("notObservedList"));
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setSpacing(2);
    m_list->setCursor(Qt::PointingHandCursor);
    QFont listFont = m_list->font();
    listFont.setPointSize(Theme::BodyPointSize + 2);
    m_list->setFont(listFont);
    m_emptyLabel->setObjectName(QStringLiteral("notObservedEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    Theme::makeHint(m_emptyLabel);
    auto* hint = new QLabel(tr("Tap a child to open their journal."), this);
    hint->setObjectName(QStringLiteral("notObservedHintLabel"));
    Theme::makeHint(hint);

    auto* top = new QHBoxLayout;
    top->addWidget(before);
    top->addWidget(m_days);
    top->addWidget(after);
    top->addStretch();
    top->addWidget(m_countLabel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_emptyLabel, 1);
    layout->addWidget(hint);

    connect(m_days, &QSpinBox::valueChanged, this, &NotObservedPanel::refresh);
    connect(m_list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { emit childChosen(item->data(ChildIdRole).toString()); });
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit childChosen(item->data(ChildIdRole).toString()); });
}

void NotObservedPanel::refresh()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QList<Child> children = Children(*session).visible();
    const ChildNames names(children);
    QHash<QString, QString> roomOfChild;
    QHash<QString, QString> roomNames;
    for (const Room& room : Rooms(*session).visible())
        roomNames.insert(room.id, room.name);
    for (const Child& child : children)
        roomOfChild.insert(child.id, roomNames.value(child.roomId));

    const QList<DashboardStats::ChildGap> gaps = DashboardStats(*session).notObservedFor(m_days->value());
    m_list->clear();
    for (const DashboardStats::ChildGap& gap : gaps) {
        const QString when = gap.daysSince < 0 ? tr("never observed")
            : gap.daysSince == 1               ? tr("1 day ago")
                                               : tr("%1 days ago").arg(gap.daysSince);
        const QString room = roomOfChild.value(gap.childId);
        auto* item
            = new QListWidgetItem(room.isEmpty() ? tr("%1 — %2").arg(names.fullName(gap.childId), when)
                                                 : tr("%1 — %2 · %3").arg(names.fullName(gap.childId), when, room),
                                  m_list);
        item->setData(ChildIdRole, gap.childId);
        item->setSizeHint(QSize(0, 52));
        item->setToolTip(tr("Open %1's journal").arg(names.shortName(gap.childId)));
    }
    const int n = int(gaps.size());
    m_countLabel->setText(n == 1 ? tr("1 child") : tr("%1 children").arg(n));
    m_list->setVisible(n > 0);
    m_emptyLabel->setVisible(n == 0);
    m_emptyLabel->setText(tr("Every child has been observed in the last %1 days.").arg(m_days->value()));
}

} // namespace Acorn
