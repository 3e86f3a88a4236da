#include "people/ChildrenTableModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

namespace Acorn {

ChildrenTableModel::ChildrenTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ChildrenTableModel::setChildren(QList<Child> children, QHash<QString, QString> roomNames,
                                     QHash<QString, QString> staffNames)
{
    beginResetModel();
    m_children = std::move(children);
    m_roomNames = std::move(roomNames);
    m_staffNames = std::move(staffNames);
    endResetModel();
}

const Child* ChildrenTableModel::childAt(int row) const
{
    return row >= 0 && row < m_children.size() ? &m_children.at(row) : nullptr;
}

int ChildrenTableModel::rowOf(const QString& childId) const
{
    for (int i = 0; i < m_children.size(); ++i)
        if (m_children.at(i).id == childId)
            return i;
    return -1;
}

QString ChildrenTableModel::consentText(const Child& child, const QString& recordedByName)
{
    if (child.photoConsent == PhotoConsent::NotRecorded)
        return tr("Not recorded yet");
    const QString answer = child.photoConsent == PhotoConsent::Yes ? tr("Yes") : tr("No");
    const QString when
        = QLocale().toString(child.photoConsentRecordedAt.toLocalTime().date(), QStringLiteral("d MMM yyyy"));
    if (recordedByName.isEmpty())
        return tr("%1 — recorded %2").arg(answer, when);
    return tr("%1 — %2, %3").arg(answer, recordedByName, when);
}

int ChildrenTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_children.size());
}

int ChildrenTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChildrenTableModel::data(const QModelIndex& index, int role) const
{
    const Child* child = childAt(index.row());
    if (!child)
        return {};
    const bool gone = child->status == ChildStatus::Left || child->status == ChildStatus::AwaitingDeletion;
    if (role == Qt::ForegroundRole) {
        if (index.column() == ConsentColumn && child->photoConsent == PhotoConsent::NotRecorded)
            return QBrush(QColor(0xa4, 0x26, 0x2c));
        return gone ? QVariant(QBrush(QColor(0x70, 0x70, 0x70))) : QVariant();
    }
    if (role == Qt::FontRole && index.column() == ConsentColumn && child->photoConsent == PhotoConsent::NotRecorded) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole && index.column() == ConsentColumn) {
        switch (child->photoConsent) {
        case PhotoConsent::Yes:
            return tr("Photos of %1 may appear in other children's journals.").arg(child->displayName());
        case PhotoConsent::No:
            return tr("Photos of %1 appear only in their own journal.").arg(child->displayName());
        case PhotoConsent::NotRecorded:
            return tr("Until this is recorded, photos of %1 appear only in their own journal, and no parent or carer "
                      "can be linked.")
                .arg(child->displayName());
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return QStringLiteral("%1 %2").arg(child->firstName, child->lastName);
    case PreferredNameColumn:
        return child->preferredName;
    case BirthDateColumn:
        return child->dateOfBirth.isValid() ? QLocale().toString(child->dateOfBirth, QStringLiteral("d MMM yyyy"))
                                            : QString();
    case RoomColumn:
        return child->roomId.isEmpty() ? tr("No room yet") : m_roomNames.value(child->roomId);
    case StatusColumn:
        return childStatusDisplayName(child->status);
    case ConsentColumn:
        return consentText(*child, m_staffNames.value(child->photoConsentRecordedBy));
    default:
        return {};
    }
}

QVariant ChildrenTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case PreferredNameColumn:
        return tr("Known as");
    case BirthDateColumn:
        return tr("Born");
    case RoomColumn:
        return tr("Room");
    case StatusColumn:
        return tr("Status");
    case ConsentColumn:
        return tr("Photos in other journals");
    default:
        return {};
    }
}

} // namespace Acorn
