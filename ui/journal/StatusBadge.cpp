#include "journal/StatusBadge.h"

namespace Acorn {

StatusBadge::StatusBadge(ObservationStatus status, QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("statusBadge"));
    setTextFormat(Qt::PlainText);
    setAlignment(Qt::AlignCenter);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setStatus(status);
}

void StatusBadge::setStatus(ObservationStatus status)
{
    m_status = status;
    const char* background = "#e4e4e4";
    const char* foreground = "#303030";
    switch (status) {
    case ObservationStatus::Published:
        background = "#dcefdf";
        foreground = "#1f5a2b";
        break;
    case ObservationStatus::Submitted:
    case ObservationStatus::Pending:
        background = "#fff1c7";
        foreground = "#6b4b00";
        break;
    case ObservationStatus::Returned:
        background = "#fbe0dc";
        foreground = "#8a1f16";
        break;
    case ObservationStatus::Draft:
    case ObservationStatus::Declined:
        break;
    }
    setStyleSheet(QStringLiteral("QLabel#statusBadge { background: %1; color: %2; border-radius: 6px; "
                                 "padding: 4px 10px; font-weight: bold; }")
                      .arg(QLatin1String(background), QLatin1String(foreground)));
    setText(observationStatusDisplayName(status));
    setProperty("statusKey", observationStatusKey(status));
}

} // namespace Acorn
