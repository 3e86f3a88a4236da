#include "kiosk/KioskFilePicker.h"

#include "Theme.h"
#include "device/DeviceSettings.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <pwd.h>
#include <unistd.h>

namespace Acorn {

namespace {
QStringList patternsFor(KioskFilePicker::Kind kind)
{
    QStringList pictures {QStringLiteral("*.jpg"),  QStringLiteral("*.jpeg"), QStringLiteral("*.png"),
                          QStringLiteral("*.heic"), QStringLiteral("*.webp"), QStringLiteral("*.gif"),
                          QStringLiteral("*.bmp")};
    if (kind == KioskFilePicker::Kind::Pictures)
        return pictures;
    for (const char* suffix :
         {"mp4", "mov", "m4v", "webm", "mkv", "avi", "3gp", "m4a", "mp3", "ogg", "oga", "opus", "wav", "aac", "amr"})
        pictures << QStringLiteral("*.") + QLatin1String(suffix);
    return pictures;
}

QString userName()
{
    if (const passwd* pw = ::getpwuid(::getuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER");
}
} // namespace

QStringList KioskFilePicker::allowedFolders(const DeviceSettings& settings)
{
    QStringList folders;
    if (!settings.importFolder.isEmpty() && QFileInfo(settings.importFolder).isDir())
        folders << QDir(settings.importFolder).absolutePath();
    if (settings.allowRemovableMedia) {
        const QString user = userName();
        for (const QString& base : {QStringLiteral("/media/") + user, QStringLiteral("/run/media/") + user})
            for (const QFileInfo& mount : QDir(base).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
                folders << mount.absoluteFilePath();
    }
    return folders;
}

KioskFilePicker::KioskFilePicker(const DeviceSettings& settings, Kind kind, QWidget* parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_emptyLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("kioskFilePicker"));
    setWindowTitle(kind == Kind::Pictures ? tr("Choose a picture") : tr("Add photos, videos or voice notes"));
    setMinimumSize(620, 480);
    m_list->setObjectName(QStringLiteral("kioskFileList"));
    m_list->setSelectionMode(kind == Kind::Pictures ? QAbstractItemView::SingleSelection
                                                    : QAbstractItemView::MultiSelection);
    m_list->setStyleSheet(QStringLiteral("QListWidget::item { min-height: 52px; padding: 4px 8px; }"));
    m_emptyLabel->setObjectName(QStringLiteral("kioskFilePickerEmptyLabel"));
    m_emptyLabel->setWordWrap(true);
    Theme::makeHint(m_emptyLabel);

    // Files at the top of each allowed folder and one level down (a camera card's DCIM/100XXXXX), newest first.
    QList<QFileInfo> files;
    const QStringList folders = allowedFolders(settings);
    for (const QString& folder : folders) {
        const QDir dir(folder);
        files += dir.entryInfoList(patternsFor(kind), QDir::Files | QDir::Readable);
        for (const QFileInfo& sub : dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Readable))
            files += QDir(sub.absoluteFilePath()).entryInfoList(patternsFor(kind), QDir::Files | QDir::Readable);
    }
    std::sort(files.begin(), files.end(),
              [](const QFileInfo& a, const QFileInfo& b) { return a.lastModified() > b.lastModified(); });
    for (const QFileInfo& file : std::as_const(files)) {
        auto* item = new QListWidgetItem(
            tr("%1 — %2").arg(file.fileName(), QLocale().toString(file.lastModified(), QLocale::ShortFormat)), m_list);
        item->setData(Qt::UserRole, file.absoluteFilePath());
    }
    if (folders.isEmpty())
        m_emptyLabel->setText(tr("Importing files is switched off on this shared device. Use the camera, or ask a "
                                 "manager to allow a folder for imports."));
    else if (files.isEmpty())
        m_emptyLabel->setText(tr("There is nothing to import in the folder allowed on this device."));
    m_emptyLabel->setVisible(files.isEmpty());
    m_list->setVisible(!files.isEmpty());

    auto* buttons = new QDialogButtonBox(this);
    m_addButton = buttons->addButton(kind == Kind::Pictures ? tr("Use this picture") : tr("Add the chosen files"),
                                     QDialogButtonBox::AcceptRole);
    m_addButton->setObjectName(QStringLiteral("kioskFileAddButton"));
    Theme::makePrimary(m_addButton);
    Theme::makeBig(m_addButton);
    m_addButton->setEnabled(false);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    Theme::makeBig(cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_addButton->setEnabled(!m_list->selectedItems().isEmpty()); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_emptyLabel);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
}

QStringList KioskFilePicker::chosenFiles() const
{
    QStringList paths;
    for (const QListWidgetItem* item : m_list->selectedItems())
        paths << item->data(Qt::UserRole).toString();
    return paths;
}

QStringList KioskFilePicker::pick(const DeviceSettings& settings, Kind kind, QWidget* parent)
{
    KioskFilePicker picker(settings, kind, parent);
    return picker.exec() == QDialog::Accepted ? picker.chosenFiles() : QStringList();
}

} // namespace Acorn
