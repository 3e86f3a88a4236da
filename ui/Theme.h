#pragma once

#include <QIcon>
#include <QString>

class QApplication;
class QLabel;
class QPushButton;

namespace Acorn {

// The look for one-handed tablet use: readable text, big targets. Applied once to the application; widgets
// opt into a few variants through dynamic properties (primary buttons, error and hint labels).
class Theme final
{
public:
    static constexpr int BodyPointSize = 13;
    static constexpr int MinimumTargetHeight = 48;

    static void apply(QApplication& app);
    // Acorn's own icon (resources/icons/acorn.svg).
    static QIcon appIcon();

    // A big, coloured "do it" button (Sign in, Save...).
    static void makePrimary(QPushButton* button);
    // Plain-words error text: wraps, red, hidden while empty.
    static void makeError(QLabel* label);
    // Good news ("Settings saved."): green, hidden while empty.
    static void makeSuccess(QLabel* label);
    // As tall as a primary button, without its colour (Sign out beside Lock).
    static void makeBig(QPushButton* button);
    static void makeHint(QLabel* label);
    static void makeTitle(QLabel* label);
    // Sets the text and shows the label, or hides it when the text is empty.
    static void setMessage(QLabel* label, const QString& text);
};

} // namespace Acorn
