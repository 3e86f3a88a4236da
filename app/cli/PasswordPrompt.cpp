#include "PasswordPrompt.h"

#include <sodium.h>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace Acorn::Cli {

bool PasswordPrompt::isInteractive()
{
    return isatty(STDIN_FILENO) == 1;
}

QByteArray PasswordPrompt::read(const QString& prompt)
{
    const bool tty = isInteractive();
    termios saved {};
    if (tty) {
        std::fputs(prompt.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    line.reserve(256); // one allocation, so no stray copies of the password are left in freed memory
    for (;;) {
        const int c = std::fgetc(stdin);
        if (c == EOF || c == '\n')
            break;
        if (line.size() < 1024)
            line.append(char(c));
    }
    if (!line.isEmpty() && line.endsWith('\r'))
        line.chop(1);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
    }
    return line;
}

} // namespace Acorn::Cli
