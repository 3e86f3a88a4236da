#pragma once

#include <QProxyStyle>

namespace Acorn {

// Finger-sized tick boxes in item views (the review queue, the meeting's list of candidates). A style sheet's
// ::indicator size draws a bigger box over the text; a style's metric moves the text along with it.
class TickBoxStyle final : public QProxyStyle
{
    Q_OBJECT
public:
    static constexpr int BoxSize = 28;

    // Sets itself on `view` (which owns it).
    static void applyTo(QWidget* view);

    int pixelMetric(PixelMetric metric, const QStyleOption* option = nullptr,
                    const QWidget* widget = nullptr) const override;

private:
    explicit TickBoxStyle(QStyle* base);
};

} // namespace Acorn
