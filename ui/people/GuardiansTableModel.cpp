#include "people/GuardiansTableModel.h"

#include <QBrush>
#include <QColor>

namespace Acorn {

GuardiansTableModel::GuardiansTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void GuardiansTableModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const GuardiansTableModel::Row* GuardiansTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int GuardiansTableModel::rowOf(const QString& guardianId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).guardian.id == guardianId)
            return i;
    return -1;
}

int GuardiansTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int GuardiansTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GuardiansTableModel::data(const QModelIndex& index, int role) const
{
    const Row* row = rowAt(index.row());
    if (!row)
        return {};
    if (role == Qt::ForegroundRole && index.column() == AccessColumn)
        return QBrush(row->hasAccess ? QColor(0x2e, 0x6b, 0x3a) : QColor(0xa4, 0x26, 0x2c));
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case NameColumn:
            return row->guardian.email.isEmpty() ? QVariant() : QVariant(row->guardian.email);
        case ChildrenColumn:
            return row->children;
        case AgreementColumn:
            return row->guardian.agreementVersion > 0
                ? tr("Signed as \u201c%1\u201d").arg(row->guardian.agreementTypedName)
                : QVariant();
        case AccessColumn:
            return row->access;
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return row->guardian.name;
    case ChildrenColumn:
        return row->children.isEmpty() ? tr("Not linked yet") : row->children;
    case AgreementColumn:
        return row->agreement;
    case AccessColumn:
        return row->access;
    default:
        return {};
    }
}

QVariant GuardiansTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ChildrenColumn:
        return tr("Children");
    case AgreementColumn:
        return tr("Agreement");
    case AccessColumn:
        return tr("Can see the journal");
    default:
        return {};
    }
}

} // namespace Acorn
