#pragma once

#include "auth/AuditLog.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Acorn {

// Audit events as a table: when, who, what, which object, which device — in words, not ids, where it can.
class AuditLogModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, WhoColumn, WhatColumn, ObjectColumn, DeviceColumn, ColumnCount };
    enum { ActionRole = Qt::UserRole + 1 };

    explicit AuditLogModel(QObject* parent = nullptr);

    // `staffNames`: staff id -> display name; `thisDeviceId` is shown as "This device".
    void setEvents(QList<AuditEvent> events, QHash<QString, QString> staffNames, QString thisDeviceId);
    const AuditEvent* eventAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString who(const AuditEvent& event) const;
    QString object(const AuditEvent& event) const;
    QString device(const AuditEvent& event) const;

    QList<AuditEvent> m_events;
    QHash<QString, QString> m_staffNames;
    QString m_thisDeviceId;
};

} // namespace Acorn
