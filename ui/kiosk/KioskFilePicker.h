#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QListWidget;
class QPushButton;

namespace Acorn {

struct DeviceSettings;

// A kiosk's file picker: no browsing of the device, only the files in the folder a manager allowed
// (DeviceSettings::importFolder) and, if allowed, on removable media (/media/<user>/*, /run/media/<user>/*), newest
// first, as big rows to tick. With nowhere allowed it says so and offers nothing.
class KioskFilePicker final : public QDialog
{
    Q_OBJECT
public:
    // What may be picked: photos, videos and voice notes; or pictures only (a logo).
    enum class Kind { Media, Pictures };

    KioskFilePicker(const DeviceSettings& settings, Kind kind, QWidget* parent = nullptr);

    // The folders files are listed from, in order (the allowed folder first); ones that do not exist are left out.
    static QStringList allowedFolders(const DeviceSettings& settings);
    // Shows the picker; returns the chosen files (none when cancelled or nothing is allowed).
    static QStringList pick(const DeviceSettings& settings, Kind kind, QWidget* parent);

    QListWidget* fileList() const { return m_list; }
    QPushButton* addButton() const { return m_addButton; }
    QStringList chosenFiles() const;

private:
    QListWidget* m_list = nullptr;
    QPushButton* m_addButton = nullptr;
    QLabel* m_emptyLabel = nullptr;
};

} // namespace Acorn
