#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Acorn {

// An age band or range that a practitioner can pick alongside a tag ("Three and four-year-olds", "Range 4").
struct FrameworkBand
{
    QString id;
    QString label;
    QString description;
    int fromMonths = -1; // -1: the framework gives no typical age
    int toMonths = -1;

    bool hasAges() const { return fromMonths >= 0 && toMonths >= 0; }
};

// One area, aspect or statement. Every node's id is a tag that observations and plans can carry.
struct FrameworkNode
{
    QString id;
    QString label;
    QString description;
    QString group; // areas only, e.g. "prime" or "specific" in the EYFS
    QStringList bands; // band ids offered when tagging this node (already inherited from the parent)
    std::vector<FrameworkNode> children; // std::vector because QList cannot hold an incomplete type
};

// A parsed, validated framework definition: built in (resources/frameworks) or imported by a manager.
// Immutable once built; lookups go through an index of child positions, so copies stay valid.
class Framework final
{
public:
    enum class Kind {
        Statutory, // EYFS areas of learning
        Guidance, // non-statutory guidance such as Birth to 5 Matters
        Characteristics, // how children learn (the Characteristics of Effective Learning)
        Curriculum, // a pedagogy's own curriculum, such as Montessori
        Custom, // written by a setting
    };

    struct Info
    {
        QString id;
        QString name;
        QString version;
        QString source;
        QString description;
        Kind kind = Kind::Custom;
        bool builtIn = false;
    };

    Framework() = default;
    Framework(Info info, QList<FrameworkBand> bands, std::vector<FrameworkNode> areas);

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);
    // Between the labels of a breadcrumb: "Communication and Language › Speaking".
    static QString separator();

    const Info& info() const { return m_info; }
    QString id() const { return m_info.id; }
    QString name() const { return m_info.name; }
    Kind kind() const { return m_info.kind; }
    bool isBuiltIn() const { return m_info.builtIn; }
    const QList<FrameworkBand>& bands() const { return m_bands; }
    const std::vector<FrameworkNode>& areas() const { return m_areas; }

    bool contains(const QString& tagId) const { return m_positions.contains(tagId); }
    const FrameworkNode* node(const QString& tagId) const;
    const FrameworkBand* band(const QString& bandId) const;
    // The top-level area a tag belongs to (the area itself for an area's id), or null.
    const FrameworkNode* areaOf(const QString& tagId) const;
    // Labels from the area down to the node; empty for an unknown id.
    QStringList path(const QString& tagId) const;
    QString breadcrumb(const QString& tagId) const;
    // Every node id, depth first in the order of the definition.
    const QStringList& tagIds() const { return m_tagIds; }
    int nodeCount() const { return int(m_tagIds.size()); }

private:
    void indexNodes(const std::vector<FrameworkNode>& nodes, QList<int> position);
    // The nodes from the area down to the tag, or empty.
    QList<const FrameworkNode*> chain(const QString& tagId) const;

    Info m_info;
    QList<FrameworkBand> m_bands;
    std::vector<FrameworkNode> m_areas;
    QHash<QString, QList<int>> m_positions; // tag id → index in areas, then in each level's children
    QStringList m_tagIds;
};

} // namespace Acorn
