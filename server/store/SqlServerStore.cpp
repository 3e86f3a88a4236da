#include "store/SqlServerStore.h"

#include "Clock.h"
#include "ServerLogging.h"
#include "domain/Ids.h"
#include "storage/SqlCipherDriver.h"
#include "store/ServerMigrator.h"
#include "sync/EnrolmentCode.h"

#include <QAtomicInt>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Acorn::Server {

namespace {
QAtomicInt g_connectionCounter;

// last_seen_at is written at most this often per device, so that reads do not each become a write.
constexpr qint64 LastSeenResolutionSecs = 60;

QVariant orNull(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QDateTime timeOrInvalid(const QVariant& value)
{
    return value.isNull() ? QDateTime() : Ids::fromIso(value.toString());
}
} // namespace

// Rolls back unless committed; failure() may have rolled back already.
SqlServerStore::SqlServerStore(SqlDialect dialect, QString connectionName, const Clock& clock)
    : m_dialect(dialect)
    , m_connectionName(std::move(connectionName))
    , m_clock(clock)
{
}

SqlServerStore::~SqlServerStore()
{
    close();
}

void SqlServerStore::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        auto db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

QSqlDatabase SqlServerStore::sql() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<SqlServerStore>> SqlServerStore::openSqlite(const QString& path, const SecureBuffer& key,
                                                                   const Clock& clock)
{
    SqlCipherDriver::registerDriver();
    const bool creating = !QFileInfo::exists(path);
    const QString name = QStringLiteral("acorn-server-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<SqlServerStore> store(new SqlServerStore(SqlDialect(SqlDialect::Kind::Sqlite), name, clock));
    {
        auto db = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::DriverName), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("ACORN_BUSY_TIMEOUT=10000"));
        if (!db.open())
            return Error(Error::Code::Io,
                         tr("The server database %1 could not be opened: %2").arg(path, db.lastError().driverText()));
        if (creating)
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        auto* driver = static_cast<SqlCipherDriver*>(db.driver());
        if (!driver->setKey(key))
            return Error(Error::Code::Internal, tr("The server database could not be unlocked (key rejected)."));
    }
    // Cipher settings stated explicitly (SQLCipher 4's defaults, as the core does), before the first read.
    for (const auto* pragma :
         {"PRAGMA cipher_page_size = 4096", "PRAGMA kdf_iter = 256000", "PRAGMA cipher_hmac_algorithm = HMAC_SHA512",
          "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512"}) {
        QSqlQuery q(store->sql());
        if (!q.exec(QLatin1String(pragma)))
            return store->failure("open: cipher pragma", q.lastError());
    }
    {
        // A wrong key (another server.key) shows only at the first read.
        QSqlQuery probe(store->sql());
        if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !probe.next())
            return Error(Error::Code::NotAnAcornDatabase,
                         tr("The server database %1 cannot be read with this server.key: it belongs to another key, "
                            "or it is damaged.")
                             .arg(path));
    }
    // WAL with synchronous FULL: a push answered "applied" survives a power cut. temp_store in memory: SQLCipher does
    // not encrypt temporary files.
    for (const auto* pragma :
         {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
          "PRAGMA temp_store = MEMORY", "PRAGMA secure_delete = ON", "PRAGMA cache_size = -32768"}) {
        QSqlQuery q(store->sql());
        if (!q.exec(QLatin1String(pragma)))
            return store->failure("open: pragma", q.lastError());
    }
    return finishOpen(std::move(store));
}

Result<std::unique_ptr<SqlServerStore>> SqlServerStore::openPostgres(const PostgresTarget& target, const Clock& clock)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error(Error::Code::Internal,
                     tr("Qt's PostgreSQL driver (QPSQL) is not installed. On Debian: apt install libqt6sql6-psql."));
    const QString name = QStringLiteral("acorn-server-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<SqlServerStore> store(new SqlServerStore(SqlDialect(SqlDialect::Kind::Postgres), name, clock));
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(target.host);
        db.setPort(target.port);
        db.setUserName(target.user);
        db.setPassword(target.password);
        db.setDatabaseName(target.database);
        db.setConnectOptions(target.options.join(QLatin1Char(';')));
        if (!db.open()) {
            qCWarning(lcServerStore, "cannot connect to %s", qPrintable(target.describe()));
            return Error(Error::Code::Io,
                         tr("PostgreSQL at %1 did not accept the connection: %2")
                             .arg(target.describe(), db.lastError().databaseText().trimmed()));
        }
    }
    {
        QSqlQuery q(store->sql());
        if (!store->configureSession())
            return store->failure("open: session settings");
    }
    return finishOpen(std::move(store));
}

Result<std::unique_ptr<SqlServerStore>> SqlServerStore::finishOpen(std::unique_ptr<SqlServerStore> store)
{
    ServerMigrator migrator(store->sql(), store->m_dialect, store->m_clock);
    if (auto migrated = migrator.migrate(); !migrated)
        return migrated.error();
    qCInfo(lcServerStore, "%s store open, schema version %d", qPrintable(store->m_dialect.name()),
           migrator.currentVersion());
    return store;
}

int SqlServerStore::schemaVersion() const
{
    return ServerMigrator(sql(), m_dialect, m_clock).currentVersion();
}

bool SqlServerStore::configureSession()
{
    // Times are written by the server as text, so the session's zone must not matter; say UTC in any case. Notices
    // ("relation already exists, skipping") would go to stderr past the JSON log, so only warnings are reported.
    // Plain exec: PostgreSQL cannot PREPARE a SET.
    for (const auto* statement : {"SET TIME ZONE 'UTC'", "SET client_min_messages = warning"}) {
        QSqlQuery q(sql());
        if (!q.exec(QLatin1String(statement))) {
            m_lastError = q.lastError();
            return false;
        }
    }
    return true;
}

QString SqlServerStore::now() const
{
    return Ids::toIso(m_clock.now());
}

bool SqlServerStore::run(QSqlQuery& query, const QString& statement, const QVariantList& binds)
{
    if (!query.prepare(statement)) {
        m_lastError = query.lastError();
        return false;
    }
    for (const auto& value : binds)
        query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = query.lastError();
        return false;
    }
    return true;
}

bool SqlServerStore::answers()
{
    QSqlQuery q(sql());
    return q.exec(QStringLiteral("SELECT 1")) && q.next();
}

Error SqlServerStore::failure(const char* operation)
{
    return failure(operation, m_lastError);
}

Error SqlServerStore::failure(const char* operation, const QSqlError& error)
{
    if (m_inTransaction)
        rollback();
    qCWarning(lcServerStore, "%s failed (%s, error type %d, native code %s)", operation, qPrintable(m_dialect.name()),
              int(error.type()), qPrintable(error.nativeErrorCode()));
    if (error.type() == QSqlError::ConnectionError || !answers()) {
        m_broken = true;
        return Error(Error::Code::Io, tr("The database is not answering. Try again in a little while."));
    }
    return Error(Error::Code::Internal, tr("The server could not complete this request."));
}

VoidResult SqlServerStore::ensureConnected()
{
    if (!m_broken)
        return {};
    auto db = sql();
    if (m_dialect.isPostgres()) {
        // QPSQL does not reconnect by itself; a restarted or failed-over PostgreSQL needs a new connection.
        db.close();
        if (!db.open()) {
            qCWarning(lcServerStore) << "reconnect failed";
            return Error(Error::Code::Io, tr("The database is not answering. Try again in a little while."));
        }
        configureSession();
    }
    if (!answers())
        return Error(Error::Code::Io, tr("The database is not answering. Try again in a little while."));
    m_broken = false;
    qCInfo(lcServerStore) << "database answers again";
    return {};
}

VoidResult SqlServerStore::ping()
{
    if (!m_broken && answers())
        return {};
    m_broken = true;
    return ensureConnected();
}

bool SqlServerStore::begin()
{
    auto db = sql();
    if (!db.transaction()) {
        m_lastError = db.lastError();
        return false;
    }
    m_inTransaction = true;
    return true;
}

bool SqlServerStore::commit()
{
    auto db = sql();
    if (!db.commit()) {
        m_lastError = db.lastError();
        return false; // still m_inTransaction: failure() or the guard rolls back
    }
    m_inTransaction = false;
    return true;
}

void SqlServerStore::rollback()
{
    m_inTransaction = false;
    sql().rollback();
}

// --- settings and devices --------------------------------------------------------------------------------------------

Result<QString> SqlServerStore::createSetting(const QString& name)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > Limits::SettingNameLength)
        return Error(Error::Code::InvalidInput,
                     tr("A setting needs a name of 1 to %1 characters.").arg(Limits::SettingNameLength));
    const QString id = Ids::newId();
    TransactionGuard tx(*this);
    if (!tx.begun())
        return failure("create setting: begin");
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("INSERT INTO settings (setting_id, name, created_at) VALUES (?, ?, ?)"),
             {id, trimmed, now()}))
        return failure("create setting");
    if (!run(q, QStringLiteral("INSERT INTO setting_counters (setting_id, last_seq) VALUES (?, 0)"), {id}))
        return failure("create setting: counter");
    q.finish();
    if (!commit())
        return failure("create setting: commit");
    qCInfo(lcServerStore, "setting %s created", qPrintable(id));
    return id;
}

Result<bool> SqlServerStore::settingExists(const QString& settingId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("SELECT 1 FROM settings WHERE setting_id = ?"), {settingId}))
        return failure("setting exists");
    return q.next();
}

Result<IssuedCode> SqlServerStore::issueEnrolmentCode(const QString& settingId, const QString& byDeviceId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    IssuedCode issued;
    issued.code = EnrolmentCode::generate();
    const QDateTime created = m_clock.now();
    issued.expiresAt = created.addSecs(qint64(Limits::EnrolmentCodeHours) * 3600);
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("INSERT INTO enrolment_codes (code_sha256, setting_id, created_at, expires_at, "
                            "created_by_device) VALUES (?, ?, ?, ?, ?)"),
             {EnrolmentCode::hash(EnrolmentCode::normalise(issued.code)), settingId, Ids::toIso(created),
              Ids::toIso(issued.expiresAt), orNull(byDeviceId)}))
        return failure("issue enrolment code");
    qCInfo(lcServerStore, "enrolment code issued for setting %s", qPrintable(settingId));
    return issued;
}

Result<EnrolOutcome> SqlServerStore::enrol(const QString& typedCode, const QString& deviceId, const QString& deviceName,
                                           const QString& credentialSha256)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    EnrolOutcome outcome;
    const QString normalised = EnrolmentCode::normalise(typedCode);
    if (normalised.isEmpty())
        return outcome; // UnknownCode
    const QString codeHash = EnrolmentCode::hash(normalised);

    TransactionGuard tx(*this);
    if (!tx.begun())
        return failure("enrol: begin");
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("SELECT setting_id, expires_at, used_at FROM enrolment_codes WHERE code_sha256 = ?")
                 + m_dialect.forUpdate(),
             {codeHash}))
        return failure("enrol: code");
    if (!q.next())
        return outcome;
    const QString settingId = q.value(0).toString();
    const QDateTime expires = Ids::fromIso(q.value(1).toString());
    const bool used = !q.value(2).isNull();
    q.finish();
    const QDateTime at = m_clock.now();
    if (used || at >= expires) {
        outcome.status = EnrolOutcome::Status::CodeSpent;
        return outcome;
    }
    if (!run(q, QStringLiteral("SELECT 1 FROM devices WHERE device_id = ?"), {deviceId}))
        return failure("enrol: device");
    if (q.next()) {
        outcome.status = EnrolOutcome::Status::DeviceExists;
        return outcome;
    }
    q.finish();
    if (!run(q,
             QStringLiteral("UPDATE enrolment_codes SET used_at = ?, used_by_device = ? WHERE code_sha256 = ? AND "
                            "used_at IS NULL"),
             {Ids::toIso(at), deviceId, codeHash}))
        return failure("enrol: use code");
    if (q.numRowsAffected() != 1) {
        outcome.status = EnrolOutcome::Status::CodeSpent;
        return outcome;
    }
    if (!run(q,
             QStringLiteral("INSERT INTO devices (device_id, setting_id, name, credential_sha256, enrolled_at, "
                            "revoked) VALUES (?, ?, ?, ?, ?, 0)"),
             {deviceId, settingId, deviceName, credentialSha256, Ids::toIso(at)}))
        return failure("enrol: device row");
    q.finish();
    if (!commit())
        return failure("enrol: commit");
    outcome.status = EnrolOutcome::Status::Enrolled;
    outcome.settingId = settingId;
    qCInfo(lcServerStore, "device %s enrolled in setting %s", qPrintable(deviceId), qPrintable(settingId));
    return outcome;
}

Result<AuthOutcome> SqlServerStore::authenticate(const QString& credentialSha256)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    AuthOutcome outcome;
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("SELECT device_id, setting_id, revoked, last_seen_at FROM devices WHERE "
                            "credential_sha256 = ?"),
             {credentialSha256}))
        return failure("authenticate");
    if (!q.next())
        return outcome; // Unknown
    outcome.device = {q.value(0).toString(), q.value(1).toString()};
    const bool revoked = q.value(2).toInt() != 0;
    const QDateTime lastSeen = timeOrInvalid(q.value(3));
    q.finish();
    if (revoked) {
        outcome.status = AuthOutcome::Status::Revoked;
        return outcome;
    }
    outcome.status = AuthOutcome::Status::Ok;
    const QDateTime at = m_clock.now();
    if (!lastSeen.isValid() || lastSeen.secsTo(at) >= LastSeenResolutionSecs) {
        if (!run(q, QStringLiteral("UPDATE devices SET last_seen_at = ? WHERE device_id = ?"),
                 {Ids::toIso(at), outcome.device.deviceId}))
            return failure("authenticate: last seen");
    }
    return outcome;
}

Result<QList<DeviceInfo>> SqlServerStore::devices(const QString& settingId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("SELECT device_id, name, enrolled_at, last_seen_at, revoked FROM devices WHERE "
                            "setting_id = ? ORDER BY enrolled_at, device_id"),
             {settingId}))
        return failure("devices");
    QList<DeviceInfo> list;
    while (q.next()) {
        DeviceInfo info;
        info.deviceId = q.value(0).toString();
        info.name = q.value(1).toString();
        info.enrolledAt = Ids::fromIso(q.value(2).toString());
        info.lastSeenAt = timeOrInvalid(q.value(3));
        info.revoked = q.value(4).toInt() != 0;
        list.append(info);
    }
    return list;
}

Result<RevokeOutcome> SqlServerStore::revokeDevice(const DeviceIdentity& by, const QString& deviceId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("SELECT setting_id FROM devices WHERE device_id = ?"), {deviceId}))
        return failure("revoke: find");
    if (!q.next())
        return RevokeOutcome::NotFound;
    if (q.value(0).toString() != by.settingId)
        return RevokeOutcome::OtherSetting;
    q.finish();
    if (!run(q,
             QStringLiteral("UPDATE devices SET revoked = 1, revoked_at = ?, revoked_by = ? WHERE device_id = ? AND "
                            "revoked = 0"),
             {now(), by.deviceId, deviceId}))
        return failure("revoke");
    qCInfo(lcServerStore, "device %s revoked by device %s", qPrintable(deviceId), qPrintable(by.deviceId));
    return RevokeOutcome::Revoked;
}

// --- sync ------------------------------------------------------------------------------------------------------------

Result<PushOutcome> SqlServerStore::push(const DeviceIdentity& device, const QString& batchId,
                                         const QList<IncomingChange>& changes)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    TransactionGuard tx(*this);
    if (!tx.begun())
        return failure("push: begin");
    QSqlQuery q(sql());
    // Every push to a setting waits here for the one before it to commit, so seqs are handed out gap-free and in
    // commit order (PostgreSQL: the row lock; SQLite: the write lock BEGIN IMMEDIATE took).
    if (!run(q, QStringLiteral("SELECT last_seq FROM setting_counters WHERE setting_id = ?") + m_dialect.forUpdate(),
             {device.settingId}))
        return failure("push: lock counter");
    if (!q.next())
        return Error(Error::Code::NotFound, tr("This device's setting does not exist on this server."));
    qint64 lastSeq = q.value(0).toLongLong();
    q.finish();

    PushOutcome outcome;
    // Checked under the lock: a batch sent twice at once is applied once and answered the same both times.
    if (!run(q, QStringLiteral("SELECT device_id, response FROM push_batches WHERE batch_id = ?"), {batchId}))
        return failure("push: batch");
    if (q.next()) {
        if (q.value(0).toString() != device.deviceId) {
            outcome.status = PushOutcome::Status::BatchOfAnotherDevice;
            return outcome;
        }
        const auto stored = QJsonDocument::fromJson(q.value(1).toByteArray()).array();
        for (const auto& item : stored) {
            if (auto result = ChangeResult::fromJson(item.toObject()))
                outcome.results.append(*result);
        }
        outcome.replayed = true;
        return outcome;
    }
    q.finish();

    const QString at = now();
    QJsonArray response;
    for (const auto& change : changes) {
        ChangeResult result;
        result.deviceSeq = change.deviceSeq;
        auto finish = [&] {
            response.append(result.toJson());
            outcome.results.append(result);
        };
        if (change.data.size() > Limits::ChangeData) {
            result.status = ChangeResult::Status::Rejected;
            result.reason = tr("This change's data is larger than %1 KiB.").arg(Limits::ChangeData / 1024);
            finish();
            continue;
        }
        if (!run(q, QStringLiteral("SELECT server_seq FROM applied_device_seqs WHERE device_id = ? AND device_seq = ?"),
                 {device.deviceId, change.deviceSeq}))
            return failure("push: duplicate check");
        if (q.next()) {
            result.status = ChangeResult::Status::Duplicate;
            result.serverSeq = q.value(0).toLongLong();
            q.finish();
            finish();
            continue;
        }
        q.finish();
        if (!run(q,
                 QStringLiteral("SELECT setting_id, revision, deleted, data FROM entities WHERE entity = ? AND "
                                "entity_id = ?"),
                 {change.entity, change.id}))
            return failure("push: current row");
        std::optional<EntityState> current;
        if (q.next()) {
            if (q.value(0).toString() != device.settingId) {
                q.finish();
                qCWarning(lcServerStore, "device %s pushed %s %s of another setting: rejected",
                          qPrintable(device.deviceId), qPrintable(change.entity), qPrintable(change.id));
                result.status = ChangeResult::Status::Rejected;
                result.reason = tr("This row belongs to another setting.");
                finish();
                continue;
            }
            current = EntityState {q.value(1).toLongLong(), q.value(2).toInt() != 0, q.value(3).toByteArray()};
        }
        q.finish();
        const qint64 serverRevision = current ? current->revision : 0;
        if (change.baseRevision != serverRevision) {
            result.status = ChangeResult::Status::Conflict;
            result.current = current;
            result.reason = tr("The server has revision %1 of this row; this change was made to revision %2.")
                                .arg(serverRevision)
                                .arg(change.baseRevision);
            finish();
            continue;
        }

        const qint64 seq = lastSeq + 1;
        const qint64 deleted = change.deleted ? 1 : 0;
        const bool written = current
            ? run(q,
                  QStringLiteral("UPDATE entities SET revision = ?, deleted = ?, data = ?, origin_device = ?, "
                                 "updated_at = ? WHERE setting_id = ? AND entity = ? AND entity_id = ?"),
                  {change.revision, deleted, QString::fromUtf8(change.data), device.deviceId, at, device.settingId,
                   change.entity, change.id})
            : run(q,
                  QStringLiteral("INSERT INTO entities (setting_id, entity, entity_id, revision, deleted, data, "
                                 "origin_device, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                  {device.settingId, change.entity, change.id, change.revision, deleted, QString::fromUtf8(change.data),
                   device.deviceId, at});
        if (!written)
            return failure("push: write row");
        if (!run(q,
                 QStringLiteral("INSERT INTO changes (setting_id, seq, entity, entity_id, revision, deleted, data, "
                                "origin_device, device_seq, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {device.settingId, seq, change.entity, change.id, change.revision, deleted,
                  QString::fromUtf8(change.data), device.deviceId, change.deviceSeq, at}))
            return failure("push: log change");
        result.status = ChangeResult::Status::Applied;
        result.serverSeq = seq;
        if (!run(q,
                 QStringLiteral("INSERT INTO applied_device_seqs (device_id, device_seq, setting_id, server_seq, "
                                "result, applied_at) VALUES (?, ?, ?, ?, ?, ?)"),
                 {device.deviceId, change.deviceSeq, device.settingId, seq,
                  QString::fromUtf8(QJsonDocument(result.toJson()).toJson(QJsonDocument::Compact)), at}))
            return failure("push: remember device_seq");
        lastSeq = seq;
        finish();
    }

    if (!run(q, QStringLiteral("UPDATE setting_counters SET last_seq = ? WHERE setting_id = ?"),
             {lastSeq, device.settingId}))
        return failure("push: counter");
    if (!run(q,
             QStringLiteral("INSERT INTO push_batches (batch_id, device_id, setting_id, response, created_at) VALUES "
                            "(?, ?, ?, ?, ?)"),
             {batchId, device.deviceId, device.settingId,
              QString::fromUtf8(QJsonDocument(response).toJson(QJsonDocument::Compact)), at}))
        return failure("push: remember batch");
    q.finish();
    if (!commit())
        return failure("push: commit");
    return outcome;
}

Result<bool> SqlServerStore::writeServerChanges(const QString& settingId, const QString& origin,
                                                const QList<ServerChange>& changes)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    TransactionGuard tx(*this);
    if (!tx.begun())
        return failure("server write: begin");
    QSqlQuery q(sql());
    // The same lock as a push: seqs stay gap-free and in commit order whoever writes.
    if (!run(q, QStringLiteral("SELECT last_seq FROM setting_counters WHERE setting_id = ?") + m_dialect.forUpdate(),
             {settingId}))
        return failure("server write: lock counter");
    if (!q.next())
        return Error(Error::Code::NotFound, tr("This setting does not exist on this server."));
    qint64 lastSeq = q.value(0).toLongLong();
    q.finish();
    const QString at = now();
    for (const ServerChange& change : changes) {
        if (!run(q, QStringLiteral("SELECT setting_id, revision FROM entities WHERE entity = ? AND entity_id = ?"),
                 {change.entity, change.id}))
            return failure("server write: current row");
        const bool exists = q.next();
        if (exists && q.value(0).toString() != settingId)
            return Error(Error::Code::PermissionDenied, tr("This row belongs to another setting."));
        const qint64 revision = exists ? q.value(1).toLongLong() : 0;
        q.finish();
        if (revision != change.baseRevision)
            return false; // moved on since it was read: nothing is written (the guard rolls back)
        const qint64 next = revision + 1;
        const qint64 seq = ++lastSeq;
        const qint64 deleted = change.deleted ? 1 : 0;
        const QString data = QString::fromUtf8(change.data);
        const bool written = exists
            ? run(q,
                  QStringLiteral("UPDATE entities SET revision = ?, deleted = ?, data = ?, origin_device = ?, "
                                 "updated_at = ? WHERE setting_id = ? AND entity = ? AND entity_id = ?"),
                  {next, deleted, data, origin, at, settingId, change.entity, change.id})
            : run(q,
                  QStringLiteral("INSERT INTO entities (setting_id, entity, entity_id, revision, deleted, data, "
                                 "origin_device, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                  {settingId, change.entity, change.id, next, deleted, data, origin, at});
        if (!written)
            return failure("server write: row");
        if (!run(q,
                 QStringLiteral("INSERT INTO changes (setting_id, seq, entity, entity_id, revision, deleted, data, "
                                "origin_device, device_seq, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)"),
                 {settingId, seq, change.entity, change.id, next, deleted, data, origin, at}))
            return failure("server write: log change");
    }
    if (!run(q, QStringLiteral("UPDATE setting_counters SET last_seq = ? WHERE setting_id = ?"), {lastSeq, settingId}))
        return failure("server write: counter");
    q.finish();
    if (!commit())
        return failure("server write: commit");
    return true;
}

Result<std::optional<StoredEntity>> SqlServerStore::entity(const QString& settingId, const QString& entity,
                                                           const QString& id)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("SELECT revision, deleted, data FROM entities WHERE setting_id = ? AND entity = ? AND "
                            "entity_id = ?"),
             {settingId, entity, id}))
        return failure("entity");
    if (!q.next())
        return std::optional<StoredEntity>();
    return std::optional<StoredEntity>(StoredEntity {
        id, EntityState {q.value(0).toLongLong(), q.value(1).toInt() != 0, q.value(2).toString().toUtf8()}});
}

Result<QList<StoredEntity>> SqlServerStore::entities(const QString& settingId, const QString& entity)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    q.setForwardOnly(true);
    if (!run(q,
             QStringLiteral("SELECT entity_id, revision, deleted, data FROM entities WHERE setting_id = ? AND "
                            "entity = ? ORDER BY entity_id"),
             {settingId, entity}))
        return failure("entities");
    QList<StoredEntity> list;
    while (q.next())
        list.append(StoredEntity {
            q.value(0).toString(),
            EntityState {q.value(1).toLongLong(), q.value(2).toInt() != 0, q.value(3).toString().toUtf8()}});
    return list;
}

Result<int> SqlServerStore::purgeBatchAnswers(int days)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    const QString before = Ids::toIso(m_clock.now().addDays(-days));
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("DELETE FROM push_batches WHERE created_at < ?"), {before}))
        return failure("purge batch answers");
    return q.numRowsAffected();
}

Result<PullPage> SqlServerStore::pull(const QString& settingId, qint64 since, int limit)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    limit = qBound(1, limit, Limits::PullMax);
    QSqlQuery q(sql());
    q.setForwardOnly(true);
    if (!run(q,
             QStringLiteral("SELECT seq, entity, entity_id, revision, deleted, data, origin_device FROM changes WHERE "
                            "setting_id = ? AND seq > ? ORDER BY seq LIMIT ?"),
             {settingId, since, limit + 1}))
        return failure("pull");
    PullPage page;
    page.next = since;
    while (q.next()) {
        if (page.changes.size() == limit) {
            page.more = true;
            break;
        }
        LoggedChange change;
        change.seq = q.value(0).toLongLong();
        change.entity = q.value(1).toString();
        change.id = q.value(2).toString();
        change.revision = q.value(3).toLongLong();
        change.deleted = q.value(4).toInt() != 0;
        change.data = q.value(5).toString().toUtf8();
        change.originDevice = q.value(6).toString();
        page.next = change.seq;
        page.changes.append(std::move(change));
    }
    return page;
}

// --- media -----------------------------------------------------------------------------------------------------------

Result<std::optional<MediaUpload>> SqlServerStore::mediaUpload(const QString& mediaId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("SELECT setting_id, device_id, size, sha256, chunk_size, state, file_key FROM "
                            "media_uploads WHERE media_id = ?"),
             {mediaId}))
        return failure("media upload");
    if (!q.next())
        return std::optional<MediaUpload>();
    MediaUpload upload;
    upload.mediaId = mediaId;
    upload.settingId = q.value(0).toString();
    upload.deviceId = q.value(1).toString();
    upload.size = q.value(2).toLongLong();
    upload.sha256 = q.value(3).toString();
    upload.chunkSize = q.value(4).toLongLong();
    upload.complete = q.value(5).toString() == QLatin1String("complete");
    upload.wrappedKey = QByteArray::fromBase64(q.value(6).toString().toLatin1());
    return std::optional<MediaUpload>(std::move(upload));
}

Result<bool> SqlServerStore::createMediaUpload(const MediaUpload& upload)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q,
             QStringLiteral("INSERT INTO media_uploads (media_id, setting_id, device_id, size, sha256, chunk_size, "
                            "state, file_key, created_at) VALUES (?, ?, ?, ?, ?, ?, 'uploading', ?, ?) "
                            "ON CONFLICT (media_id) DO NOTHING"),
             {upload.mediaId, upload.settingId, upload.deviceId, upload.size, upload.sha256, upload.chunkSize,
              QString::fromLatin1(upload.wrappedKey.toBase64()), now()}))
        return failure("media: create upload");
    return q.numRowsAffected() == 1;
}

Result<QList<int>> SqlServerStore::receivedChunks(const QString& mediaId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("SELECT chunk_index FROM media_chunks WHERE media_id = ? ORDER BY chunk_index"),
             {mediaId}))
        return failure("media: chunks");
    QList<int> list;
    while (q.next())
        list.append(q.value(0).toInt());
    return list;
}

VoidResult SqlServerStore::recordChunk(const QString& mediaId, int index, qint64 size, const QString& sha256,
                                       bool completes)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    TransactionGuard tx(*this);
    if (!tx.begun())
        return failure("media: record chunk: begin");
    QSqlQuery q(sql());
    const QString at = now();
    if (!run(q,
             QStringLiteral("INSERT INTO media_chunks (media_id, chunk_index, size, sha256, received_at) VALUES "
                            "(?, ?, ?, ?, ?) ON CONFLICT (media_id, chunk_index) DO UPDATE SET size = excluded.size, "
                            "sha256 = excluded.sha256, received_at = excluded.received_at"),
             {mediaId, index, size, sha256, at}))
        return failure("media: record chunk");
    if (completes
        && !run(q, QStringLiteral("UPDATE media_uploads SET state = 'complete', completed_at = ? WHERE media_id = ?"),
                {at, mediaId}))
        return failure("media: record chunk: complete");
    q.finish();
    if (!commit())
        return failure("media: record chunk: commit");
    return {};
}

VoidResult SqlServerStore::forgetChunks(const QString& mediaId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("DELETE FROM media_chunks WHERE media_id = ?"), {mediaId}))
        return failure("media: forget chunks");
    return {};
}

VoidResult SqlServerStore::markMediaComplete(const QString& mediaId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("UPDATE media_uploads SET state = 'complete', completed_at = ? WHERE media_id = ?"),
             {now(), mediaId}))
        return failure("media: complete");
    return {};
}

Result<QSet<QString>> SqlServerStore::completeMedia(const QString& settingId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    q.setForwardOnly(true);
    if (!run(q, QStringLiteral("SELECT media_id FROM media_uploads WHERE setting_id = ? AND state = 'complete'"),
             {settingId}))
        return failure("media: complete list");
    QSet<QString> ids;
    while (q.next())
        ids.insert(q.value(0).toString());
    return ids;
}

Result<int> SqlServerStore::openUploads(const QString& uploaderId)
{
    if (auto c = ensureConnected(); !c)
        return c.error();
    QSqlQuery q(sql());
    if (!run(q, QStringLiteral("SELECT count(*) FROM media_uploads WHERE device_id = ? AND state = 'uploading'"),
             {uploaderId})
        || !q.next())
        return failure("media: open uploads");
    return q.value(0).toInt();
}

} // namespace Acorn::Server
