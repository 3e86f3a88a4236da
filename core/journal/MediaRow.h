#pragma once

#include "domain/MediaItem.h"

#include <QString>

class QSqlQuery;

namespace Acorn::MediaRow {

// The one column list and row mapping for reading media_items (alias "m"), shared by every query that lists media,
// so a new column is added in one place. Keys are never part of it.
QString columns();
MediaItem from(const QSqlQuery& query);

} // namespace Acorn::MediaRow
