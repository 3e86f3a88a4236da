#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>

namespace Acorn {

// A private folder in memory-backed storage (tmpfs or ramfs) where recordings are made. Qt's recorder and GStreamer
// can only write to files, and DESIGN.md §5 allows unencrypted media nowhere but in RAM: a recording lives here from
// its first byte until it is encrypted into the vault, then it is overwritten and unlinked.
//
// The folder ("acorn-capture-<uid>-<pid>-<random>", mode 0700) is made under the first RAM-backed base:
// $XDG_RUNTIME_DIR, then /dev/shm. If none is RAM-backed, create() refuses: a recording is never made on a disk.
// Destroying the object wipes everything in it and removes it; create() also wipes folders that Acorn processes
// which are gone (a crash mid-recording) left behind.
//
// Note: tmpfs pages can be swapped out under memory pressure; an encrypted swap (or none) is the platform's part.
class RamFolder final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::RamFolder)

public:
    static constexpr auto NamePrefix = "acorn-capture-";

    ~RamFolder();
    RamFolder(const RamFolder&) = delete;
    RamFolder& operator=(const RamFolder&) = delete;

    // $XDG_RUNTIME_DIR (when set), then /dev/shm.
    static QStringList defaultBases();
    // Whether `path` is on tmpfs or ramfs (statfs). False for a path that does not exist.
    static bool isRamBacked(const QString& path);
    // A new private folder under the first RAM-backed base, or an error that says recording is not possible here.
    [[nodiscard]] static Result<std::unique_ptr<RamFolder>> create(const QStringList& bases = defaultBases());

    QString path() const { return m_path; }
    // A fresh, unused file name in the folder (random, says nothing), ending in ".<suffix>" if one is given.
    QString newFilePath(const QString& suffix = {}) const;
    // Whether `filePath` is (directly) inside this folder.
    bool contains(const QString& filePath) const;
    QStringList files() const;

    // Overwrites the file's bytes with zeros, then unlinks it. True if it is gone.
    static bool wipeFile(const QString& filePath);
    // Wipes every file in the folder. True if the folder is empty afterwards.
    bool wipeAll();
    // Wipes and removes folders under `base` left behind by this user's Acorn processes that no longer run.
    // Returns how many were removed.
    static int wipeStale(const QString& base);

private:
    explicit RamFolder(QString path);
    static bool wipeFolder(const QString& folder);

    QString m_path;
};

} // namespace Acorn
