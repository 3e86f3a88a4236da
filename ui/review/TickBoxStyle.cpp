#include "review/TickBoxStyle.h"

#include <QApplication>
#include <QStyleFactory>
#include <QWidget>

namespace Acorn {

TickBoxStyle::TickBoxStyle(QStyle* base)
    : QProxyStyle(base)
{
}

void TickBoxStyle::applyTo(QWidget* view)
{
    // A base of its own: a proxy takes ownership of its base, and the application's style is not ours to take.
    // (With a style sheet, the application's style is a wrapper without a name of its own: Fusion, as Theme sets.)
    QString name = QApplication::style()->name();
    if (!QStyleFactory::keys().contains(name, Qt::CaseInsensitive))
        name = QStringLiteral("Fusion");
    auto* style = new TickBoxStyle(QStyleFactory::create(name));
    style->setParent(view);
    view->setStyle(style);
}

int TickBoxStyle::pixelMetric(PixelMetric metric, const QStyleOption* option, const QWidget* widget) const
{
    if (metric == PM_IndicatorWidth || metric == PM_IndicatorHeight)
        return BoxSize;
    return QProxyStyle::pixelMetric(metric, option, widget);
}

} // namespace Acorn
