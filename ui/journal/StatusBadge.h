#pragma once

#include "domain/Observation.h"

#include <QLabel>

namespace Acorn {

// Where an observation is in its life, as a coloured label: "In the journal", "Awaiting approval", "Draft"...
class StatusBadge final : public QLabel
{
    Q_OBJECT
public:
    explicit StatusBadge(ObservationStatus status, QWidget* parent = nullptr);

    void setStatus(ObservationStatus status);
    ObservationStatus status() const { return m_status; }

private:
    ObservationStatus m_status = ObservationStatus::Draft;
};

} // namespace Acorn
