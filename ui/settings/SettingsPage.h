#pragma once

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Acorn {

class DeviceSettingsPanel;
class FrameworksSettings;
class LockController;

// The nursery's policies, for managers: idle lock minutes, password rules, whether observations need approval, the
// longest video the camera records; the logo printed on reports.
// Save writes each changed key and one audit event naming them. The frameworks have a section of their own.
class SettingsPage final : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsPage(LockController& lock, QWidget* parent = nullptr);

    void load();
    void save();
    FrameworksSettings* frameworksSettings() const { return m_frameworks; }
    DeviceSettingsPanel* deviceSettings() const { return m_device; }
    QComboBox* maxVideoComboBox() const { return m_maxVideoCombo; }
    QCheckBox* watermarkCheckBox() const { return m_watermarkCheckBox; }

    // The nursery's logo on printed reports: chosen from a picture file, stored at once (as a fresh PNG, in the
    // encrypted database), or removed. Tests put their own in place of the file dialog.
    using LogoPicker = std::function<QString(QWidget* parent)>;
    void setLogoPicker(LogoPicker picker) { m_logoPicker = std::move(picker); }
    void chooseLogo();
    void removeLogo();
    QLabel* logoPreview() const { return m_logoPreview; }
    QPushButton* chooseLogoButton() const { return m_chooseLogoButton; }
    QPushButton* removeLogoButton() const { return m_removeLogoButton; }

signals:
    void saved();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateSaveButton();
    void showMaxVideo(int seconds);
    void showLogo();
    [[nodiscard]] bool storeLogo(const QString& base64Png);
    QWidget* buildReportsSection();

    LockController& m_lock;
    FrameworksSettings* m_frameworks = nullptr;
    DeviceSettingsPanel* m_device = nullptr;
    QSpinBox* m_idleMinutesSpinBox = nullptr;
    QRadioButton* m_nurseryPolicyRadio = nullptr;
    QRadioButton* m_passphrasePolicyRadio = nullptr;
    QCheckBox* m_approvalCheckBox = nullptr;
    QComboBox* m_maxVideoCombo = nullptr;
    QCheckBox* m_watermarkCheckBox = nullptr;
    QPushButton* m_saveButton = nullptr;
    QLabel* m_logoPreview = nullptr;
    QLabel* m_logoStatusLabel = nullptr;
    QPushButton* m_chooseLogoButton = nullptr;
    QPushButton* m_removeLogoButton = nullptr;
    LogoPicker m_logoPicker;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    bool m_dirty = false;
};

} // namespace Acorn
