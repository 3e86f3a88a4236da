#include "domain/Ids.h"

#include <QUuid>

namespace Acorn::Ids {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString toIso(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QString& text)
{
    auto time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time.toUTC();
}

} // namespace Acorn::Ids
