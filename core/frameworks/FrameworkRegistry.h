#pragma once

#include "Result.h"
#include "frameworks/Framework.h"

#include <QObject>

#include <vector>

class QJsonArray;

namespace Acorn {

class SettingsStore;

// The frameworks a setting can tag against: the built-in ones (resources/frameworks) and those a manager imported,
// which of them are switched on, and how a tag reads on screen. Choices live in the settings of the encrypted
// database (EnabledFrameworks, CustomFrameworks).
//
// Like SettingsStore, it does not check permissions: callers check Action::ChangePolicy before changing anything.
// Pointers it returns stay valid until frameworksChanged().
class FrameworkRegistry final : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxCustomFrameworks = 20;
    static constexpr qsizetype MaxCustomBytes = 4 * 1024 * 1024; // all custom definitions together

    explicit FrameworkRegistry(SettingsStore& settings, QObject* parent = nullptr);
    ~FrameworkRegistry() override;

    // Loaded once per process; a file that fails to parse is left out and logged (tst_frameworks catches that).
    static const QList<Framework>& builtIns();

    // Built-in frameworks first (statutory, guidance, characteristics, curriculum), then custom ones by name.
    QList<const Framework*> all() const;
    QList<const Framework*> customs() const;
    const Framework* framework(const QString& id) const;

    // The enabled frameworks that exist, in the order stored.
    QStringList enabledIds() const;
    QList<const Framework*> enabled() const;
    bool isEnabled(const QString& id) const;
    [[nodiscard]] VoidResult setEnabled(const QString& id, bool enabled, const QString& byStaffId);
    [[nodiscard]] VoidResult setEnabledIds(const QStringList& ids, const QString& byStaffId);

    // Validates a manager's definition and stores it; one with the id of an existing custom framework replaces it.
    // Does not enable it.
    [[nodiscard]] Result<Framework> importCustom(const QByteArray& json, const QString& byStaffId);
    // Removes a custom framework (and switches it off). Tags already given keep their ids; describeTag() then says
    // the item is no longer available.
    [[nodiscard]] VoidResult removeCustom(const QString& id, const QString& byStaffId);

    // Any known framework, enabled or not: observations keep tags from frameworks switched off since.
    const Framework* frameworkOfTag(const QString& tagId) const;
    // "Communication and Language › Speaking", with " (Three and four-year-olds)" when a band of that framework is
    // given.
    QString describeTag(const QString& tagId, const QString& bandId = {}) const;

signals:
    void frameworksChanged();

private:
    const std::vector<Framework>& customFrameworks() const;
    QJsonArray storedCustoms() const;

    SettingsStore& m_settings;
    mutable std::vector<Framework> m_customs;
    mutable bool m_customsLoaded = false;
};

} // namespace Acorn
