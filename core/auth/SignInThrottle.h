#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Acorn {

class Clock;

// Growing delays after failed sign-ins, per user name, kept in a small file beside the database so that they
// survive a restart. The database is closed while nobody is signed in, so failed attempts are also queued here
// and written to the audit log at the next successful sign-in.
class SignInThrottle final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::SignInThrottle)
public:
    static constexpr int FreeAttempts = 3;
    static constexpr qint64 FirstDelaySecs = 5;
    static constexpr qint64 MaxDelaySecs = 15 * 60;
    static constexpr int MaxTrackedNames = 200;
    static constexpr int MaxPending = 500;

    struct FailedAttempt
    {
        QString userName;
        QDateTime at;
    };

    SignInThrottle(QString path, const Clock& clock);

    // Seconds the user must still wait before the next try; 0 = may try now.
    qint64 secondsToWait(const QString& userName) const;
    // The delay that the n-th consecutive failure imposes.
    static qint64 delayAfter(int failures);
    int failures(const QString& userName) const;

    [[nodiscard]] VoidResult recordFailure(const QString& userName);
    [[nodiscard]] VoidResult recordSuccess(const QString& userName);

    // Failed attempts not yet in the audit log; cleared by clearPending().
    QList<FailedAttempt> pending() const;
    [[nodiscard]] VoidResult clearPending();

    QString waitMessage(qint64 seconds) const;

private:
    struct Entry
    {
        int failures = 0;
        QDateTime lastFailure;
    };
    void load();
    VoidResult save() const;
    static QString keyFor(const QString& userName);

    QString m_path;
    const Clock& m_clock;
    QHash<QString, Entry> m_entries;
    QList<FailedAttempt> m_pending;
};

} // namespace Acorn
