#include "storage/Backup.h"

#include "AtomicFile.h"
#include "Clock.h"
#include "Logging.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "crypto/Keyring.h"
#include "storage/DataDir.h"
#include "storage/Database.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace Acorn {

namespace {
constexpr char Magic[8] = {'A', 'C', 'O', 'R', 'N', 'B', 'A', 'K'};
constexpr quint32 Version = 1;
constexpr quint32 MaxKeyringSize = 4 * 1024 * 1024;

VoidResult copyInto(QIODevice& from, QIODevice& to, const QString& path)
{
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    while (!from.atEnd()) {
        const qint64 n = from.read(buffer.data(), buffer.size());
        if (n < 0)
            return Error(Error::Code::Io, Backup::tr("The backup could not be read."));
        if (to.write(buffer.constData(), n) != n) {
            const auto* file = qobject_cast<QFileDevice*>(&to);
            return AtomicFile::describe(path, file ? file->error() : 0, to.errorString());
        }
    }
    return {};
}
} // namespace

VoidResult Backup::create(Session& session, const QString& targetFile)
{
    if (!session.can(Action::BackupAndRestore))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can make backups."));
    if (QFileInfo::exists(targetFile))
        return Error(Error::Code::AlreadyExists,
                     tr("%1 already exists; choose a new file name.").arg(QDir::toNativeSeparators(targetFile)));

    const QString copyPath = targetFile + QStringLiteral(".partial-db");
    QFile::remove(copyPath);
    if (auto exported = session.database().exportCopy(copyPath, session.databaseKey()); !exported)
        return exported;

    const QByteArray keyring = session.keyring().toJson();
    QFile copy(copyPath);
    VoidResult done;
    if (!copy.open(QIODevice::ReadOnly)) {
        done = Error(Error::Code::Io, tr("The database copy could not be read back."));
    } else {
        QSaveFile out(targetFile);
        if (!out.open(QIODevice::WriteOnly)) {
            done = AtomicFile::describe(targetFile, out.error(), out.errorString());
        } else {
            QByteArray header(Magic, sizeof Magic);
            QDataStream stream(&header, QIODevice::Append);
            stream.setByteOrder(QDataStream::BigEndian);
            stream << Version << quint32(keyring.size());
            header += keyring;
            if (out.write(header) != header.size())
                done = AtomicFile::describe(targetFile, out.error(), out.errorString());
            if (done)
                done = copyInto(copy, out, targetFile);
            if (done && !out.commit())
                done = AtomicFile::describe(targetFile, out.error(), out.errorString());
            if (!done)
                out.cancelWriting();
        }
        copy.close();
    }
    QFile::remove(copyPath);
    if (done)
        (void)session.audit().append(AuditLog::BackupCreated, session.staff().id);
    qCInfo(lcStorage) << "backup" << (done ? "written" : "failed");
    return done;
}

VoidResult Backup::restore(const DataDir& dataDir, const QString& backupFile, const QString& userName,
                           const QByteArray& password, const Clock& clock)
{
    const Error notABackup(
        Error::Code::NotAnAcornDatabase,
        tr("%1 is not an Acorn backup, or it is damaged.").arg(QDir::toNativeSeparators(backupFile)));
    QFile in(backupFile);
    if (!in.open(QIODevice::ReadOnly))
        return Error(Error::Code::NotFound,
                     tr("%1 could not be opened: %2").arg(QDir::toNativeSeparators(backupFile), in.errorString()));
    const QByteArray magic = in.read(sizeof Magic);
    if (magic != QByteArray(Magic, sizeof Magic))
        return notABackup;
    QDataStream stream(&in);
    stream.setByteOrder(QDataStream::BigEndian);
    quint32 version = 0, keyringSize = 0;
    stream >> version >> keyringSize;
    if (stream.status() != QDataStream::Ok || keyringSize == 0 || keyringSize > MaxKeyringSize)
        return notABackup;
    if (version > Version)
        return Error(Error::Code::NewerVersion, tr("This backup was made by a newer version of Acorn."));
    const QByteArray keyringJson = in.read(keyringSize);
    if (quint32(keyringJson.size()) != keyringSize)
        return notABackup;
    auto keyring = Keyring::fromJson(keyringJson);
    if (!keyring)
        return notABackup;
    auto key = keyring.value().unlock(userName, password);
    if (!key)
        return key.error();

    if (!dataDir.ensureExists())
        return Error(Error::Code::ReadOnly, tr("The folder %1 could not be created.").arg(dataDir.path()));
    const QString incoming = dataDir.databasePath() + QStringLiteral(".restoring");
    QFile::remove(incoming);
    {
        QFile out(incoming);
        if (!out.open(QIODevice::WriteOnly))
            return AtomicFile::describe(incoming, out.error(), out.errorString());
        auto copied = copyInto(in, out, incoming);
        if (copied && !out.flush())
            copied = AtomicFile::describe(incoming, out.error(), out.errorString());
        out.close();
        if (!copied) {
            QFile::remove(incoming);
            return copied;
        }
    }
    {
        auto check = Database::open(incoming, key.value(), Database::OpenMode::ExistingReadOnly, Database::Check::Full);
        if (!check) {
            QFile::remove(incoming);
            return Error(check.code(), tr("The backup is damaged and was not restored: %1").arg(check.errorMessage()));
        }
    }

    const QString stamp = clock.now().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    for (const auto& path : {dataDir.databasePath(), dataDir.keyringPath()}) {
        if (QFile::exists(path) && !QFile::rename(path, path + QStringLiteral(".before-restore-") + stamp)) {
            QFile::remove(incoming);
            return Error(Error::Code::Io, tr("The current files could not be set aside; nothing was restored."));
        }
    }
    for (const auto* suffix : {"-wal", "-shm"})
        QFile::remove(dataDir.databasePath() + QLatin1String(suffix));
    if (!QFile::rename(incoming, dataDir.databasePath()))
        return Error(Error::Code::Io, tr("The restored database could not be put in place."));
    if (auto saved = keyring.value().save(dataDir.keyringPath()); !saved)
        return saved;
    qCInfo(lcStorage) << "backup restored";
    return {};
}

} // namespace Acorn
