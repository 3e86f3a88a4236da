#include "review/RatingButtons.h"

#include "review/Reviews.h"

#include <QHBoxLayout>
#include <QPushButton>

namespace Acorn {

namespace {
// One colour for "chosen", as everywhere in Acorn; the number says which.
const char* const RatingStyle = R"(
QPushButton[rating="true"] {
    min-height: 64px; padding: 0 10px; border: 1px solid #9fb3a4; border-radius: 8px; background: #f4f7f4;
    font-weight: bold;
}
QPushButton[rating="true"]:checked { background: #2e6b3a; color: white; border-color: #24552e; }
)";
} // namespace

RatingButtons::RatingButtons(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("ratingButtons"));
    setStyleSheet(QString::fromLatin1(RatingStyle));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    for (int r = Reviews::MinRating; r <= Reviews::MaxRating; ++r) {
        auto* button = new QPushButton(tr("%1  %2").arg(r).arg(Reviews::ratingLabel(r)), this);
        button->setObjectName(QStringLiteral("ratingButton%1").arg(r));
        button->setProperty("rating", true);
        button->setCheckable(true);
        button->setToolTip(tr("Rate it “%1” (key %2)").arg(Reviews::ratingLabel(r)).arg(r));
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        layout->addWidget(button, 1);
        m_buttons.append(button);
        connect(button, &QPushButton::clicked, this, [this, r] { toggle(r); });
    }
}

QPushButton* RatingButtons::button(int rating) const
{
    return rating >= Reviews::MinRating && rating <= Reviews::MaxRating ? m_buttons.at(rating - Reviews::MinRating)
                                                                        : nullptr;
}

void RatingButtons::setRating(int rating)
{
    m_rating = button(rating) ? rating : 0;
    showRating();
}

void RatingButtons::toggle(int rating)
{
    if (!button(rating) || !isEnabled())
        return;
    m_rating = m_rating == rating ? 0 : rating;
    showRating();
    emit ratingChosen(m_rating);
}

void RatingButtons::showRating()
{
    for (int r = Reviews::MinRating; r <= Reviews::MaxRating; ++r)
        button(r)->setChecked(r == m_rating);
}

} // namespace Acorn
