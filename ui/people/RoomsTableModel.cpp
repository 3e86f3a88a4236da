#include "people/RoomsTableModel.h"

namespace Acorn {

RoomsTableModel::RoomsTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RoomsTableModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const RoomsTableModel::Row* RoomsTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int RoomsTableModel::rowOf(const QString& roomId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).room.id == roomId)
            return i;
    return -1;
}

int RoomsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RoomsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoomsTableModel::data(const QModelIndex& index, int role) const
{
    const Row* row = rowAt(index.row());
    if (!row)
        return {};
    if (role == Qt::ToolTipRole && index.column() == StaffColumn)
        return row->staffNames.join(QLatin1Char('\n'));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return row->room.name;
    case StaffColumn:
        return row->staffNames.isEmpty() ? tr("Nobody yet") : row->staffNames.join(QStringLiteral(", "));
    case ChildrenColumn:
        return row->childCount;
    default:
        return {};
    }
}

QVariant RoomsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Room");
    case StaffColumn:
        return tr("Who works here");
    case ChildrenColumn:
        return tr("Children");
    default:
        return {};
    }
}

} // namespace Acorn
