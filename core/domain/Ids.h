#pragma once

#include <QDateTime>
#include <QString>

namespace Acorn::Ids {

// A new random UUID without braces: every row that can travel gets one where it is created.
QString newId();
// Timestamps are stored as ISO-8601 UTC with milliseconds, so they sort as text.
QString toIso(const QDateTime& time);
QDateTime fromIso(const QString& text);

} // namespace Acorn::Ids
