#include "store/SqlDialect.h"

namespace Acorn::Server {

QString SqlDialect::name() const
{
    return m_kind == Kind::Postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

QString SqlDialect::forUpdate() const
{
    return m_kind == Kind::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
}

} // namespace Acorn::Server
