#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace Acorn {

class GuardiansTableModel;
class LockController;

// Parents and carers for managers: the list with their children, the agreement each signed and whether they can see
// the journal (and why not); Add, Edit, Link to a child, Record signature, changing the agreement text, and inviting
// someone to the parent portal. Every change goes through Guardians (or PortalInvitations); this panel only shows
// core's answer.
class GuardiansPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit GuardiansPanel(LockController& lock, QWidget* parent = nullptr);

    void refresh();
    void select(const QString& guardianId);
    GuardiansTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

    void addGuardian();
    void editGuardian();
    void linkChild();
    void recordSignature();
    void changeAgreement();
    // Opens PortalInviteDialog for the selected person (saved, linked to a child, this device on the server).
    void inviteToPortal();
    QPushButton* portalButton() const { return m_portalButton; }
    // Why the portal button is off, in words (empty while it is on).
    QLabel* portalHintLabel() const { return m_portalHint; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    QString selectedGuardianId() const;
    void updateButtons();
    void showResult(const QString& status, const QString& error = {});

    LockController& m_lock;
    GuardiansTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_agreementLabel = nullptr;
    QPushButton* m_changeAgreementButton = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_editButton = nullptr;
    QPushButton* m_linkButton = nullptr;
    QPushButton* m_signButton = nullptr;
    QPushButton* m_portalButton = nullptr;
    QLabel* m_portalHint = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
};

} // namespace Acorn
