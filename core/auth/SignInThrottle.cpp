#include "auth/SignInThrottle.h"

#include "AtomicFile.h"
#include "Clock.h"
#include "Logging.h"
#include "domain/Ids.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Acorn {

SignInThrottle::SignInThrottle(QString path, const Clock& clock)
    : m_path(std::move(path))
    , m_clock(clock)
{
    load();
}

QString SignInThrottle::keyFor(const QString& userName)
{
    return userName.trimmed().toLower().left(100);
}

qint64 SignInThrottle::delayAfter(int failures)
{
    if (failures < FreeAttempts)
        return 0;
    const int doublings = qMin(failures - FreeAttempts, 20);
    return qMin(FirstDelaySecs << doublings, MaxDelaySecs);
}

int SignInThrottle::failures(const QString& userName) const
{
    return m_entries.value(keyFor(userName)).failures;
}

qint64 SignInThrottle::secondsToWait(const QString& userName) const
{
    const auto it = m_entries.constFind(keyFor(userName));
    if (it == m_entries.cend())
        return 0;
    const qint64 delay = delayAfter(it->failures);
    if (delay == 0)
        return 0;
    const qint64 since = it->lastFailure.secsTo(m_clock.now());
    // A clock set backwards must not shorten the wait to nothing nor make it endless.
    if (since < 0)
        return delay;
    return qMax<qint64>(0, delay - since);
}

VoidResult SignInThrottle::recordFailure(const QString& userName)
{
    const QString key = keyFor(userName);
    auto& entry = m_entries[key];
    entry.failures += 1;
    entry.lastFailure = m_clock.now();
    if (m_entries.size() > MaxTrackedNames) {
        // Forget the oldest name, never the one just tried.
        auto oldest = m_entries.end();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
            if (it.key() != key && (oldest == m_entries.end() || it->lastFailure < oldest->lastFailure))
                oldest = it;
        if (oldest != m_entries.end())
            m_entries.erase(oldest);
    }
    m_pending.append({userName.trimmed().left(100), m_clock.now()});
    while (m_pending.size() > MaxPending)
        m_pending.removeFirst();
    qCInfo(lcAuth) << "failed sign-in recorded; consecutive failures" << entry.failures;
    return save();
}

VoidResult SignInThrottle::recordSuccess(const QString& userName)
{
    if (m_entries.remove(keyFor(userName)) == 0)
        return {};
    return save();
}

QList<SignInThrottle::FailedAttempt> SignInThrottle::pending() const
{
    return m_pending;
}

VoidResult SignInThrottle::clearPending()
{
    if (m_pending.isEmpty())
        return {};
    m_pending.clear();
    return save();
}

QString SignInThrottle::waitMessage(qint64 seconds) const
{
    if (seconds >= 120)
        return tr("Too many wrong passwords. Please wait %1 minutes before trying again.").arg((seconds + 59) / 60);
    return tr("Too many wrong passwords. Please wait %1 seconds before trying again.").arg(seconds);
}

void SignInThrottle::load()
{
    auto bytes = AtomicFile::read(m_path, 1024 * 1024);
    if (!bytes)
        return;
    const auto root = QJsonDocument::fromJson(bytes.value()).object();
    const auto users = root.value("users").toObject();
    for (auto it = users.begin(); it != users.end(); ++it) {
        const auto o = it.value().toObject();
        Entry e {o.value("failures").toInt(), Ids::fromIso(o.value("lastFailure").toString())};
        if (e.failures > 0 && e.lastFailure.isValid())
            m_entries.insert(it.key(), e);
    }
    for (const auto& value : root.value("pending").toArray()) {
        const auto o = value.toObject();
        m_pending.append({o.value("userName").toString(), Ids::fromIso(o.value("at").toString())});
    }
}

VoidResult SignInThrottle::save() const
{
    QJsonObject users;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        users.insert(it.key(), QJsonObject {{"failures", it->failures}, {"lastFailure", Ids::toIso(it->lastFailure)}});
    QJsonArray pending;
    for (const auto& p : m_pending)
        pending.append(QJsonObject {{"userName", p.userName}, {"at", Ids::toIso(p.at)}});
    return AtomicFile::write(m_path, QJsonDocument(QJsonObject {{"users", users}, {"pending", pending}}).toJson());
}

} // namespace Acorn
