#pragma once

#include <QString>

namespace Acorn::Server {

// What differs between the two SQL backends. The schema and every query are otherwise the same text: TEXT, BIGINT
// and INTEGER columns, ISO-8601 text times, 0/1 flags, positional placeholders.
class SqlDialect final
{
public:
    enum class Kind { Sqlite, Postgres };

    explicit SqlDialect(Kind kind)
        : m_kind(kind)
    {
    }

    Kind kind() const { return m_kind; }
    bool isPostgres() const { return m_kind == Kind::Postgres; }
    // The name GET /health reports.
    QString name() const;
    // Appended to a SELECT that must hold its rows until commit. PostgreSQL needs FOR UPDATE; SQLite's write
    // transactions (BEGIN IMMEDIATE in the QSQLCIPHER driver) already exclude every other writer.
    QString forUpdate() const;

private:
    Kind m_kind;
};

} // namespace Acorn::Server
