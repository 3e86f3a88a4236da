#include "auth/Session.h"

#include "Clock.h"
#include "Logging.h"
#include "auth/AuditLog.h"
#include "auth/PasswordPolicy.h"
#include "auth/SettingsStore.h"
#include "auth/SignInThrottle.h"
#include "auth/StaffRepository.h"
#include "crypto/RecoveryKey.h"
#include "storage/Database.h"

#include <QDir>
#include <QSqlQuery>

namespace Acorn {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("Acorn::Session", text);
}

Error notSetUp(const DataDir& dataDir)
{
    return {Error::Code::NotFound,
            tr("No nursery has been set up in %1 yet.").arg(QDir::toNativeSeparators(dataDir.path()))};
}
} // namespace

Session::Session(const DataDir& dataDir, const Clock& clock, Keyring keyring, SecureBuffer databaseKey,
                 std::unique_ptr<Database> database)
    : m_dataDir(dataDir)
    , m_clock(clock)
    , m_keyring(std::move(keyring))
    , m_databaseKey(std::move(databaseKey))
    , m_database(std::move(database))
{
    m_deviceId = readDeviceId(*m_database);
    m_settings = std::make_unique<SettingsStore>(*m_database, m_deviceId, m_clock);
    m_audit = std::make_unique<AuditLog>(*m_database, m_deviceId, m_clock);
}

Session::~Session()
{
    if (isOpen())
        end(EndReason::Exit);
}

QString Session::readDeviceId(const Database& database)
{
    QSqlQuery q(database.sql());
    if (q.exec(QStringLiteral("SELECT value FROM device_state WHERE key = 'device_id'")) && q.next())
        return q.value(0).toString();
    return {};
}

Result<std::unique_ptr<Session>> Session::signIn(const DataDir& dataDir, const QString& userName,
                                                 const QByteArray& password, const Clock& clock, Purpose purpose)
{
    if (!dataDir.isInitialised())
        return notSetUp(dataDir);
    if (userName.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Type your user name."));

    SignInThrottle throttle(dataDir.throttlePath(), clock);
    if (const qint64 wait = throttle.secondsToWait(userName); wait > 0)
        return Error(Error::Code::Throttled, throttle.waitMessage(wait));

    auto keyring = Keyring::load(dataDir.keyringPath());
    if (!keyring)
        return keyring.error();

    auto key = keyring.value().unlock(userName, password);
    if (!key) {
        if (key.code() == Error::Code::WrongPassword) {
            if (auto saved = throttle.recordFailure(userName); !saved)
                qCWarning(lcAuth) << "could not save the sign-in throttle state";
            const qint64 wait = throttle.secondsToWait(userName);
            if (wait > 0)
                return Error(Error::Code::WrongPassword,
                             key.errorMessage() + QLatin1Char(' ') + throttle.waitMessage(wait));
        }
        return key.error();
    }

    auto database = Database::open(dataDir.databasePath(), key.value());
    if (!database)
        return database.error();

    const QString staffId = keyring.value().findUser(userName)->staffId;
    std::unique_ptr<Session> session(new Session(dataDir, clock, keyring.take(), key.take(), database.take()));
    const auto staff = StaffRepository(session->database()).byId(staffId);
    if (!staff || !staff->active) {
        (void)session->audit().append(AuditLog::SignInFailed, staffId, QStringLiteral("staff"), staffId,
                                      QStringLiteral("inactive"));
        session->m_databaseKey.wipe();
        session->m_database->close();
        return Error(Error::Code::AccountInactive,
                     tr("This account has been deactivated. Ask a manager if you need access again."));
    }
    session->m_staff = *staff;

    // Failed attempts made while the database was shut go into the audit log now, with their own times.
    for (const auto& attempt : throttle.pending())
        (void)session->audit().append(AuditLog::SignInFailed, {}, {}, {}, {}, attempt.userName, attempt.at);
    (void)throttle.clearPending();
    (void)throttle.recordSuccess(userName);

    (void)session->audit().append(purpose == Purpose::Unlock ? AuditLog::Unlock : AuditLog::SignIn, staffId);
    qCInfo(lcAuth) << "signed in, staff" << staffId;
    return session;
}

Result<std::unique_ptr<Session>> Session::openWithRecoveryKey(const DataDir& dataDir, const QByteArray& recoveryKey,
                                                              const Clock& clock)
{
    if (!dataDir.isInitialised())
        return notSetUp(dataDir);
    auto seed = RecoveryKey::parse(recoveryKey);
    if (!seed)
        return seed.error();
    auto keyring = Keyring::load(dataDir.keyringPath());
    if (!keyring)
        return keyring.error();
    auto key = keyring.value().unlockWithRecovery(seed.value());
    if (!key)
        return key.error();
    auto database = Database::open(dataDir.databasePath(), key.value());
    if (!database)
        return database.error();
    std::unique_ptr<Session> session(new Session(dataDir, clock, keyring.take(), key.take(), database.take()));
    session->m_recovery = true;
    session->m_staff.displayName = tr("Recovery key");
    session->m_staff.role = Role::Administrator;
    (void)session->audit().append(AuditLog::RecoveryKeyUsed, {}, {}, {}, {}, QStringLiteral("recovery key"));
    qCInfo(lcAuth) << "opened with the recovery key";
    return session;
}

void Session::end(EndReason reason)
{
    if (!isOpen())
        return;
    if (!m_recovery) {
        const char* action = reason == EndReason::Lock ? AuditLog::Lock : AuditLog::SignOut;
        (void)m_audit->append(action, m_staff.id, {}, {},
                              reason == EndReason::Exit ? QStringLiteral("exit") : QString());
    }
    m_settings.reset();
    m_audit.reset();
    m_database->close();
    m_databaseKey.wipe();
    qCInfo(lcAuth) << "session ended, staff" << m_staff.id;
    emit ended(reason);
}

bool Session::isOpen() const
{
    return !m_databaseKey.isEmpty() && m_database && !m_database->connectionName().isEmpty();
}

bool Session::can(Action action) const
{
    return isOpen() && Permissions::allows(m_staff.role, action);
}

bool Session::mustChangePassword() const
{
    if (m_recovery)
        return false;
    return m_staff.mustChangePassword || passwordPolicy().isExpired(m_staff.passwordChangedAt, m_clock.now());
}

PasswordPolicy Session::passwordPolicy() const
{
    return m_settings ? PasswordPolicy::fromSettings(*m_settings) : PasswordPolicy::nurseryDefault();
}

void Session::refreshStaff()
{
    if (m_recovery || !isOpen())
        return;
    if (const auto staff = StaffRepository(*m_database).byId(m_staff.id))
        m_staff = *staff;
}

VoidResult Session::saveKeyring() const
{
    return m_keyring.save(m_dataDir.keyringPath());
}

} // namespace Acorn
