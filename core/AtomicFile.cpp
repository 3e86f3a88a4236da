#include "AtomicFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>

namespace Acorn {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("Acorn::AtomicFile", text);
}
} // namespace

VoidResult AtomicFile::write(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return describe(path, file.error(), file.errorString());
    // Owner-only, like the data folder: the keyring and its neighbours are nobody else's business.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size()) {
        const auto error = describe(path, file.error(), file.errorString());
        file.cancelWriting();
        return error;
    }
    if (!file.commit())
        return describe(path, file.error(), file.errorString());
    return {};
}

Result<QByteArray> AtomicFile::read(const QString& path, qint64 maxSize)
{
    QFile file(path);
    if (!file.exists())
        return Error(Error::Code::NotFound, tr("The file %1 does not exist.").arg(QDir::toNativeSeparators(path)));
    if (!file.open(QIODevice::ReadOnly))
        return describe(path, file.error(), file.errorString());
    if (file.size() > maxSize)
        return Error(Error::Code::InvalidInput,
                     tr("The file %1 is far larger than expected; it is not an Acorn file.").arg(path));
    return file.readAll();
}

Error AtomicFile::describe(const QString& path, int fileError, const QString& systemText)
{
    const QString where = QDir::toNativeSeparators(path);
    const int err = errno;
    if (err == ENOSPC || err == EDQUOT || fileError == QFileDevice::ResourceError)
        return {Error::Code::DiskFull,
                tr("The disk is full, so %1 could not be saved. Free some space and try again; nothing was lost.")
                    .arg(where)};
    if (err == EROFS || err == EACCES || err == EPERM) {
        const QFileInfo dir(QFileInfo(path).absolutePath());
        if (err == EROFS || !dir.isWritable())
            return {Error::Code::ReadOnly,
                    tr("The folder %1 cannot be written to (it is read-only or belongs to another user).")
                        .arg(QDir::toNativeSeparators(dir.absoluteFilePath()))};
    }
    return {Error::Code::Io, tr("%1 could not be saved or read: %2").arg(where, systemText)};
}

} // namespace Acorn
