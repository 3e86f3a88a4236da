#pragma once

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QScrollArea;

namespace Acorn {

class ChildTile;
class FlowLayout;
class LockController;

// The Journal tab's first screen: a tile for each child the signed-in person may see (their rooms' children;
// managers see everyone), narrowed by room and by name. Tapping a tile opens that child's journal.
class ChildrenOverviewPage final : public QWidget
{
    Q_OBJECT
public:
    explicit ChildrenOverviewPage(LockController& lock, QWidget* parent = nullptr);

    // Reads the children and this week's counts again.
    void refresh();
    QList<ChildTile*> tiles() const { return m_tiles; }
    QList<ChildTile*> visibleTiles() const;
    ChildTile* tile(const QString& childId) const;

signals:
    void childChosen(const QString& childId);

private:
    void applyFilter();

    LockController& m_lock;
    QLineEdit* m_searchEdit = nullptr;
    QComboBox* m_roomCombo = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_tileArea = nullptr;
    FlowLayout* m_tileLayout = nullptr;
    QList<ChildTile*> m_tiles;
};

} // namespace Acorn
