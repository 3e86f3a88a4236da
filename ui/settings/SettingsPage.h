#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Acorn {

class FrameworksSettings;
class LockController;

// The nursery's policies, for managers: idle lock minutes, password rules, whether observations need approval, the
// longest video the camera records.
// Save writes each changed key and one audit event naming them. The frameworks have a section of their own.
class SettingsPage final : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsPage(LockController& lock, QWidget* parent = nullptr);

    void load();
    void save();
    FrameworksSettings* frameworksSettings() const { return m_frameworks; }
    QComboBox* maxVideoComboBox() const { return m_maxVideoCombo; }

signals:
    void saved();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateSaveButton();
    void showMaxVideo(int seconds);

    LockController& m_lock;
    FrameworksSettings* m_frameworks = nullptr;
    QSpinBox* m_idleMinutesSpinBox = nullptr;
    QRadioButton* m_nurseryPolicyRadio = nullptr;
    QRadioButton* m_passphrasePolicyRadio = nullptr;
    QCheckBox* m_approvalCheckBox = nullptr;
    QComboBox* m_maxVideoCombo = nullptr;
    QPushButton* m_saveButton = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    bool m_dirty = false;
};

} // namespace Acorn
