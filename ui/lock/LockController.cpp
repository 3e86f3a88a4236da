#include "lock/LockController.h"

#include "Clock.h"
#include "UiLogging.h"
#include "auth/DraftStore.h"
#include "crypto/SecureBuffer.h"
#include "device/PremisesCheck.h"
#include "lock/DraftSource.h"
#include "lock/IdleWatcher.h"
#include "lock/ScreenLockListener.h"
#include "lock/SignInTask.h"

#include <QApplication>
#include <QDialog>
#include <QTimer>
#include <QWidget>

namespace Acorn {

LockController::LockController(DataDir dataDir, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_clock(clock)
    , m_idleWatcher(new IdleWatcher(clock, this))
    , m_screenLockListener(new ScreenLockListener(this))
{
    connect(m_idleWatcher, &IdleWatcher::idleTimeoutReached, this, &LockController::lock);
    connect(m_screenLockListener, &ScreenLockListener::lockRequested, this, &LockController::lock);
}

LockController::~LockController()
{
    delete m_signInTask; // waits for a sign-in still running
    m_signInTask = nullptr;
    endForExit();
}

void LockController::setDeviceSettings(const DeviceSettings& settings, bool forceKiosk)
{
    m_device = settings;
    m_device.kiosk = settings.kiosk || forceKiosk;
    m_idleWatcher->setMaxMinutes(m_device.kiosk ? m_device.kioskIdleMinutes : 0);
    qCInfo(lcUi) << (m_device.kiosk ? "kiosk mode" : "desktop mode") << "premises check"
                 << DeviceSettings::premisesKey(m_device.premises);
}

void LockController::registerDraftSource(DraftSource* source)
{
    if (source && !m_draftSources.contains(source))
        m_draftSources.append(source);
}

void LockController::unregisterDraftSource(DraftSource* source)
{
    m_draftSources.removeAll(source);
}

void LockController::signIn(const QString& userName, QByteArray password)
{
    if (m_signInTask) { // one at a time; the page shows the first one as busy
        wipeBytes(password);
        return;
    }
    if (m_session) {
        wipeBytes(password);
        emit signInFailed(tr("Someone is already signed in. Sign them out first."), Error::Code::InvalidInput);
        return;
    }
    if (m_premisesCheck) {
        wipeBytes(password);
        return;
    }
    if (!m_deviceProblem.isEmpty()) {
        wipeBytes(password);
        emit signInFailed(m_deviceProblem, Error::Code::PermissionDenied);
        return;
    }
    if (m_device.premises != DeviceSettings::Premises::Off) {
        // Only on the nursery's network: checked before the password is (it fails closed).
        m_premisesCheck = new PremisesCheck(m_device, this);
        connect(m_premisesCheck, &PremisesCheck::finished, this,
                [this, userName, password = std::move(password)](bool onPremises, const QString& message) mutable {
                    m_premisesCheck->deleteLater();
                    m_premisesCheck = nullptr;
                    if (!onPremises) {
                        wipeBytes(password);
                        qCInfo(lcUi) << "sign-in refused: the nursery's network is not here";
                        emit signInFailed(message, Error::Code::PermissionDenied);
                        return;
                    }
                    startSignInTask(userName, std::move(password));
                });
        emit signInStarted();
        m_premisesCheck->start();
        return;
    }
    startSignInTask(userName, std::move(password));
    emit signInStarted();
}

void LockController::setDeviceProblem(const QString& message)
{
    m_deviceProblem = message;
    if (!message.isEmpty()) {
        m_device.kiosk = true;
        m_idleWatcher->setMaxMinutes(m_device.kioskIdleMinutes);
    }
}

void LockController::startSignInTask(const QString& userName, QByteArray password)
{
    const bool unlocking
        = !m_lockedUserName.isEmpty() && userName.trimmed().compare(m_lockedUserName, Qt::CaseInsensitive) == 0;
    m_signInTask = new SignInTask(m_dataDir, userName.trimmed(), std::move(password), m_clock,
                                  unlocking ? Session::Purpose::Unlock : Session::Purpose::SignIn, this);
    connect(m_signInTask, &SignInTask::finished, this, [this] {
        auto result = m_signInTask->takeResult();
        m_signInTask->deleteLater();
        m_signInTask = nullptr;
        finishSignIn(std::move(result));
    });
    m_signInTask->start();
}

void LockController::finishSignIn(Result<std::unique_ptr<Session>> result)
{
    if (!result) {
        qCInfo(lcUi) << "sign-in refused, code" << int(result.code());
        emit signInFailed(result.errorMessage(), result.code());
        return;
    }
    m_session = result.take();
    m_lockedUserName.clear();
    m_lockedDisplayName.clear();
    m_idleWatcher->setSettings(&m_session->settings());
    m_idleWatcher->start();
    emit signedIn();
}

void LockController::lock()
{
    endSession(Session::EndReason::Lock);
}

void LockController::signOut()
{
    endSession(Session::EndReason::SignOut);
}

void LockController::endForExit()
{
    endSession(Session::EndReason::Exit);
}

LockController::SessionHold::SessionHold(LockController& lock)
    : m_lock(&lock)
{
    ++lock.m_holds;
}

LockController::SessionHold::~SessionHold()
{
    if (!m_lock || --m_lock->m_holds > 0 || !m_lock->m_pendingEnd)
        return;
    // Not from inside the holder's own stack: from the event loop, once it has returned.
    QTimer::singleShot(0, m_lock.data(), [lock = m_lock] {
        if (!lock || lock->m_holds > 0 || !lock->m_pendingEnd)
            return;
        const Session::EndReason reason = *lock->m_pendingEnd;
        lock->m_pendingEnd.reset();
        lock->endSession(reason);
    });
}

void LockController::endSession(Session::EndReason reason)
{
    if (!m_session)
        return;
    if (m_holds > 0 && reason != Session::EndReason::Exit) {
        // A sign-out outranks a lock: both end the session, but a sign-out also forgets who it was.
        if (!m_pendingEnd || reason == Session::EndReason::SignOut)
            m_pendingEnd = reason;
        qCInfo(lcUi) << "session end waits for work in progress to stop";
        emit sessionEndRequested();
        return;
    }
    m_pendingEnd.reset();
    saveDrafts();
    m_idleWatcher->stop();
    m_idleWatcher->setSettings(nullptr);

    std::unique_ptr<Session> ending = std::move(m_session);
    if (reason == Session::EndReason::Lock) {
        m_lockedUserName = ending->staff().userName;
        m_lockedDisplayName = ending->staff().displayName;
    } else {
        m_lockedUserName.clear();
        m_lockedDisplayName.clear();
    }
    const QString staffId = ending->staff().id;
    ending->end(reason);
    if (reason == Session::EndReason::Exit)
        return;

    closeOtherWindows();
    qCInfo(lcUi) << (reason == Session::EndReason::Lock ? "locked, staff" : "signed out, staff") << staffId;
    if (reason == Session::EndReason::Lock)
        emit locked();
    else
        emit signedOut();
}

void LockController::saveDrafts()
{
    if (!m_session || !m_session->isOpen() || m_draftSources.isEmpty())
        return;
    DraftStore drafts(m_session->database(), m_session->staff().id, m_clock);
    const auto sources = m_draftSources; // a source may unregister itself while saving
    for (DraftSource* source : sources)
        if (m_draftSources.contains(source))
            source->saveDraft(drafts);
}

void LockController::closeOtherWindows()
{
    QList<QPointer<QWidget>> windows;
    for (QWidget* window : QApplication::topLevelWidgets())
        windows.append(window);
    for (const QPointer<QWidget>& window : windows) {
        if (!window || window == m_primaryWindow || !window->isVisible())
            continue;
        // reject() ends a dialog's exec() loop; hide() as well in case a dialog overrides reject() to refuse.
        if (auto* dialog = qobject_cast<QDialog*>(window.data()))
            dialog->reject();
        if (window)
            window->hide();
    }
}

} // namespace Acorn
