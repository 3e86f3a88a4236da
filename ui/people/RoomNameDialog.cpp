#include "people/RoomNameDialog.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "people/Rooms.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

RoomNameDialog::RoomNameDialog(LockController& lock, std::optional<Room> room, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_room(std::move(room))
    , m_nameEdit(new QLineEdit(this))
    , m_errorLabel(new QLabel(this))
    , m_saveButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("roomNameDialog"));
    setWindowTitle(m_room ? tr("Rename %1").arg(m_room->name) : tr("Add a room"));
    setMinimumWidth(480);

    auto* label = new QLabel(tr("Room name"), this);
    m_nameEdit->setObjectName(QStringLiteral("roomNameEdit"));
    m_nameEdit->setMaxLength(80);
    m_nameEdit->setPlaceholderText(tr("For example: Seedlings"));
    if (m_room)
        m_nameEdit->setText(m_room->name);
    label->setBuddy(m_nameEdit);
    m_errorLabel->setObjectName(QStringLiteral("roomErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* cancelButton = new QPushButton(tr("Cancel"), this);
    cancelButton->setObjectName(QStringLiteral("cancelRoomButton"));
    m_saveButton->setObjectName(QStringLiteral("saveRoomButton"));
    m_saveButton->setText(m_room ? tr("Save the new name") : tr("Add room"));
    Theme::makePrimary(m_saveButton);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_saveButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_nameEdit);
    layout->addWidget(m_errorLabel);
    layout->addStretch();
    layout->addLayout(buttons);

    const auto update = [this] {
        m_saveButton->setEnabled(!m_nameEdit->text().trimmed().isEmpty());
    };
    connect(m_nameEdit, &QLineEdit::textChanged, this, update);
    connect(cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &RoomNameDialog::accept);
    update();
}

void RoomNameDialog::accept()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    Rooms rooms(*session);
    const QString name = m_nameEdit->text().trimmed();
    if (m_room) {
        if (auto renamed = rooms.rename(m_room->id, name); !renamed) {
            Theme::setMessage(m_errorLabel, renamed.errorMessage());
            return;
        }
        m_savedRoomId = m_room->id;
    } else {
        auto created = rooms.create(name);
        if (!created) {
            Theme::setMessage(m_errorLabel, created.errorMessage());
            return;
        }
        m_savedRoomId = created.value().id;
    }
    m_savedName = name;
    qCInfo(lcUi) << "room saved" << m_savedRoomId;
    QDialog::accept();
}

} // namespace Acorn
