#pragma once

#include "domain/Guardian.h"

#include <QAbstractTableModel>
#include <QList>

namespace Acorn {

// Parents and carers as a table: name (email as its tooltip), their children, the agreement they signed, and whether
// they have access now (and why not). GuardiansPanel works the rows out through Guardians and hands them over.
class GuardiansTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Row
    {
        Guardian guardian;
        QString children; // "Ava Testling (mother), Ben Testling (mother)"
        QString agreement; // "Version 2 on 5 Jan 2026"
        bool hasAccess = false;
        QString access; // "Yes", or why not
    };
    enum Column { NameColumn, ChildrenColumn, AgreementColumn, AccessColumn, ColumnCount };

    explicit GuardiansTableModel(QObject* parent = nullptr);

    void setRows(QList<Row> rows);
    const Row* rowAt(int row) const;
    int rowOf(const QString& guardianId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
};

} // namespace Acorn
