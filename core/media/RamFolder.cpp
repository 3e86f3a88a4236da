#include "media/RamFolder.h"

#include "Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/magic.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace Acorn {

namespace {
QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toHex());
}

QString folderPrefix()
{
    return QString::fromLatin1(RamFolder::NamePrefix) + QString::number(getuid()) + QLatin1Char('-');
}

// A directory (not a symlink) owned by us and by nobody else's reach.
bool isOwnPrivateDirectory(const QString& path)
{
    struct stat st
    {
    };
    if (lstat(QFile::encodeName(path).constData(), &st) != 0)
        return false;
    return S_ISDIR(st.st_mode) && st.st_uid == getuid() && (st.st_mode & 077) == 0;
}
} // namespace

RamFolder::RamFolder(QString path)
    : m_path(std::move(path))
{
}

RamFolder::~RamFolder()
{
    wipeFolder(m_path);
    if (!QDir().rmdir(m_path))
        qCWarning(lcMedia, "the recording folder could not be removed");
}

QStringList RamFolder::defaultBases()
{
    QStringList bases;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty())
        bases << runtime;
    bases << QStringLiteral("/dev/shm");
    return bases;
}

bool RamFolder::isRamBacked(const QString& path)
{
    struct statfs fs
    {
    };
    if (path.isEmpty() || statfs(QFile::encodeName(path).constData(), &fs) != 0)
        return false;
    return fs.f_type == TMPFS_MAGIC || fs.f_type == RAMFS_MAGIC;
}

Result<std::unique_ptr<RamFolder>> RamFolder::create(const QStringList& bases)
{
    for (const QString& base : bases) {
        if (!QFileInfo(base).isDir() || !isRamBacked(base))
            continue;
        wipeStale(base);
        for (int attempt = 0; attempt < 8; ++attempt) {
            const QString path = base + QLatin1Char('/') + folderPrefix() + QString::number(getpid()) + QLatin1Char('-')
                + randomHex(8);
            if (mkdir(QFile::encodeName(path).constData(), 0700) != 0) {
                if (errno == EEXIST)
                    continue;
                break; // not writable: try the next base
            }
            if (!isOwnPrivateDirectory(path)) {
                QDir().rmdir(path);
                break;
            }
            qCInfo(lcMedia, "recordings go to a RAM-backed folder");
            return std::unique_ptr<RamFolder>(new RamFolder(path));
        }
    }
    qCWarning(lcMedia, "no RAM-backed folder for recordings (looked in %s)", qUtf8Printable(bases.join(u", ")));
    return Error(Error::Code::Io,
                 tr("Videos and voice notes cannot be recorded on this device: it has no memory-backed folder "
                    "(tmpfs) to record into, and Acorn never records onto the disk. Photos and importing files "
                    "still work. Ask your IT contact to make /dev/shm available."));
}

QString RamFolder::newFilePath(const QString& suffix) const
{
    for (;;) {
        QString name = randomHex(16);
        if (!suffix.isEmpty())
            name += QLatin1Char('.') + suffix;
        const QString path = m_path + QLatin1Char('/') + name;
        if (!QFileInfo::exists(path))
            return path;
    }
}

bool RamFolder::contains(const QString& filePath) const
{
    const QFileInfo info(filePath);
    return QFileInfo(info.absolutePath()).canonicalFilePath() == QFileInfo(m_path).canonicalFilePath();
}

QStringList RamFolder::files() const
{
    QStringList list;
    const auto entries = QDir(m_path).entryInfoList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    for (const QFileInfo& info : entries)
        list << info.absoluteFilePath();
    return list;
}

bool RamFolder::wipeFile(const QString& filePath)
{
    const QByteArray native = QFile::encodeName(filePath);
    const int fd = open(native.constData(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        struct stat st
        {
        };
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            static const char zeros[64 * 1024] = {};
            off_t left = st.st_size;
            while (left > 0) {
                const ssize_t n = write(fd, zeros, size_t(std::min<off_t>(left, sizeof(zeros))));
                if (n <= 0) {
                    if (n < 0 && errno == EINTR)
                        continue;
                    break; // unlinking still frees the pages
                }
                left -= n;
            }
        }
        close(fd);
    }
    if (unlink(native.constData()) != 0 && errno != ENOENT)
        return false;
    return true;
}

bool RamFolder::wipeAll()
{
    return wipeFolder(m_path);
}

bool RamFolder::wipeFolder(const QString& folder)
{
    bool all = true;
    const auto entries = QDir(folder).entryInfoList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QFileInfo& info : entries)
        all = wipeFile(info.absoluteFilePath()) && all;
    return all && QDir(folder).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

int RamFolder::wipeStale(const QString& base)
{
    int removed = 0;
    const QString prefix = folderPrefix();
    const auto entries = QDir(base).entryInfoList({prefix + QLatin1Char('*')}, QDir::Dirs | QDir::Hidden);
    for (const QFileInfo& info : entries) {
        const QString rest = info.fileName().mid(prefix.size());
        bool ok = false;
        const qint64 pid = rest.section(QLatin1Char('-'), 0, 0).toLongLong(&ok);
        if (!ok || pid <= 0 || !isOwnPrivateDirectory(info.absoluteFilePath()))
            continue;
        if (pid == getpid() || kill(pid_t(pid), 0) == 0 || errno != ESRCH)
            continue; // still running (or not ours to judge)
        wipeFolder(info.absoluteFilePath());
        if (QDir().rmdir(info.absoluteFilePath())) {
            ++removed;
            qCInfo(lcMedia, "wiped a recording folder left behind by a process that ended");
        }
    }
    return removed;
}

} // namespace Acorn
