#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace Acorn {

// What went wrong, in words a nursery practitioner or an IT volunteer can act on.
// `code` lets callers and tests tell cases apart without parsing the message.
struct Error
{
    enum class Code {
        None,
        WrongPassword,
        Throttled,
        AccountInactive,
        NotFound,
        AlreadyExists,
        PermissionDenied,
        InvalidInput,
        PolicyViolation,
        NotAnAcornDatabase,
        DatabaseDamaged,
        KeyringMissing,
        KeyringDamaged,
        NewerVersion,
        ReadOnly,
        DiskFull,
        Io,
        Internal,
    };

    Code code = Code::None;
    QString message;

    Error() = default;
    Error(Code c, QString m)
        : code(c)
        , message(std::move(m))
    {
    }
};

// A value or an Error. Never throws; check ok() first. Works with move-only T.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    T& value() { return *m_value; }
    const T& value() const { return *m_value; }
    T take() { return std::move(*m_value); }
    const Error& error() const { return m_error; }
    const QString& errorMessage() const { return m_error.message; }
    Error::Code code() const { return m_error.code; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    {
    }
    static Result success() { return {}; }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }
    const QString& errorMessage() const { return m_error.message; }
    Error::Code code() const { return m_error.code; }

private:
    Error m_error;
    bool m_ok = true;
};

using VoidResult = Result<void>;

} // namespace Acorn
