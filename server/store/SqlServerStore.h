#pragma once

#include "store/PostgresTarget.h"
#include "store/ServerStore.h"
#include "store/SqlDialect.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QVariantList>

#include <memory>

class QSqlQuery;

namespace Acorn {
class Clock;
class SecureBuffer;
} // namespace Acorn

namespace Acorn::Server {

// ServerStore over Qt Sql: one implementation for both backends, with the few differences in SqlDialect.
//   SQLite: a file opened through core's QSQLCIPHER driver, keyed with a key derived from DATA/server.key. The key
//   sits beside the database, so this guards copies of the database (backups, a disk image taken off the server)
//   rather than a running server; media are encrypted separately, and the data folder is owner-only.
//   PostgreSQL 15: through QPSQL; at-rest protection is the database host's business (disk encryption, TLS).
// One connection per store, used from the thread that opened it (Qt Sql's rule).
class SqlServerStore final : public ServerStore
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::SqlServerStore)
public:
    ~SqlServerStore() override;
    SqlServerStore(const SqlServerStore&) = delete;
    SqlServerStore& operator=(const SqlServerStore&) = delete;

    [[nodiscard]] static Result<std::unique_ptr<SqlServerStore>>
    openSqlite(const QString& path, const SecureBuffer& key, const Clock& clock);
    [[nodiscard]] static Result<std::unique_ptr<SqlServerStore>> openPostgres(const PostgresTarget& target,
                                                                              const Clock& clock);

    const SqlDialect& dialect() const { return m_dialect; }
    QSqlDatabase sql() const;
    int schemaVersion() const;
    void close();

    QString backendName() const override { return m_dialect.name(); }
    VoidResult ping() override;

    Result<QString> createSetting(const QString& name) override;
    Result<bool> settingExists(const QString& settingId) override;
    Result<IssuedCode> issueEnrolmentCode(const QString& settingId, const QString& byDeviceId) override;
    Result<EnrolOutcome> enrol(const QString& typedCode, const QString& deviceId, const QString& deviceName,
                               const QString& credentialSha256) override;
    Result<AuthOutcome> authenticate(const QString& credentialSha256) override;
    Result<QList<DeviceInfo>> devices(const QString& settingId) override;
    Result<RevokeOutcome> revokeDevice(const DeviceIdentity& by, const QString& deviceId) override;

    Result<PushOutcome> push(const DeviceIdentity& device, const QString& batchId,
                             const QList<IncomingChange>& changes) override;
    Result<PullPage> pull(const QString& settingId, qint64 since, int limit) override;
    Result<bool> writeServerChanges(const QString& settingId, const QString& origin,
                                    const QList<ServerChange>& changes) override;
    Result<std::optional<StoredEntity>> entity(const QString& settingId, const QString& entity,
                                               const QString& id) override;
    Result<QList<StoredEntity>> entities(const QString& settingId, const QString& entity) override;
    Result<int> purgeBatchAnswers(int days) override;
    // The parent portal: SqlServerStorePortal.cpp.
    VoidResult createInvitation(const PortalInvitation& invitation, const QString& codeSha256) override;
    Result<std::optional<PortalInvitation>> invitationByCode(const QString& codeSha256) override;
    Result<QList<PortalInvitation>> invitations(const QString& settingId, const QString& guardianId) override;
    Result<bool> revokeInvitation(const QString& settingId, const QString& invitationId) override;
    Result<AcceptOutcome> acceptInvitation(const QString& invitationId, const PortalAccount& account) override;
    Result<std::optional<PortalAccount>> accountByEmail(const QString& email) override;
    Result<std::optional<PortalAccount>> accountByGuardian(const QString& guardianId) override;
    VoidResult setPassword(const QString& guardianId, const QString& passwordHash) override;
    VoidResult setTotpSecret(const QString& guardianId, const QString& secret) override;
    VoidResult createSession(const QString& tokenSha256, const PortalSession& session) override;
    Result<bool> useTotpStep(const QString& guardianId, qint64 step) override;
    Result<std::optional<PortalSession>> session(const QString& tokenSha256) override;
    VoidResult endSession(const QString& tokenSha256) override;
    Result<int> endAllSessions(const QString& guardianId) override;
    Result<SignInFailures> signInFailures(const QString& email) override;
    VoidResult recordSignInFailure(const QString& email) override;
    VoidResult clearSignInFailures(const QString& email) override;
    VoidResult addPortalEvent(const PortalEvent& event) override;
    Result<QList<PortalEvent>> portalEvents(const QString& settingId, int limit) override;

    Result<std::optional<MediaUpload>> mediaUpload(const QString& mediaId) override;
    Result<bool> createMediaUpload(const MediaUpload& upload) override;
    Result<QList<int>> receivedChunks(const QString& mediaId) override;
    VoidResult recordChunk(const QString& mediaId, int index, qint64 size, const QString& sha256,
                           bool completes) override;
    VoidResult forgetChunks(const QString& mediaId) override;
    VoidResult markMediaComplete(const QString& mediaId) override;
    Result<QSet<QString>> completeMedia(const QString& settingId) override;
    Result<int> openUploads(const QString& uploaderId) override;

private:
    // Rolls back a transaction its scope began unless it was committed (shared by SqlServerStore*.cpp).
    class TransactionGuard final
    {
    public:
        explicit TransactionGuard(SqlServerStore& store)
            : m_store(store)
            , m_begun(store.begin())
        {
        }
        ~TransactionGuard()
        {
            if (m_store.m_inTransaction)
                m_store.rollback();
        }
        TransactionGuard(const TransactionGuard&) = delete;
        TransactionGuard& operator=(const TransactionGuard&) = delete;
        bool begun() const { return m_begun; }

    private:
        SqlServerStore& m_store;
        bool m_begun;
    };

    SqlServerStore(SqlDialect dialect, QString connectionName, const Clock& clock);

    [[nodiscard]] static Result<std::unique_ptr<SqlServerStore>> finishOpen(std::unique_ptr<SqlServerStore> store);
    // Prepares and runs a statement with positional binds; on failure remembers the error for failure().
    bool run(QSqlQuery& query, const QString& statement, const QVariantList& binds = {});
    // What a failed statement becomes: Io when the database no longer answers (503), Internal otherwise (500). Rolls
    // back an open transaction first. Logs the operation and the native error code only, never values.
    Error failure(const char* operation);
    Error failure(const char* operation, const QSqlError& error);
    [[nodiscard]] VoidResult ensureConnected();
    bool configureSession(); // PostgreSQL only
    bool answers();
    bool begin();
    bool commit();
    void rollback();
    QString now() const;

    SqlDialect m_dialect;
    QString m_connectionName;
    const Clock& m_clock;
    QSqlError m_lastError;
    bool m_inTransaction = false;
    bool m_broken = false;
};

} // namespace Acorn::Server
