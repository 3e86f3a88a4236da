#include "TestDataDir.h"

#include <QDir>

namespace Acorn::Test {

TestDataDir::TestDataDir()
    : m_dir(QDir::tempPath() + QStringLiteral("/acorn-test-XXXXXX"))
{
}

QString TestDataDir::path() const
{
    return m_dir.path();
}

QString TestDataDir::filePath(const QString& name) const
{
    return m_dir.filePath(name);
}

} // namespace Acorn::Test
