#pragma once

#include "journal/JournalQuery.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QPushButton;
class QTimer;

namespace Acorn {

class Clock;

// Narrowing a child's journal: words to search for and when on top; area of learning, who wrote it and where it is
// in its life behind "More filters", to leave the journal room on a tablet. Emits filterChanged() after any change
// (typing: after a short pause).
class JournalFilterBar final : public QWidget
{
    Q_OBJECT
public:
    struct Choice
    {
        QString id;
        QString label;
    };
    enum class Range { AnyTime, ThisWeek, Last30Days, Last3Months, Chosen };

    JournalFilterBar(const Clock& clock, QWidget* parent = nullptr);

    void setAreas(const QList<Choice>& areas);
    void setAuthors(const QList<Choice>& authors);
    JournalFilter filter() const;
    bool isFiltering() const;

    QLineEdit* searchEdit() const { return m_searchEdit; }
    QComboBox* rangeCombo() const { return m_rangeCombo; }
    QComboBox* areaCombo() const { return m_areaCombo; }
    QComboBox* authorCombo() const { return m_authorCombo; }
    QComboBox* statusCombo() const { return m_statusCombo; }
    QDateEdit* fromDateEdit() const { return m_fromEdit; }
    QDateEdit* toDateEdit() const { return m_toEdit; }
    QPushButton* moreFiltersButton() const { return m_moreButton; }

    void clear();

signals:
    void filterChanged();

private:
    void onRangeChanged();
    void changed();
    void updateMoreRow();

    const Clock& m_clock;
    QLineEdit* m_searchEdit = nullptr;
    QComboBox* m_rangeCombo = nullptr;
    QDateEdit* m_fromEdit = nullptr;
    QDateEdit* m_toEdit = nullptr;
    QComboBox* m_areaCombo = nullptr;
    QComboBox* m_authorCombo = nullptr;
    QComboBox* m_statusCombo = nullptr;
    QPushButton* m_moreButton = nullptr;
    QWidget* m_moreRow = nullptr;
    QPushButton* m_clearButton = nullptr;
    QTimer* m_typingTimer = nullptr;
};

} // namespace Acorn
