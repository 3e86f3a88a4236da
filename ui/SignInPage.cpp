#include "SignInPage.h"

#include "Theme.h"
#include "auth/SignInThrottle.h"
#include "crypto/Keyring.h"
#include "crypto/SecureBuffer.h"
#include "journal/FlowLayout.h"
#include "lock/LockController.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Acorn {

SignInPage::SignInPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_titleLabel(new QLabel(tr("Sign in to Acorn"), this))
    , m_lockedLabel(new QLabel(this))
    , m_lockedHintLabel(new QLabel(tr("Acorn locked itself to keep the children's records private. Type your "
                                      "password to carry on where you left off."),
                                   this))
    , m_nameLabel(new QLabel(tr("Name"), this))
    , m_userNameCombo(new QComboBox(this))
    , m_passwordEdit(new QLineEdit(this))
    , m_signInButton(new QPushButton(tr("Sign in"), this))
    , m_switchUserButton(new QPushButton(tr("Sign in as someone else"), this))
    , m_busyIndicator(new QProgressBar(this))
    , m_busyLabel(new QLabel(tr("Checking your password…"), this))
    , m_errorLabel(new QLabel(this))
    , m_throttleLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("signInPage"));

    m_titleLabel->setObjectName(QStringLiteral("signInTitleLabel"));
    Theme::makeTitle(m_titleLabel);
    m_lockedLabel->setObjectName(QStringLiteral("lockedLabel"));
    Theme::makeTitle(m_lockedLabel);
    m_lockedLabel->setTextFormat(Qt::PlainText);
    m_lockedLabel->hide();
    m_lockedHintLabel->setObjectName(QStringLiteral("lockedHintLabel"));
    Theme::makeHint(m_lockedHintLabel);
    m_lockedHintLabel->hide();

    m_userNameCombo->setObjectName(QStringLiteral("userNameCombo"));
    m_userNameCombo->setEditable(true);
    m_userNameCombo->setInsertPolicy(QComboBox::NoInsert);
    m_userNameCombo->lineEdit()->setPlaceholderText(tr("Choose your name or type your user name"));
    m_userNameCombo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_userNameCombo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_userNameCombo->completer()->setFilterMode(Qt::MatchContains);

    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setPlaceholderText(tr("Your password"));

    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    Theme::makePrimary(m_signInButton);
    m_switchUserButton->setObjectName(QStringLiteral("switchUserButton"));
    m_switchUserButton->hide();

    m_busyIndicator->setObjectName(QStringLiteral("signInBusyIndicator"));
    m_busyIndicator->setRange(0, 0);
    m_busyIndicator->setTextVisible(false);
    m_busyIndicator->setMaximumHeight(8);
    m_busyIndicator->hide();
    m_busyLabel->setObjectName(QStringLiteral("signInBusyLabel"));
    Theme::makeHint(m_busyLabel);
    m_busyLabel->hide();
    m_errorLabel->setObjectName(QStringLiteral("signInErrorLabel"));
    Theme::makeError(m_errorLabel);
    m_throttleLabel->setObjectName(QStringLiteral("throttleLabel"));
    Theme::makeError(m_throttleLabel);

    m_nameLabel->setBuddy(m_userNameCombo);
    auto* passwordLabel = new QLabel(tr("Password"), this);
    passwordLabel->setBuddy(m_passwordEdit);

    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->addRow(m_nameLabel, m_userNameCombo);
    form->addRow(passwordLabel, m_passwordEdit);

    // A centred column of comfortable width, whatever the window size.
    auto* column = new QWidget(this);
    column->setObjectName(QStringLiteral("signInColumn"));
    column->setMaximumWidth(520);
    column->setMinimumWidth(360);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setSpacing(12);
    auto* logo = new QLabel(column);
    logo->setObjectName(QStringLiteral("logoLabel"));
    logo->setPixmap(Theme::appIcon().pixmap(QSize(88, 88), devicePixelRatioF()));
    columnLayout->addWidget(logo);
    columnLayout->addWidget(m_titleLabel);
    columnLayout->addWidget(m_lockedLabel);
    columnLayout->addWidget(m_lockedHintLabel);
    columnLayout->addSpacing(8);
    m_tilesArea = new QWidget(column);
    m_tilesArea->setObjectName(QStringLiteral("nameTiles"));
    new FlowLayout(m_tilesArea, 10);
    m_tilesArea->hide();
    columnLayout->addWidget(m_tilesArea);
    columnLayout->addLayout(form);
    columnLayout->addWidget(m_errorLabel);
    columnLayout->addWidget(m_throttleLabel);
    columnLayout->addSpacing(4);
    columnLayout->addWidget(m_signInButton);
    columnLayout->addWidget(m_busyIndicator);
    columnLayout->addWidget(m_busyLabel);
    columnLayout->addSpacing(12);
    columnLayout->addWidget(m_switchUserButton);
    m_kioskExitButton = new QPushButton(tr("Close Acorn (managers only)"), column);
    m_kioskExitButton->setObjectName(QStringLiteral("kioskExitButton"));
    m_kioskExitButton->setFlat(true);
    m_kioskExitButton->hide();
    connect(m_kioskExitButton, &QPushButton::clicked, this, &SignInPage::kioskExitRequested);
    columnLayout->addWidget(m_kioskExitButton, 0, Qt::AlignRight);

    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto* middle = new QVBoxLayout;
    middle->addStretch(1);
    middle->addWidget(column);
    middle->addStretch(2);
    outer->addLayout(middle, 3);
    outer->addStretch(1);

    m_throttleTimer.setInterval(500);
    connect(&m_throttleTimer, &QTimer::timeout, this, &SignInPage::updateThrottle);

    connect(m_signInButton, &QPushButton::clicked, this, &SignInPage::submit);
    connect(m_passwordEdit, &QLineEdit::returnPressed, this, &SignInPage::submit);
    connect(m_switchUserButton, &QPushButton::clicked, this, &SignInPage::switchUser);
    connect(m_userNameCombo, &QComboBox::currentTextChanged, this, [this] {
        Theme::setMessage(m_errorLabel, QString());
        updateThrottle();
    });
    connect(m_passwordEdit, &QLineEdit::textChanged, this, &SignInPage::updateSignInButton);

    connect(&m_lock, &LockController::signInFailed, this, &SignInPage::onSignInFailed);
    connect(&m_lock, &LockController::signedIn, this, [this] {
        setBusy(false);
        Theme::setMessage(m_errorLabel, QString());
    });

    reloadUserNames();
    updateThrottle();
}

void SignInPage::reloadUserNames()
{
    const QString current = selectedUserName();
    m_userNameCombo->clear();
    auto keyring = Keyring::load(m_lock.dataDir().keyringPath());
    if (!keyring)
        return;
    auto entries = keyring.value().entries();
    std::sort(entries.begin(), entries.end(), [](const KeyringEntry& a, const KeyringEntry& b) {
        return QString::localeAwareCompare(a.displayName, b.displayName) < 0;
    });
    for (const auto& entry : entries)
        m_userNameCombo->addItem(entry.displayName.isEmpty() ? entry.userName : entry.displayName, entry.userName);
    selectUser(current);
    rebuildNameTiles();
}

void SignInPage::setKiosk(bool kiosk)
{
    m_kiosk = kiosk;
    m_kioskExitButton->setVisible(kiosk);
    if (kiosk) {
        m_titleLabel->setText(tr("Tap your name"));
        m_nameLabel->hide();
        m_userNameCombo->hide();
    }
    rebuildNameTiles();
}

void SignInPage::rebuildNameTiles()
{
    qDeleteAll(m_nameTiles);
    m_nameTiles.clear();
    m_tilesArea->setVisible(m_kiosk && m_userNameCombo->count() > 0);
    if (!m_kiosk)
        return;
    for (int i = 0; i < m_userNameCombo->count(); ++i) {
        const QString userName = m_userNameCombo->itemData(i).toString();
        auto* tile = new QPushButton(m_userNameCombo->itemText(i), m_tilesArea);
        tile->setObjectName(QStringLiteral("nameTile_") + userName);
        tile->setCheckable(true);
        tile->setChecked(userName.compare(selectedUserName(), Qt::CaseInsensitive) == 0);
        tile->setStyleSheet(QStringLiteral("QPushButton { min-height: 60px; min-width: 130px; font-size: 14pt; "
                                           "padding: 0 16px; border-radius: 10px; "
                                           "border: 2px solid #8a9aa9; background: white; }"
                                           "QPushButton:checked { background: #2e6b3a; border-color: #2e6b3a; "
                                           "color: white; font-weight: bold; }"));
        connect(tile, &QPushButton::clicked, this, [this, userName] { chooseTile(userName); });
        m_tilesArea->layout()->addWidget(tile);
        m_nameTiles.append(tile);
    }
}

void SignInPage::chooseTile(const QString& userName)
{
    // Someone else at a locked kiosk: the locked session is theirs no longer to resume.
    if (m_lockedMode && userName.compare(m_lock.lockedUserName(), Qt::CaseInsensitive) != 0)
        switchUser();
    selectUser(userName);
    m_passwordEdit->clear();
    m_passwordEdit->setFocus();
}

QString SignInPage::selectedUserName() const
{
    const QString text = m_userNameCombo->currentText().trimmed();
    if (text.isEmpty())
        return {};
    const int index = m_userNameCombo->findText(text, Qt::MatchFixedString);
    if (index >= 0)
        return m_userNameCombo->itemData(index).toString();
    return text;
}

void SignInPage::selectUser(const QString& userName)
{
    int found = -1;
    for (int i = 0; i < m_userNameCombo->count() && found < 0; ++i)
        if (m_userNameCombo->itemData(i).toString().compare(userName, Qt::CaseInsensitive) == 0)
            found = i;
    m_userNameCombo->setCurrentIndex(found);
    if (found < 0)
        m_userNameCombo->setEditText(userName);
    const QString chosen = QStringLiteral("nameTile_") + selectedUserName();
    for (QPushButton* tile : std::as_const(m_nameTiles))
        tile->setChecked(tile->objectName().compare(chosen, Qt::CaseInsensitive) == 0);
}

void SignInPage::showForSignIn(const QString& userName)
{
    m_lockedMode = false;
    m_titleLabel->show();
    m_lockedLabel->hide();
    m_lockedHintLabel->hide();
    m_nameLabel->show();
    m_userNameCombo->show();
    m_switchUserButton->hide();
    m_userNameCombo->setEnabled(true);
    if (m_kiosk) { // the name tiles stand for the list
        m_nameLabel->hide();
        m_userNameCombo->hide();
    }
    reloadUserNames();
    selectUser(userName);
    m_passwordEdit->clear();
    Theme::setMessage(m_errorLabel, QString());
    setBusy(false);
    updateThrottle();
    if (userName.isEmpty())
        m_userNameCombo->setFocus();
    else
        m_passwordEdit->setFocus();
}

void SignInPage::showLocked(const QString& userName, const QString& displayName)
{
    m_lockedMode = true;
    m_titleLabel->hide();
    m_lockedLabel->setText(tr("Locked — %1").arg(displayName.isEmpty() ? userName : displayName));
    m_lockedLabel->show();
    m_lockedHintLabel->show();
    // Whose session it is stands in the title; the name list comes back with "Sign in as someone else".
    m_nameLabel->hide();
    m_userNameCombo->hide();
    m_switchUserButton->show();
    reloadUserNames();
    selectUser(userName);
    m_userNameCombo->setEnabled(false);
    m_passwordEdit->clear();
    Theme::setMessage(m_errorLabel, QString());
    setBusy(false);
    updateThrottle();
    m_passwordEdit->setFocus();
}

void SignInPage::switchUser()
{
    showForSignIn();
    m_userNameCombo->setCurrentIndex(-1);
    m_userNameCombo->clearEditText();
    m_userNameCombo->setFocus();
}

void SignInPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateThrottle();
}

void SignInPage::submit()
{
    if (m_busy || m_throttled)
        return;
    const QString userName = selectedUserName();
    if (userName.isEmpty()) {
        Theme::setMessage(m_errorLabel, tr("Choose your name first."));
        m_userNameCombo->setFocus();
        return;
    }
    if (m_passwordEdit->text().isEmpty()) {
        Theme::setMessage(m_errorLabel, tr("Type your password."));
        m_passwordEdit->setFocus();
        return;
    }
    QString typed = m_passwordEdit->text();
    QByteArray password = typed.toUtf8();
    wipeString(typed);
    m_passwordEdit->clear();
    Theme::setMessage(m_errorLabel, QString());
    setBusy(true);
    m_lock.signIn(userName, std::move(password));
}

void SignInPage::onSignInFailed(const QString& message, Error::Code code)
{
    setBusy(false);
    // The countdown below the field says how long to wait; the error keeps only what went wrong.
    QString text = message;
    SignInThrottle throttle(m_lock.dataDir().throttlePath(), m_lock.clock());
    const qint64 wait = throttle.secondsToWait(selectedUserName());
    if (code == Error::Code::Throttled)
        text.clear();
    else if (wait > 0 && text.endsWith(throttle.waitMessage(wait)))
        text = text.chopped(throttle.waitMessage(wait).size()).trimmed();
    Theme::setMessage(m_errorLabel, text);
    updateThrottle();
    m_passwordEdit->setFocus();
}

void SignInPage::setBusy(bool busy)
{
    m_busy = busy;
    m_busyIndicator->setVisible(busy);
    m_busyLabel->setVisible(busy);
    m_passwordEdit->setEnabled(!busy);
    m_userNameCombo->setEnabled(!busy && !m_lockedMode);
    m_switchUserButton->setEnabled(!busy);
    updateSignInButton();
}

void SignInPage::updateThrottle()
{
    const QString userName = selectedUserName();
    qint64 wait = 0;
    if (!userName.isEmpty()) {
        SignInThrottle throttle(m_lock.dataDir().throttlePath(), m_lock.clock());
        wait = throttle.secondsToWait(userName);
        if (wait > 0)
            Theme::setMessage(m_throttleLabel, throttle.waitMessage(wait));
    }
    m_throttled = wait > 0;
    if (!m_throttled) {
        Theme::setMessage(m_throttleLabel, QString());
        m_throttleTimer.stop();
    } else if (!m_throttleTimer.isActive()) {
        m_throttleTimer.start();
    }
    updateSignInButton();
}

void SignInPage::updateSignInButton()
{
    m_signInButton->setEnabled(!m_busy && !m_throttled);
}

} // namespace Acorn
