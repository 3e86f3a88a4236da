#pragma once

#include "Result.h"
#include "portal/PortalTypes.h"
#include "sync/SyncTypes.h"

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace Acorn::Server {

// A device that presented a valid credential.
struct DeviceIdentity
{
    QString deviceId;
    QString settingId;
};

struct DeviceInfo
{
    QString deviceId;
    QString name;
    QDateTime enrolledAt;
    QDateTime lastSeenAt; // invalid when never seen after enrolment
    bool revoked = false;
};

struct IssuedCode
{
    QString code; // "ABCD-EFGH-JKLM"; the store keeps only its hash
    QDateTime expiresAt;
};

struct EnrolOutcome
{
    enum class Status { Enrolled, UnknownCode, CodeSpent, DeviceExists };
    Status status = Status::UnknownCode;
    QString settingId;
};

struct AuthOutcome
{
    enum class Status { Unknown, Revoked, Ok };
    Status status = Status::Unknown;
    DeviceIdentity device;
};

enum class RevokeOutcome { Revoked, NotFound, OtherSetting };

struct PushOutcome
{
    enum class Status { Done, BatchOfAnotherDevice };
    Status status = Status::Done;
    QList<ChangeResult> results;
    bool replayed = false; // the batch was seen before: these are the results it had then
};

// One media upload's bookkeeping; the bytes live in a BlobStore.
struct MediaUpload
{
    QString mediaId;
    QString settingId;
    QString deviceId;
    qint64 size = 0;
    QString sha256;
    qint64 chunkSize = 0;
    bool complete = false;
    QByteArray wrappedKey; // the file's own key, sealed with the server's media key

    int chunkCount() const { return size == 0 ? 1 : int((size + chunkSize - 1) / chunkSize); }
    qint64 chunkLength(int index) const { return qMin(chunkSize, size - qint64(index) * chunkSize); }
};

// Everything acorn-server keeps apart from media bytes, behind one interface with two backends (SQLite through the
// QSQLCIPHER driver, PostgreSQL through QPSQL). Outcomes a client can cause are values (EnrolOutcome...); an Error
// means the store itself failed: Error::Code::Io when the database does not answer, Internal otherwise.
class ServerStore
{
public:
    virtual ~ServerStore() = default;

    virtual QString backendName() const = 0; // "sqlite" or "postgresql", as GET /health says
    // Checks the database answers, reconnecting once if it does not.
    [[nodiscard]] virtual VoidResult ping() = 0;

    // Settings and enrolment.
    [[nodiscard]] virtual Result<QString> createSetting(const QString& name) = 0;
    [[nodiscard]] virtual Result<bool> settingExists(const QString& settingId) = 0;
    [[nodiscard]] virtual Result<IssuedCode> issueEnrolmentCode(const QString& settingId,
                                                                const QString& byDeviceId = {})
        = 0;
    [[nodiscard]] virtual Result<EnrolOutcome> enrol(const QString& typedCode, const QString& deviceId,
                                                     const QString& deviceName, const QString& credentialSha256)
        = 0;
    [[nodiscard]] virtual Result<AuthOutcome> authenticate(const QString& credentialSha256) = 0;
    [[nodiscard]] virtual Result<QList<DeviceInfo>> devices(const QString& settingId) = 0;
    [[nodiscard]] virtual Result<RevokeOutcome> revokeDevice(const DeviceIdentity& by, const QString& deviceId) = 0;

    // Sync. push applies each change at most once, in one transaction that also assigns the setting's seqs.
    [[nodiscard]] virtual Result<PushOutcome> push(const DeviceIdentity& device, const QString& batchId,
                                                   const QList<IncomingChange>& changes)
        = 0;
    [[nodiscard]] virtual Result<PullPage> pull(const QString& settingId, qint64 since, int limit) = 0;

    // Rows the server writes itself (the parent portal: a parent's reply, home observation, signed agreement): all of
    // them or none, each only if its row is still at baseRevision — false when one moved on (nothing written; read
    // again and retry). Logged with the setting's next seqs under `origin`, so every device pulls them.
    [[nodiscard]] virtual Result<bool> writeServerChanges(const QString& settingId, const QString& origin,
                                                          const QList<ServerChange>& changes)
        = 0;
    // The current row, if this setting has it (a row of another setting is not found).
    [[nodiscard]] virtual Result<std::optional<StoredEntity>> entity(const QString& settingId, const QString& entity,
                                                                     const QString& id)
        = 0;
    // Every current row of one kind in a setting (tombstones included).
    [[nodiscard]] virtual Result<QList<StoredEntity>> entities(const QString& settingId, const QString& entity) = 0;

    // Forgets the answers kept for replayed batches after `days` (a batch sent again later is still applied at most
    // once: every change's device_seq is remembered for good); returns how many went.
    [[nodiscard]] virtual Result<int> purgeBatchAnswers(int days) = 0;

    // The parent portal (SqlServerStorePortal.cpp): invitations, accounts, sessions, throttling, its audit trail.
    [[nodiscard]] virtual VoidResult createInvitation(const PortalInvitation& invitation, const QString& codeSha256)
        = 0;
    [[nodiscard]] virtual Result<std::optional<PortalInvitation>> invitationByCode(const QString& codeSha256) = 0;
    [[nodiscard]] virtual Result<QList<PortalInvitation>> invitations(const QString& settingId,
                                                                      const QString& guardianId)
        = 0;
    // False when there is no such invitation in this setting, or it was used already.
    [[nodiscard]] virtual Result<bool> revokeInvitation(const QString& settingId, const QString& invitationId) = 0;
    enum class AcceptOutcome { Accepted, NotUsable, EmailTaken };
    // Marks the invitation used and creates (or replaces the password of) the guardian's account, in one transaction.
    [[nodiscard]] virtual Result<AcceptOutcome> acceptInvitation(const QString& invitationId,
                                                                 const PortalAccount& account)
        = 0;
    [[nodiscard]] virtual Result<std::optional<PortalAccount>> accountByEmail(const QString& email) = 0;
    [[nodiscard]] virtual Result<std::optional<PortalAccount>> accountByGuardian(const QString& guardianId) = 0;
    [[nodiscard]] virtual VoidResult setPassword(const QString& guardianId, const QString& passwordHash) = 0;
    [[nodiscard]] virtual VoidResult setTotpSecret(const QString& guardianId, const QString& secret) = 0;
    [[nodiscard]] virtual VoidResult createSession(const QString& tokenSha256, const PortalSession& session) = 0;
    // Accepts a TOTP step for the account if it is later than the last one (false: that code was used already).
    [[nodiscard]] virtual Result<bool> useTotpStep(const QString& guardianId, qint64 step) = 0;
    // The session if it exists and has not expired (expired ones are removed as they are met).
    [[nodiscard]] virtual Result<std::optional<PortalSession>> session(const QString& tokenSha256) = 0;
    [[nodiscard]] virtual VoidResult endSession(const QString& tokenSha256) = 0;
    [[nodiscard]] virtual Result<int> endAllSessions(const QString& guardianId) = 0;
    [[nodiscard]] virtual Result<SignInFailures> signInFailures(const QString& email) = 0;
    [[nodiscard]] virtual VoidResult recordSignInFailure(const QString& email) = 0;
    [[nodiscard]] virtual VoidResult clearSignInFailures(const QString& email) = 0;
    [[nodiscard]] virtual VoidResult addPortalEvent(const PortalEvent& event) = 0;
    [[nodiscard]] virtual Result<QList<PortalEvent>> portalEvents(const QString& settingId, int limit) = 0;

    // Media bookkeeping.
    [[nodiscard]] virtual Result<std::optional<MediaUpload>> mediaUpload(const QString& mediaId) = 0;
    // False when an upload with this id exists already (another request made it first).
    [[nodiscard]] virtual Result<bool> createMediaUpload(const MediaUpload& upload) = 0;
    [[nodiscard]] virtual Result<QList<int>> receivedChunks(const QString& mediaId) = 0;
    // `completes`: the chunk makes the whole file (checked by the caller): the upload is marked complete with it.
    [[nodiscard]] virtual VoidResult recordChunk(const QString& mediaId, int index, qint64 size, const QString& sha256,
                                                 bool completes)
        = 0;
    [[nodiscard]] virtual VoidResult forgetChunks(const QString& mediaId) = 0;
    [[nodiscard]] virtual VoidResult markMediaComplete(const QString& mediaId) = 0;
    // How many uploads this uploader has started and not completed.
    [[nodiscard]] virtual Result<int> openUploads(const QString& uploaderId) = 0;
    // Every media id of the setting whose bytes have all arrived (one query, for pages that list many).
    [[nodiscard]] virtual Result<QSet<QString>> completeMedia(const QString& settingId) = 0;
};

} // namespace Acorn::Server
