#pragma once

#include "domain/Room.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace Acorn {

// The rooms as a table: name, who works there, how many children. Holds a copy of the rows; RoomsPanel refreshes it.
class RoomsTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Row
    {
        Room room;
        QStringList staffNames;
        int childCount = 0;
    };
    enum Column { NameColumn, StaffColumn, ChildrenColumn, ColumnCount };

    explicit RoomsTableModel(QObject* parent = nullptr);

    void setRows(QList<Row> rows);
    const Row* rowAt(int row) const;
    int rowOf(const QString& roomId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
};

} // namespace Acorn
