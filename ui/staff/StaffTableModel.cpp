#include "staff/StaffTableModel.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace Acorn {

StaffTableModel::StaffTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void StaffTableModel::setStaff(QList<StaffMember> staff)
{
    // Active people first, then by name: the ones you look for are at the top.
    std::sort(staff.begin(), staff.end(), [](const StaffMember& a, const StaffMember& b) {
        if (a.active != b.active)
            return a.active;
        return QString::localeAwareCompare(a.displayName, b.displayName) < 0;
    });
    beginResetModel();
    m_staff = std::move(staff);
    endResetModel();
}

const StaffMember* StaffTableModel::staffAt(int row) const
{
    return row >= 0 && row < m_staff.size() ? &m_staff.at(row) : nullptr;
}

int StaffTableModel::rowOf(const QString& staffId) const
{
    for (int i = 0; i < m_staff.size(); ++i)
        if (m_staff.at(i).id == staffId)
            return i;
    return -1;
}

int StaffTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_staff.size());
}

int StaffTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StaffTableModel::data(const QModelIndex& index, int role) const
{
    const StaffMember* staff = staffAt(index.row());
    if (!staff)
        return {};
    if (role == StaffIdRole)
        return staff->id;
    if (role == Qt::ForegroundRole && !staff->active)
        return QBrush(QColor(0x70, 0x70, 0x70));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return staff->displayName;
    case UserNameColumn:
        return staff->userName;
    case RoleColumn:
        return roleDisplayName(staff->role);
    case ActiveColumn:
        if (!staff->active)
            return tr("Deactivated");
        return staff->mustChangePassword ? tr("Active — new password pending") : tr("Active");
    default:
        return {};
    }
}

QVariant StaffTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case UserNameColumn:
        return tr("User name");
    case RoleColumn:
        return tr("Role");
    case ActiveColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace Acorn
