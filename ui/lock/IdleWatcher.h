#pragma once

#include <QEvent>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Acorn {

class Clock;
class SettingsStore;

// Notices when nobody has touched the app for the idle-lock time. Watches every input event of the application
// (mouse, keys, wheel, touch, tablet, input method) through an event filter on qApp, and polls an injected clock,
// so a test can make five idle minutes pass in milliseconds.
class IdleWatcher final : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultPollIntervalMs = 1000;

    explicit IdleWatcher(const Clock& clock, QObject* parent = nullptr);
    ~IdleWatcher() override;

    void setTimeoutMs(qint64 timeoutMs);
    qint64 timeoutMs() const { return m_timeoutMs; }
    void setPollInterval(int ms);
    int pollInterval() const { return m_poll.interval(); }

    // Takes the timeout from the setting (idle lock minutes) now and whenever it changes; nullptr forgets it.
    void setSettings(SettingsStore* settings);
    // A device limit (a kiosk's): the timeout is never longer than this many minutes, whatever the setting says.
    // 0: no limit.
    void setMaxMinutes(int minutes);
    int maxMinutes() const { return m_maxMinutes; }

    // Watching starts afresh (the idle time counts from now) and stops; stopped, it never fires.
    void start();
    void stop();
    bool isRunning() const { return m_poll.isActive(); }

    void resetActivity();
    qint64 idleMs() const;

    static bool isUserInput(QEvent::Type type);

signals:
    void idleTimeoutReached();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void poll();
    void readTimeout();

    const Clock& m_clock;
    QTimer m_poll;
    qint64 m_timeoutMs = 5 * 60 * 1000;
    qint64 m_lastActivity = 0;
    int m_maxMinutes = 0;
    QPointer<SettingsStore> m_settings;
    QMetaObject::Connection m_settingsConnection;
};

} // namespace Acorn
