#include "frameworks/FrameworkRegistry.h"

#include "auth/SettingsStore.h"
#include "frameworks/FrameworkParser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

namespace Acorn {

namespace {

Q_LOGGING_CATEGORY(lcFrameworks, "acorn.frameworks", QtInfoMsg)

QList<Framework> loadBuiltIns()
{
    QList<Framework> frameworks;
    const QDir dir(QStringLiteral(":/acorn/frameworks"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcFrameworks) << "cannot read built-in framework" << name;
            continue;
        }
        auto parsed = FrameworkParser::parse(file.readAll(), FrameworkParser::Origin::BuiltIn);
        if (!parsed) {
            qCWarning(lcFrameworks).noquote() << "built-in framework" << name << "is invalid:" << parsed.errorMessage();
            continue;
        }
        const bool duplicate = std::any_of(frameworks.cbegin(), frameworks.cend(),
                                           [&](const Framework& f) { return f.id() == parsed.value().id(); });
        if (duplicate) {
            qCWarning(lcFrameworks) << "built-in framework id used twice:" << parsed.value().id();
            continue;
        }
        frameworks.append(parsed.take());
    }
    // Statutory first, then guidance, characteristics and curricula: the order a manager meets them in.
    std::stable_sort(frameworks.begin(), frameworks.end(),
                     [](const Framework& a, const Framework& b) { return int(a.kind()) < int(b.kind()); });
    return frameworks;
}

QString idOf(const QJsonValue& definition)
{
    return definition.toObject().value(QStringLiteral("id")).toString();
}

} // namespace

FrameworkRegistry::FrameworkRegistry(SettingsStore& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{
    connect(&m_settings, &SettingsStore::changed, this, [this](SettingsStore::Key key) {
        if (key == SettingsStore::Key::CustomFrameworks) {
            m_customsLoaded = false;
            m_customs.clear();
            emit frameworksChanged();
        } else if (key == SettingsStore::Key::EnabledFrameworks) {
            emit frameworksChanged();
        }
    });
}

FrameworkRegistry::~FrameworkRegistry() = default;

const QList<Framework>& FrameworkRegistry::builtIns()
{
    static const QList<Framework> frameworks = loadBuiltIns();
    return frameworks;
}

QJsonArray FrameworkRegistry::storedCustoms() const
{
    const QString text = m_settings.stringValue(SettingsStore::Key::CustomFrameworks);
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

const std::vector<Framework>& FrameworkRegistry::customFrameworks() const
{
    if (m_customsLoaded)
        return m_customs;
    m_customsLoaded = true;
    m_customs.clear();
    for (const QJsonValue& definition : storedCustoms()) {
        const QByteArray json = QJsonDocument(definition.toObject()).toJson(QJsonDocument::Compact);
        auto parsed = FrameworkParser::parse(json, FrameworkParser::Origin::Custom);
        // Stored definitions were checked on import; one failing now was written by a newer Acorn or damaged.
        if (!parsed) {
            qCWarning(lcFrameworks) << "skipping stored custom framework" << idOf(definition);
            continue;
        }
        const bool shadowsBuiltIn = std::any_of(builtIns().cbegin(), builtIns().cend(),
                                                [&](const Framework& f) { return f.id() == parsed.value().id(); });
        if (shadowsBuiltIn) {
            qCWarning(lcFrameworks) << "skipping custom framework with a built-in id" << parsed.value().id();
            continue;
        }
        m_customs.push_back(parsed.take());
    }
    std::sort(m_customs.begin(), m_customs.end(),
              [](const Framework& a, const Framework& b) { return a.name().localeAwareCompare(b.name()) < 0; });
    return m_customs;
}

QList<const Framework*> FrameworkRegistry::all() const
{
    QList<const Framework*> result;
    for (const Framework& framework : builtIns())
        result.append(&framework);
    result.append(customs());
    return result;
}

QList<const Framework*> FrameworkRegistry::customs() const
{
    QList<const Framework*> result;
    for (const Framework& framework : customFrameworks())
        result.append(&framework);
    return result;
}

const Framework* FrameworkRegistry::framework(const QString& id) const
{
    for (const Framework* framework : all()) {
        if (framework->id() == id)
            return framework;
    }
    return nullptr;
}

QStringList FrameworkRegistry::enabledIds() const
{
    QStringList ids;
    const QString stored = m_settings.stringValue(SettingsStore::Key::EnabledFrameworks);
    for (const QString& id : stored.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (framework(id) && !ids.contains(id))
            ids.append(id);
    }
    return ids;
}

QList<const Framework*> FrameworkRegistry::enabled() const
{
    QList<const Framework*> result;
    for (const QString& id : enabledIds())
        result.append(framework(id));
    return result;
}

bool FrameworkRegistry::isEnabled(const QString& id) const
{
    return enabledIds().contains(id);
}

VoidResult FrameworkRegistry::setEnabled(const QString& id, bool enabled, const QString& byStaffId)
{
    QStringList ids = enabledIds();
    if (enabled && !ids.contains(id))
        ids.append(id);
    else if (!enabled)
        ids.removeAll(id);
    return setEnabledIds(ids, byStaffId);
}

VoidResult FrameworkRegistry::setEnabledIds(const QStringList& ids, const QString& byStaffId)
{
    QStringList clean;
    for (const QString& id : ids) {
        if (!framework(id))
            return Error(Error::Code::NotFound, tr("There is no framework with the id '%1'.").arg(id));
        if (!clean.contains(id))
            clean.append(id);
    }
    if (clean == enabledIds())
        return {};
    auto stored = m_settings.setValue(SettingsStore::Key::EnabledFrameworks, clean.join(QLatin1Char(',')), byStaffId);
    if (stored)
        qCInfo(lcFrameworks).noquote() << "enabled frameworks:" << clean.join(QLatin1Char(','));
    return stored;
}

Result<Framework> FrameworkRegistry::importCustom(const QByteArray& json, const QString& byStaffId)
{
    auto parsed = FrameworkParser::parse(json, FrameworkParser::Origin::Custom);
    if (!parsed)
        return parsed.error();
    const Framework& framework = parsed.value();
    for (const Framework& builtIn : builtIns()) {
        if (builtIn.id() == framework.id())
            return Error(Error::Code::AlreadyExists,
                         tr("'%1' is the id of %2, which is built into Acorn; give your framework a different id.")
                             .arg(framework.id(), builtIn.name()));
    }

    // The parser accepted it, so the text is a JSON object (perhaps after a byte-order mark).
    QByteArray text = json;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    const QJsonObject definition = QJsonDocument::fromJson(text).object();

    QJsonArray definitions = storedCustoms();
    bool replaced = false;
    for (int i = 0; i < definitions.size(); ++i) {
        if (idOf(definitions.at(i)) == framework.id()) {
            definitions.replace(i, definition);
            replaced = true;
            break;
        }
    }
    if (!replaced) {
        if (definitions.size() >= MaxCustomFrameworks)
            return Error(Error::Code::PolicyViolation,
                         tr("There are already %1 custom frameworks; remove one you no longer use, then import this "
                            "one again.")
                             .arg(MaxCustomFrameworks));
        definitions.append(definition);
    }
    const QByteArray stored = QJsonDocument(definitions).toJson(QJsonDocument::Compact);
    if (stored.size() > MaxCustomBytes)
        return Error(Error::Code::PolicyViolation,
                     tr("Custom frameworks can take up to 4 MB together, and this one would go over that; remove one "
                        "you no longer use, then import this one again."));
    auto saved = m_settings.setValue(SettingsStore::Key::CustomFrameworks, QString::fromUtf8(stored), byStaffId);
    if (!saved)
        return saved.error();
    qCInfo(lcFrameworks) << (replaced ? "replaced" : "imported") << "custom framework" << framework.id() << "with"
                         << framework.nodeCount() << "items";
    return parsed.take();
}

VoidResult FrameworkRegistry::removeCustom(const QString& id, const QString& byStaffId)
{
    for (const Framework& builtIn : builtIns()) {
        if (builtIn.id() == id)
            return Error(
                Error::Code::PermissionDenied,
                tr("%1 is built into Acorn and cannot be removed; switch it off instead.").arg(builtIn.name()));
    }
    QJsonArray definitions = storedCustoms();
    int index = -1;
    for (int i = 0; i < definitions.size() && index < 0; ++i) {
        if (idOf(definitions.at(i)) == id)
            index = i;
    }
    if (index < 0)
        return Error(Error::Code::NotFound, tr("There is no custom framework with the id '%1'.").arg(id));

    // Switch it off first: if the second write fails, a framework left defined but off is harmless.
    if (isEnabled(id)) {
        QStringList ids = enabledIds();
        ids.removeAll(id);
        if (auto disabled = setEnabledIds(ids, byStaffId); !disabled)
            return disabled;
    }
    definitions.removeAt(index);
    auto saved
        = m_settings.setValue(SettingsStore::Key::CustomFrameworks,
                              QString::fromUtf8(QJsonDocument(definitions).toJson(QJsonDocument::Compact)), byStaffId);
    if (saved)
        qCInfo(lcFrameworks) << "removed custom framework" << id;
    return saved;
}

const Framework* FrameworkRegistry::frameworkOfTag(const QString& tagId) const
{
    for (const Framework* framework : all()) {
        if (framework->contains(tagId))
            return framework;
    }
    return nullptr;
}

QString FrameworkRegistry::describeTag(const QString& tagId, const QString& bandId) const
{
    const Framework* framework = frameworkOfTag(tagId);
    if (!framework)
        return tr("%1 (no longer available)").arg(tagId);
    const QString path = framework->breadcrumb(tagId);
    const FrameworkBand* band = bandId.isEmpty() ? nullptr : framework->band(bandId);
    return band ? tr("%1 (%2)").arg(path, band->label) : path;
}

} // namespace Acorn
