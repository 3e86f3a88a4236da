#include "settings/SettingsPage.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/AuditLog.h"
#include "auth/PasswordPolicy.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "kiosk/KioskFilePicker.h"
#include "lock/LockController.h"
#include "reports/ReportWriter.h"
#include "settings/DeviceSettingsPanel.h"
#include "settings/FrameworksSettings.h"
#include "storage/Database.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

namespace Acorn {

SettingsPage::SettingsPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_idleMinutesSpinBox(new QSpinBox(this))
    , m_nurseryPolicyRadio(
          new QRadioButton(tr("Nursery policy: upper/lower case and digits, changed every 90 days"), this))
    , m_passphrasePolicyRadio(new QRadioButton(tr("Long passphrase (NCSC): no forced changes"), this))
    , m_approvalCheckBox(
          new QCheckBox(tr("Staff observations need a manager's approval before parents see them"), this))
    , m_maxVideoCombo(new QComboBox(this))
    , m_watermarkCheckBox(new QCheckBox(tr("Write the parent's name across photos in the parent portal"), this))
    , m_saveButton(new QPushButton(tr("Save settings"), this))
    , m_statusLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsPage"));

    m_idleMinutesSpinBox->setObjectName(QStringLiteral("idleLockMinutesSpinBox"));
    m_idleMinutesSpinBox->setRange(1, 60);
    m_idleMinutesSpinBox->setSuffix(tr(" minutes"));
    m_idleMinutesSpinBox->setMinimumWidth(150);
    m_idleMinutesSpinBox->setAlignment(Qt::AlignCenter);
    // Spin box arrows are too small for a finger: big − and + beside it instead.
    m_idleMinutesSpinBox->setButtonSymbols(QAbstractSpinBox::NoButtons);
    auto* fewer = new QPushButton(QStringLiteral("\u2212"), this);
    fewer->setObjectName(QStringLiteral("idleLockFewerMinutesButton"));
    fewer->setAccessibleName(tr("One minute less"));
    auto* more = new QPushButton(QStringLiteral("+"), this);
    more->setObjectName(QStringLiteral("idleLockMoreMinutesButton"));
    more->setAccessibleName(tr("One minute more"));
    for (QPushButton* b : {fewer, more}) {
        b->setFixedWidth(56);
        b->setStyleSheet(QStringLiteral("QPushButton { padding: 0; font-size: 18pt; }"));
        b->setAutoRepeat(true);
    }
    connect(fewer, &QPushButton::clicked, m_idleMinutesSpinBox, &QSpinBox::stepDown);
    connect(more, &QPushButton::clicked, m_idleMinutesSpinBox, &QSpinBox::stepUp);
    m_nurseryPolicyRadio->setObjectName(QStringLiteral("nurseryPolicyRadio"));
    m_passphrasePolicyRadio->setObjectName(QStringLiteral("passphrasePolicyRadio"));
    auto* policyGroup = new QButtonGroup(this);
    policyGroup->addButton(m_nurseryPolicyRadio);
    policyGroup->addButton(m_passphrasePolicyRadio);
    m_approvalCheckBox->setObjectName(QStringLiteral("approvalRequiredCheckBox"));
    m_saveButton->setObjectName(QStringLiteral("saveSettingsButton"));
    Theme::makePrimary(m_saveButton);
    m_statusLabel->setObjectName(QStringLiteral("settingsStatusLabel"));
    Theme::makeSuccess(m_statusLabel);
    m_errorLabel->setObjectName(QStringLiteral("settingsErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* lockBox = new QGroupBox(tr("Locking"), this);
    auto* lockRow = new QHBoxLayout;
    lockRow->addWidget(new QLabel(tr("Lock Acorn when nobody has touched it for"), lockBox));
    lockRow->addWidget(fewer);
    lockRow->addWidget(m_idleMinutesSpinBox);
    lockRow->addWidget(more);
    lockRow->addStretch();
    auto* lockHint
        = new QLabel(tr("Whatever someone was typing is kept and offered back when they sign in again."), lockBox);
    Theme::makeHint(lockHint);
    auto* lockLayout = new QVBoxLayout(lockBox);
    lockLayout->addLayout(lockRow);
    lockLayout->addWidget(lockHint);

    auto* passwordBox = new QGroupBox(tr("Passwords"), this);
    auto* passwordHint = new QLabel(tr("A change applies to new passwords. With the nursery policy, passwords older "
                                       "than 90 days must be changed at the next sign-in."),
                                    passwordBox);
    Theme::makeHint(passwordHint);
    auto* passwordLayout = new QVBoxLayout(passwordBox);
    passwordLayout->addWidget(m_nurseryPolicyRadio);
    passwordLayout->addWidget(m_passphrasePolicyRadio);
    passwordLayout->addWidget(passwordHint);

    auto* journalBox = new QGroupBox(tr("Journal"), this);
    auto* journalLayout = new QVBoxLayout(journalBox);
    journalLayout->addWidget(m_approvalCheckBox);
    m_watermarkCheckBox->setObjectName(QStringLiteral("portalWatermarkCheckBox"));
    m_watermarkCheckBox->setToolTip(
        tr("Each parent sees their own name written faintly across every photo, which discourages screenshots "
           "being shared."));
    journalLayout->addWidget(m_watermarkCheckBox);
    m_maxVideoCombo->setObjectName(QStringLiteral("maxVideoComboBox"));
    m_maxVideoCombo->setMinimumWidth(180);
    for (int seconds : {30, 60, 120, 180, 300, 600})
        m_maxVideoCombo->addItem(seconds < 60        ? tr("%1 seconds").arg(seconds)
                                     : seconds == 60 ? tr("1 minute")
                                                     : tr("%1 minutes").arg(seconds / 60),
                                 seconds);
    auto* videoRow = new QHBoxLayout;
    auto* videoLabel = new QLabel(tr("Longest video the camera records"), journalBox);
    videoLabel->setBuddy(m_maxVideoCombo);
    videoRow->addWidget(videoLabel);
    videoRow->addWidget(m_maxVideoCombo);
    videoRow->addStretch();
    journalLayout->addLayout(videoRow);
    auto* videoHint = new QLabel(
        tr("Short clips stay small, so they sync quickly and parents can play them on a phone."), journalBox);
    Theme::makeHint(videoHint);
    journalLayout->addWidget(videoHint);

    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_statusLabel, 1);
    saveRow->addStretch();
    saveRow->addWidget(m_saveButton);
    m_saveButton->setMinimumWidth(220);

    auto* column = new QWidget(this);
    column->setMaximumWidth(900);
    auto* layout = new QVBoxLayout(column);
    layout->addWidget(lockBox);
    layout->addWidget(passwordBox);
    layout->addWidget(journalBox);
    layout->addWidget(m_errorLabel);
    layout->addLayout(saveRow);
    layout->addStretch();
    auto* policiesContent = new QWidget(this);
    auto* outer = new QHBoxLayout(policiesContent);
    outer->addWidget(column, 1);
    outer->addStretch(0);
    // Scrolls rather than squeezing its boxes into each other on a small screen (seen at 1024 × 700 once the
    // portal's watermark setting was added).
    auto* policies = new QScrollArea(this);
    policies->setObjectName(QStringLiteral("policiesScroll"));
    policies->setWidgetResizable(true);
    policies->setFrameShape(QFrame::NoFrame);
    policies->setWidget(policiesContent);

    // Two sections, so that each fits a tablet's screen without scrolling.
    m_frameworks = new FrameworksSettings(lock, this);
    auto* sections = new QTabWidget(this);
    sections->setObjectName(QStringLiteral("settingsSectionTabs"));
    sections->addTab(policies, tr("Locking, passwords and approval"));
    sections->addTab(m_frameworks, tr("Frameworks"));
    sections->addTab(buildReportsSection(), tr("Printed reports"));
    m_device = new DeviceSettingsPanel(lock, this);
    sections->addTab(m_device, tr("This device"));
    auto* page = new QVBoxLayout(this);
    page->setContentsMargins(0, 8, 0, 0);
    page->addWidget(sections);

    const auto markDirty = [this] {
        m_dirty = true;
        m_statusLabel->hide();
        updateSaveButton();
    };
    connect(m_idleMinutesSpinBox, &QSpinBox::valueChanged, this, markDirty);
    connect(m_nurseryPolicyRadio, &QRadioButton::toggled, this, markDirty);
    connect(m_approvalCheckBox, &QCheckBox::toggled, this, markDirty);
    connect(m_watermarkCheckBox, &QCheckBox::toggled, this, markDirty);
    connect(m_maxVideoCombo, &QComboBox::currentIndexChanged, this, markDirty);
    connect(m_saveButton, &QPushButton::clicked, this, &SettingsPage::save);

    load();
}

void SettingsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_dirty)
        load();
}

void SettingsPage::load()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const SettingsStore& settings = session->settings();
    using Key = SettingsStore::Key;
    m_idleMinutesSpinBox->setValue(settings.intValue(Key::IdleLockMinutes));
    const bool passphrase
        = settings.stringValue(Key::PasswordPolicy) == PasswordPolicy::kindKey(PasswordPolicy::Kind::Passphrase);
    m_passphrasePolicyRadio->setChecked(passphrase);
    m_nurseryPolicyRadio->setChecked(!passphrase);
    m_approvalCheckBox->setChecked(settings.boolValue(Key::ApprovalRequired));
    m_watermarkCheckBox->setChecked(settings.boolValue(Key::PortalWatermark));
    showMaxVideo(settings.intValue(Key::MaxVideoSeconds));
    showLogo();
    m_device->load();
    const bool allowed = session->can(Action::ChangePolicy);
    for (QWidget* w :
         std::initializer_list<QWidget*> {m_idleMinutesSpinBox, m_nurseryPolicyRadio, m_passphrasePolicyRadio,
                                          m_approvalCheckBox, m_maxVideoCombo, m_watermarkCheckBox})
        w->setEnabled(allowed);
    m_dirty = false;
    updateSaveButton();
}

QWidget* SettingsPage::buildReportsSection()
{
    auto* page = new QWidget(this);
    auto* box = new QGroupBox(tr("The nursery's logo"), page);
    m_logoPreview = new QLabel(box);
    m_logoPreview->setObjectName(QStringLiteral("logoPreview"));
    m_logoPreview->setFixedSize(240, 120);
    m_logoPreview->setAlignment(Qt::AlignCenter);
    m_logoPreview->setStyleSheet(
        QStringLiteral("QLabel#logoPreview { background: white; border: 1px solid #c8ccd0; }"));
    m_chooseLogoButton = new QPushButton(tr("Choose a picture…"), box);
    m_chooseLogoButton->setObjectName(QStringLiteral("chooseLogoButton"));
    Theme::makeBig(m_chooseLogoButton);
    m_removeLogoButton = new QPushButton(tr("Remove the logo"), box);
    m_removeLogoButton->setObjectName(QStringLiteral("removeLogoButton"));
    Theme::makeBig(m_removeLogoButton);
    m_logoStatusLabel = new QLabel(box);
    m_logoStatusLabel->setObjectName(QStringLiteral("logoStatusLabel"));
    m_logoStatusLabel->setWordWrap(true);
    m_logoStatusLabel->hide();
    auto* hint = new QLabel(tr("Printed at the top of every page of the journals, progress checks, meeting records and "
                               "audit logs Acorn prints. PNG or JPEG; it is kept inside Acorn's encrypted database."),
                            box);
    hint->setWordWrap(true);
    Theme::makeHint(hint);
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_chooseLogoButton);
    buttons->addWidget(m_removeLogoButton);
    buttons->addStretch();
    auto* row = new QHBoxLayout;
    row->addWidget(m_logoPreview);
    row->addLayout(buttons);
    row->addStretch();
    auto* boxLayout = new QVBoxLayout(box);
    boxLayout->addLayout(row);
    boxLayout->addWidget(hint);
    boxLayout->addWidget(m_logoStatusLabel);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(box);
    layout->addStretch();
    box->setMaximumWidth(900);

    if (m_lock.isKiosk())
        m_logoPicker = [this](QWidget* parent) {
            return KioskFilePicker::pick(m_lock.deviceSettings(), KioskFilePicker::Kind::Pictures, parent).value(0);
        };
    else
        m_logoPicker = [](QWidget* parent) {
            return QFileDialog::getOpenFileName(parent, tr("Choose the nursery's logo"),
                                                QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
                                                tr("Pictures (*.png *.jpg *.jpeg *.svg *.webp *.bmp)"));
        };
    connect(m_chooseLogoButton, &QPushButton::clicked, this, &SettingsPage::chooseLogo);
    connect(m_removeLogoButton, &QPushButton::clicked, this, &SettingsPage::removeLogo);
    return page;
}

void SettingsPage::showLogo()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const QImage logo = ReportWriter::decodeLogo(session->settings().stringValue(SettingsStore::Key::NurseryLogo));
    if (logo.isNull()) {
        m_logoPreview->setPixmap({});
        m_logoPreview->setText(tr("No logo"));
    } else {
        m_logoPreview->setPixmap(QPixmap::fromImage(
            logo.scaled(m_logoPreview->size() - QSize(8, 8), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    }
    const bool allowed = session->can(Action::ChangePolicy);
    m_chooseLogoButton->setEnabled(allowed);
    m_removeLogoButton->setEnabled(allowed && !logo.isNull());
}

void SettingsPage::chooseLogo()
{
    QPointer<SettingsPage> alive(this);
    const QString path = m_logoPicker ? m_logoPicker(this) : QString();
    if (!alive || path.isEmpty() || !m_lock.session())
        return;
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    if (image.isNull()) {
        Theme::makeError(m_logoStatusLabel);
        Theme::setMessage(m_logoStatusLabel, tr("That file is not a picture Acorn can read. Choose a PNG or JPEG."));
        return;
    }
    if (storeLogo(ReportWriter::encodeLogo(image))) {
        Theme::makeSuccess(m_logoStatusLabel);
        Theme::setMessage(m_logoStatusLabel, tr("Logo saved: printed reports show it from now on."));
    }
}

void SettingsPage::removeLogo()
{
    if (storeLogo(QStringLiteral(""))) {
        Theme::makeSuccess(m_logoStatusLabel);
        Theme::setMessage(m_logoStatusLabel, tr("Logo removed."));
    }
}

bool SettingsPage::storeLogo(const QString& base64Png)
{
    Session* session = m_lock.session();
    if (!session)
        return false;
    if (!session->can(Action::ChangePolicy)) {
        Theme::makeError(m_logoStatusLabel);
        Theme::setMessage(m_logoStatusLabel, tr("Only managers and administrators can change the nursery's logo."));
        return false;
    }
    if (base64Png.size() > SettingsStore::MaxLogoBase64) {
        Theme::makeError(m_logoStatusLabel);
        Theme::setMessage(m_logoStatusLabel,
                          tr("That picture is too large even when made smaller. Try a simpler one."));
        return false;
    }
    using Key = SettingsStore::Key;
    Transaction transaction(session->database());
    VoidResult done = session->settings().setValue(Key::NurseryLogo, base64Png, session->staff().id);
    if (done)
        done = session->audit().append(AuditLog::PolicyChanged, session->staff().id, QStringLiteral("setting"),
                                       QString(), QStringLiteral("keys=") + SettingsStore::keyName(Key::NurseryLogo));
    if (done)
        done = transaction.commit();
    if (!done) {
        Theme::makeError(m_logoStatusLabel);
        Theme::setMessage(m_logoStatusLabel, done.errorMessage());
        return false;
    }
    qCInfo(lcUi) << "nursery logo" << (base64Png.isEmpty() ? "removed" : "changed");
    showLogo();
    return true;
}

void SettingsPage::showMaxVideo(int seconds)
{
    int index = m_maxVideoCombo->findData(seconds);
    if (index < 0) { // set some other way (acorn-cli, an older version): shown as it is
        const QString text = seconds % 60 == 0 ? tr("%1 minutes").arg(seconds / 60)
                                               : tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
        m_maxVideoCombo->addItem(text, seconds);
        index = m_maxVideoCombo->count() - 1;
    }
    const QSignalBlocker blocker(m_maxVideoCombo);
    m_maxVideoCombo->setCurrentIndex(index);
}

void SettingsPage::updateSaveButton()
{
    Session* session = m_lock.session();
    m_saveButton->setEnabled(m_dirty && session && session->can(Action::ChangePolicy));
}

void SettingsPage::save()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    if (!session->can(Action::ChangePolicy)) {
        Theme::setMessage(m_errorLabel, tr("Only managers and administrators can change the nursery's settings."));
        return;
    }
    using Key = SettingsStore::Key;
    SettingsStore& settings = session->settings();
    const bool passphrase = m_passphrasePolicyRadio->isChecked();
    const PasswordPolicy preset = passphrase ? PasswordPolicy::passphraseDefault() : PasswordPolicy::nurseryDefault();
    QList<std::pair<Key, QVariant>> wanted {
        {Key::IdleLockMinutes, m_idleMinutesSpinBox->value()},
        {Key::PasswordPolicy, PasswordPolicy::kindKey(preset.kind)},
        {Key::ApprovalRequired, m_approvalCheckBox->isChecked()},
        {Key::MaxVideoSeconds, m_maxVideoCombo->currentData().toInt()},
        {Key::PortalWatermark, m_watermarkCheckBox->isChecked()},
    };
    // Choosing a policy applies its whole preset, so that what the choice says ("changed every 90 days") holds even
    // if the nursery started with the other one.
    if (settings.stringValue(Key::PasswordPolicy) != PasswordPolicy::kindKey(preset.kind)) {
        wanted.append({Key::PasswordMinLength, preset.minLength});
        wanted.append({Key::PasswordExpiryDays, preset.expiryDays});
        wanted.append({Key::PasswordHistoryCount, preset.historyCount});
    }
    // All the keys and their audit event, or none of them.
    QStringList changed;
    Transaction transaction(session->database());
    VoidResult done;
    for (const auto& [key, value] : wanted) {
        if (!done)
            break;
        if (settings.value(key) == SettingsStore::sanitise(key, value))
            continue;
        done = settings.setValue(key, value, session->staff().id);
        changed << SettingsStore::keyName(key);
    }
    const QString detail = QStringLiteral("keys=") + changed.join(QLatin1Char(','));
    if (done && !changed.isEmpty())
        done = session->audit().append(AuditLog::PolicyChanged, session->staff().id, QStringLiteral("setting"),
                                       QString(), detail);
    if (done)
        done = transaction.commit();
    if (!done) {
        Theme::setMessage(m_errorLabel, done.errorMessage());
        return;
    }
    Theme::setMessage(m_errorLabel, QString());
    if (!changed.isEmpty())
        qCInfo(lcUi) << "settings changed:" << detail;
    m_dirty = false;
    updateSaveButton();
    m_statusLabel->setText(changed.isEmpty() ? tr("Nothing to save: the settings were already like this.")
                                             : tr("Settings saved."));
    m_statusLabel->show();
    emit saved();
}

} // namespace Acorn
