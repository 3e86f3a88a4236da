#pragma once

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace Acorn {

class LockController;

// Changes made on this device and on another at the same time: each with both versions in words, and "Keep this
// device's" or "Keep the other device's". Nothing is lost until someone chooses.
class ConflictsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ConflictsDialog(LockController& lock, QWidget* parent = nullptr);

    QListWidget* list() const { return m_list; }
    QPushButton* keepLocalButton() const { return m_keepLocal; }
    QPushButton* keepServerButton() const { return m_keepServer; }
    void reload();

private:
    void resolve(bool keepLocal);

    LockController& m_lock;
    QListWidget* m_list = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_keepLocal = nullptr;
    QPushButton* m_keepServer = nullptr;
};

} // namespace Acorn
