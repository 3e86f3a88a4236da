#pragma once

#include "Result.h"
#include "auth/Session.h"
#include "device/DeviceSettings.h"
#include "storage/DataDir.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QWidget;

namespace Acorn {

class Clock;
class DraftSource;
class IdleWatcher;
class ScreenLockListener;
class PremisesCheck;
class SignInTask;

// Who is signed in, and the one place that ends it. Owns the Session; locks on idle time, on system suspend or
// screen lock and on request. Locking (and signing out) saves every registered draft, ends the session (audit
// event, database closed, key wiped) and closes every other window and dialog — nothing can veto it.
class LockController final : public QObject
{
    Q_OBJECT
public:
    LockController(DataDir dataDir, const Clock& clock, QObject* parent = nullptr);
    ~LockController() override;

    const DataDir& dataDir() const { return m_dataDir; }
    const Clock& clock() const { return m_clock; }

    // The open session, or nullptr when nobody is signed in (locked, signed out, or not yet).
    Session* session() const { return m_session.get(); }
    bool isLocked() const { return !m_session && !m_lockedUserName.isEmpty(); }
    bool isSigningIn() const { return m_signInTask != nullptr || m_premisesCheck != nullptr; }
    // The person whose session is locked; empty unless isLocked().
    QString lockedUserName() const { return m_lockedUserName; }
    QString lockedDisplayName() const { return m_lockedDisplayName; }

    IdleWatcher& idleWatcher() { return *m_idleWatcher; }

    // This device's settings (DATA/device.json), read at start. In kiosk mode the app stays full screen and cannot
    // be closed without a manager, the idle lock is never longer than the device's kiosk minutes, files are imported
    // only from the allowed folder and nothing is saved out; with a premises check, sign-in waits for it to pass.
    void setDeviceSettings(const DeviceSettings& settings, bool forceKiosk = false);
    const DeviceSettings& deviceSettings() const { return m_device; }
    bool isKiosk() const { return m_device.kiosk; }
    // The device settings could not be read: kiosk mode stays on and every sign-in is refused with `message` until a
    // manager repairs them (acorn-cli device set ...). Fails closed.
    void setDeviceProblem(const QString& message);
    ScreenLockListener& screenLockListener() { return *m_screenLockListener; }

    // The window that stays open when locked (it shows the sign-in page); every other one is closed.
    void setPrimaryWindow(QWidget* window) { m_primaryWindow = window; }
    void registerDraftSource(DraftSource* source);
    void unregisterDraftSource(DraftSource* source);

    // Signs in on a worker thread; ends in signedIn() or signInFailed(). Unlocks when `userName` is the person
    // whose session is locked, otherwise signs in afresh. The password is wiped.
    void signIn(const QString& userName, QByteArray password);

    // Keeps the session open while work on this thread that lets events through is using it — a report writing with
    // its progress dialog up. A lock or sign-out asked for meanwhile waits until the last hold is released (then
    // happens at once), and sessionEndRequested() tells the holders to stop now.
    class SessionHold final
    {
    public:
        explicit SessionHold(LockController& lock);
        ~SessionHold();
        SessionHold(const SessionHold&) = delete;
        SessionHold& operator=(const SessionHold&) = delete;

    private:
        QPointer<LockController> m_lock;
    };
    [[nodiscard]] std::unique_ptr<SessionHold> holdSession() { return std::make_unique<SessionHold>(*this); }
    bool isSessionEndPending() const { return m_pendingEnd.has_value(); }

    void lock();
    void signOut();
    // On application exit: drafts saved, session ended with Exit.
    void endForExit();

signals:
    void signInStarted();
    void signedIn();
    void signInFailed(const QString& message, Acorn::Error::Code code);
    void locked();
    void signedOut();
    // A lock or sign-out is waiting for a SessionHold: whoever holds one should stop and release it.
    void sessionEndRequested();

private:
    void startSignInTask(const QString& userName, QByteArray password);
    void finishSignIn(Result<std::unique_ptr<Session>> result);
    void endSession(Session::EndReason reason);
    void saveDrafts();
    void closeOtherWindows();

    DataDir m_dataDir;
    const Clock& m_clock;
    std::unique_ptr<Session> m_session;
    QString m_lockedUserName;
    QString m_lockedDisplayName;
    IdleWatcher* m_idleWatcher = nullptr;
    ScreenLockListener* m_screenLockListener = nullptr;
    SignInTask* m_signInTask = nullptr;
    QPointer<QWidget> m_primaryWindow;
    QList<DraftSource*> m_draftSources;
    DeviceSettings m_device;
    QString m_deviceProblem;
    PremisesCheck* m_premisesCheck = nullptr;
    int m_holds = 0;
    std::optional<Session::EndReason> m_pendingEnd;
};

} // namespace Acorn
