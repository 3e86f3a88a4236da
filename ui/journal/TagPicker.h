#pragma once

#include "domain/Observation.h"

#include <QList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

namespace Acorn {

class FrameworkRegistry;

// Choosing framework tags: a searchable tree of the enabled frameworks (areas, aspects, statements; tick to
// choose) and, beside it, what is chosen, each with an optional age band where the framework has them
// (Development Matters' "Three and four-year-olds"). Tags from frameworks switched off since stay chosen.
class TagPicker final : public QWidget
{
    Q_OBJECT
public:
    explicit TagPicker(const FrameworkRegistry& registry, QWidget* parent = nullptr);

    void setTags(const QList<ObservationTag>& tags);
    QList<ObservationTag> tags() const;

    QLineEdit* searchEdit() const { return m_searchEdit; }
    QTreeWidget* tree() const { return m_tree; }
    QTreeWidgetItem* itemFor(const QString& tagId) const;

signals:
    // Only for the person's own changes.
    void tagsChanged();

private:
    struct Chosen
    {
        QString tagId;
        QString bandId;
        QWidget* row = nullptr;
    };

    void buildTree();
    void onItemChanged(QTreeWidgetItem* item, int column);
    void addChosen(const QString& tagId, const QString& bandId);
    void removeChosen(const QString& tagId);
    void updateEmptyHint();
    void applySearch(const QString& text);

    const FrameworkRegistry& m_registry;
    QLineEdit* m_searchEdit = nullptr;
    QTreeWidget* m_tree = nullptr;
    QWidget* m_chosenArea = nullptr;
    QVBoxLayout* m_chosenLayout = nullptr;
    QLabel* m_noneLabel = nullptr;
    QList<Chosen> m_chosen;
    bool m_updating = false;
};

} // namespace Acorn
