#pragma once

#include <QByteArray>
#include <QString>

namespace Acorn::Cli {

// Passwords come from standard input, never from arguments (they would show in `ps` and shell history).
// On a terminal the prompt goes to stderr and typing is not echoed; from a pipe, one line is read per prompt.
class PasswordPrompt final
{
public:
    static QByteArray read(const QString& prompt);
    static bool isInteractive();
};

} // namespace Acorn::Cli
