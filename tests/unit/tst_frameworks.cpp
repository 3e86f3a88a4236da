// Framework definitions: the built-in files, the checks a manager's imported file goes through, and the registry
// of enabled and custom frameworks kept in the settings of a real encrypted database.
#include "TestNursery.h"

#include "auth/SettingsStore.h"
#include "frameworks/Framework.h"
#include "frameworks/FrameworkParser.h"
#include "frameworks/FrameworkRegistry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace Acorn;
using Acorn::Test::TestNursery;

namespace {

QByteArray readResource(const QString& fileName)
{
    QFile file(QStringLiteral(":/acorn/frameworks/") + fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

Framework builtIn(const QString& id)
{
    for (const Framework& framework : FrameworkRegistry::builtIns()) {
        if (framework.id() == id)
            return framework;
    }
    return {};
}

QStringList labels(const std::vector<FrameworkNode>& nodes)
{
    QStringList result;
    for (const FrameworkNode& node : nodes)
        result.append(node.label);
    return result;
}

QStringList bandIds(const Framework& framework)
{
    QStringList result;
    for (const FrameworkBand& band : framework.bands())
        result.append(band.id);
    return result;
}

// A custom framework with the given areas (JSON text of the list) and extra top-level fields.
QByteArray custom(const QByteArray& areas, const QByteArray& extra = {})
{
    return R"({"id": "forest", "name": "Forest School", "kind": "custom", )" + extra + R"("areas": )" + areas + "}";
}

// A chain of `depth` nested items: areas[0].aspects[0].statements[0]...
QByteArray nested(int depth)
{
    QJsonObject node {{"id", QStringLiteral("custom.forest.level%1").arg(depth)}, {"label", "Deepest"}};
    for (int level = depth - 1; level >= 1; --level) {
        const QString key = level == 1 ? QStringLiteral("aspects") : QStringLiteral("statements");
        node = QJsonObject {{"id", QStringLiteral("custom.forest.level%1").arg(level)},
                            {"label", QStringLiteral("Level %1").arg(level)},
                            {key, QJsonArray {node}}};
    }
    return QJsonDocument(QJsonArray {node}).toJson(QJsonDocument::Compact);
}

QByteArray manyAreas(int count)
{
    QJsonArray areas;
    for (int i = 0; i < count; ++i)
        areas.append(QJsonObject {{"id", QStringLiteral("custom.forest.a%1").arg(i)}, {"label", "An area"}});
    return QJsonDocument(areas).toJson(QJsonDocument::Compact);
}

const QByteArray ForestSchool = R"({
    "id": "forest-school",
    "name": "Forest School",
    "version": "2",
    "source": "Puddle Lane Nursery, 2025",
    "kind": "custom",
    "bands": [
        {"id": "custom.forest-school.band.little", "label": "Little explorers", "fromMonths": 24, "toMonths": 36},
        {"id": "custom.forest-school.band.big", "label": "Big explorers", "fromMonths": 36, "toMonths": 60}
    ],
    "areas": [
        {"id": "custom.forest-school.shelter", "label": "Shelter", "aspects": [
            {"id": "custom.forest-school.shelter.dens", "label": "Den building", "statements": [
                {"id": "custom.forest-school.shelter.dens.knots", "label": "Tying knots", "bands": ["custom.forest-school.band.big"], "statements": [
                    {"id": "custom.forest-school.shelter.dens.knots.reef", "label": "Reef knot"}
                ]}
            ]}
        ]},
        {"id": "custom.forest-school.fire", "label": "Fire safety", "bands": []}
    ]
})";

} // namespace

class TestFrameworks : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Messages format numbers for the reader's locale; pin it so the expected texts hold everywhere.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }

    void testEveryBuiltInFileParses()
    {
        const QStringList files = QDir(QStringLiteral(":/acorn/frameworks")).entryList({"*.json"}, QDir::Files);
        QCOMPARE(files,
                 (QStringList {"birth-to-5-matters-2021.json", "coel.json", "eyfs-2024.json", "montessori.json"}));
        for (const QString& file : files) {
            auto parsed = FrameworkParser::parse(readResource(file), FrameworkParser::Origin::BuiltIn);
            QVERIFY2(parsed, qPrintable(file + ": " + parsed.errorMessage()));
            const Framework& framework = parsed.value();
            QCOMPARE(framework.id() + QStringLiteral(".json"), file);
            QVERIFY(framework.isBuiltIn());
            QVERIFY2(!framework.name().isEmpty() && !framework.info().version.isEmpty()
                         && !framework.info().source.isEmpty() && !framework.info().description.isEmpty(),
                     qPrintable(file));
            QVERIFY(framework.kind() != Framework::Kind::Custom);
            for (const QString& id : framework.tagIds())
                QVERIFY2(!framework.node(id)->description.isEmpty(), qPrintable(id + " has no description"));
        }
        QCOMPARE(FrameworkRegistry::builtIns().size(), files.size());
        QStringList order;
        for (const Framework& framework : FrameworkRegistry::builtIns())
            order << framework.id();
        QCOMPARE(order, (QStringList {"eyfs-2024", "birth-to-5-matters-2021", "coel", "montessori"}));
    }

    void testIdsAreUniqueAcrossBuiltIns()
    {
        QHash<QString, QString> owner;
        int total = 0;
        for (const Framework& framework : FrameworkRegistry::builtIns()) {
            QStringList ids = framework.tagIds() + bandIds(framework);
            ids << framework.id();
            for (const QString& id : ids) {
                ++total;
                QVERIFY2(!owner.contains(id), qPrintable(id + " in " + framework.id() + " and " + owner.value(id)));
                QVERIFY2(FrameworkParser::isValidNodeId(id), qPrintable(id));
                QVERIFY2(!id.startsWith(QLatin1String("custom")), qPrintable(id));
                owner.insert(id, framework.id());
            }
        }
        QVERIFY(total > 100);
    }

    void testEyfs()
    {
        const Framework eyfs = builtIn(QStringLiteral("eyfs-2024"));
        QCOMPARE(eyfs.kind(), Framework::Kind::Statutory);
        const QList<std::pair<QString, QStringList>> expected {
            {"Communication and Language", {"Listening, Attention and Understanding", "Speaking"}},
            {"Physical Development", {"Gross Motor Skills", "Fine Motor Skills"}},
            {"Personal, Social and Emotional Development",
             {"Self-Regulation", "Managing Self", "Building Relationships"}},
            {"Literacy", {"Comprehension", "Word Reading", "Writing"}},
            {"Mathematics", {"Number", "Numerical Patterns"}},
            {"Understanding the World", {"Past and Present", "People, Culture and Communities", "The Natural World"}},
            {"Expressive Arts and Design", {"Creating with Materials", "Being Imaginative and Expressive"}},
        };
        QCOMPARE(int(eyfs.areas().size()), 7);
        int aspects = 0;
        for (int i = 0; i < 7; ++i) {
            const FrameworkNode& area = eyfs.areas()[size_t(i)];
            QCOMPARE(area.label, expected[i].first);
            QCOMPARE(area.group, i < 3 ? QStringLiteral("prime") : QStringLiteral("specific"));
            QCOMPARE(labels(area.children), expected[i].second);
            for (const FrameworkNode& aspect : area.children) {
                ++aspects;
                QVERIFY(aspect.children.empty());
                QCOMPARE(aspect.bands, bandIds(eyfs)); // every Development Matters band can be picked
            }
        }
        QCOMPARE(aspects, 17);
        QCOMPARE(eyfs.nodeCount(), 24);

        QStringList bandLabels;
        for (const FrameworkBand& band : eyfs.bands())
            bandLabels << band.label;
        QCOMPARE(bandLabels,
                 (QStringList {"Birth to three", "Three and four-year-olds", "Children in reception",
                               "Early learning goals"}));
    }

    void testBirthTo5Matters()
    {
        const Framework b25m = builtIn(QStringLiteral("birth-to-5-matters-2021"));
        QCOMPARE(b25m.kind(), Framework::Kind::Guidance);
        QCOMPARE(b25m.bands().size(), 6);
        int previousFrom = -1;
        for (int i = 0; i < 6; ++i) {
            const FrameworkBand& range = b25m.bands().at(i);
            QCOMPARE(range.label, QStringLiteral("Range %1").arg(i + 1));
            QVERIFY(range.hasAges());
            QVERIFY(range.fromMonths > previousFrom);
            QVERIFY(range.toMonths > range.fromMonths);
            previousFrom = range.fromMonths;
        }
        // The same seven areas and seventeen aspects as the EYFS, under their own ids.
        const Framework eyfs = builtIn(QStringLiteral("eyfs-2024"));
        QCOMPARE(labels(b25m.areas()), labels(eyfs.areas()));
        for (size_t i = 0; i < b25m.areas().size(); ++i) {
            QCOMPARE(labels(b25m.areas()[i].children), labels(eyfs.areas()[i].children));
            for (const FrameworkNode& aspect : b25m.areas()[i].children)
                QCOMPARE(aspect.bands.size(), 6);
        }
    }

    void testCoelAndMontessori()
    {
        const Framework coel = builtIn(QStringLiteral("coel"));
        QCOMPARE(labels(coel.areas()),
                 (QStringList {"Playing and exploring (engagement)", "Active learning (motivation)",
                               "Creating and thinking critically (thinking)"}));
        for (const FrameworkNode& area : coel.areas())
            QVERIFY(area.children.size() >= 3);
        QVERIFY(coel.bands().isEmpty());

        const Framework montessori = builtIn(QStringLiteral("montessori"));
        QCOMPARE(montessori.kind(), Framework::Kind::Curriculum);
        QCOMPARE(labels(montessori.areas()),
                 (QStringList {"Practical Life", "Sensorial", "Language", "Mathematics", "Cultural"}));
        QVERIFY(labels(montessori.areas()[0].children).contains("Grace and courtesy"));
        QVERIFY(labels(montessori.areas()[1].children).contains("Auditory discrimination"));
        QVERIFY(labels(montessori.areas()[3].children).contains("Decimal system"));
        QVERIFY(labels(montessori.areas()[4].children).contains("Botany"));
    }

    void testLookups()
    {
        const Framework eyfs = builtIn(QStringLiteral("eyfs-2024"));
        const FrameworkNode* speaking = eyfs.node(QStringLiteral("eyfs.cl.speaking"));
        QVERIFY(speaking);
        QCOMPARE(speaking->label, QStringLiteral("Speaking"));
        QCOMPARE(eyfs.breadcrumb(QStringLiteral("eyfs.cl.speaking")),
                 QStringLiteral("Communication and Language \u203a Speaking"));
        QCOMPARE(eyfs.path(QStringLiteral("eyfs.utw.natural-world")),
                 (QStringList {"Understanding the World", "The Natural World"}));
        QCOMPARE(eyfs.areaOf(QStringLiteral("eyfs.maths.numerical-patterns"))->id, QStringLiteral("eyfs.maths"));
        QCOMPARE(eyfs.areaOf(QStringLiteral("eyfs.maths"))->id, QStringLiteral("eyfs.maths"));
        QCOMPARE(eyfs.breadcrumb(QStringLiteral("eyfs.psed")),
                 QStringLiteral("Personal, Social and Emotional Development"));
        QCOMPARE(eyfs.tagIds().mid(0, 3), (QStringList {"eyfs.cl", "eyfs.cl.listening", "eyfs.cl.speaking"}));
        QCOMPARE(eyfs.band(QStringLiteral("eyfs.dm.reception"))->label, QStringLiteral("Children in reception"));

        QVERIFY(!eyfs.node(QStringLiteral("eyfs.cl.singing")));
        QVERIFY(!eyfs.areaOf(QStringLiteral("eyfs.cl.singing")));
        QVERIFY(eyfs.path(QStringLiteral("eyfs.cl.singing")).isEmpty());
        QVERIFY(!eyfs.band(QStringLiteral("eyfs.cl")));

        // Copies keep working: the index holds positions, not pointers.
        Framework copy = eyfs;
        QCOMPARE(copy.node(QStringLiteral("eyfs.cl.speaking"))->label, QStringLiteral("Speaking"));
        QVERIFY(copy.node(QStringLiteral("eyfs.cl.speaking")) != speaking);
    }

    void testValidCustomFramework()
    {
        auto parsed = FrameworkParser::parse(ForestSchool, FrameworkParser::Origin::Custom);
        QVERIFY2(parsed, qPrintable(parsed.errorMessage()));
        const Framework& forest = parsed.value();
        QVERIFY(!forest.isBuiltIn());
        QCOMPARE(forest.kind(), Framework::Kind::Custom);
        QCOMPARE(forest.nodeCount(), 5);
        QCOMPARE(forest.breadcrumb("custom.forest-school.shelter.dens.knots.reef"),
                 QStringLiteral("Shelter \u203a Den building \u203a Tying knots \u203a Reef knot"));
        // Bands are inherited from the parent unless a node lists its own; an empty list means none.
        const QStringList both {"custom.forest-school.band.little", "custom.forest-school.band.big"};
        QCOMPARE(forest.node("custom.forest-school.shelter")->bands, both);
        QCOMPARE(forest.node("custom.forest-school.shelter.dens")->bands, both);
        QCOMPARE(forest.node("custom.forest-school.shelter.dens.knots")->bands,
                 QStringList {"custom.forest-school.band.big"});
        QCOMPARE(forest.node("custom.forest-school.shelter.dens.knots.reef")->bands,
                 QStringList {"custom.forest-school.band.big"});
        QVERIFY(forest.node("custom.forest-school.fire")->bands.isEmpty());

        // A byte-order mark (Windows Notepad) and surrounding whitespace are fine.
        QVERIFY(FrameworkParser::parse("\xEF\xBB\xBF\n" + ForestSchool + "\n", FrameworkParser::Origin::Custom));
    }

    void testCustomIdsAreForcedUnderCustom()
    {
        // A copy of a built-in file cannot be imported as it is: its ids would shadow the built-in ones.
        const QByteArray eyfs = readResource(QStringLiteral("eyfs-2024.json"));
        QVERIFY(FrameworkParser::parse(eyfs, FrameworkParser::Origin::BuiltIn));
        auto copied = FrameworkParser::parse(eyfs, FrameworkParser::Origin::Custom);
        QVERIFY(!copied);
        QCOMPARE(copied.code(), Error::Code::InvalidInput);
        QVERIFY2(copied.errorMessage().startsWith(
                     "At entry 'bands[0]': the id 'eyfs.dm.birth-to-three' must start with 'custom.eyfs-2024.'"),
                 qPrintable(copied.errorMessage()));
        QVERIFY(copied.errorMessage().contains(
            "At entry 'areas[0]': the id 'eyfs.cl' must start with 'custom.eyfs-2024.'"));

        // Every id of an accepted custom framework sits under custom.<its id>.
        auto forest = FrameworkParser::parse(ForestSchool, FrameworkParser::Origin::Custom);
        QVERIFY(forest);
        for (const QString& id : forest.value().tagIds() + bandIds(forest.value()))
            QVERIFY2(id.startsWith(QLatin1String("custom.forest-school.")), qPrintable(id));
        QCOMPARE(FrameworkParser::customPrefix("forest-school"), QStringLiteral("custom.forest-school."));

        // Built-in files are not held to that rule, but to the same form of id.
        auto builtInStyle = FrameworkParser::parse(custom(R"([{"id": "forest.den", "label": "Dens"}])"),
                                                   FrameworkParser::Origin::BuiltIn);
        QVERIFY2(builtInStyle, qPrintable(builtInStyle.errorMessage()));
    }

    void testBrokenCustomFramework_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const QString mustStart = QStringLiteral(
            "At entry 'areas[0]': the id '%1' must start with 'custom.forest.' followed by a name of your choice: a "
            "custom framework's ids start with \"custom.\" and its own id, so they never clash with Acorn's built-in "
            "ones.");
        const QString depthTail = QStringLiteral(
            "items can be nested at most 4 levels deep (area \u203a aspect \u203a statement \u203a statement); move "
            "this one up a level.");

        QTest::newRow("empty file") << QByteArray(" \n ") << "The file is empty.";
        QTest::newRow("not JSON")
            << QByteArray("{\n  \"id\": \"forest\",\n  \"name\": \n}")
            << "This is not valid JSON: object is missing after a comma at line 4, column 2 (offset 32). Look "
               "for a missing comma, quote or bracket just before that point.";
        QTest::newRow("not JSON at all") << QByteArray("Forest School: dens, fires, knots")
                                         << "This is not valid JSON: illegal value at line 1, column 2 (offset 1). "
                                            "Look for a missing comma, quote or bracket just before that point.";
        QTest::newRow("a list, not an object")
            << QByteArray("[]") << "The file should hold one framework as a JSON object ({ … }), but it holds a list.";
        QTest::newRow("too large") << custom(R"([{"id": "custom.forest.den", "label": "Dens"}])")
                                          .append(QByteArray(FrameworkParser::MaxBytes, ' '))
                                   << "The file is too large: a framework can be at most 2 MB, and this one is "
                                      "2,097,268 bytes.";
        QTest::newRow("missing name") << QByteArray(
            R"({"id": "forest", "kind": "custom", "areas": [{"id": "custom.forest.den", "label": "Dens"}]})")
                                      << "Missing \"name\".";
        QTest::newRow("blank name") << QByteArray(R"({"id": "forest", "name": "   ", "kind": "custom",
                                                      "areas": [{"id": "custom.forest.den", "label": "Dens"}]})")
                                    << "\"name\" is empty.";
        QTest::newRow("name is a number") << QByteArray(R"({"id": "forest", "name": 7, "kind": "custom",
                             "areas": [{"id": "custom.forest.den", "label": "Dens"}]})")
                                          << "\"name\" should be text, but it is a number.";
        QTest::newRow("missing id") << QByteArray(R"({"name": "Forest School", "kind": "custom", "areas": []})")
                                    << "Missing \"id\": give the framework a short id such as \"forest-school\".";
        QTest::newRow("framework id with spaces")
            << QByteArray(R"({"id": "Forest School", "name": "Forest School", "kind": "custom", "areas": []})")
            << "The framework id 'Forest School' may only use lower-case letters a-z, digits 0-9 and '-', starting "
               "with a letter or digit (at most 64 characters).";
        QTest::newRow("framework id with a dot")
            << QByteArray(R"({"id": "forest.school", "name": "Forest School", "kind": "custom", "areas": []})")
            << "The framework id 'forest.school' may only use lower-case letters a-z, digits 0-9 and '-', starting "
               "with a letter or digit (at most 64 characters).";
        QTest::newRow("missing kind")
            << QByteArray(R"({"id": "forest", "name": "Forest School",
                             "areas": [{"id": "custom.forest.den", "label": "Dens"}]})")
            << "Missing \"kind\" (one of: statutory, guidance, characteristics, curriculum, custom).";
        QTest::newRow("unknown kind")
            << QByteArray(R"({"id": "forest", "name": "Forest School", "kind": "official",
                             "areas": [{"id": "custom.forest.den", "label": "Dens"}]})")
            << "\"kind\" is 'official'; use one of: statutory, guidance, characteristics, curriculum, custom.";
        QTest::newRow("newer file format")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens"}])", R"("schema": 2, )")
            << "This framework was written for a newer version of Acorn (file format 2; this version reads format "
               "1). Update Acorn, then import it again.";
        QTest::newRow("unknown top-level field")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens"}])", R"("author": "Mabel", )")
            << "Unknown field \"author\" (allowed here: schema, id, name, version, source, kind, description, bands, "
               "areas).";
        QTest::newRow("missing areas") << QByteArray(R"({"id": "forest", "name": "Forest School", "kind": "custom"})")
                                       << "Missing \"areas\": a framework needs at least one area.";
        QTest::newRow("no areas") << custom("[]") << "\"areas\" is empty: a framework needs at least one area.";
        QTest::newRow("areas not a list") << custom(R"({"id": "custom.forest.den", "label": "Dens"})")
                                          << "\"areas\" should be a list, but it is an object.";
        QTest::newRow("area is text") << custom(
            R"(["Den building"])") << "At entry 'areas[0]': each area should be an object ({ … }), but this is text.";
        QTest::newRow("aspect is a number")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens", "aspects": [3]}])")
            << "At entry 'areas[0].aspects[0]': each aspect should be an object ({ … }), but this is a number.";
        QTest::newRow("missing label") << custom(R"([{"id": "custom.forest.den"}])")
                                       << "At entry 'areas[0]': missing \"label\".";
        QTest::newRow("empty label") << custom(R"([{"id": "custom.forest.den", "label": " "}])")
                                     << "At entry 'areas[0]': \"label\" is empty.";
        QTest::newRow("label is true/false") << custom(R"([{"id": "custom.forest.den", "label": true}])")
                                             << "At entry 'areas[0]': \"label\" should be text, but it is true/false.";
        QTest::newRow("label too long") << custom(R"([{"id": "custom.forest.den", "label": ")" + QByteArray(151, 'x')
                                                  + R"("}])")
                                        << "At entry 'areas[0]': \"label\" is 151 characters long; keep it to 150.";
        QTest::newRow("description is a list")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens", "description": ["Big", "Small"]}])")
            << "At entry 'areas[0]': \"description\" should be text, but it is a list.";
        QTest::newRow("missing node id") << custom(R"([{"label": "Dens"}])") << "At entry 'areas[0]': missing \"id\".";
        QTest::newRow("empty node id") << custom(R"([{"id": "", "label": "Dens"}])")
                                       << "At entry 'areas[0]': \"id\" is empty.";
        QTest::newRow("node id is a number") << custom(R"([{"id": 12, "label": "Dens"}])")
                                             << "At entry 'areas[0]': \"id\" should be text, but it is a number.";
        QTest::newRow("id with capitals and a space")
            << custom(R"([{"id": "custom.forest.Den Building", "label": "Dens"}])")
            << "At entry 'areas[0]': the id 'custom.forest.Den Building' may only use lower-case letters a-z, digits "
               "0-9, '.', '_' and '-'.";
        QTest::newRow("id with a slash") << custom(R"([{"id": "custom.forest.dens/fires", "label": "Dens"}])")
                                         << "At entry 'areas[0]': the id 'custom.forest.dens/fires' may only use "
                                            "lower-case letters a-z, digits 0-9, '.', '_' and '-'.";
        QTest::newRow("id of a built-in")
            << custom(R"([{"id": "eyfs.cl", "label": "Talking"}])") << mustStart.arg("eyfs.cl");
        QTest::newRow("id of another custom framework")
            << custom(R"([{"id": "custom.forester.den", "label": "Dens"}])") << mustStart.arg("custom.forester.den");
        QTest::newRow("id is only the prefix")
            << custom(R"([{"id": "custom.forest.", "label": "Dens"}])") << mustStart.arg("custom.forest.");
        QTest::newRow("id used twice")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens"},
                          {"id": "custom.forest.fire", "label": "Fire", "aspects": [
                              {"id": "custom.forest.den", "label": "Dens again"}]}])")
            << "At entry 'areas[1].aspects[0]': the id 'custom.forest.den' is used twice (first at 'areas[0]').";
        QTest::newRow("band id used as a node id")
            << custom(R"([{"id": "custom.forest.little", "label": "Little ones"}])",
                      R"("bands": [{"id": "custom.forest.little", "label": "Little ones"}], )")
            << "At entry 'areas[0]': the id 'custom.forest.little' is used twice (first at 'bands[0]').";
        QTest::newRow("unknown field in an area")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens", "aspect": []}])")
            << "At entry 'areas[0]': unknown field \"aspect\" (allowed here: id, label, description, bands, group, "
               "aspects).";
        QTest::newRow("aspects inside an aspect")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens", "aspects": [
                          {"id": "custom.forest.den.roof", "label": "Roofs", "aspects": []}]}])")
            << "At entry 'areas[0].aspects[0]': unknown field \"aspects\" (allowed here: id, label, description, "
               "bands, statements).";
        QTest::newRow("five levels deep")
            << custom(nested(5))
            << "At entry 'areas[0].aspects[0].statements[0].statements[0].statements[0]': " + depthTail;
        QTest::newRow("too many items")
            << custom(manyAreas(FrameworkParser::MaxNodes + 1))
            << "The framework has more than 5,000 items (areas, aspects, statements and bands together); split it "
               "into smaller frameworks.";
        QTest::newRow("unknown band")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens", "bands": ["custom.forest.big"]}])")
            << "At entry 'areas[0].bands[0]': 'custom.forest.big' is not one of this framework's bands (listed under "
               "\"bands\" at the top).";
        QTest::newRow("bands not a list")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens", "bands": "custom.forest.big"}])")
            << "At entry 'areas[0]': \"bands\" should be a list of band ids, but it is text.";
        QTest::newRow("band ages the wrong way round")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens"}])",
                      R"("bands": [{"id": "custom.forest.big", "label": "Big", "fromMonths": 60, "toMonths": 36}], )")
            << "At entry 'bands[0]': \"fromMonths\" (60) is after \"toMonths\" (36).";
        QTest::newRow("band with one age")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens"}])",
                      R"("bands": [{"id": "custom.forest.big", "label": "Big", "fromMonths": 36}], )")
            << "At entry 'bands[0]': give both \"fromMonths\" and \"toMonths\", or neither.";
        QTest::newRow("band age not whole")
            << custom(R"([{"id": "custom.forest.den", "label": "Dens"}])",
                      R"("bands": [{"id": "custom.forest.big", "label": "Big", "fromMonths": 2.5, "toMonths": 6}], )")
            << "At entry 'bands[0]': \"fromMonths\" should be a whole number of months from 0 to 240.";
        QTest::newRow("band without label") << custom(R"([{"id": "custom.forest.den", "label": "Dens"}])",
                                                      R"("bands": [{"id": "custom.forest.big"}], )")
                                            << "At entry 'bands[0]': missing \"label\".";
    }

    void testBrokenCustomFramework()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        auto parsed = FrameworkParser::parse(json, FrameworkParser::Origin::Custom);
        QVERIFY(!parsed);
        QCOMPARE(parsed.errorMessage(), message);
        QCOMPARE(parsed.code(),
                 message.startsWith("This framework was written for a newer") ? Error::Code::NewerVersion
                                                                              : Error::Code::InvalidInput);
    }

    void testDepthAndSizeLimitsAreInclusive()
    {
        auto four = FrameworkParser::parse(custom(nested(4)), FrameworkParser::Origin::Custom);
        QVERIFY2(four, qPrintable(four.errorMessage()));
        QCOMPARE(four.value().nodeCount(), 4);
        auto most
            = FrameworkParser::parse(custom(manyAreas(FrameworkParser::MaxNodes)), FrameworkParser::Origin::Custom);
        QVERIFY2(most, qPrintable(most.errorMessage()));
        QCOMPARE(most.value().nodeCount(), FrameworkParser::MaxNodes);
    }

    void testSeveralProblemsAreReportedTogether()
    {
        auto two = FrameworkParser::parse(
            R"({"id": "forest", "kind": "custom", "areas": [{"id": "custom.forest.den", "label": ""}]})",
            FrameworkParser::Origin::Custom);
        QVERIFY(!two);
        QCOMPARE(two.errorMessage(), QStringLiteral("Missing \"name\".\nAt entry 'areas[0]': \"label\" is empty."));

        QJsonArray areas;
        for (int i = 0; i < 15; ++i)
            areas.append(QJsonObject {{"id", QStringLiteral("custom.forest.a%1").arg(i)}, {"label", ""}});
        auto many = FrameworkParser::parse(custom(QJsonDocument(areas).toJson()), FrameworkParser::Origin::Custom);
        QVERIFY(!many);
        const QStringList lines = many.errorMessage().split('\n');
        QCOMPARE(lines.size(), FrameworkParser::MaxProblems + 1);
        QCOMPARE(lines.first(), QStringLiteral("At entry 'areas[0]': \"label\" is empty."));
        QCOMPARE(lines.last(), QStringLiteral("… and more problems after these."));
    }

    void testSettingsSanitiseFrameworkKeys()
    {
        using Key = SettingsStore::Key;
        QCOMPARE(SettingsStore::defaultValue(Key::EnabledFrameworks).toString(), QStringLiteral("eyfs-2024,coel"));
        QCOMPARE(
            SettingsStore::sanitise(Key::EnabledFrameworks, " coel, EYFS ,coel,,no spaces,montessori,a.b").toString(),
            QStringLiteral("coel,montessori"));
        const QVariant none = SettingsStore::sanitise(Key::EnabledFrameworks, "");
        QCOMPARE(none.toString(), QString());
        QVERIFY(!none.toString().isNull()); // stored as "", not NULL
        QCOMPARE(SettingsStore::defaultValue(Key::CustomFrameworks).toString(), QStringLiteral("[]"));
        QCOMPARE(SettingsStore::sanitise(Key::CustomFrameworks, "not json").toString(), QStringLiteral("[]"));
        QCOMPARE(SettingsStore::sanitise(Key::CustomFrameworks, R"({"id": "forest"})").toString(),
                 QStringLiteral("[]"));
        QCOMPARE(SettingsStore::sanitise(Key::CustomFrameworks, R"([ {"id": "forest"} ])").toString(),
                 QStringLiteral(R"([{"id":"forest"}])"));
        QVERIFY(SettingsStore::keyName(Key::EnabledFrameworks) != SettingsStore::keyName(Key::CustomFrameworks));
    }

    void testEnableAndDisableRoundTrip()
    {
        TestNursery nursery;
        QVERIFY2(nursery.isValid(), qPrintable(nursery.errorMessage()));
        {
            auto session = nursery.signIn();
            QVERIFY(session);
            const QString by = session->staff().id;
            FrameworkRegistry registry(session->settings());
            QCOMPARE(registry.enabledIds(), (QStringList {"eyfs-2024", "coel"}));
            QVERIFY(registry.isEnabled("coel"));
            QVERIFY(!registry.isEnabled("montessori"));
            QCOMPARE(registry.all().size(), 4);

            QSignalSpy changed(&registry, &FrameworkRegistry::frameworksChanged);
            QVERIFY(registry.setEnabled("montessori", true, by));
            QVERIFY(registry.setEnabled("coel", false, by));
            QVERIFY(registry.setEnabled("montessori", true, by)); // already on: nothing to store
            QCOMPARE(changed.count(), 2);
            QCOMPARE(registry.enabledIds(), (QStringList {"eyfs-2024", "montessori"}));

            auto unknown = registry.setEnabled("reggio-emilia", true, by);
            QVERIFY(!unknown);
            QCOMPARE(unknown.code(), Error::Code::NotFound);
            QCOMPARE(unknown.errorMessage(), QStringLiteral("There is no framework with the id 'reggio-emilia'."));
            QCOMPARE(registry.enabledIds(), (QStringList {"eyfs-2024", "montessori"}));
            session->end(Session::EndReason::SignOut);
        }
        {
            // A new session on the same encrypted database reads back what was stored.
            auto session = nursery.signIn();
            QVERIFY(session);
            QCOMPARE(session->settings().stringValue(SettingsStore::Key::EnabledFrameworks),
                     QStringLiteral("eyfs-2024,montessori"));
            FrameworkRegistry registry(session->settings());
            QCOMPARE(registry.enabledIds(), (QStringList {"eyfs-2024", "montessori"}));
            QList<const Framework*> enabled = registry.enabled();
            QCOMPARE(enabled.size(), 2);
            QCOMPARE(enabled.at(1)->name(), QStringLiteral("Montessori curriculum"));

            // Switching everything off is a choice too, and does not fall back to the default.
            QVERIFY(registry.setEnabledIds({}, session->staff().id));
            session->end(Session::EndReason::SignOut);
        }
        auto session = nursery.signIn();
        QVERIFY(session);
        QVERIFY(FrameworkRegistry(session->settings()).enabledIds().isEmpty());
    }

    void testCustomFrameworkImportAndRemoval()
    {
        TestNursery nursery;
        QVERIFY2(nursery.isValid(), qPrintable(nursery.errorMessage()));
        auto session = nursery.signIn();
        QVERIFY(session);
        const QString by = session->staff().id;
        FrameworkRegistry registry(session->settings());
        QSignalSpy changed(&registry, &FrameworkRegistry::frameworksChanged);

        auto imported = registry.importCustom(ForestSchool, by);
        QVERIFY2(imported, qPrintable(imported.errorMessage()));
        QCOMPARE(imported.value().name(), QStringLiteral("Forest School"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(registry.customs().size(), 1);
        QCOMPARE(registry.all().size(), 5);
        QVERIFY(!registry.isEnabled("forest-school")); // importing does not switch it on
        QVERIFY(registry.setEnabled("forest-school", true, by));
        QCOMPARE(registry.enabledIds(), (QStringList {"eyfs-2024", "coel", "forest-school"}));

        QCOMPARE(registry.describeTag("custom.forest-school.shelter.dens"),
                 QStringLiteral("Shelter \u203a Den building"));
        QCOMPARE(registry.describeTag("eyfs.cl.speaking", "eyfs.dm.three-and-four"),
                 QStringLiteral("Communication and Language \u203a Speaking (Three and four-year-olds)"));
        QCOMPARE(registry.describeTag("eyfs.cl.speaking", "b25m.range-4"), // another framework's band is ignored
                 QStringLiteral("Communication and Language \u203a Speaking"));
        QCOMPARE(registry.describeTag("montessori.sensorial.visual"), // known even while switched off
                 QStringLiteral("Sensorial \u203a Visual discrimination"));
        QCOMPARE(registry.frameworkOfTag("b25m.cl.speaking")->id(), QStringLiteral("birth-to-5-matters-2021"));

        // A broken file is refused with its message, and nothing is stored.
        auto broken = registry.importCustom(custom(R"([{"id": "eyfs.cl", "label": "Talking"}])"), by);
        QVERIFY(!broken);
        QVERIFY(broken.errorMessage().startsWith("At entry 'areas[0]': the id 'eyfs.cl' must start with"));
        // So is one that takes a built-in framework's id, even with its own ids under custom.coel.
        auto shadow = registry.importCustom(R"({"id": "coel", "name": "My COEL", "kind": "custom",
                                                "areas": [{"id": "custom.coel.fun", "label": "Fun"}]})",
                                            by);
        QVERIFY(!shadow);
        QCOMPARE(shadow.code(), Error::Code::AlreadyExists);
        QCOMPARE(shadow.errorMessage(),
                 QStringLiteral("'coel' is the id of Characteristics of Effective Learning, which is built into Acorn; "
                                "give your framework a different id."));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(registry.customs().size(), 1);

        // Importing the same id again replaces it: that is how a manager edits their framework.
        QByteArray edited = ForestSchool;
        edited.replace("\"Den building\"", "\"Building dens\"");
        QVERIFY(registry.importCustom(edited, by));
        QCOMPARE(registry.customs().size(), 1);
        QCOMPARE(registry.describeTag("custom.forest-school.shelter.dens"),
                 QStringLiteral("Shelter \u203a Building dens"));
        session->end(Session::EndReason::SignOut);

        session = nursery.signIn();
        QVERIFY(session);
        FrameworkRegistry reopened(session->settings());
        QCOMPARE(reopened.customs().size(), 1);
        QCOMPARE(reopened.framework("forest-school")->breadcrumb("custom.forest-school.shelter.dens.knots"),
                 QStringLiteral("Shelter \u203a Building dens \u203a Tying knots"));
        QVERIFY(reopened.isEnabled("forest-school"));

        auto builtInRemoval = reopened.removeCustom("eyfs-2024", session->staff().id);
        QVERIFY(!builtInRemoval);
        QCOMPARE(builtInRemoval.errorMessage(),
                 QStringLiteral("Early Years Foundation Stage is built into Acorn and cannot be removed; switch it off "
                                "instead."));
        QCOMPARE(reopened.removeCustom("woodland", session->staff().id).code(), Error::Code::NotFound);

        QVERIFY(reopened.removeCustom("forest-school", session->staff().id));
        QVERIFY(reopened.customs().isEmpty());
        QVERIFY(!reopened.framework("forest-school"));
        QCOMPARE(reopened.enabledIds(), (QStringList {"eyfs-2024", "coel"}));
        QCOMPARE(session->settings().stringValue(SettingsStore::Key::EnabledFrameworks),
                 QStringLiteral("eyfs-2024,coel"));
        QCOMPARE(session->settings().stringValue(SettingsStore::Key::CustomFrameworks), QStringLiteral("[]"));
        // Observations may still carry its tags: they read as no longer available rather than vanishing.
        QCOMPARE(reopened.describeTag("custom.forest-school.shelter.dens"),
                 QStringLiteral("custom.forest-school.shelter.dens (no longer available)"));
    }

    void testCustomFrameworkLimit()
    {
        TestNursery nursery;
        QVERIFY2(nursery.isValid(), qPrintable(nursery.errorMessage()));
        auto session = nursery.signIn();
        QVERIFY(session);
        FrameworkRegistry registry(session->settings());
        for (int i = 0; i < FrameworkRegistry::MaxCustomFrameworks; ++i) {
            const QByteArray json = QStringLiteral(R"({"id": "f%1", "name": "F%1", "kind": "custom",
                                                      "areas": [{"id": "custom.f%1.a", "label": "A"}]})")
                                        .arg(i)
                                        .toUtf8();
            QVERIFY(registry.importCustom(json, session->staff().id));
        }
        auto tooMany = registry.importCustom(
            R"({"id": "extra", "name": "Extra", "kind": "custom", "areas": [{"id": "custom.extra.a", "label": "A"}]})",
            session->staff().id);
        QVERIFY(!tooMany);
        QCOMPARE(tooMany.code(), Error::Code::PolicyViolation);
        // Replacing an existing one is still possible at the limit.
        QVERIFY(registry.importCustom(
            R"({"id": "f0", "name": "F zero", "kind": "custom", "areas": [{"id": "custom.f0.a", "label": "A"}]})",
            session->staff().id));
        QCOMPARE(registry.customs().size(), FrameworkRegistry::MaxCustomFrameworks);
    }
};

QTEST_GUILESS_MAIN(TestFrameworks)
#include "tst_frameworks.moc"
