#pragma once

#include "domain/Room.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Acorn {

class LockController;

// Add a room, or rename one. Saving goes through Rooms; its refusal is shown here in its own words.
class RoomNameDialog final : public QDialog
{
    Q_OBJECT
public:
    // `room` empty: a new room.
    RoomNameDialog(LockController& lock, std::optional<Room> room, QWidget* parent = nullptr);

    void accept() override;

    // The room added or renamed, once accepted.
    QString savedRoomId() const { return m_savedRoomId; }
    QString savedName() const { return m_savedName; }

private:
    LockController& m_lock;
    std::optional<Room> m_room;
    QLineEdit* m_nameEdit = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_saveButton = nullptr;
    QString m_savedRoomId;
    QString m_savedName;
};

} // namespace Acorn
