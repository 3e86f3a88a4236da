#include "frameworks/FrameworkParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace Acorn {

namespace {

QString typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return FrameworkParser::tr("null");
    case QJsonValue::Bool:
        return FrameworkParser::tr("true/false");
    case QJsonValue::Double:
        return FrameworkParser::tr("a number");
    case QJsonValue::String:
        return FrameworkParser::tr("text");
    case QJsonValue::Array:
        return FrameworkParser::tr("a list");
    case QJsonValue::Object:
        return FrameworkParser::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return FrameworkParser::tr("missing");
}

QString capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString childPath(const QString& parent, const QString& key, int index)
{
    const QString entry = QStringLiteral("%1[%2]").arg(key).arg(index);
    return parent.isEmpty() ? entry : parent + QLatin1Char('.') + entry;
}

// What the items at each level are called in messages, and which key holds their children.
QString levelNoun(int depth)
{
    switch (depth) {
    case 1:
        return FrameworkParser::tr("area");
    case 2:
        return FrameworkParser::tr("aspect");
    default:
        return FrameworkParser::tr("statement");
    }
}

QString childrenKey(int depth)
{
    return depth == 1 ? QStringLiteral("aspects") : QStringLiteral("statements");
}

// One pass over the document, collecting problems rather than stopping at the first, so that a manager fixing
// an imported file sees several at once.
class Validator
{
public:
    explicit Validator(FrameworkParser::Origin origin)
        : m_origin(origin)
    {
    }

    Result<Framework> run(const QJsonObject& root);

private:
    void problem(const QString& path, const QString& message)
    {
        if (m_problems.size() >= FrameworkParser::MaxProblems) {
            m_truncated = true;
            return;
        }
        m_problems.append(path.isEmpty() ? capitalised(message)
                                         : FrameworkParser::tr("At entry '%1': %2").arg(path, message));
    }

    bool checkFields(const QJsonObject& object, const QString& path, const QStringList& allowed)
    {
        bool ok = true;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!allowed.contains(it.key())) {
                problem(path,
                        FrameworkParser::tr("unknown field \"%1\" (allowed here: %2).")
                            .arg(it.key(), allowed.join(QStringLiteral(", "))));
                ok = false;
            }
        }
        return ok;
    }

    // Trimmed text of an optional or required field; problems for a wrong type, emptiness or length.
    QString text(const QJsonObject& object, const QString& field, const QString& path, bool required, int maxLength)
    {
        const QJsonValue value = object.value(field);
        if (value.isUndefined()) {
            if (required)
                problem(path, FrameworkParser::tr("missing \"%1\".").arg(field));
            return {};
        }
        if (!value.isString()) {
            problem(path, FrameworkParser::tr("\"%1\" should be text, but it is %2.").arg(field, typeName(value)));
            return {};
        }
        const QString result = value.toString().simplified();
        if (required && result.isEmpty())
            problem(path, FrameworkParser::tr("\"%1\" is empty.").arg(field));
        else if (result.size() > maxLength)
            problem(path,
                    FrameworkParser::tr("\"%1\" is %2 characters long; keep it to %3.")
                        .arg(field)
                        .arg(result.size())
                        .arg(maxLength));
        return result;
    }

    // Checks an id's form, the custom prefix and uniqueness; returns the id if it can be used.
    QString id(const QJsonObject& object, const QString& path)
    {
        const QJsonValue value = object.value(QStringLiteral("id"));
        if (value.isUndefined()) {
            problem(path, FrameworkParser::tr("missing \"id\"."));
            return {};
        }
        if (!value.isString()) {
            problem(path, FrameworkParser::tr("\"id\" should be text, but it is %1.").arg(typeName(value)));
            return {};
        }
        const QString id = value.toString();
        if (id.isEmpty()) {
            problem(path, FrameworkParser::tr("\"id\" is empty."));
            return {};
        }
        if (id.size() > FrameworkParser::MaxIdLength) {
            problem(path,
                    FrameworkParser::tr("the id '%1…' is longer than %2 characters.")
                        .arg(id.left(40))
                        .arg(FrameworkParser::MaxIdLength));
            return {};
        }
        if (!FrameworkParser::isValidNodeId(id)) {
            problem(
                path,
                FrameworkParser::tr("the id '%1' may only use lower-case letters a-z, digits 0-9, '.', '_' and '-'.")
                    .arg(id));
            return {};
        }
        if (!m_prefix.isEmpty() && (!id.startsWith(m_prefix) || id.size() == m_prefix.size())) {
            problem(
                path,
                FrameworkParser::tr("the id '%1' must start with '%2' followed by a name of your choice: a custom "
                                    "framework's ids start with \"custom.\" and its own id, so they never clash with "
                                    "Acorn's built-in ones.")
                    .arg(id, m_prefix));
            return {};
        }
        const auto first = m_seen.constFind(id);
        if (first != m_seen.constEnd()) {
            problem(path, FrameworkParser::tr("the id '%1' is used twice (first at '%2').").arg(id, *first));
            return {};
        }
        m_seen.insert(id, path);
        return id;
    }

    // Counts one more node; false once the limit is passed (reported once).
    bool count()
    {
        if (++m_nodeCount <= FrameworkParser::MaxNodes)
            return true;
        if (!m_tooMany) {
            m_tooMany = true;
            problem({},
                    FrameworkParser::tr("the framework has more than %1 items (areas, aspects, statements and bands "
                                        "together); split it into smaller frameworks.")
                        .arg(QLocale().toString(FrameworkParser::MaxNodes)));
        }
        return false;
    }

    std::optional<int> months(const QJsonObject& object, const QString& field, const QString& path)
    {
        const QJsonValue value = object.value(field);
        if (value.isUndefined())
            return std::nullopt;
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number < 0 || number > 240 || std::floor(number) != number) {
            problem(path, FrameworkParser::tr("\"%1\" should be a whole number of months from 0 to 240.").arg(field));
            return std::nullopt;
        }
        return int(number);
    }

    QList<FrameworkBand> bands(const QJsonObject& root);
    QStringList bandRefs(const QJsonObject& object, const QString& path, const QStringList& inherited);
    std::vector<FrameworkNode> nodes(const QJsonObject& parent, const QString& key, const QString& parentPath,
                                     int depth, const QStringList& inheritedBands);
    std::optional<FrameworkNode> node(const QJsonObject& object, const QString& path, int depth,
                                      const QStringList& inheritedBands);

    FrameworkParser::Origin m_origin;
    QString m_prefix; // required start of every id in a custom framework
    QStringList m_problems;
    bool m_truncated = false;
    bool m_tooMany = false;
    int m_nodeCount = 0;
    QHash<QString, QString> m_seen; // id → where it was first used
    QSet<QString> m_bandIds;
};

QList<FrameworkBand> Validator::bands(const QJsonObject& root)
{
    QList<FrameworkBand> result;
    const QJsonValue value = root.value(QStringLiteral("bands"));
    if (value.isUndefined())
        return result;
    if (!value.isArray()) {
        problem({}, FrameworkParser::tr("\"bands\" should be a list, but it is %1.").arg(typeName(value)));
        return result;
    }
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QString path = childPath({}, QStringLiteral("bands"), i);
        if (!count())
            return result;
        if (!array.at(i).isObject()) {
            problem(path,
                    FrameworkParser::tr("each band should be an object ({ … }), but this is %1.")
                        .arg(typeName(array.at(i))));
            continue;
        }
        const QJsonObject object = array.at(i).toObject();
        checkFields(object, path,
                    {QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("description"),
                     QStringLiteral("fromMonths"), QStringLiteral("toMonths")});
        FrameworkBand band;
        band.id = id(object, path);
        band.label = text(object, QStringLiteral("label"), path, true, FrameworkParser::MaxLabelLength);
        band.description = text(object, QStringLiteral("description"), path, false, FrameworkParser::MaxTextLength);
        const auto from = months(object, QStringLiteral("fromMonths"), path);
        const auto to = months(object, QStringLiteral("toMonths"), path);
        if (object.contains(QStringLiteral("fromMonths")) != object.contains(QStringLiteral("toMonths"))) {
            problem(path, FrameworkParser::tr("give both \"fromMonths\" and \"toMonths\", or neither."));
        } else if (from && to) {
            if (*from > *to)
                problem(path,
                        FrameworkParser::tr("\"fromMonths\" (%1) is after \"toMonths\" (%2).").arg(*from).arg(*to));
            band.fromMonths = *from;
            band.toMonths = *to;
        }
        if (!band.id.isEmpty())
            m_bandIds.insert(band.id);
        result.append(band);
    }
    return result;
}

QStringList Validator::bandRefs(const QJsonObject& object, const QString& path, const QStringList& inherited)
{
    const QJsonValue value = object.value(QStringLiteral("bands"));
    if (value.isUndefined())
        return inherited;
    if (!value.isArray()) {
        problem(path,
                FrameworkParser::tr("\"bands\" should be a list of band ids, but it is %1.").arg(typeName(value)));
        return inherited;
    }
    QStringList result;
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QString entry = childPath(path, QStringLiteral("bands"), i);
        const QJsonValue ref = array.at(i);
        if (!ref.isString()) {
            problem(entry,
                    FrameworkParser::tr("a band should be given by its id (text), but this is %1.").arg(typeName(ref)));
        } else if (!m_bandIds.contains(ref.toString())) {
            problem(
                entry,
                FrameworkParser::tr("'%1' is not one of this framework's bands (listed under \"bands\" at the top).")
                    .arg(ref.toString()));
        } else if (!result.contains(ref.toString())) {
            result.append(ref.toString());
        }
    }
    return result;
}

std::vector<FrameworkNode> Validator::nodes(const QJsonObject& parent, const QString& key, const QString& parentPath,
                                            int depth, const QStringList& inheritedBands)
{
    std::vector<FrameworkNode> result;
    const QJsonValue value = parent.value(key);
    if (value.isUndefined())
        return result;
    if (!value.isArray()) {
        problem(parentPath, FrameworkParser::tr("\"%1\" should be a list, but it is %2.").arg(key, typeName(value)));
        return result;
    }
    const QJsonArray array = value.toArray();
    if (!array.isEmpty() && depth > FrameworkParser::MaxDepth) {
        problem(
            childPath(parentPath, key, 0),
            FrameworkParser::tr("items can be nested at most %1 levels deep (area › aspect › statement › statement); "
                                "move this one up a level.")
                .arg(FrameworkParser::MaxDepth));
        return result;
    }
    result.reserve(size_t(array.size()));
    for (int i = 0; i < array.size() && !m_tooMany; ++i) {
        const QString path = childPath(parentPath, key, i);
        if (!count())
            break;
        if (!array.at(i).isObject()) {
            problem(path,
                    FrameworkParser::tr("each %1 should be an object ({ … }), but this is %2.")
                        .arg(levelNoun(depth), typeName(array.at(i))));
            continue;
        }
        if (auto parsed = node(array.at(i).toObject(), path, depth, inheritedBands))
            result.push_back(std::move(*parsed));
    }
    return result;
}

std::optional<FrameworkNode> Validator::node(const QJsonObject& object, const QString& path, int depth,
                                             const QStringList& inheritedBands)
{
    QStringList allowed {QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("description"),
                         QStringLiteral("bands")};
    if (depth == 1)
        allowed << QStringLiteral("group");
    const QString key = childrenKey(depth);
    allowed << key;
    checkFields(object, path, allowed);

    FrameworkNode node;
    node.id = id(object, path);
    node.label = text(object, QStringLiteral("label"), path, true, FrameworkParser::MaxLabelLength);
    node.description = text(object, QStringLiteral("description"), path, false, FrameworkParser::MaxTextLength);
    if (depth == 1)
        node.group = text(object, QStringLiteral("group"), path, false, FrameworkParser::MaxLabelLength);
    node.bands = bandRefs(object, path, inheritedBands);
    node.children = nodes(object, key, path, depth + 1, node.bands);
    if (node.id.isEmpty())
        return std::nullopt;
    return node;
}

Result<Framework> Validator::run(const QJsonObject& root)
{
    // A newer schema may mean anything; say so instead of listing problems that are not really there.
    const QJsonValue schema = root.value(QStringLiteral("schema"));
    if (!schema.isUndefined()) {
        const double version = schema.toDouble(-1);
        if (!schema.isDouble() || version < 1 || std::floor(version) != version)
            return Error(Error::Code::InvalidInput,
                         FrameworkParser::tr("\"schema\" should be %1 (the version of this file format).")
                             .arg(FrameworkParser::SchemaVersion));
        if (version > FrameworkParser::SchemaVersion)
            return Error(
                Error::Code::NewerVersion,
                FrameworkParser::tr("This framework was written for a newer version of Acorn (file format %1; this "
                                    "version reads format %2). Update Acorn, then import it again.")
                    .arg(int(version))
                    .arg(FrameworkParser::SchemaVersion));
    }

    checkFields(root, {},
                {QStringLiteral("schema"), QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("version"),
                 QStringLiteral("source"), QStringLiteral("kind"), QStringLiteral("description"),
                 QStringLiteral("bands"), QStringLiteral("areas")});

    Framework::Info info;
    info.builtIn = m_origin == FrameworkParser::Origin::BuiltIn;
    const QJsonValue id = root.value(QStringLiteral("id"));
    if (id.isUndefined()) {
        problem({}, FrameworkParser::tr("missing \"id\": give the framework a short id such as \"forest-school\"."));
    } else if (!id.isString()) {
        problem({}, FrameworkParser::tr("\"id\" should be text, but it is %1.").arg(typeName(id)));
    } else if (!FrameworkParser::isValidFrameworkId(id.toString())) {
        problem({},
                FrameworkParser::tr("the framework id '%1' may only use lower-case letters a-z, digits 0-9 and '-', "
                                    "starting with a letter or digit (at most 64 characters).")
                    .arg(id.toString()));
    } else {
        info.id = id.toString();
        if (m_origin == FrameworkParser::Origin::Custom)
            m_prefix = FrameworkParser::customPrefix(info.id);
    }
    info.name = text(root, QStringLiteral("name"), {}, true, FrameworkParser::MaxLabelLength);
    info.version = text(root, QStringLiteral("version"), {}, false, FrameworkParser::MaxLabelLength);
    info.source = text(root, QStringLiteral("source"), {}, false, FrameworkParser::MaxTextLength);
    info.description = text(root, QStringLiteral("description"), {}, false, FrameworkParser::MaxTextLength);
    const QJsonValue kind = root.value(QStringLiteral("kind"));
    const QString kinds = QStringLiteral("statutory, guidance, characteristics, curriculum, custom");
    if (kind.isUndefined()) {
        problem({}, FrameworkParser::tr("missing \"kind\" (one of: %1).").arg(kinds));
    } else if (!kind.isString()) {
        problem({}, FrameworkParser::tr("\"kind\" should be text, but it is %1.").arg(typeName(kind)));
    } else if (auto parsed = Framework::kindFromName(kind.toString())) {
        info.kind = *parsed;
    } else {
        problem({}, FrameworkParser::tr("\"kind\" is '%1'; use one of: %2.").arg(kind.toString(), kinds));
    }

    // Without a usable id a custom framework's prefix is unknown: every node would fail for that one reason.
    if (m_origin == FrameworkParser::Origin::Custom && m_prefix.isEmpty())
        return Error(Error::Code::InvalidInput, m_problems.join(QLatin1Char('\n')));

    QList<FrameworkBand> bandList = bands(root);
    QStringList allBands;
    for (const FrameworkBand& band : bandList)
        allBands.append(band.id);

    std::vector<FrameworkNode> areas;
    const QJsonValue areaValue = root.value(QStringLiteral("areas"));
    if (areaValue.isUndefined())
        problem({}, FrameworkParser::tr("missing \"areas\": a framework needs at least one area."));
    else if (areaValue.isArray() && areaValue.toArray().isEmpty())
        problem({}, FrameworkParser::tr("\"areas\" is empty: a framework needs at least one area."));
    else
        areas = nodes(root, QStringLiteral("areas"), {}, 1, allBands);

    if (!m_problems.isEmpty()) {
        QString message = m_problems.join(QLatin1Char('\n'));
        if (m_truncated)
            message += QLatin1Char('\n') + FrameworkParser::tr("… and more problems after these.");
        return Error(Error::Code::InvalidInput, message);
    }
    return Framework(std::move(info), std::move(bandList), std::move(areas));
}

} // namespace

Result<Framework> FrameworkParser::parse(const QByteArray& json, Origin origin)
{
    if (json.size() > MaxBytes)
        return Error(Error::Code::InvalidInput,
                     tr("The file is too large: a framework can be at most 2 MB, and this one is %1 bytes.")
                         .arg(QLocale().toString(json.size())));
    QByteArray data = json;
    if (data.startsWith("\xEF\xBB\xBF")) // a byte-order mark, as some Windows editors write
        data.remove(0, 3);
    if (data.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("The file is empty."));

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError) {
        const int offset = qBound(0, error.offset, int(data.size()));
        const int line = int(data.left(offset).count('\n')) + 1;
        const int column = offset - int(data.lastIndexOf('\n', offset - 1));
        return Error(Error::Code::InvalidInput,
                     tr("This is not valid JSON: %1 at line %2, column %3 (offset %4). Look for a missing comma, "
                        "quote or bracket just before that point.")
                         .arg(error.errorString())
                         .arg(line)
                         .arg(column)
                         .arg(offset));
    }
    if (!doc.isObject())
        return Error(Error::Code::InvalidInput,
                     tr("The file should hold one framework as a JSON object ({ … }), but it holds %1.")
                         .arg(doc.isArray() ? tr("a list") : tr("a single value")));
    return Validator(origin).run(doc.object());
}

bool FrameworkParser::isValidFrameworkId(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,63}$"));
    return pattern.match(id).hasMatch();
}

bool FrameworkParser::isValidNodeId(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9._-]+$"));
    return id.size() <= MaxIdLength && pattern.match(id).hasMatch();
}

QString FrameworkParser::customPrefix(const QString& frameworkId)
{
    return QStringLiteral("custom.") + frameworkId + QLatin1Char('.');
}

} // namespace Acorn
