#include "people/RoomsPanel.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "auth/StaffRepository.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/RoomNameDialog.h"
#include "people/Rooms.h"
#include "people/RoomsTableModel.h"
#include "people/TableLook.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Acorn {

RoomsPanel::RoomsPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_model(new RoomsTableModel(this))
    , m_table(new QTableView(this))
    , m_addButton(new QPushButton(tr("Add a room"), this))
    , m_renameButton(new QPushButton(tr("Rename"), this))
    , m_staffBox(new QGroupBox(this))
    , m_staffList(new QWidget(m_staffBox))
    , m_statusLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("roomsPanel"));
    m_addButton->setObjectName(QStringLiteral("addRoomButton"));
    Theme::makePrimary(m_addButton);
    m_addButton->setDefault(false);
    m_renameButton->setObjectName(QStringLiteral("renameRoomButton"));

    m_table->setObjectName(QStringLiteral("roomsTable"));
    m_table->setModel(m_model);
    TableLook::apply(m_table, RoomsTableModel::StaffColumn);
    m_table->horizontalHeader()->setStretchLastSection(false);

    m_staffBox->setObjectName(QStringLiteral("roomStaffBox"));
    auto* staffHint = new QLabel(tr("Tick everyone who works in this room: they see and observe its children. "
                                    "Managers see every room."),
                                 m_staffBox);
    Theme::makeHint(staffHint);
    m_staffList->setObjectName(QStringLiteral("roomStaffList"));
    auto* listLayout = new QVBoxLayout(m_staffList);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(0);
    auto* scroll = new QScrollArea(m_staffBox);
    scroll->setObjectName(QStringLiteral("roomStaffScrollArea"));
    scroll->setWidget(m_staffList);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->viewport()->setAutoFillBackground(false);
    m_staffList->setAutoFillBackground(false);
    auto* staffLayout = new QVBoxLayout(m_staffBox);
    staffLayout->addWidget(staffHint);
    staffLayout->addWidget(scroll, 1);

    m_statusLabel->setObjectName(QStringLiteral("roomsStatusLabel"));
    Theme::makeSuccess(m_statusLabel);
    m_errorLabel->setObjectName(QStringLiteral("roomsErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addSpacing(16);
    buttons->addWidget(m_renameButton);
    buttons->addStretch();

    auto* body = new QHBoxLayout;
    body->addWidget(m_table, 3);
    body->addWidget(m_staffBox, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addLayout(body, 1);

    connect(m_addButton, &QPushButton::clicked, this, &RoomsPanel::addRoom);
    connect(m_renameButton, &QPushButton::clicked, this, &RoomsPanel::renameRoom);
    connect(m_table, &QTableView::doubleClicked, this, &RoomsPanel::renameRoom);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RoomsPanel::updateStaffList);

    refresh();
}

void RoomsPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void RoomsPanel::refresh()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    QString selected = selectedRoomId();
    QHash<QString, QString> staffNames;
    for (const StaffMember& staff : StaffRepository(session->database()).all())
        if (staff.active)
            staffNames.insert(staff.id, staff.displayName);
    QHash<QString, int> childCounts;
    for (const Child& child : Children(*session).visible())
        ++childCounts[child.roomId];

    Rooms rooms(*session);
    QList<RoomsTableModel::Row> rows;
    for (const Room& room : rooms.visible()) {
        RoomsTableModel::Row row {room, {}, childCounts.value(room.id)};
        for (const QString& staffId : rooms.staffIn(room.id))
            if (staffNames.contains(staffId))
                row.staffNames << staffNames.value(staffId);
        std::sort(row.staffNames.begin(), row.staffNames.end(),
                  [](const QString& a, const QString& b) { return a.localeAwareCompare(b) < 0; });
        rows.append(row);
    }
    m_model->setRows(rows);
    m_table->resizeColumnToContents(RoomsTableModel::NameColumn);
    m_table->resizeColumnToContents(RoomsTableModel::ChildrenColumn);
    if (selected.isEmpty() && !rows.isEmpty())
        selected = rows.first().room.id;
    select(selected);
}

void RoomsPanel::select(const QString& roomId)
{
    const int row = m_model->rowOf(roomId);
    if (row >= 0)
        m_table->selectRow(row);
    updateStaffList();
}

QString RoomsPanel::selectedRoomId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    const RoomsTableModel::Row* row = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    return row ? row->room.id : QString();
}

void RoomsPanel::updateStaffList()
{
    Session* session = m_lock.session();
    const auto rows = m_table->selectionModel()->selectedRows();
    const RoomsTableModel::Row* row = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    const bool manage = session && session->can(Action::ManageRoomsAndChildren);
    m_addButton->setEnabled(manage);
    m_renameButton->setEnabled(manage && row);
    m_staffBox->setTitle(row ? tr("Who works in %1").arg(row->room.name) : tr("Who works here"));
    m_staffBox->setEnabled(manage && row);

    auto* listLayout = static_cast<QVBoxLayout*>(m_staffList->layout());
    while (QLayoutItem* item = listLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (session && row) {
        Rooms rooms(*session);
        auto staff = StaffRepository(session->database()).all();
        std::sort(staff.begin(), staff.end(), [](const StaffMember& a, const StaffMember& b) {
            return a.displayName.localeAwareCompare(b.displayName) < 0;
        });
        int listed = 0;
        for (const StaffMember& member : staff) {
            if (!member.active || (member.role != Role::Practitioner && member.role != Role::RoomLeader))
                continue;
            ++listed;
            auto* box = new QCheckBox(tr("%1 (%2)").arg(member.displayName, roleDisplayName(member.role)), m_staffList);
            box->setObjectName(QStringLiteral("roomStaffCheckBox"));
            box->setProperty("staffId", member.id);
            box->setChecked(rooms.roomsOf(member.id).contains(row->room.id));
            connect(box, &QCheckBox::toggled, this, [this, box] { staffToggled(box); });
            listLayout->addWidget(box);
        }
        if (listed == 0) {
            auto* none
                = new QLabel(tr("No practitioners or room leaders yet: add them on the Staff tab."), m_staffList);
            Theme::makeHint(none);
            listLayout->addWidget(none);
        }
    }
    listLayout->addStretch();
}

QList<QCheckBox*> RoomsPanel::staffCheckBoxes() const
{
    return m_staffList->findChildren<QCheckBox*>(QStringLiteral("roomStaffCheckBox"));
}

void RoomsPanel::staffToggled(QCheckBox* box)
{
    Session* session = m_lock.session();
    const QString roomId = selectedRoomId();
    if (!session || roomId.isEmpty())
        return;
    const QString staffId = box->property("staffId").toString();
    const auto staff = StaffRepository(session->database()).byId(staffId);
    if (!staff)
        return;
    Rooms rooms(*session);
    QStringList roomIds = rooms.roomsOf(staffId);
    const bool works = box->isChecked();
    roomIds.removeAll(roomId);
    if (works)
        roomIds.append(roomId);
    const VoidResult done = rooms.setStaffRooms(staffId, roomIds);
    const int row = m_model->rowOf(roomId);
    const QString roomName = row >= 0 ? m_model->rowAt(row)->room.name : QString();
    // Later, not now: refreshing rebuilds the list, and this tick box is in the middle of telling us it changed.
    QMetaObject::invokeMethod(this, &RoomsPanel::refresh, Qt::QueuedConnection);
    if (!done) {
        showResult(QString(), done.errorMessage());
        return;
    }
    qCInfo(lcUi) << "staff rooms changed" << staffId;
    showResult(works ? tr("%1 now works in %2.").arg(staff->displayName, roomName)
                     : tr("%1 no longer works in %2.").arg(staff->displayName, roomName));
}

void RoomsPanel::showResult(const QString& status, const QString& error)
{
    Theme::setMessage(m_statusLabel, status);
    Theme::setMessage(m_errorLabel, error);
}

void RoomsPanel::addRoom()
{
    // open(), not exec(): a lock can close the dialog at any moment and nothing waits on it.
    auto* dialog = new RoomNameDialog(m_lock, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        refresh();
        select(dialog->savedRoomId());
        showResult(tr("%1 added. Now tick who works there.").arg(dialog->savedName()));
    });
    dialog->open();
}

void RoomsPanel::renameRoom()
{
    const auto rows = m_table->selectionModel()->selectedRows();
    const RoomsTableModel::Row* row = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    if (!row)
        return;
    auto* dialog = new RoomNameDialog(m_lock, row->room, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString oldName = row->room.name;
    connect(dialog, &QDialog::accepted, this, [this, dialog, oldName] {
        refresh();
        select(dialog->savedRoomId());
        showResult(tr("%1 is now called %2.").arg(oldName, dialog->savedName()));
    });
    dialog->open();
}

} // namespace Acorn
