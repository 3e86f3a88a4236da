#include "frameworks/Framework.h"

namespace Acorn {

Framework::Framework(Info info, QList<FrameworkBand> bands, std::vector<FrameworkNode> areas)
    : m_info(std::move(info))
    , m_bands(std::move(bands))
    , m_areas(std::move(areas))
{
    indexNodes(m_areas, {});
}

void Framework::indexNodes(const std::vector<FrameworkNode>& nodes, QList<int> position)
{
    position.append(0);
    for (int i = 0; i < int(nodes.size()); ++i) {
        position.last() = i;
        const FrameworkNode& node = nodes[size_t(i)];
        m_positions.insert(node.id, position);
        m_tagIds.append(node.id);
        indexNodes(node.children, position);
    }
}

QString Framework::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Statutory:
        return QStringLiteral("statutory");
    case Kind::Guidance:
        return QStringLiteral("guidance");
    case Kind::Characteristics:
        return QStringLiteral("characteristics");
    case Kind::Curriculum:
        return QStringLiteral("curriculum");
    case Kind::Custom:
        return QStringLiteral("custom");
    }
    return {};
}

std::optional<Framework::Kind> Framework::kindFromName(const QString& name)
{
    for (Kind kind : {Kind::Statutory, Kind::Guidance, Kind::Characteristics, Kind::Curriculum, Kind::Custom}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString Framework::separator()
{
    return QStringLiteral(" \u203a ");
}

QList<const FrameworkNode*> Framework::chain(const QString& tagId) const
{
    const auto found = m_positions.constFind(tagId);
    if (found == m_positions.constEnd())
        return {};
    QList<const FrameworkNode*> nodes;
    const std::vector<FrameworkNode>* level = &m_areas;
    for (int index : *found) {
        const FrameworkNode& node = (*level)[size_t(index)];
        nodes.append(&node);
        level = &node.children;
    }
    return nodes;
}

const FrameworkNode* Framework::node(const QString& tagId) const
{
    const auto nodes = chain(tagId);
    return nodes.isEmpty() ? nullptr : nodes.last();
}

const FrameworkBand* Framework::band(const QString& bandId) const
{
    for (const FrameworkBand& band : m_bands) {
        if (band.id == bandId)
            return &band;
    }
    return nullptr;
}

const FrameworkNode* Framework::areaOf(const QString& tagId) const
{
    const auto nodes = chain(tagId);
    return nodes.isEmpty() ? nullptr : nodes.first();
}

QStringList Framework::path(const QString& tagId) const
{
    QStringList labels;
    for (const FrameworkNode* node : chain(tagId))
        labels.append(node->label);
    return labels;
}

QString Framework::breadcrumb(const QString& tagId) const
{
    return path(tagId).join(separator());
}

} // namespace Acorn
