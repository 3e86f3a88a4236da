#include "storage/DataDir.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace Acorn {

DataDir::DataDir(QString path)
    : m_path(QDir::cleanPath(QDir(path).absolutePath()))
{
}

QString DataDir::defaultPath()
{
    // GenericDataLocation is $XDG_DATA_HOME (~/.local/share) on Linux.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/Acorn");
}

QString DataDir::databasePath() const
{
    return m_path + QStringLiteral("/journal.acorn");
}

QString DataDir::keyringPath() const
{
    return m_path + QStringLiteral("/keyring.json");
}

QString DataDir::throttlePath() const
{
    return m_path + QStringLiteral("/sign-in-attempts.json");
}

QString DataDir::vaultPath() const
{
    return m_path + QStringLiteral("/vault");
}

bool DataDir::isInitialised() const
{
    return QFile::exists(databasePath()) || QFile::exists(keyringPath());
}

bool DataDir::ensureExists() const
{
    QDir dir;
    if (!dir.mkpath(m_path))
        return false;
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

} // namespace Acorn
