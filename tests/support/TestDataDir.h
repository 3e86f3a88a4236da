#pragma once

#include <QString>
#include <QTemporaryDir>

namespace Acorn::Test {

// A fresh temporary directory for one test, removed with everything in it when the object goes.
class TestDataDir final
{
public:
    TestDataDir();

    QString path() const;
    QString filePath(const QString& name) const;

private:
    QTemporaryDir m_dir;
};

} // namespace Acorn::Test
