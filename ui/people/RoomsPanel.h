#pragma once

#include <QWidget>

class QGroupBox;
class QLabel;
class QCheckBox;
class QPushButton;
class QTableView;

namespace Acorn {

class LockController;
class RoomsTableModel;

// Rooms for managers: the list, Add and Rename, and who works in the selected room (ticking someone applies at once
// through Rooms::setStaffRooms). Managers and administrators see every room, so only room staff are listed.
class RoomsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit RoomsPanel(LockController& lock, QWidget* parent = nullptr);

    void refresh();
    void select(const QString& roomId);
    QString selectedRoomId() const;
    RoomsTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    // The tick boxes of who works in the selected room; each carries the staff id in its "staffId" property.
    QList<QCheckBox*> staffCheckBoxes() const;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateStaffList();
    void staffToggled(QCheckBox* box);
    void addRoom();
    void renameRoom();
    void showResult(const QString& status, const QString& error = {});

    LockController& m_lock;
    RoomsTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_renameButton = nullptr;
    QGroupBox* m_staffBox = nullptr;
    QWidget* m_staffList = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
};

} // namespace Acorn
