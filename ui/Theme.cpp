#include "Theme.h"

#include <QApplication>
#include <QFont>
#include <QLabel>
#include <QPushButton>
#include <QStyleFactory>

namespace Acorn {

namespace {
const char* const StyleSheet = R"(
QPushButton { min-height: 48px; padding: 0 20px; }
QPushButton[big="true"] { min-height: 56px; }
QPushButton[primary="true"] {
    min-height: 56px; font-weight: bold; color: white; background: #2e6b3a;
    border: 1px solid #24552e; border-radius: 6px;
}
QPushButton[primary="true"]:hover { background: #357a43; }
QPushButton[primary="true"]:pressed { background: #24552e; }
QPushButton[primary="true"]:disabled { background: #9db5a2; border-color: #9db5a2; color: #eef3ef; }
QLineEdit, QComboBox, QSpinBox, QDateEdit { min-height: 44px; padding: 0 8px; }
QComboBox::drop-down, QDateEdit::drop-down { width: 40px; }
QTabBar::tab { min-height: 48px; min-width: 64px; padding: 0 14px; }
QCheckBox, QRadioButton { min-height: 44px; spacing: 12px; }
QCheckBox::indicator, QRadioButton::indicator { width: 22px; height: 22px; }
QHeaderView::section { min-height: 36px; padding: 0 8px; }
QTableView { gridline-color: #d8d8d8; }
QTableView::item { padding: 0 10px; }
QLabel[role="error"] { color: #a4262c; font-weight: bold; }
QLabel[role="hint"] { color: #505050; }
QLabel[role="success"] { color: #2e6b3a; font-weight: bold; }
QLabel[role="title"] { font-size: 20pt; font-weight: bold; }
)";
} // namespace

void Theme::apply(QApplication& app)
{
    if (auto* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        app.setStyle(fusion);
    QFont font = app.font();
    font.setPointSize(BodyPointSize);
    app.setFont(font);
    app.setStyleSheet(QString::fromLatin1(StyleSheet));
    app.setWindowIcon(appIcon());
}

QIcon Theme::appIcon()
{
    return QIcon(QStringLiteral(":/acorn/icons/acorn.svg"));
}

void Theme::makePrimary(QPushButton* button)
{
    button->setProperty("primary", true);
    button->setDefault(true);
}

void Theme::makeError(QLabel* label)
{
    label->setProperty("role", QStringLiteral("error"));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->hide();
}

void Theme::makeSuccess(QLabel* label)
{
    label->setProperty("role", QStringLiteral("success"));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->hide();
}

void Theme::makeBig(QPushButton* button)
{
    button->setProperty("big", true);
}

void Theme::makeHint(QLabel* label)
{
    label->setProperty("role", QStringLiteral("hint"));
    label->setWordWrap(true);
}

void Theme::makeTitle(QLabel* label)
{
    label->setProperty("role", QStringLiteral("title"));
    label->setWordWrap(true);
}

void Theme::setMessage(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace Acorn
