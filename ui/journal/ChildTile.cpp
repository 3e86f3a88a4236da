#include "journal/ChildTile.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace Acorn {

namespace {

QString initialsOf(const QString& name)
{
    QString initials;
    for (const QString& part : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        initials += part.front().toUpper();
        if (initials.size() == 2)
            break;
    }
    return initials;
}

QString colourFor(const QString& id)
{
    static const char* const Colours[] = {"#4f7a5a", "#7a5a8c", "#3f6f8f", "#9a6a2f", "#8c4f5f", "#4f7f7f"};
    // The same colour for a child every time (qHash is seeded per process).
    uint sum = 0;
    for (const QChar ch : id)
        sum = sum * 31 + ch.unicode();
    return QString::fromLatin1(Colours[sum % std::size(Colours)]);
}
} // namespace

ChildTile::ChildTile(const QString& childId, const QString& name, const QString& room, int thisWeek, QWidget* parent)
    : QPushButton(parent)
    , m_childId(childId)
    , m_name(name)
    , m_room(room)
    , m_thisWeek(thisWeek)
{
    setObjectName(QStringLiteral("childTile"));
    setAccessibleName(tr("%1, %2. Open their journal.").arg(name, room));
    setFocusPolicy(Qt::StrongFocus);

    auto* avatar = new QLabel(initialsOf(name), this);
    avatar->setObjectName(QStringLiteral("childTileInitials"));
    avatar->setAlignment(Qt::AlignCenter);
    avatar->setFixedSize(48, 48);
    avatar->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 24px; "
                                         "font-weight: bold; font-size: 14pt; }")
                              .arg(colourFor(childId)));

    auto* nameLabel = new QLabel(name, this);
    nameLabel->setObjectName(QStringLiteral("childTileName"));
    nameLabel->setTextFormat(Qt::PlainText);
    nameLabel->setWordWrap(true);
    auto* roomLabel = new QLabel(room, this);
    roomLabel->setObjectName(QStringLiteral("childTileRoom"));
    roomLabel->setTextFormat(Qt::PlainText);
    roomLabel->setWordWrap(true);
    auto* countLabel = new QLabel(thisWeek == 0       ? tr("None yet this week")
                                      : thisWeek == 1 ? tr("1 observation this week")
                                                      : tr("%1 observations this week").arg(thisWeek),
                                  this);
    countLabel->setObjectName(QStringLiteral("childTileCount"));
    countLabel->setProperty("none", thisWeek == 0);
    countLabel->setWordWrap(true);

    for (QLabel* label : {avatar, nameLabel, roomLabel, countLabel})
        label->setAttribute(Qt::WA_TransparentForMouseEvents);

    auto* top = new QHBoxLayout;
    top->setSpacing(10);
    top->addWidget(avatar, 0, Qt::AlignTop);
    top->addWidget(nameLabel, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addStretch();
    layout->addWidget(roomLabel);
    layout->addWidget(countLabel);
}

QString ChildTile::tileStyleSheet()
{
    // Set once on the container rather than on each of a few hundred tiles.
    return QStringLiteral(R"(
QPushButton#childTile {
    background: white; border: 1px solid #c9d3cb; border-radius: 10px; padding: 0; text-align: left;
}
QPushButton#childTile:hover { border-color: #2e6b3a; background: #f6faf6; }
QPushButton#childTile:pressed { background: #e3efe5; }
QPushButton#childTile:focus { border: 2px solid #2e6b3a; }
QLabel#childTileName { font-size: 14pt; font-weight: bold; }
QLabel#childTileRoom { color: #505050; }
QLabel#childTileCount { color: #2e6b3a; font-weight: bold; }
QLabel#childTileCount[none="true"] { color: #8a5a00; }
)");
}

QSize ChildTile::sizeHint() const
{
    return {TileWidth, TileHeight};
}

QSize ChildTile::minimumSizeHint() const
{
    return {TileWidth, TileHeight};
}

} // namespace Acorn
