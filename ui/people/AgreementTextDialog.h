#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Acorn {

class LockController;

// Changes the agreement parents and carers sign. Saving makes a new version, and says so plainly beforehand: every
// parent and carer must sign again, and cannot see the journal until they have (Guardians::setAgreementText).
class AgreementTextDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit AgreementTextDialog(LockController& lock, QWidget* parent = nullptr);

    void accept() override;

    // Once accepted: the new version number.
    int savedVersion() const { return m_savedVersion; }

private:
    LockController& m_lock;
    QString m_currentText;
    QPlainTextEdit* m_textEdit = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_saveButton = nullptr;
    int m_savedVersion = 0;
};

} // namespace Acorn
