#include "audit/AuditLogModel.h"

#include <QLocale>

namespace Acorn {

AuditLogModel::AuditLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void AuditLogModel::setEvents(QList<AuditEvent> events, QHash<QString, QString> staffNames, QString thisDeviceId)
{
    beginResetModel();
    m_events = std::move(events);
    m_staffNames = std::move(staffNames);
    m_thisDeviceId = std::move(thisDeviceId);
    endResetModel();
}

const AuditEvent* AuditLogModel::eventAt(int row) const
{
    return row >= 0 && row < m_events.size() ? &m_events.at(row) : nullptr;
}

int AuditLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditLogModel::who(const AuditEvent& event) const
{
    if (!event.actorStaffId.isEmpty())
        return m_staffNames.value(event.actorStaffId, tr("Unknown staff member"));
    if (event.action == QLatin1String(AuditLog::SignInFailed) && !event.actorLabel.isEmpty())
        return tr("Someone typing “%1”").arg(event.actorLabel);
    if (!event.actorLabel.isEmpty())
        return event.actorLabel;
    return tr("Acorn");
}

QString AuditLogModel::object(const AuditEvent& event) const
{
    if (event.objectType == QLatin1String("staff"))
        return tr("Account of %1").arg(m_staffNames.value(event.objectId, tr("an unknown staff member")));
    if (event.objectType == QLatin1String("setting")) {
        if (event.detail.startsWith(QLatin1String("keys=")))
            return tr("Settings: %1").arg(event.detail.mid(5));
        return tr("Nursery settings");
    }
    if (event.objectType.isEmpty())
        return QString();
    return event.objectType;
}

QString AuditLogModel::device(const AuditEvent& event) const
{
    if (event.deviceId.isEmpty())
        return QString();
    if (event.deviceId == m_thisDeviceId)
        return tr("This device");
    return tr("Device %1").arg(event.deviceId.left(8));
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const
{
    const AuditEvent* event = eventAt(index.row());
    if (!event)
        return {};
    if (role == ActionRole)
        return event->action;
    if (role == Qt::ToolTipRole && index.column() == ObjectColumn)
        return event->detail;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return QLocale().toString(event->at.toLocalTime(), QLocale::ShortFormat);
    case WhoColumn:
        return who(*event);
    case WhatColumn:
        return AuditLog::describeAction(event->action);
    case ObjectColumn:
        return object(*event);
    case DeviceColumn:
        return device(*event);
    default:
        return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case WhatColumn:
        return tr("What");
    case ObjectColumn:
        return tr("About");
    case DeviceColumn:
        return tr("Device");
    default:
        return {};
    }
}

} // namespace Acorn
