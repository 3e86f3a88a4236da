#pragma once

#include "domain/StaffMember.h"

#include <QAbstractTableModel>
#include <QList>

namespace Acorn {

// The staff list as a table: name, user name, role, active. Holds a copy of the rows; StaffPage refreshes it.
class StaffTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, UserNameColumn, RoleColumn, ActiveColumn, ColumnCount };
    enum { StaffIdRole = Qt::UserRole + 1 };

    explicit StaffTableModel(QObject* parent = nullptr);

    void setStaff(QList<StaffMember> staff);
    const StaffMember* staffAt(int row) const;
    int rowOf(const QString& staffId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<StaffMember> m_staff;
};

} // namespace Acorn
