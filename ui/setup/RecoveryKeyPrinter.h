#pragma once

#include <QCoreApplication>
#include <QString>

class QPainter;
class QRect;
class QWidget;

namespace Acorn {

// Prints the recovery key sheet for the nursery safe: the printer dialog, then one page.
class RecoveryKeyPrinter final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::RecoveryKeyPrinter)
public:
    static void print(QWidget* parent, const QString& nurseryName, const QString& recoveryKey);
    // The sheet itself, on any paint device (a printer page, or an image in a test).
    static void paintSheet(QPainter& painter, const QRect& page, const QString& nurseryName,
                           const QString& recoveryKey);
};

} // namespace Acorn
