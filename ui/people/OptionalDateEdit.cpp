#include "people/OptionalDateEdit.h"

#include <QCalendarWidget>
#include <QEvent>
#include <QKeyEvent>

namespace Acorn {

OptionalDateEdit::OptionalDateEdit(QWidget* parent)
    : QDateEdit(parent)
{
    setCalendarPopup(true);
    setDisplayFormat(QStringLiteral("d MMM yyyy"));
    setMinimumDate(emptyDate());
    setMaximumDate(QDate(2200, 12, 31));
    setSpecialValueText(tr("Not set"));
    setDate(emptyDate());
    calendarWidget()->installEventFilter(this);
}

QDate OptionalDateEdit::value() const
{
    return date() == emptyDate() ? QDate() : date();
}

void OptionalDateEdit::setValue(const QDate& date)
{
    setDate(date.isValid() ? date : emptyDate());
}

void OptionalDateEdit::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        setValue({});
        event->accept();
        return;
    }
    QDateEdit::keyPressEvent(event);
}

bool OptionalDateEdit::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == calendarWidget() && event->type() == QEvent::Show && !value().isValid()) {
        const QDate today = QDate::currentDate();
        calendarWidget()->setCurrentPage(today.year(), today.month());
    }
    return QDateEdit::eventFilter(watched, event);
}

} // namespace Acorn
