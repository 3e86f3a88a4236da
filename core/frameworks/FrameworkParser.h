#pragma once

#include "Result.h"
#include "frameworks/Framework.h"

#include <QByteArray>
#include <QCoreApplication>

namespace Acorn {

// Reads and checks a framework definition (resources/frameworks/SCHEMA.md). Built-in files and a manager's
// imported file go through the same checks; the messages name the entry at fault ("At entry 'areas[2].aspects[0]':
// …") so that whoever wrote the file can find and fix it. Reports up to MaxProblems problems at once.
class FrameworkParser final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::FrameworkParser)
public:
    enum class Origin { BuiltIn, Custom };

    static constexpr int SchemaVersion = 1;
    static constexpr qsizetype MaxBytes = 2 * 1024 * 1024;
    static constexpr int MaxNodes = 5000; // areas, aspects, statements and bands together
    static constexpr int MaxDepth = 4; // area › aspect › statement › statement
    static constexpr int MaxIdLength = 120;
    static constexpr int MaxLabelLength = 150;
    static constexpr int MaxTextLength = 2000; // descriptions and sources
    static constexpr int MaxProblems = 10;

    [[nodiscard]] static Result<Framework> parse(const QByteArray& json, Origin origin);

    // A framework's own id: lower-case letters, digits and '-' ("eyfs-2024").
    static bool isValidFrameworkId(const QString& id);
    // Node and band ids: lower-case letters, digits, '.', '_' and '-' ("eyfs.cl.speaking").
    static bool isValidNodeId(const QString& id);
    // Every id in a custom framework starts with this, so that it can never shadow a built-in one.
    static QString customPrefix(const QString& frameworkId);
};

} // namespace Acorn
