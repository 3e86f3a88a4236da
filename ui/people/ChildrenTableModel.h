#pragma once

#include "domain/Child.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Acorn {

// Children's records as a table: name, preferred name, date of birth, room, status and the photo-consent decision with
// who recorded it and when. Holds a copy of the rows and the names it shows for room and staff ids; ChildrenPanel
// refreshes it.
class ChildrenTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        PreferredNameColumn,
        BirthDateColumn,
        RoomColumn,
        StatusColumn,
        ConsentColumn,
        ColumnCount
    };

    explicit ChildrenTableModel(QObject* parent = nullptr);

    void setChildren(QList<Child> children, QHash<QString, QString> roomNames, QHash<QString, QString> staffNames);
    const Child* childAt(int row) const;
    int rowOf(const QString& childId) const;

    // "Yes — Mabel Quince, 5 Jan 2026", or "Not recorded yet".
    static QString consentText(const Child& child, const QString& recordedByName);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Child> m_children;
    QHash<QString, QString> m_roomNames;
    QHash<QString, QString> m_staffNames;
};

} // namespace Acorn
