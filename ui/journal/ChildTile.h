#pragma once

#include <QPushButton>

class QLabel;

namespace Acorn {

// One child on the overview: a big tap target with the name, the room and how many observations this week.
class ChildTile final : public QPushButton
{
    Q_OBJECT
public:
    static constexpr int TileWidth = 228;
    static constexpr int TileHeight = 132;

    ChildTile(const QString& childId, const QString& name, const QString& room, int thisWeek,
              QWidget* parent = nullptr);

    QString childId() const { return m_childId; }
    QString name() const { return m_name; }
    QString roomName() const { return m_room; }
    int thisWeek() const { return m_thisWeek; }

    // The tiles' look; the overview sets it on the tiles' container.
    static QString tileStyleSheet();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    QString m_childId;
    QString m_name;
    QString m_room;
    int m_thisWeek = 0;
};

} // namespace Acorn
