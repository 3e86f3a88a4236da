#include "lock/IdleWatcher.h"

#include "Clock.h"
#include "UiLogging.h"
#include "auth/SettingsStore.h"

#include <QCoreApplication>

namespace Acorn {

IdleWatcher::IdleWatcher(const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
{
    m_poll.setInterval(DefaultPollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &IdleWatcher::poll);
    m_lastActivity = m_clock.monotonicMs();
    if (auto* app = QCoreApplication::instance())
        app->installEventFilter(this);
}

IdleWatcher::~IdleWatcher()
{
    if (auto* app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

void IdleWatcher::setTimeoutMs(qint64 timeoutMs)
{
    m_timeoutMs = qMax<qint64>(1, timeoutMs);
}

void IdleWatcher::setPollInterval(int ms)
{
    m_poll.setInterval(qMax(1, ms));
}

void IdleWatcher::setSettings(SettingsStore* settings)
{
    disconnect(m_settingsConnection);
    m_settings = settings;
    if (!settings)
        return;
    m_settingsConnection = connect(settings, &SettingsStore::changed, this, [this](SettingsStore::Key key) {
        if (key == SettingsStore::Key::IdleLockMinutes)
            readTimeout();
    });
    readTimeout();
}

void IdleWatcher::setMaxMinutes(int minutes)
{
    m_maxMinutes = qMax(0, minutes);
    if (m_maxMinutes > 0 && m_timeoutMs > qint64(m_maxMinutes) * 60 * 1000)
        setTimeoutMs(qint64(m_maxMinutes) * 60 * 1000);
    readTimeout();
}

void IdleWatcher::readTimeout()
{
    if (!m_settings)
        return;
    int minutes = m_settings->intValue(SettingsStore::Key::IdleLockMinutes);
    if (m_maxMinutes > 0)
        minutes = qMin(minutes, m_maxMinutes);
    setTimeoutMs(qint64(minutes) * 60 * 1000);
    qCInfo(lcUi) << "idle lock after" << minutes << "minutes";
}

void IdleWatcher::start()
{
    resetActivity();
    m_poll.start();
}

void IdleWatcher::stop()
{
    m_poll.stop();
}

void IdleWatcher::resetActivity()
{
    m_lastActivity = m_clock.monotonicMs();
}

qint64 IdleWatcher::idleMs() const
{
    return m_clock.monotonicMs() - m_lastActivity;
}

bool IdleWatcher::isUserInput(QEvent::Type type)
{
    switch (type) {
    case QEvent::MouseMove:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::NonClientAreaMouseMove:
    case QEvent::NonClientAreaMouseButtonPress:
    case QEvent::NonClientAreaMouseButtonRelease:
    case QEvent::NonClientAreaMouseButtonDblClick:
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::TouchCancel:
    case QEvent::TabletPress:
    case QEvent::TabletMove:
    case QEvent::TabletRelease:
    case QEvent::InputMethod:
    case QEvent::NativeGesture:
        return true;
    default:
        return false;
    }
}

bool IdleWatcher::eventFilter(QObject* watched, QEvent* event)
{
    if (isUserInput(event->type()))
        m_lastActivity = m_clock.monotonicMs();
    return QObject::eventFilter(watched, event);
}

void IdleWatcher::poll()
{
    if (idleMs() < m_timeoutMs)
        return;
    // Fire once; whoever locks starts watching again after the next sign-in.
    m_poll.stop();
    qCInfo(lcUi) << "idle for" << idleMs() / 1000 << "s: lock";
    emit idleTimeoutReached();
}

} // namespace Acorn
