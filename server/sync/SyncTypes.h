#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Acorn::Server {

// Limits of docs/sync-protocol.md ("Size limits"). The server refuses anything larger.
namespace Limits {
constexpr qint64 RequestBody = 8 * 1024 * 1024;
constexpr qint64 MediaChunk = 4 * 1024 * 1024;
constexpr qint64 MinMediaChunk = 64 * 1024; // keeps a 500 MB file under ~8000 chunk files
constexpr qint64 MediaFile = 500LL * 1000 * 1000; // "500 MB"
constexpr int PushChanges = 500;
constexpr qint64 ChangeData = 256 * 1024;
constexpr int PullDefault = 500;
constexpr int PullMax = 1000;
constexpr int EnrolmentCodeHours = 24;
constexpr int DeviceNameLength = 200;
constexpr int SettingNameLength = 200;
} // namespace Limits

// The kinds of row that travel ("entity" in a change). Anything else is refused.
const QStringList& entityKinds();
bool isEntityKind(const QString& entity);

// Lower-case UUID with dashes, as devices make them (QUuid::WithoutBraces).
bool isUuid(const QString& text);
bool isSha256Hex(const QString& text);

// The state of one row as the server holds it.
struct EntityState
{
    qint64 revision = 0;
    bool deleted = false;
    QByteArray data; // compact JSON text (an object, or "null" for a tombstone without data)
};

// One change in a push, already checked for shape and types.
struct IncomingChange
{
    qint64 deviceSeq = 0;
    QString entity;
    QString id;
    qint64 baseRevision = 0;
    qint64 revision = 0;
    bool deleted = false;
    QByteArray data; // compact JSON text
};

struct ChangeResult
{
    enum class Status { Applied, Duplicate, Conflict, Rejected };

    qint64 deviceSeq = 0;
    Status status = Status::Rejected;
    qint64 serverSeq = 0; // applied, and duplicate when the original was applied here
    std::optional<EntityState> current; // conflict: the server's row (none when the server has no such row)
    QString reason; // conflict and rejected, in plain words

    // The wire form of docs/sync-protocol.md ("results" items). The store keeps the same form to replay batches.
    QJsonObject toJson() const;
    static std::optional<ChangeResult> fromJson(const QJsonObject& object);
    static QString statusName(Status status);
};

// A row written by the server itself (the parent portal), against the revision it was read at (0: a new row).
struct ServerChange
{
    QString entity;
    QString id;
    qint64 baseRevision = 0;
    bool deleted = false;
    QByteArray data; // compact JSON text of the whole row, as devices send it
};

// One row as the server holds it now, with its id.
struct StoredEntity
{
    QString id;
    EntityState state;
};

// One row of the per-setting change log, as pull hands it out.
struct LoggedChange
{
    qint64 seq = 0;
    QString entity;
    QString id;
    qint64 revision = 0;
    bool deleted = false;
    QByteArray data;
    QString originDevice;

    QJsonObject toJson() const;
};

struct PullPage
{
    QList<LoggedChange> changes;
    qint64 next = 0;
    bool more = false;
};

// Parses JSON text that the server wrote itself (stored data); an object, or null.
QJsonValue jsonValueFromText(const QByteArray& text);

} // namespace Acorn::Server
