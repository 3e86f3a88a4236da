#pragma once

#include "review/Reviews.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QPushButton;

namespace Acorn {

class Clock;
class FlowLayout;

// Narrowing the review queues: room, practitioner, child, area of learning and when. The pieces wrap onto a second
// line on a narrow screen. Emits filterChanged() after any change; "Show everything" appears while something narrows.
class ReviewFilterBar final : public QWidget
{
    Q_OBJECT
public:
    struct Choice
    {
        QString id;
        QString label;
    };
    enum class Range { AnyTime, Last7Days, Last30Days, Last3Months, Chosen };

    explicit ReviewFilterBar(const Clock& clock, QWidget* parent = nullptr);

    // Each list keeps the current choice when it is still offered.
    void setChoices(const QList<Choice>& rooms, const QList<Choice>& staff, const QList<Choice>& children,
                    const QList<Choice>& areas);
    ReviewFilter filter() const;
    bool isFiltering() const;
    // Chooses the period "Choose dates…" from..to (tests and callers that know the dates).
    void setPeriod(const QDate& from, const QDate& to);
    void clear();

    QComboBox* roomCombo() const { return m_roomCombo; }
    QComboBox* staffCombo() const { return m_staffCombo; }
    QComboBox* childCombo() const { return m_childCombo; }
    QComboBox* areaCombo() const { return m_areaCombo; }
    QComboBox* rangeCombo() const { return m_rangeCombo; }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

signals:
    void filterChanged();

private:
    static void fill(QComboBox* combo, const QString& anyLabel, const QList<Choice>& choices);
    void onRangeChanged();
    void changed();

    const Clock& m_clock;
    FlowLayout* m_layout = nullptr;
    QComboBox* m_roomCombo = nullptr;
    QComboBox* m_staffCombo = nullptr;
    QComboBox* m_childCombo = nullptr;
    QComboBox* m_areaCombo = nullptr;
    QComboBox* m_rangeCombo = nullptr;
    QDateEdit* m_fromEdit = nullptr;
    QDateEdit* m_toEdit = nullptr;
    QPushButton* m_clearButton = nullptr;
};

} // namespace Acorn
