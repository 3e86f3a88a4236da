#include "settings/DeviceSettingsPanel.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/AuditLog.h"
#include "auth/Permissions.h"
#include "auth/Session.h"
#include "device/PremisesCheck.h"
#include "lock/LockController.h"
#include "sync/SyncClient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSysInfo>
#include <QVBoxLayout>

namespace Acorn {

DeviceSettingsPanel::DeviceSettingsPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_kioskCheckBox(
          new QCheckBox(tr("Kiosk: full screen, closed only by a manager, no files browsed or saved"), this))
    , m_idleSpinBox(new QSpinBox(this))
    , m_importFolderEdit(new QLineEdit(this))
    , m_removableCheckBox(new QCheckBox(tr("Also allow imports from memory cards and USB sticks"), this))
    , m_premisesCombo(new QComboBox(this))
    , m_targetEdit(new QLineEdit(this))
    , m_targetHint(new QLabel(this))
    , m_checkButton(new QPushButton(tr("Check now"), this))
    , m_saveButton(new QPushButton(tr("Save for this device"), this))
    , m_statusLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("deviceSettingsPanel"));
    m_kioskCheckBox->setObjectName(QStringLiteral("deviceKioskCheckBox"));
    m_idleSpinBox->setObjectName(QStringLiteral("deviceKioskIdleSpinBox"));
    m_idleSpinBox->setRange(DeviceSettings::MinKioskIdleMinutes, DeviceSettings::MaxKioskIdleMinutes);
    m_idleSpinBox->setSuffix(tr(" minutes"));
    m_idleSpinBox->setMinimumWidth(150);
    m_importFolderEdit->setObjectName(QStringLiteral("deviceImportFolderEdit"));
    m_importFolderEdit->setPlaceholderText(tr("None: a kiosk imports no files"));
    m_removableCheckBox->setObjectName(QStringLiteral("deviceRemovableCheckBox"));
    m_premisesCombo->setObjectName(QStringLiteral("devicePremisesCombo"));
    m_premisesCombo->addItem(tr("No check"), int(DeviceSettings::Premises::Off));
    m_premisesCombo->addItem(tr("The nursery's server answers"), int(DeviceSettings::Premises::Server));
    m_premisesCombo->addItem(tr("This device is on the nursery's network"), int(DeviceSettings::Premises::Network));
    m_targetEdit->setObjectName(QStringLiteral("devicePremisesTargetEdit"));
    Theme::makeHint(m_targetHint);
    m_targetHint->setWordWrap(true);
    m_checkButton->setObjectName(QStringLiteral("devicePremisesCheckButton"));
    m_saveButton->setObjectName(QStringLiteral("deviceSaveButton"));
    Theme::makePrimary(m_saveButton);
    m_statusLabel->setObjectName(QStringLiteral("deviceStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->hide();

    auto* kioskBox = new QGroupBox(tr("Kiosk"), this);
    auto* kioskForm = new QFormLayout(kioskBox);
    kioskForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    kioskForm->addRow(m_kioskCheckBox);
    kioskForm->addRow(tr("Lock a kiosk after at most"), m_idleSpinBox);
    kioskForm->addRow(tr("Folder a kiosk may import from"), m_importFolderEdit);
    kioskForm->addRow(m_removableCheckBox);
    auto* kioskHint = new QLabel(tr("Kiosk mode starts the next time Acorn starts. To leave it, a manager closes Acorn "
                                    "from the sign-in screen and switches it off here."),
                                 kioskBox);
    kioskHint->setWordWrap(true);
    Theme::makeHint(kioskHint);
    kioskForm->addRow(kioskHint);

    auto* premisesBox = new QGroupBox(tr("Devices stay on the premises"), this);
    auto* premisesLayout = new QVBoxLayout(premisesBox);
    auto* premisesRow = new QHBoxLayout;
    premisesRow->addWidget(new QLabel(tr("Let people sign in only when"), premisesBox));
    premisesRow->addWidget(m_premisesCombo, 1);
    premisesLayout->addLayout(premisesRow);
    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(m_targetEdit, 1);
    targetRow->addWidget(m_checkButton);
    premisesLayout->addLayout(targetRow);
    premisesLayout->addWidget(m_targetHint);

    auto* serverBox = new QGroupBox(tr("The nursery's server"), this);
    m_network = new QNetworkAccessManager(this);
    m_serverEdit = new QLineEdit(serverBox);
    m_serverEdit->setObjectName(QStringLiteral("syncServerUrlEdit"));
    m_serverEdit->setPlaceholderText(tr("e.g. https://acorn.nursery.example"));
    m_codeEdit = new QLineEdit(serverBox);
    m_codeEdit->setObjectName(QStringLiteral("enrolmentCodeEdit"));
    m_codeEdit->setPlaceholderText(tr("The code a manager made, e.g. 7K2M-QX9P-4TRD"));
    m_connectButton = new QPushButton(tr("Connect this device"), serverBox);
    m_connectButton->setObjectName(QStringLiteral("connectServerButton"));
    m_newCodeButton = new QPushButton(tr("Make a code for another device"), serverBox);
    m_newCodeButton->setObjectName(QStringLiteral("newEnrolmentCodeButton"));
    m_serverStatusLabel = new QLabel(serverBox);
    m_serverStatusLabel->setObjectName(QStringLiteral("serverStatusLabel"));
    m_serverStatusLabel->setWordWrap(true);
    m_serverStatusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* serverForm = new QFormLayout(serverBox);
    serverForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    serverForm->addRow(tr("Server address"), m_serverEdit);
    serverForm->addRow(tr("Enrolment code"), m_codeEdit);
    auto* serverButtons = new QHBoxLayout;
    serverButtons->addWidget(m_connectButton);
    serverButtons->addWidget(m_newCodeButton);
    serverButtons->addStretch();
    serverForm->addRow(serverButtons);
    serverForm->addRow(m_serverStatusLabel);
    m_devicesButton = new QPushButton(tr("Show the nursery's devices"), serverBox);
    m_devicesButton->setObjectName(QStringLiteral("showDevicesButton"));
    m_devicesList = new QListWidget(serverBox);
    m_devicesList->setObjectName(QStringLiteral("devicesList"));
    m_devicesList->setMaximumHeight(160);
    m_devicesList->hide();
    m_revokeButton = new QPushButton(tr("Remove this device"), serverBox);
    m_revokeButton->setObjectName(QStringLiteral("revokeDeviceButton"));
    m_revokeButton->setToolTip(tr("A lost or stolen tablet: it stops syncing and is signed out when it next connects"));
    m_revokeButton->hide();
    auto* deviceButtons = new QHBoxLayout;
    deviceButtons->addWidget(m_devicesButton);
    deviceButtons->addWidget(m_revokeButton);
    deviceButtons->addStretch();
    serverForm->addRow(deviceButtons);
    serverForm->addRow(m_devicesList);
    connect(m_devicesButton, &QPushButton::clicked, this, &DeviceSettingsPanel::loadDevices);
    connect(m_revokeButton, &QPushButton::clicked, this, &DeviceSettingsPanel::revokeSelectedDevice);
    connect(m_devicesList, &QListWidget::currentRowChanged, this, [this](int row) {
        const QListWidgetItem* item = m_devicesList->item(row);
        m_revokeButton->setEnabled(item && !item->data(Qt::UserRole + 1).toBool()
                                   && item->data(Qt::UserRole).toString() != m_lock.session()->deviceId());
    });
    connect(m_connectButton, &QPushButton::clicked, this, &DeviceSettingsPanel::connectToServer);
    connect(m_newCodeButton, &QPushButton::clicked, this, &DeviceSettingsPanel::makeEnrolmentCode);

    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_statusLabel, 1);
    saveRow->addWidget(m_saveButton);
    // Three sections are taller than a tablet's screen: they scroll rather than squeeze into each other.
    auto* content = new QWidget;
    content->setObjectName(QStringLiteral("deviceSettingsContent"));
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(kioskBox);
    layout->addWidget(premisesBox);
    layout->addLayout(saveRow);
    layout->addWidget(serverBox);
    layout->addStretch();
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_premisesCombo, &QComboBox::currentIndexChanged, this, &DeviceSettingsPanel::updateFields);
    connect(m_kioskCheckBox, &QCheckBox::toggled, this, &DeviceSettingsPanel::updateFields);
    connect(m_saveButton, &QPushButton::clicked, this, &DeviceSettingsPanel::save);
    connect(m_checkButton, &QPushButton::clicked, this, &DeviceSettingsPanel::checkNow);
    load();
}

void DeviceSettingsPanel::load()
{
    const DeviceSettings& device = m_lock.deviceSettings();
    m_kioskCheckBox->setChecked(device.kiosk);
    m_idleSpinBox->setValue(device.kioskIdleMinutes);
    m_importFolderEdit->setText(device.importFolder);
    m_removableCheckBox->setChecked(device.allowRemovableMedia);
    m_premisesCombo->setCurrentIndex(m_premisesCombo->findData(int(device.premises)));
    m_targetEdit->setText(device.premises == DeviceSettings::Premises::Network
                              ? device.premisesNetwork
                              : (device.premisesHost.isEmpty()
                                     ? QString()
                                     : QStringLiteral("%1:%2").arg(device.premisesHost).arg(device.premisesPort)));
    const Session* session = m_lock.session();
    const bool allowed = session && session->can(Action::ChangePolicy);
    for (QWidget* w :
         std::initializer_list<QWidget*> {m_kioskCheckBox, m_idleSpinBox, m_importFolderEdit, m_removableCheckBox,
                                          m_premisesCombo, m_targetEdit, m_saveButton})
        w->setEnabled(allowed);
    updateFields();
    updateServerSection();
}

void DeviceSettingsPanel::updateServerSection()
{
    Session* session = m_lock.session();
    const bool manager = session && session->can(Action::ChangePolicy);
    const auto link = session ? SyncClient::link(*session) : Result<SyncLink>(Error());
    const bool enrolled = link && link.value().isEnrolled();
    m_serverEdit->setEnabled(manager && !enrolled);
    m_codeEdit->setEnabled(manager && !enrolled);
    m_connectButton->setVisible(!enrolled);
    m_connectButton->setEnabled(manager);
    m_newCodeButton->setVisible(enrolled);
    m_newCodeButton->setEnabled(manager);
    m_devicesButton->setVisible(enrolled);
    m_devicesButton->setEnabled(manager);
    if (enrolled) {
        m_serverEdit->setText(link.value().serverUrl.toString());
        m_codeEdit->clear();
        if (m_serverStatusLabel->text().isEmpty())
            Theme::setMessage(m_serverStatusLabel, tr("Connected: this device syncs with the nursery's server."));
    }
}

void DeviceSettingsPanel::sayServer(const QString& text, bool error)
{
    if (error)
        Theme::makeError(m_serverStatusLabel);
    else
        Theme::makeSuccess(m_serverStatusLabel);
    Theme::setMessage(m_serverStatusLabel, text);
}

void DeviceSettingsPanel::connectToServer()
{
    Session* session = m_lock.session();
    if (!session || !session->can(Action::ChangePolicy))
        return;
    const auto hold = m_lock.holdSession(); // the wait lets events through; a lock waits for it
    const auto done = SyncClient::enrol(*session, *m_network, QUrl::fromUserInput(m_serverEdit->text().trimmed()),
                                        m_codeEdit->text(), QSysInfo::machineHostName());
    if (!done) {
        sayServer(done.errorMessage(), true);
        return;
    }
    sayServer(tr("Connected. This device starts syncing the next time someone signs in."), false);
    updateServerSection();
}

void DeviceSettingsPanel::loadDevices()
{
    Session* session = m_lock.session();
    if (!session || !session->can(Action::ChangePolicy))
        return;
    const auto hold = m_lock.holdSession();
    const auto devices = SyncClient::devices(*session, *m_network);
    if (!devices) {
        sayServer(devices.errorMessage(), true);
        return;
    }
    m_devicesList->clear();
    for (const SyncClient::DeviceInfo& d : devices.value()) {
        QString text = d.name.isEmpty() ? tr("Unnamed device") : d.name;
        if (d.deviceId == session->deviceId())
            text += tr(" (this device)");
        if (d.revoked)
            text += tr(" — removed");
        else if (d.lastSeenAt.isValid())
            text += tr(" — last synced %1").arg(QLocale().toString(d.lastSeenAt.toLocalTime(), QLocale::ShortFormat));
        auto* item = new QListWidgetItem(text, m_devicesList);
        item->setData(Qt::UserRole, d.deviceId);
        item->setData(Qt::UserRole + 1, d.revoked);
    }
    m_devicesList->show();
    m_revokeButton->show();
    m_revokeButton->setEnabled(false);
}

void DeviceSettingsPanel::revokeSelectedDevice()
{
    Session* session = m_lock.session();
    const QListWidgetItem* item = m_devicesList->currentItem();
    if (!session || !item || !session->can(Action::ChangePolicy))
        return;
    const QString deviceId = item->data(Qt::UserRole).toString();
    // Removing a device cannot be undone from here (it needs a new code and a manager at that device): ask first, in
    // words that say which device and what happens to it.
    const bool self = deviceId == session->deviceId();
    QMessageBox confirm(QMessageBox::Warning, tr("Remove this device?"),
                        self
                            ? tr("This is the device you are using. Removing it stops its syncing and signs everyone "
                                 "out of it at its next contact with the server; it needs a new code to connect again.")
                            : tr("“%1” will stop syncing and sign everyone out at its next contact with the server. "
                                 "It needs a new code to connect again. Nothing already on the server is lost.")
                                  .arg(item->text().section(QStringLiteral(" — "), 0, 0)),
                        QMessageBox::NoButton, this);
    confirm.setObjectName(QStringLiteral("confirmRevokeBox"));
    QPushButton* remove = confirm.addButton(tr("Remove the device"), QMessageBox::DestructiveRole);
    QPushButton* keep = confirm.addButton(tr("Keep it"), QMessageBox::RejectRole);
    remove->setObjectName(QStringLiteral("confirmRevokeButton"));
    keep->setObjectName(QStringLiteral("keepDeviceButton"));
    confirm.setDefaultButton(keep);
    confirm.exec();
    session = m_lock.session(); // a lock may have come while the question was open
    if (confirm.clickedButton() != remove || !session)
        return;
    const auto hold = m_lock.holdSession();
    if (auto done = SyncClient::revokeDevice(*session, *m_network, deviceId); !done) {
        sayServer(done.errorMessage(), true);
        return;
    }
    sayServer(tr("Removed. That device stops syncing and signs out when it next connects."), false);
    loadDevices();
}

void DeviceSettingsPanel::makeEnrolmentCode()
{
    Session* session = m_lock.session();
    if (!session || !session->can(Action::ChangePolicy))
        return;
    const auto hold = m_lock.holdSession();
    const auto code = SyncClient::createEnrolmentCode(*session, *m_network);
    if (!code) {
        sayServer(code.errorMessage(), true);
        return;
    }
    sayServer(tr("Code for another device: %1 — type it there within 24 hours; it works once.").arg(code.value()),
              false);
}

void DeviceSettingsPanel::updateFields()
{
    const auto premises = DeviceSettings::Premises(m_premisesCombo->currentData().toInt());
    m_targetEdit->setVisible(premises != DeviceSettings::Premises::Off);
    m_checkButton->setVisible(premises != DeviceSettings::Premises::Off);
    m_targetEdit->setPlaceholderText(premises == DeviceSettings::Premises::Network ? tr("e.g. 192.168.10.0/24")
                                                                                   : tr("e.g. acorn.nursery.lan:443"));
    m_targetHint->setText(
        premises == DeviceSettings::Premises::Off
            ? tr("This device can be used anywhere.")
            : tr("Checked at every sign-in. If it fails, nobody can sign in here (it fails closed). A manager's way "
                 "out: acorn-cli device set --user NAME --premises off, on this device."));
}

DeviceSettings DeviceSettingsPanel::formSettings() const
{
    DeviceSettings device = m_lock.deviceSettings();
    device.kiosk = m_kioskCheckBox->isChecked();
    device.kioskIdleMinutes = m_idleSpinBox->value();
    device.importFolder = m_importFolderEdit->text().trimmed();
    device.allowRemovableMedia = m_removableCheckBox->isChecked();
    device.premises = DeviceSettings::Premises(m_premisesCombo->currentData().toInt());
    const QString target = m_targetEdit->text().trimmed();
    if (device.premises == DeviceSettings::Premises::Network) {
        device.premisesNetwork = target;
    } else if (device.premises == DeviceSettings::Premises::Server) {
        const int colon = target.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const int port = colon > 0 ? target.mid(colon + 1).toInt(&ok) : 0;
        device.premisesHost = ok ? target.left(colon) : target;
        device.premisesPort = ok ? port : 443;
    }
    return device;
}

void DeviceSettingsPanel::say(const QString& text, bool error)
{
    if (error)
        Theme::makeError(m_statusLabel);
    else
        Theme::makeSuccess(m_statusLabel);
    Theme::setMessage(m_statusLabel, text);
}

void DeviceSettingsPanel::save()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    if (!session->can(Action::ChangePolicy)) {
        say(tr("Only managers and administrators can change this device's settings."), true);
        return;
    }
    auto valid = formSettings().validated();
    if (!valid) {
        say(valid.errorMessage(), true);
        return;
    }
    if (auto saved = valid.value().save(m_lock.dataDir()); !saved) {
        say(saved.errorMessage(), true);
        return;
    }
    (void)session->audit().append(AuditLog::PolicyChanged, session->staff().id, QStringLiteral("device"),
                                  session->deviceId(), QStringLiteral("device settings"));
    const bool kioskChanged = valid.value().kiosk != m_lock.isKiosk();
    // The premises check and the import folder apply at once; kiosk mode at the next start.
    DeviceSettings applied = valid.value();
    applied.kiosk = m_lock.isKiosk();
    m_lock.setDeviceSettings(applied);
    qCInfo(lcUi) << "device settings saved";
    say(kioskChanged ? tr("Saved. Kiosk mode changes the next time Acorn starts.") : tr("Saved for this device."),
        false);
}

void DeviceSettingsPanel::checkNow()
{
    if (m_check)
        return;
    auto valid = formSettings().validated();
    if (!valid) {
        say(valid.errorMessage(), true);
        return;
    }
    m_check = new PremisesCheck(valid.value(), this);
    m_checkButton->setEnabled(false);
    connect(m_check, &PremisesCheck::finished, this, [this](bool onPremises, const QString& message) {
        m_check->deleteLater();
        m_check = nullptr;
        m_checkButton->setEnabled(true);
        say(onPremises ? tr("The check passes: this device is on the nursery's network.") : message, !onPremises);
    });
    m_check->start();
}

} // namespace Acorn
