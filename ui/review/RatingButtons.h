#pragma once

#include <QList>
#include <QWidget>

class QPushButton;

namespace Acorn {

// The quality rating as four big buttons side by side, "1 Needs work" to "4 Excellent" (Reviews::ratingLabel), one
// or none chosen. Tapping the chosen one again un-chooses it. Each is named "ratingButton1".."ratingButton4".
class RatingButtons final : public QWidget
{
    Q_OBJECT
public:
    explicit RatingButtons(QWidget* parent = nullptr);

    // 0: none chosen.
    int rating() const { return m_rating; }
    void setRating(int rating);
    QPushButton* button(int rating) const;

signals:
    // Only for the person's own choice (taps and keys), not for setRating().
    void ratingChosen(int rating);

public slots:
    // Chooses `rating`, or un-chooses it when it was chosen (keys 1–4 work like taps).
    void toggle(int rating);

private:
    void showRating();

    QList<QPushButton*> m_buttons;
    int m_rating = 0;
};

} // namespace Acorn
