#pragma once

#include <QDate>
#include <QDateEdit>

namespace Acorn {

// A date that may be left empty ("Not set"): a leaving date not yet known, a date of birth still to be checked.
// Empty shows as the special value; its calendar then opens on today's month, not in 1900. Delete empties it.
class OptionalDateEdit final : public QDateEdit
{
    Q_OBJECT
public:
    explicit OptionalDateEdit(QWidget* parent = nullptr);

    // An invalid date when empty.
    QDate value() const;
    void setValue(const QDate& date);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    static QDate emptyDate() { return QDate(1900, 1, 1); }
};

} // namespace Acorn
