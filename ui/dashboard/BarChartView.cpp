#include "dashboard/BarChartView.h"

#include "Theme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QValueAxis>

#include <algorithm>

namespace Acorn {

namespace {
const QColor BarColour(0x2e, 0x6b, 0x3a); // Acorn's green, as on the buttons
const QColor TextColour(0x30, 0x30, 0x30);
} // namespace

BarChartView::BarChartView(QWidget* parent)
    : QChartView(parent)
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->hide();
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(280);
    setFrameShape(QFrame::NoFrame);
}

void BarChartView::setBars(const QStringList& categories, const QList<int>& values, Qt::Orientation orientation)
{
    m_categories = categories;
    m_values = values;
    QChart* c = chart();
    c->removeAllSeries(); // deletes the old series and its set
    for (QAbstractAxis* axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    m_set = new QBarSet(QString());
    m_set->setColor(BarColour);
    m_set->setBorderColor(BarColour);
    m_set->setLabelColor(TextColour);
    QFont valueFont = font();
    valueFont.setPointSize(Theme::BodyPointSize + 2);
    valueFont.setBold(true);
    m_set->setLabelFont(valueFont);
    // Horizontal bars list from the bottom up; reversed, they read top to bottom as given.
    QStringList shownCategories = categories;
    QList<int> shownValues = values;
    if (orientation == Qt::Horizontal) {
        std::reverse(shownCategories.begin(), shownCategories.end());
        std::reverse(shownValues.begin(), shownValues.end());
    }
    for (int v : std::as_const(shownValues))
        m_set->append(v);
    QAbstractBarSeries* series = nullptr;
    if (orientation == Qt::Horizontal)
        series = new QHorizontalBarSeries;
    else
        series = new QBarSeries;
    series->append(m_set);
    series->setBarWidth(0.7);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(6);
    c->addSeries(series);

    auto* names = new QBarCategoryAxis;
    names->append(shownCategories);
    QFont nameFont = font();
    nameFont.setPointSize(Theme::BodyPointSize);
    names->setLabelsFont(nameFont);
    names->setLabelsColor(TextColour);
    names->setGridLineVisible(false);
    if (orientation == Qt::Vertical && categories.size() > 14)
        names->setLabelsAngle(-60);
    auto* amounts = new QValueAxis;
    const int most = values.isEmpty() ? 0 : *std::max_element(values.cbegin(), values.cend());
    amounts->setRange(0, qMax(1.0, most * 1.2)); // room for the number beyond the longest bar
    amounts->setVisible(false);
    c->addAxis(names, orientation == Qt::Horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    c->addAxis(amounts, orientation == Qt::Horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(names);
    series->attachAxis(amounts);
}

} // namespace Acorn
