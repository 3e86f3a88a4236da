#include "journal/ChildrenOverviewPage.h"

#include "Clock.h"
#include "Theme.h"
#include "UiLogging.h"
#include "journal/ChildNames.h"
#include "journal/ChildTile.h"
#include "journal/FlowLayout.h"
#include "journal/JournalQuery.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/Rooms.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Acorn {

ChildrenOverviewPage::ChildrenOverviewPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_searchEdit(new QLineEdit(this))
    , m_roomCombo(new QComboBox(this))
    , m_emptyLabel(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_tileArea(new QWidget)
    , m_tileLayout(new FlowLayout(m_tileArea, 12))
{
    setObjectName(QStringLiteral("childrenOverviewPage"));

    m_searchEdit->setObjectName(QStringLiteral("childSearchEdit"));
    m_searchEdit->setPlaceholderText(tr("Find a child by name"));
    m_searchEdit->setClearButtonEnabled(true);
    m_roomCombo->setObjectName(QStringLiteral("roomFilterCombo"));
    m_roomCombo->setMinimumWidth(220);
    m_roomCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_emptyLabel->setObjectName(QStringLiteral("noChildrenLabel"));
    Theme::makeHint(m_emptyLabel);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->hide();

    m_tileArea->setObjectName(QStringLiteral("childTileArea"));
    m_tileArea->setStyleSheet(ChildTile::tileStyleSheet());
    m_tileLayout->setContentsMargins(2, 2, 2, 2);
    m_scroll->setObjectName(QStringLiteral("childTileScroll"));
    m_scroll->setWidget(m_tileArea);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_searchEdit, 1);
    filters->addWidget(m_roomCombo);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_emptyLabel);
    layout->addWidget(m_scroll, 1);

    connect(m_searchEdit, &QLineEdit::textChanged, this, &ChildrenOverviewPage::applyFilter);
    connect(m_roomCombo, &QComboBox::currentIndexChanged, this, &ChildrenOverviewPage::applyFilter);

    refresh();
}

void ChildrenOverviewPage::refresh()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QString room = m_roomCombo->currentData().toString();
    const QList<Room> rooms = Rooms(*session).visible();
    {
        const QSignalBlocker blocker(m_roomCombo);
        m_roomCombo->clear();
        m_roomCombo->addItem(rooms.size() > 1 ? tr("All my rooms") : tr("All rooms"), QString());
        for (const Room& r : rooms)
            m_roomCombo->addItem(r.name, r.id);
        m_roomCombo->setCurrentIndex(qMax(0, m_roomCombo->findData(room)));
    }
    m_roomCombo->setVisible(rooms.size() > 1);

    QHash<QString, QString> roomNames;
    for (const Room& r : rooms)
        roomNames.insert(r.id, r.name);

    // "This week" starts on Monday, in the nursery's local time.
    const QDate today = session->clock().now().toLocalTime().date();
    JournalFilter thisWeek;
    thisWeek.from = today.addDays(1 - today.dayOfWeek());
    const JournalQuery journal(*session);

    m_tileLayout->clear();
    m_tiles.clear();
    const QList<Child> children = Children(*session).visible();
    const ChildNames names(children);
    for (const Child& child : children) {
        // Two children with one name: the birthday, under the name, tells them apart.
        const QString room = roomNames.value(child.roomId);
        const bool namesake = names.fullName(child.id) != child.displayName() && child.dateOfBirth.isValid();
        auto* tile = new ChildTile(
            child.id, child.displayName(),
            namesake
                ? tr("%1 · born %2").arg(room, QLocale().toString(child.dateOfBirth, tr("d MMM yyyy", "date format")))
                : room,
            journal.count(child.id, thisWeek), m_tileArea);
        tile->setProperty("roomId", child.roomId);
        m_tileLayout->addWidget(tile);
        m_tiles.append(tile);
        connect(tile, &QPushButton::clicked, this, [this, id = child.id] { emit childChosen(id); });
    }
    qCInfo(lcUi) << "children overview shows" << m_tiles.size() << "children";
    applyFilter();
}

void ChildrenOverviewPage::applyFilter()
{
    const QString text = m_searchEdit->text().trimmed();
    const QString room = m_roomCombo->currentData().toString();
    int shown = 0;
    for (ChildTile* tile : std::as_const(m_tiles)) {
        const bool show = (room.isEmpty() || tile->property("roomId").toString() == room)
            && (text.isEmpty() || tile->name().contains(text, Qt::CaseInsensitive));
        tile->setVisible(show);
        shown += show ? 1 : 0;
    }
    m_tileLayout->invalidate();
    m_tileArea->updateGeometry();
    Session* session = m_lock.session();
    if (m_tiles.isEmpty())
        Theme::setMessage(m_emptyLabel,
                          session && session->can(Action::ManageRoomsAndChildren)
                              ? tr("There are no children yet. Add them on the People tab.")
                              : tr("There are no children in your rooms yet. A manager can add "
                                   "children and put you in a room."));
    else if (shown == 0 && !text.isEmpty())
        Theme::setMessage(m_emptyLabel, tr("No child matches “%1”.").arg(text));
    else if (shown == 0)
        Theme::setMessage(m_emptyLabel, tr("There are no children in this room."));
    else
        Theme::setMessage(m_emptyLabel, QString());
}

QList<ChildTile*> ChildrenOverviewPage::visibleTiles() const
{
    QList<ChildTile*> shown;
    for (ChildTile* tile : m_tiles)
        if (!tile->isHidden())
            shown.append(tile);
    return shown;
}

ChildTile* ChildrenOverviewPage::tile(const QString& childId) const
{
    for (ChildTile* tile : m_tiles)
        if (tile->childId() == childId)
            return tile;
    return nullptr;
}

} // namespace Acorn
