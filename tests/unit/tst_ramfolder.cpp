// RamFolder: recordings are made only on tmpfs/ramfs, in a private folder, and wiped (overwritten, then unlinked).
// Whether a path is RAM-backed is checked against /proc/mounts, read independently of the statfs() the class uses.
#include "media/RamFolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Acorn;

namespace {
// The file system type of the mount that holds `path`, from /proc/mounts (longest matching mount point).
QString mountTypeOf(const QString& path)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    QFile mounts(QStringLiteral("/proc/mounts"));
    if (canonical.isEmpty() || !mounts.open(QIODevice::ReadOnly))
        return {};
    QString bestPoint;
    QString bestType;
    const auto lines = QString::fromUtf8(mounts.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        const QStringList fields = line.split(QLatin1Char(' '));
        if (fields.size() < 3)
            continue;
        QString point = fields[1];
        point.replace(QLatin1String("\\040"), QLatin1String(" "));
        const bool inside
            = canonical == point || point == QLatin1String("/") || canonical.startsWith(point + QLatin1Char('/'));
        if (inside && point.size() >= bestPoint.size()) {
            bestPoint = point;
            bestType = fields[2];
        }
    }
    return bestType;
}

bool isRamType(const QString& type)
{
    return type == QLatin1String("tmpfs") || type == QLatin1String("ramfs");
}

// A folder on a real disk for the "refuses a disk" cases: under the build tree, which is never on tmpfs in CI.
QString diskBase()
{
    const QString binary = qEnvironmentVariable("ACORN_BINARY_DIR", QDir::currentPath());
    return binary;
}

int modeOf(const QString& path)
{
    struct stat st
    {
    };
    if (stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}
} // namespace

class TestRamFolder final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QFileInfo(QStringLiteral("/dev/shm")).isDir() || !isRamType(mountTypeOf(QStringLiteral("/dev/shm"))))
            QSKIP("/dev/shm is not a tmpfs here; these tests need one");
        if (isRamType(mountTypeOf(diskBase())))
            QSKIP("the build folder is on tmpfs, so there is no disk folder to test against");
        m_savedRuntimeDir = qgetenv("XDG_RUNTIME_DIR");
    }

    void cleanup()
    {
        if (m_savedRuntimeDir.isNull())
            qunsetenv("XDG_RUNTIME_DIR");
        else
            qputenv("XDG_RUNTIME_DIR", m_savedRuntimeDir);
    }

    void testDetectsRamBacked_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("/dev/shm") << QStringLiteral("/dev/shm");
        QTest::newRow("build folder") << diskBase();
        QTest::newRow("temp folder") << QDir::tempPath();
        QTest::newRow("/proc") << QStringLiteral("/proc");
        QTest::newRow("/") << QStringLiteral("/");
        QTest::newRow("/run") << QStringLiteral("/run");
    }

    void testDetectsRamBacked()
    {
        QFETCH(QString, path);
        if (!QFileInfo::exists(path))
            QSKIP("not on this machine");
        const QString type = mountTypeOf(path);
        QVERIFY2(!type.isEmpty(), qPrintable(path));
        QCOMPARE(RamFolder::isRamBacked(path), isRamType(type));
    }

    void testKnownAnswers()
    {
        QVERIFY(RamFolder::isRamBacked(QStringLiteral("/dev/shm")));
        QVERIFY(!RamFolder::isRamBacked(diskBase()));
        QVERIFY(!RamFolder::isRamBacked(QStringLiteral("/proc")));
        QVERIFY(!RamFolder::isRamBacked(QStringLiteral("/no/such/folder/at/all")));
        QVERIFY(!RamFolder::isRamBacked(QString()));
    }

    void testRefusesDiskFolder()
    {
        QTemporaryDir disk(diskBase() + QStringLiteral("/ramfolder-disk-XXXXXX"));
        QVERIFY(disk.isValid());
        QVERIFY(!RamFolder::isRamBacked(disk.path()));
        auto folder = RamFolder::create({disk.path()});
        QVERIFY(!folder);
        QVERIFY2(folder.errorMessage().contains(QLatin1String("disk")), qPrintable(folder.errorMessage()));
        QVERIFY(QDir(disk.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));

        // No bases at all, or ones that do not exist: refused too.
        QVERIFY(!RamFolder::create({}));
        QVERIFY(!RamFolder::create({QStringLiteral("/no/such/base")}));
    }

    void testSkipsDiskAndUsesRam()
    {
        QTemporaryDir disk(diskBase() + QStringLiteral("/ramfolder-disk-XXXXXX"));
        auto created = RamFolder::create({disk.path(), QStringLiteral("/dev/shm")});
        QVERIFY2(created, qPrintable(created.errorMessage()));
        auto folder = created.take();
        QVERIFY(folder->path().startsWith(QLatin1String("/dev/shm/acorn-capture-")));
        QVERIFY(RamFolder::isRamBacked(folder->path()));
        QCOMPARE(modeOf(folder->path()), 0700);
        QVERIFY(QDir(disk.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));

        const QString a = folder->newFilePath(QStringLiteral("webm"));
        const QString b = folder->newFilePath(QStringLiteral("webm"));
        QVERIFY(a != b);
        QVERIFY(a.endsWith(QLatin1String(".webm")));
        QVERIFY(folder->contains(a));
        QVERIFY(!folder->contains(disk.path() + QStringLiteral("/x.webm")));
        QVERIFY(!folder->contains(QStringLiteral("/dev/shm/x.webm")));

        const QString path = folder->path();
        folder.reset();
        QVERIFY2(!QFileInfo::exists(path), "the folder is removed when the object goes");
    }

    void testPrefersXdgRuntimeDirWhenRamBacked()
    {
        QTemporaryDir runtime(QStringLiteral("/dev/shm/ramfolder-runtime-XXXXXX"));
        QVERIFY(runtime.isValid());
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
        QCOMPARE(RamFolder::defaultBases().value(0), runtime.path());
        auto folder = RamFolder::create();
        QVERIFY2(folder, qPrintable(folder.errorMessage()));
        QVERIFY(folder.value()->path().startsWith(runtime.path() + QLatin1Char('/')));

        // A runtime dir on disk is passed over for /dev/shm.
        QTemporaryDir disk(diskBase() + QStringLiteral("/ramfolder-disk-XXXXXX"));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(disk.path()));
        auto fallback = RamFolder::create();
        QVERIFY2(fallback, qPrintable(fallback.errorMessage()));
        QVERIFY(fallback.value()->path().startsWith(QLatin1String("/dev/shm/")));
        QVERIFY(QDir(disk.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    }

    void testWipesFiles()
    {
        auto created = RamFolder::create({QStringLiteral("/dev/shm")});
        QVERIFY(created);
        auto folder = created.take();
        const QByteArray secret = QByteArray("PLAINTEXT-RECORDING-MARKER-").repeated(5000);
        const QString path = folder->newFilePath(QStringLiteral("webm"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(secret), qint64(secret.size()));
        }
        // Keep a handle open across the wipe: it still sees the same pages, so it shows what wiping left in them.
        QFile reader(path);
        QVERIFY(reader.open(QIODevice::ReadOnly | QIODevice::Unbuffered));

        QVERIFY(RamFolder::wipeFile(path));
        QVERIFY(!QFileInfo::exists(path));
        const QByteArray left = reader.readAll();
        QCOMPARE(left.size(), secret.size());
        QCOMPARE(left, QByteArray(secret.size(), '\0'));
        QVERIFY(!left.contains("MARKER"));

        // wipeAll takes everything, including hidden files; wiping a file that is gone is fine.
        for (const QString& name : {QStringLiteral("a.webm"), QStringLiteral(".hidden"), QStringLiteral("b.ogv")}) {
            QFile f(folder->path() + QLatin1Char('/') + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(secret);
        }
        QCOMPARE(folder->files().size(), 3);
        QVERIFY(folder->wipeAll());
        QVERIFY(folder->files().isEmpty());
        QVERIFY(RamFolder::wipeFile(path));
    }

    void testWipesWhatCrashedProcessesLeft()
    {
        // A process that has ended: its pid is free now (if it was reused meanwhile, kill() says so and the folder
        // would be kept; the test would fail rather than pass wrongly).
        QProcess reaped;
        reaped.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("echo $$")});
        QVERIFY(reaped.waitForFinished());
        const qint64 gone = reaped.readAllStandardOutput().trimmed().toLongLong();
        QVERIFY(gone > 0);

        QTemporaryDir base(QStringLiteral("/dev/shm/ramfolder-base-XXXXXX"));
        QVERIFY(base.isValid());
        const QString prefix
            = QString::fromLatin1(RamFolder::NamePrefix) + QString::number(getuid()) + QLatin1Char('-');
        const QString stale = base.path() + QLatin1Char('/') + prefix + QString::number(gone) + QStringLiteral("-1234");
        const QString mine
            = base.path() + QLatin1Char('/') + prefix + QString::number(getpid()) + QStringLiteral("-5678");
        for (const QString& dir : {stale, mine}) {
            QVERIFY(QDir().mkdir(dir));
            QVERIFY(QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
            QFile f(dir + QStringLiteral("/left.webm"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("left behind");
        }
        QCOMPARE(RamFolder::wipeStale(base.path()), 1);
        QVERIFY(!QFileInfo::exists(stale));
        QVERIFY2(QFileInfo::exists(mine + QStringLiteral("/left.webm")), "a running process's folder is left alone");
    }

private:
    QByteArray m_savedRuntimeDir;
};

QTEST_GUILESS_MAIN(TestRamFolder)
#include "tst_ramfolder.moc"
