#pragma once

#include "Result.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace Acorn {

class LockController;
class Session;

// The frameworks staff tag observations with, for managers: switch the built-in ones (EYFS, Birth to 5 Matters,
// Montessori...) on and off, add the setting's own from a JSON file (core's validation message shown as it comes),
// and remove an added one. Changes apply at once through FrameworkRegistry, each with an audit event.
class FrameworksSettings final : public QWidget
{
    Q_OBJECT
public:
    // Asks for the file to import; an empty path means the person changed their mind. Replaced in tests.
    using FilePicker = std::function<QString(QWidget* parent)>;

    explicit FrameworksSettings(LockController& lock, QWidget* parent = nullptr);

    void setFilePicker(FilePicker picker) { m_filePicker = std::move(picker); }
    void load();
    void importFile(const QString& path);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void chooseFile();
    void setFrameworkEnabled(const QString& frameworkId, bool enabled);
    void confirmRemove(const QString& frameworkId);
    void remove(const QString& frameworkId);
    VoidResult recordChange(Session& session, const QString& what, const QString& frameworkId);
    void showResult(const QString& status, const QString& error = {});

    LockController& m_lock;
    FilePicker m_filePicker;
    QWidget* m_listWidget = nullptr;
    QVBoxLayout* m_listLayout = nullptr;
    QPushButton* m_importButton = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
};

} // namespace Acorn
