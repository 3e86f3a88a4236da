#pragma once

#include <QString>

namespace Acorn {

// Where one nursery's files live on this device. Default: $XDG_DATA_HOME/Acorn (see defaultPath()).
class DataDir final
{
public:
    explicit DataDir(QString path);

    static QString defaultPath();

    QString path() const { return m_path; }
    QString databasePath() const;
    QString keyringPath() const;
    QString throttlePath() const;
    QString vaultPath() const;

    // True when a nursery has been set up here (database or keyring present).
    bool isInitialised() const;
    bool ensureExists() const;

private:
    QString m_path;
};

} // namespace Acorn
