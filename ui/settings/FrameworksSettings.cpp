#include "settings/FrameworksSettings.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "frameworks/FrameworkRegistry.h"
#include "lock/LockController.h"
#include "storage/Database.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Acorn {

namespace {
QString kindText(Framework::Kind kind)
{
    switch (kind) {
    case Framework::Kind::Statutory:
        return FrameworksSettings::tr("Statutory framework");
    case Framework::Kind::Guidance:
        return FrameworksSettings::tr("Guidance");
    case Framework::Kind::Characteristics:
        return FrameworksSettings::tr("How children learn");
    case Framework::Kind::Curriculum:
        return FrameworksSettings::tr("Curriculum");
    case Framework::Kind::Custom:
        break;
    }
    return FrameworksSettings::tr("Added by your setting");
}

// What one framework file may weigh: more than every custom framework together may not be stored anyway.
constexpr qint64 MaxFileSize = FrameworkRegistry::MaxCustomBytes;
} // namespace

FrameworksSettings::FrameworksSettings(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_listWidget(new QWidget)
    , m_listLayout(new QVBoxLayout(m_listWidget))
    , m_importButton(new QPushButton(tr("Add your own framework from a file…"), this))
    , m_statusLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("frameworksSettings"));
    auto* hint = new QLabel(tr("Staff tag observations with the frameworks ticked here. Changes apply at once; tags "
                               "already given stay on their observations."),
                            this);
    Theme::makeHint(hint);
    m_listWidget->setObjectName(QStringLiteral("frameworkList"));
    m_listLayout->setContentsMargins(0, 0, 0, 0);
    m_listLayout->setSpacing(2);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("frameworkScrollArea"));
    scroll->setWidget(m_listWidget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->viewport()->setAutoFillBackground(false);
    m_listWidget->setAutoFillBackground(false);

    m_importButton->setObjectName(QStringLiteral("importFrameworkButton"));
    m_statusLabel->setObjectName(QStringLiteral("frameworksStatusLabel"));
    Theme::makeSuccess(m_statusLabel);
    m_errorLabel->setObjectName(QStringLiteral("frameworksErrorLabel"));
    Theme::makeError(m_errorLabel);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* importRow = new QHBoxLayout;
    importRow->addWidget(m_importButton);
    importRow->addStretch();

    // One readable column, like the other settings, rather than a Remove button at the far edge of a wide screen.
    auto* column = new QWidget(this);
    column->setMaximumWidth(900);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(hint);
    layout->addWidget(scroll, 1);
    layout->addLayout(importRow);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    auto* outer = new QHBoxLayout(this);
    outer->addWidget(column, 1);
    outer->addStretch(0);

    connect(m_importButton, &QPushButton::clicked, this, &FrameworksSettings::chooseFile);
    load();
}

void FrameworksSettings::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    load();
}

void FrameworksSettings::load()
{
    while (QLayoutItem* item = m_listLayout->takeAt(0)) {
        if (QLayout* row = item->layout()) {
            while (QLayoutItem* inner = row->takeAt(0)) {
                delete inner->widget();
                delete inner;
            }
        }
        delete item->widget();
        delete item;
    }
    Session* session = m_lock.session();
    if (!session)
        return;
    const bool allowed = session->can(Action::ChangePolicy);
    // A kiosk browses no files: frameworks are added on a manager's own computer.
    m_importButton->setEnabled(allowed && !m_lock.isKiosk());
    if (m_lock.isKiosk())
        m_importButton->setToolTip(tr("Not on this shared device: add frameworks from a manager's computer."));
    FrameworkRegistry registry(session->settings());
    const QList<const Framework*> customs = registry.customs();

    const auto addRow = [&](const Framework& framework) {
        const QString id = framework.id();
        auto* row = new QHBoxLayout;
        auto* box = new QCheckBox(framework.name(), m_listWidget);
        box->setObjectName(QStringLiteral("frameworkCheckBox_") + id);
        box->setChecked(registry.isEnabled(id));
        box->setEnabled(allowed);
        box->setToolTip(framework.info().description.isEmpty() ? framework.info().source
                                                               : framework.info().description);
        const int areas = int(framework.areas().size());
        auto* about = new QLabel(areas == 1 ? tr("%1 · 1 area").arg(kindText(framework.kind()))
                                            : tr("%1 · %2 areas").arg(kindText(framework.kind())).arg(areas),
                                 m_listWidget);
        Theme::makeHint(about);
        about->setWordWrap(false);
        row->addWidget(box);
        row->addSpacing(12);
        row->addWidget(about);
        row->addStretch();
        if (!framework.isBuiltIn()) {
            auto* remove = new QPushButton(tr("Remove"), m_listWidget);
            remove->setObjectName(QStringLiteral("removeFrameworkButton_") + id);
            remove->setEnabled(allowed);
            row->addWidget(remove);
            connect(remove, &QPushButton::clicked, this, [this, id] { confirmRemove(id); });
        }
        m_listLayout->addLayout(row);
        connect(box, &QCheckBox::toggled, this, [this, id](bool on) { setFrameworkEnabled(id, on); });
    };

    const auto title = [&](const QString& text) {
        auto* label = new QLabel(text, m_listWidget);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        m_listLayout->addWidget(label);
    };
    title(tr("Built into Acorn"));
    for (const Framework& framework : FrameworkRegistry::builtIns())
        addRow(framework);
    m_listLayout->addSpacing(12);
    title(tr("Your setting's own"));
    for (const Framework* framework : customs)
        addRow(*framework);
    if (customs.isEmpty()) {
        auto* none = new QLabel(tr("None yet. A framework of your own is a file written in Acorn's framework format "
                                   "(ask whoever looks after your computers)."),
                                m_listWidget);
        none->setObjectName(QStringLiteral("noCustomFrameworksLabel"));
        Theme::makeHint(none);
        m_listLayout->addWidget(none);
    }
    m_listLayout->addStretch();
}

void FrameworksSettings::showResult(const QString& status, const QString& error)
{
    Theme::setMessage(m_statusLabel, status);
    Theme::setMessage(m_errorLabel, error);
}

VoidResult FrameworksSettings::recordChange(Session& session, const QString& what, const QString& frameworkId)
{
    const auto key = what == QLatin1String("enabled") || what == QLatin1String("disabled")
        ? SettingsStore::Key::EnabledFrameworks
        : SettingsStore::Key::CustomFrameworks;
    const QString detail = QStringLiteral("keys=%1;%2=%3").arg(SettingsStore::keyName(key), what, frameworkId);
    qCInfo(lcUi).noquote() << "frameworks changed:" << detail;
    return session.audit().append(AuditLog::PolicyChanged, session.staff().id, QStringLiteral("setting"), QString(),
                                  detail);
}

void FrameworksSettings::setFrameworkEnabled(const QString& frameworkId, bool enabled)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    FrameworkRegistry registry(session->settings());
    const Framework* framework = registry.framework(frameworkId);
    const QString name = framework ? framework->name() : frameworkId;
    // The choice and its audit event, or neither.
    Transaction transaction(session->database());
    VoidResult done = registry.setEnabled(frameworkId, enabled, session->staff().id);
    if (done)
        done = recordChange(*session, enabled ? QStringLiteral("enabled") : QStringLiteral("disabled"), frameworkId);
    if (done)
        done = transaction.commit();
    if (!done) {
        showResult(QString(), done.errorMessage());
        // Later, not now: reloading rebuilds the tick box that is telling us it changed.
        QMetaObject::invokeMethod(this, &FrameworksSettings::load, Qt::QueuedConnection);
        return;
    }
    showResult(enabled ? tr("%1 is switched on: staff can tag observations with it.").arg(name)
                       : tr("%1 is switched off.").arg(name));
}

void FrameworksSettings::chooseFile()
{
    if (m_filePicker) {
        importFile(m_filePicker(this));
        return;
    }
    // open(), not exec(): a lock can close the picker at any moment and nothing waits on it.
    auto* dialog = new QFileDialog(this, tr("Choose a framework file"));
    dialog->setObjectName(QStringLiteral("frameworkFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilter(tr("Framework files (*.json)"));
    dialog->setOption(QFileDialog::DontUseNativeDialog); // a native one would outlive a lock
    connect(dialog, &QFileDialog::fileSelected, this, &FrameworksSettings::importFile);
    dialog->open();
}

void FrameworksSettings::importFile(const QString& path)
{
    Session* session = m_lock.session();
    if (!session || path.isEmpty())
        return;
    if (!session->can(Action::ChangePolicy)) {
        showResult(QString(), tr("Only managers and administrators can add frameworks."));
        return;
    }
    QFile file(path);
    if (QFileInfo(path).size() > MaxFileSize) {
        showResult(QString(), tr("%1 is too big to be a framework (more than 4 MB).").arg(QFileInfo(path).fileName()));
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        showResult(QString(), tr("%1 could not be opened: %2").arg(QFileInfo(path).fileName(), file.errorString()));
        return;
    }
    const QByteArray json = file.readAll();
    FrameworkRegistry registry(session->settings());
    Transaction transaction(session->database());
    auto imported = registry.importCustom(json, session->staff().id);
    VoidResult done = imported ? recordChange(*session, QStringLiteral("imported"), imported.value().id())
                               : VoidResult(imported.error());
    if (done)
        done = transaction.commit();
    if (!done) {
        // Core's own words: they name the entry and what is wrong with it.
        showResult(QString(), tr("%1 was not added. %2").arg(QFileInfo(path).fileName(), done.errorMessage()));
        return;
    }
    load();
    showResult(tr("%1 added. Tick it to let staff use it.").arg(imported.value().name()));
}

void FrameworksSettings::confirmRemove(const QString& frameworkId)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    FrameworkRegistry registry(session->settings());
    const Framework* framework = registry.framework(frameworkId);
    if (!framework)
        return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Remove framework"),
                                tr("Remove %1? Staff can no longer tag with it. Observations keep the tags they "
                                   "have, shown as no longer available.")
                                    .arg(framework->name()),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRemoveFrameworkBox"));
    auto* confirm = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmRemoveFrameworkButton"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, confirm, frameworkId] {
        if (box->clickedButton() == confirm)
            remove(frameworkId);
    });
    box->open();
}

void FrameworksSettings::remove(const QString& frameworkId)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    FrameworkRegistry registry(session->settings());
    const Framework* framework = registry.framework(frameworkId);
    const QString name = framework ? framework->name() : frameworkId;
    Transaction transaction(session->database());
    VoidResult done = registry.removeCustom(frameworkId, session->staff().id);
    if (done)
        done = recordChange(*session, QStringLiteral("removed"), frameworkId);
    if (done)
        done = transaction.commit();
    if (!done) {
        showResult(QString(), done.errorMessage());
        return;
    }
    load();
    showResult(tr("%1 removed.").arg(name));
}

} // namespace Acorn
