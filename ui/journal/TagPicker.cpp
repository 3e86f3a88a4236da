#include "journal/TagPicker.h"

#include "Theme.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/JournalText.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>

namespace Acorn {

namespace {
constexpr int TagRole = Qt::UserRole + 1;

void addNodes(QTreeWidgetItem* parent, const std::vector<FrameworkNode>& nodes)
{
    for (const FrameworkNode& node : nodes) {
        auto* item = new QTreeWidgetItem(parent, {node.label});
        item->setData(0, TagRole, node.id);
        // Not ItemIsUserCheckable: a tap anywhere on the row ticks it (itemClicked), not only the small box.
        item->setFlags(Qt::ItemIsEnabled);
        item->setCheckState(0, Qt::Unchecked);
        if (!node.description.isEmpty())
            item->setToolTip(0, node.description);
        addNodes(item, node.children);
    }
}
} // namespace

TagPicker::TagPicker(const FrameworkRegistry& registry, QWidget* parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_searchEdit(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
    , m_chosenArea(new QWidget(this))
    , m_chosenLayout(new QVBoxLayout(m_chosenArea))
    , m_noneLabel(new QLabel(tr("None chosen yet. Tick what this observation shows; you can leave it for later."),
                             m_chosenArea))
{
    setObjectName(QStringLiteral("tagPicker"));
    m_searchEdit->setObjectName(QStringLiteral("tagSearchEdit"));
    m_searchEdit->setPlaceholderText(tr("Find an area, e.g. “speaking” or “counting”"));
    m_searchEdit->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("tagTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setColumnCount(1);
    m_tree->setUniformRowHeights(false);
    m_tree->setWordWrap(true);
    m_tree->setMinimumHeight(260);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setStyleSheet(QStringLiteral("QTreeWidget::item { min-height: 40px; } "
                                         "QTreeWidget::indicator { width: 22px; height: 22px; }"));

    auto* chosenTitle = new QLabel(tr("Chosen"), m_chosenArea);
    chosenTitle->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_noneLabel->setObjectName(QStringLiteral("noTagsLabel"));
    Theme::makeHint(m_noneLabel);
    m_chosenLayout->setContentsMargins(0, 0, 0, 0);
    m_chosenLayout->addWidget(chosenTitle);
    m_chosenLayout->addWidget(m_noneLabel);
    m_chosenLayout->addStretch();
    m_chosenArea->setObjectName(QStringLiteral("chosenTagsArea"));

    auto* left = new QVBoxLayout;
    left->addWidget(m_searchEdit);
    left->addWidget(m_tree, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left, 3);
    layout->addWidget(m_chosenArea, 2);

    buildTree();
    connect(m_tree, &QTreeWidget::itemChanged, this, &TagPicker::onItemChanged);
    connect(m_searchEdit, &QLineEdit::textChanged, this, &TagPicker::applySearch);
    connect(m_tree, &QTreeWidget::itemClicked, this, [](QTreeWidgetItem* item, int) {
        if (!item->data(0, TagRole).toString().isEmpty())
            item->setCheckState(0, item->checkState(0) == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
}

void TagPicker::buildTree()
{
    m_updating = true;
    m_tree->clear();
    for (const Framework* framework : m_registry.enabled()) {
        auto* top = new QTreeWidgetItem(m_tree, {framework->name()});
        top->setFlags(Qt::ItemIsEnabled);
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        addNodes(top, framework->areas());
    }
    if (m_tree->topLevelItemCount() == 1)
        m_tree->topLevelItem(0)->setExpanded(true);
    m_updating = false;
}

QTreeWidgetItem* TagPicker::itemFor(const QString& tagId) const
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->data(0, TagRole).toString() == tagId)
            return *it;
    return nullptr;
}

void TagPicker::setTags(const QList<ObservationTag>& tags)
{
    m_updating = true;
    for (const Chosen& chosen : std::as_const(m_chosen))
        delete chosen.row;
    m_chosen.clear();
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if (!(*it)->data(0, TagRole).toString().isEmpty())
            (*it)->setCheckState(0, Qt::Unchecked);
    for (const ObservationTag& tag : tags) {
        const QString id = JournalText::tagId(tag.tag);
        if (QTreeWidgetItem* item = itemFor(id)) {
            item->setCheckState(0, Qt::Checked);
            for (QTreeWidgetItem* up = item->parent(); up; up = up->parent())
                up->setExpanded(true);
        }
        addChosen(id, JournalText::bandId(tag.tag));
    }
    m_updating = false;
    updateEmptyHint();
}

QList<ObservationTag> TagPicker::tags() const
{
    QList<ObservationTag> list;
    for (const Chosen& chosen : m_chosen) {
        const Framework* framework = m_registry.frameworkOfTag(chosen.tagId);
        list.append({framework ? framework->id() : QString(), JournalText::storedTag(chosen.tagId, chosen.bandId)});
    }
    return list;
}

void TagPicker::onItemChanged(QTreeWidgetItem* item, int column)
{
    if (m_updating || column != 0 || item->data(0, TagRole).toString().isEmpty())
        return;
    const QString id = item->data(0, TagRole).toString();
    if (item->checkState(0) == Qt::Checked)
        addChosen(id, {});
    else
        removeChosen(id);
    updateEmptyHint();
    emit tagsChanged();
}

void TagPicker::addChosen(const QString& tagId, const QString& bandId)
{
    for (const Chosen& chosen : std::as_const(m_chosen))
        if (chosen.tagId == tagId)
            return;
    auto* row = new QFrame(m_chosenArea);
    row->setObjectName(QStringLiteral("chosenTagRow"));
    row->setProperty("tagId", tagId);
    row->setStyleSheet(QStringLiteral("QFrame#chosenTagRow { background: #eef2f7; border-radius: 8px; }"));
    auto* label = new QLabel(m_registry.describeTag(tagId), row);
    label->setObjectName(QStringLiteral("chosenTagLabel"));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    auto* remove = new QPushButton(tr("Remove"), row);
    remove->setObjectName(QStringLiteral("removeTagButton"));
    remove->setToolTip(tr("Take this tag off"));

    auto* top = new QHBoxLayout;
    top->addWidget(label, 1);
    top->addWidget(remove, 0, Qt::AlignTop);
    auto* rowLayout = new QVBoxLayout(row);
    rowLayout->setContentsMargins(10, 6, 6, 6);
    rowLayout->addLayout(top);

    const Framework* framework = m_registry.frameworkOfTag(tagId);
    const FrameworkNode* node = framework ? framework->node(tagId) : nullptr;
    if (node && !node->bands.isEmpty()) {
        auto* band = new QComboBox(row);
        band->setObjectName(QStringLiteral("tagBandCombo"));
        band->addItem(tr("Any age band (optional)"), QString());
        for (const QString& id : node->bands)
            if (const FrameworkBand* b = framework->band(id))
                band->addItem(b->label, b->id);
        band->setCurrentIndex(qMax(0, band->findData(bandId)));
        rowLayout->addWidget(band);
        connect(band, &QComboBox::currentIndexChanged, this, [this, tagId, band] {
            for (Chosen& chosen : m_chosen)
                if (chosen.tagId == tagId)
                    chosen.bandId = band->currentData().toString();
            emit tagsChanged();
        });
    }
    // Before the stretch at the end.
    m_chosenLayout->insertWidget(m_chosenLayout->count() - 1, row);
    m_chosen.append({tagId, bandId, row});
    connect(remove, &QPushButton::clicked, this, [this, tagId] {
        removeChosen(tagId);
        updateEmptyHint();
        emit tagsChanged();
    });
}

void TagPicker::removeChosen(const QString& tagId)
{
    for (int i = 0; i < m_chosen.size(); ++i) {
        if (m_chosen[i].tagId != tagId)
            continue;
        m_chosen[i].row->hide();
        m_chosen[i].row->deleteLater();
        m_chosen.removeAt(i);
        break;
    }
    if (QTreeWidgetItem* item = itemFor(tagId); item && item->checkState(0) == Qt::Checked) {
        const bool updating = m_updating;
        m_updating = true;
        item->setCheckState(0, Qt::Unchecked);
        m_updating = updating;
    }
}

void TagPicker::updateEmptyHint()
{
    m_noneLabel->setVisible(m_chosen.isEmpty());
}

void TagPicker::applySearch(const QString& text)
{
    const QString wanted = text.trimmed();
    // Shows an item if it or anything under it matches; opens the branches with matches.
    std::function<bool(QTreeWidgetItem*)> filter = [&](QTreeWidgetItem* item) {
        bool any = wanted.isEmpty() || item->text(0).contains(wanted, Qt::CaseInsensitive);
        const bool self = any;
        for (int i = 0; i < item->childCount(); ++i) {
            QTreeWidgetItem* child = item->child(i);
            // Below a matching item everything stays visible.
            if (self && !wanted.isEmpty()) {
                std::function<void(QTreeWidgetItem*)> showAll = [&](QTreeWidgetItem* c) {
                    c->setHidden(false);
                    for (int j = 0; j < c->childCount(); ++j)
                        showAll(c->child(j));
                };
                showAll(child);
                continue;
            }
            any = filter(child) || any;
        }
        item->setHidden(!any);
        if (!wanted.isEmpty())
            item->setExpanded(any);
        return any;
    };
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        filter(m_tree->topLevelItem(i));
}

} // namespace Acorn
