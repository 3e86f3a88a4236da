// Cold start of `acorn` to its sign-in window, against the smallest Qt Widgets program on the same machine in the
// same run. acorn prints "ready" and quits when started with ACORN_EXIT_WHEN_READY=1.
#include "Clock.h"
#include "auth/NurserySetup.h"
#include "crypto/PasswordKdf.h"
#include "storage/DataDir.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Acorn;

namespace {
double startOnce(const QString& program, const QStringList& args)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("ACORN_EXIT_WHEN_READY", "1");
    env.insert("QT_QPA_PLATFORM", env.value("QT_QPA_PLATFORM", "offscreen"));
    p.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    bool ready = false;
    while (!ready && p.waitForReadyRead(20000))
        ready = p.readAllStandardOutput().contains("ready");
    const double elapsed = t.nsecsElapsed() / 1e6;
    if (!ready)
        qFatal("%s did not report ready: %s", qPrintable(program), qPrintable(p.errorString()));
    p.waitForFinished(10000);
    return elapsed;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules("acorn.*.info=false");
    const QString bin = QString::fromLocal8Bit(qgetenv("ACORN_BINARY_DIR"));
    QTemporaryDir dir;
    NurserySetup::Request request {"Bench Nursery", "Bench Manager", "manager", "Velvet-Hammock-61"};
    if (!NurserySetup::create(DataDir(dir.path()), request, Clock::system()))
        return 1;
    QList<double> acorn, hello;
    startOnce(bin + "/app/acorn", {"--data-dir", dir.path()}); // warm the page cache for both
    startOnce(bin + "/tests/bench/hello_window", {});
    for (int i = 0; i < 7; ++i) {
        acorn << startOnce(bin + "/app/acorn", {"--data-dir", dir.path()});
        hello << startOnce(bin + "/tests/bench/hello_window", {});
    }
    std::printf("bench_coldstart: acorn to sign-in window median %.0f ms; minimal Qt Widgets window %.0f ms "
                "(ratio %.2f)\n",
                median(acorn), median(hello), median(acorn) / median(hello));
    return 0;
}
