// Baseline for bench_coldstart: the smallest Qt Widgets program that shows a window and says so.
#include <QApplication>
#include <QLabel>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QLabel label(QStringLiteral("Hello"));
    label.resize(800, 600);
    label.show();
    QTimer::singleShot(0, &app, [&] {
        std::puts("ready");
        std::fflush(stdout);
        app.quit();
    });
    return app.exec();
}
