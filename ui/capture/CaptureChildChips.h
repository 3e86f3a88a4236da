#pragma once

#include <QList>
#include <QPair>
#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace Acorn {

// "Who is in the picture": one big toggle chip per child, in a row that scrolls sideways with a finger. Each chip's
// objectName is "childChip_<child id>". Consent is not judged here: the journal applies it per child later.
class CaptureChildChips final : public QWidget
{
    Q_OBJECT

public:
    explicit CaptureChildChips(QWidget* parent = nullptr);

    // (id, name shown) pairs, in the order to show them.
    void setChildren(const QList<QPair<QString, QString>>& children);
    void setTitle(const QString& title);
    void setSelectedIds(const QStringList& ids);
    QStringList selectedIds() const;
    QPushButton* chip(const QString& childId) const;

signals:
    void selectionChanged();

private:
    QLabel* m_title = nullptr;
    QHBoxLayout* m_row = nullptr;
    QList<QPushButton*> m_chips;
};

} // namespace Acorn
