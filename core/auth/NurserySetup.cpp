#include "auth/NurserySetup.h"

#include "Clock.h"
#include "Logging.h"
#include "auth/AuditLog.h"
#include "auth/PasswordHistory.h"
#include "auth/SettingsStore.h"
#include "auth/StaffRepository.h"
#include "crypto/Keyring.h"
#include "crypto/RecoveryKey.h"
#include "domain/Ids.h"
#include "storage/DataDir.h"
#include "storage/Database.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>

namespace Acorn {

bool NurserySetup::isValidUserName(const QString& userName)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$"));
    return pattern.match(userName).hasMatch();
}

Result<SecureBuffer> NurserySetup::create(const DataDir& dataDir, const Request& request, const Clock& clock)
{
    const QString name = request.nurseryName.trimmed();
    const QString displayName = request.managerDisplayName.trimmed();
    const QString userName = request.managerUserName.trimmed();
    if (name.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Type the nursery's name."));
    if (displayName.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Type the manager's name."));
    if (!isValidUserName(userName))
        return Error(Error::Code::InvalidInput,
                     tr("A user name has 2 to 40 letters or digits (and may contain . - _), with no spaces."));
    const auto policy = request.policy == PasswordPolicy::Kind::Passphrase ? PasswordPolicy::passphraseDefault()
                                                                           : PasswordPolicy::nurseryDefault();
    const QString password = QString::fromUtf8(request.managerPassword);
    if (!policy.accepts(password, userName, displayName))
        return Error(Error::Code::PolicyViolation, policy.explainRefusal(password, userName, displayName));

    if (dataDir.isInitialised())
        return Error(Error::Code::AlreadyExists,
                     tr("A nursery is already set up in %1. Acorn will not overwrite it.")
                         .arg(QDir::toNativeSeparators(dataDir.path())));
    if (!dataDir.ensureExists())
        return Error(Error::Code::ReadOnly,
                     tr("The folder %1 could not be created. Check that you may write there.")
                         .arg(QDir::toNativeSeparators(dataDir.path())));

    const auto removeCreated = [&] {
        for (const auto& suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(dataDir.databasePath() + QLatin1String(suffix));
        QFile::remove(dataDir.keyringPath());
    };

    const SecureBuffer databaseKey = SecureBuffer::random(Keyring::DatabaseKeySize);
    const QString databaseId = Ids::newId();
    const QString deviceId = Ids::newId();
    const QString managerId = Ids::newId();
    const QDateTime now = clock.now();

    {
        auto database = Database::open(dataDir.databasePath(), databaseKey, Database::OpenMode::CreateNew);
        if (!database) {
            removeCreated();
            return database.error();
        }
        auto& db = *database.value();
        Transaction transaction(db);
        auto step = [&]() -> VoidResult {
            QSqlQuery q(db.sql());
            q.prepare(QStringLiteral("INSERT INTO device_state (key, value) VALUES ('device_id', ?), "
                                     "('database_id', ?)"));
            q.addBindValue(deviceId);
            q.addBindValue(databaseId);
            if (!q.exec())
                return Database::describe(q.lastError(), db.path());
            QSqlQuery s(db.sql());
            s.prepare(QStringLiteral("INSERT INTO setting (id, name, created_at, updated_at, origin_device) "
                                     "VALUES (?, ?, ?, ?, ?)"));
            s.addBindValue(Ids::newId());
            s.addBindValue(name);
            s.addBindValue(Ids::toIso(now));
            s.addBindValue(Ids::toIso(now));
            s.addBindValue(deviceId);
            if (!s.exec())
                return Database::describe(s.lastError(), db.path());

            SettingsStore settings(db, deviceId, clock);
            using Key = SettingsStore::Key;
            for (const auto& [key, value] :
                 {std::pair {Key::NurseryName, QVariant(name)},
                  std::pair {Key::PasswordPolicy, QVariant(PasswordPolicy::kindKey(policy.kind))},
                  std::pair {Key::PasswordMinLength, QVariant(policy.minLength)},
                  std::pair {Key::PasswordExpiryDays, QVariant(policy.expiryDays)},
                  std::pair {Key::PasswordHistoryCount, QVariant(policy.historyCount)}}) {
                if (auto set = settings.setValue(key, value, managerId); !set)
                    return set;
            }

            StaffRepository staff(db);
            StaffMember manager;
            manager.id = managerId;
            manager.displayName = displayName;
            manager.userName = userName;
            manager.role = Role::Manager;
            manager.passwordChangedAt = now;
            if (auto inserted = staff.insert(manager, deviceId, now); !inserted)
                return inserted;
            const auto fingerprint = PasswordHistory::fingerprint(databaseKey, managerId, request.managerPassword);
            if (auto set = staff.setPasswordState(managerId, now, false, {fingerprint}, now); !set)
                return set;

            AuditLog audit(db, deviceId, clock);
            if (auto logged = audit.append(AuditLog::NurseryCreated, managerId, QStringLiteral("setting")); !logged)
                return logged;
            return audit.append(AuditLog::AccountCreated, managerId, QStringLiteral("staff"), managerId,
                                QStringLiteral("role=manager"));
        }();
        if (step.ok())
            step = transaction.commit();
        if (!step) {
            database.value()->close();
            removeCreated();
            return step.error();
        }
    }

    Keyring keyring(databaseId);
    auto seed = RecoveryKey::generateSeed();
    VoidResult keyed = keyring.setStaffPassword(managerId, userName, displayName, request.managerPassword, databaseKey);
    if (keyed)
        keyed = keyring.setRecovery(seed, databaseKey);
    if (keyed)
        keyed = keyring.save(dataDir.keyringPath());
    if (!keyed) {
        removeCreated();
        return keyed.error();
    }
    qCInfo(lcAuth) << "nursery created, database" << databaseId;
    return RecoveryKey::format(seed);
}

} // namespace Acorn
