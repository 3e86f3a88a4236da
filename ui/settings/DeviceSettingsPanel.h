#pragma once

#include "device/DeviceSettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QNetworkAccessManager;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Acorn {

class LockController;
class PremisesCheck;

// Settings → This device, for managers: kiosk mode and its idle minutes, the folder a kiosk may import from and
// removable media, and the premises check (with "Check now"). Saved to DATA/device.json with an audit event; kiosk
// mode itself takes effect the next time Acorn starts.
class DeviceSettingsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit DeviceSettingsPanel(LockController& lock, QWidget* parent = nullptr);

    void load();
    void save();
    void checkNow();
    // What the form says, as settings (not validated).
    DeviceSettings formSettings() const;

    QCheckBox* kioskCheckBox() const { return m_kioskCheckBox; }
    QSpinBox* kioskIdleSpinBox() const { return m_idleSpinBox; }
    QLineEdit* importFolderEdit() const { return m_importFolderEdit; }
    QCheckBox* removableCheckBox() const { return m_removableCheckBox; }
    QComboBox* premisesCombo() const { return m_premisesCombo; }
    QLineEdit* premisesTargetEdit() const { return m_targetEdit; }
    QPushButton* saveButton() const { return m_saveButton; }
    QPushButton* checkButton() const { return m_checkButton; }
    QLabel* statusLabel() const { return m_statusLabel; }

    // The nursery's server: connect this device with a one-time code, or make a code for another device.
    void connectToServer();
    void makeEnrolmentCode();
    QLineEdit* serverUrlEdit() const { return m_serverEdit; }
    QLineEdit* enrolmentCodeEdit() const { return m_codeEdit; }
    QPushButton* connectButton() const { return m_connectButton; }
    QPushButton* newCodeButton() const { return m_newCodeButton; }
    QLabel* serverStatusLabel() const { return m_serverStatusLabel; }
    // The nursery's devices (from the server), and removing one (it is signed out at its next contact).
    void loadDevices();
    void revokeSelectedDevice();
    QListWidget* devicesList() const { return m_devicesList; }
    QPushButton* revokeButton() const { return m_revokeButton; }

private:
    void updateFields();
    void say(const QString& text, bool error);
    void sayServer(const QString& text, bool error);
    void updateServerSection();

    LockController& m_lock;
    QCheckBox* m_kioskCheckBox = nullptr;
    QSpinBox* m_idleSpinBox = nullptr;
    QLineEdit* m_importFolderEdit = nullptr;
    QCheckBox* m_removableCheckBox = nullptr;
    QComboBox* m_premisesCombo = nullptr;
    QLineEdit* m_targetEdit = nullptr;
    QLabel* m_targetHint = nullptr;
    QPushButton* m_checkButton = nullptr;
    QPushButton* m_saveButton = nullptr;
    QLabel* m_statusLabel = nullptr;
    PremisesCheck* m_check = nullptr;
    QLineEdit* m_serverEdit = nullptr;
    QLineEdit* m_codeEdit = nullptr;
    QPushButton* m_connectButton = nullptr;
    QPushButton* m_newCodeButton = nullptr;
    QLabel* m_serverStatusLabel = nullptr;
    QPushButton* m_devicesButton = nullptr;
    QListWidget* m_devicesList = nullptr;
    QPushButton* m_revokeButton = nullptr;
    QNetworkAccessManager* m_network = nullptr;
};

} // namespace Acorn
