#include "store/FolderBlobStore.h"

#include "AtomicFile.h"
#include "ServerLogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <cerrno>

#include <fcntl.h>
#include <unistd.h>

namespace Acorn::Server {

namespace {
void syncFolder(const QString& folder)
{
    // A rename is durable only once the folder's entry is on disk too.
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

bool makeOwnerOnlyFolder(const QString& path)
{
    if (QFileInfo(path).isDir())
        return true;
    if (!QDir().mkpath(path))
        return false;
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}
} // namespace

bool BlobStore::isValidName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-z-]{1,64}(/[0-9a-z-]{1,64})?$"));
    return pattern.match(name).hasMatch();
}

FolderBlobStore::FolderBlobStore(QString folder)
    : m_folder(QDir::cleanPath(std::move(folder)))
{
}

QString FolderBlobStore::filePath(const QString& name) const
{
    return m_folder + QLatin1Char('/') + name;
}

VoidResult FolderBlobStore::put(const QString& name, const QByteArray& bytes)
{
    if (!isValidName(name))
        return Error(Error::Code::InvalidInput, tr("Not a media file name."));
    const QString path = filePath(name);
    const QString parent = QFileInfo(path).absolutePath();
    if (!makeOwnerOnlyFolder(m_folder) || !makeOwnerOnlyFolder(parent))
        return Error(Error::Code::ReadOnly, tr("The media folder %1 could not be created.").arg(parent));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return AtomicFile::describe(path, file.error(), file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size() || !file.flush() || ::fsync(file.handle()) != 0) {
        const auto error = AtomicFile::describe(path, file.error(), file.errorString());
        file.cancelWriting();
        return error;
    }
    if (!file.commit())
        return AtomicFile::describe(path, file.error(), file.errorString());
    syncFolder(parent);
    return {};
}

Result<QByteArray> FolderBlobStore::get(const QString& name, qint64 maxSize) const
{
    if (!isValidName(name))
        return Error(Error::Code::InvalidInput, tr("Not a media file name."));
    QFile file(filePath(name));
    if (!file.exists())
        return Error(Error::Code::NotFound, tr("This media part is not on the server."));
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Code::Io, tr("This media part could not be read: %1").arg(file.errorString()));
    if (file.size() > maxSize)
        return Error(Error::Code::InvalidInput, tr("This media part is larger than expected."));
    return file.readAll();
}

bool FolderBlobStore::exists(const QString& name) const
{
    return isValidName(name) && QFileInfo(filePath(name)).isFile();
}

VoidResult FolderBlobStore::remove(const QString& name)
{
    if (!isValidName(name))
        return Error(Error::Code::InvalidInput, tr("Not a media file name."));
    QFile file(filePath(name));
    if (file.exists() && !file.remove())
        return Error(Error::Code::Io, tr("A media part could not be removed: %1").arg(file.errorString()));
    return {};
}

VoidResult FolderBlobStore::removeAll(const QString& prefix)
{
    if (!isValidName(prefix) || prefix.contains(QLatin1Char('/')))
        return Error(Error::Code::InvalidInput, tr("Not a media file name."));
    QDir dir(filePath(prefix));
    if (dir.exists() && !dir.removeRecursively())
        return Error(Error::Code::Io, tr("The parts of a media file could not be removed."));
    return {};
}

} // namespace Acorn::Server
