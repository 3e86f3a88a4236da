#include "setup/RecoveryKeyPrinter.h"

#include <QDate>
#include <QFontDatabase>
#include <QLocale>
#include <QPainter>
#include <QPrintDialog>
#include <QPrinter>

namespace Acorn {

void RecoveryKeyPrinter::print(QWidget* parent, const QString& nurseryName, const QString& recoveryKey)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(tr("Acorn recovery key"));
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(tr("Print the recovery key"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    QPainter painter;
    if (!painter.begin(&printer))
        return;
    paintSheet(painter, painter.viewport(), nurseryName, recoveryKey);
    painter.end();
}

void RecoveryKeyPrinter::paintSheet(QPainter& painter, const QRect& page, const QString& nurseryName,
                                    const QString& recoveryKey)
{
    const int margin = page.width() / 12;
    QRect area = page.adjusted(margin, margin, -margin, -margin);

    QFont title = painter.font();
    title.setPointSize(20);
    title.setBold(true);
    painter.setFont(title);
    QRect used;
    painter.drawText(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                     tr("Acorn recovery key — %1").arg(nurseryName), &used);
    area.setTop(used.bottom() + margin / 3);

    QFont body = painter.font();
    body.setPointSize(12);
    body.setBold(false);
    painter.setFont(body);
    painter.drawText(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                     tr("Printed on %1. Keep this sheet in the nursery safe. If every manager forgets their "
                        "password, this key opens the journal (acorn-cli can use it to set a new password). Anyone "
                        "holding it can read everything, so never keep it on a computer or send it by email.")
                         .arg(QLocale().toString(QDate::currentDate(), QLocale::LongFormat)),
                     &used);
    area.setTop(used.bottom() + margin / 2);

    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSize(18);
    mono.setBold(true);
    painter.setFont(mono);
    QStringList groups = recoveryKey.split(QLatin1Char('-'), Qt::SkipEmptyParts);
    const int half = (int(groups.size()) + 1) / 2;
    const QString text
        = groups.mid(0, half).join(QLatin1Char('-')) + QLatin1Char('\n') + groups.mid(half).join(QLatin1Char('-'));
    painter.drawText(area, Qt::AlignHCenter | Qt::AlignTop, text, &used);
    painter.drawRect(used.adjusted(-margin / 4, -margin / 4, margin / 4, margin / 4));
}

} // namespace Acorn
