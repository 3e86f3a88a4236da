#pragma once

#include "domain/Guardian.h"
#include "sync/PortalInvitations.h"

#include <QDialog>

#include <optional>

class QButtonGroup;
class QCheckBox;
class QFrame;
class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QTableWidget;
class QWidget;

namespace Acorn {

class LockController;

// Inviting a parent or carer to the parent portal, for managers: which of their children it is for and how long it
// works, then the one-time code in large letters, the link and its QR code, "Copy link" and a letter to print; below,
// their earlier invitations, open ones with "Withdraw". Every call goes to the nursery's server through
// PortalInvitations (synchronously, holding the session; a lock asked for meanwhile stops the call and happens at
// once). Opened with open(): a lock closes it like every other dialog.
class PortalInviteDialog final : public QDialog
{
    Q_OBJECT
public:
    static constexpr int DefaultDays = 14;

    PortalInviteDialog(LockController& lock, Guardian guardian, QWidget* parent = nullptr);

    QString guardianId() const { return m_guardian.id; }

    void createInvitation();
    void copyLink();
    void saveLetter();
    void loadInvitations();
    void withdraw(const QString& invitationId);

    // Whether the earlier invitations have been loaded (or failed to load) since the last change.
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    QList<QCheckBox*> childCheckBoxes() const { return m_childBoxes; }
    QPushButton* createButton() const { return m_createButton; }
    QLabel* codeLabel() const { return m_codeLabel; }
    QLabel* linkLabel() const { return m_linkLabel; }
    QLabel* qrLabel() const { return m_qrLabel; }
    QLabel* accountLabel() const { return m_accountLabel; }
    QLabel* errorLabel() const { return m_errorLabel; }
    QLabel* letterStatusLabel() const { return m_letterStatusLabel; }
    QTableWidget* invitationsTable() const { return m_invitationsTable; }

private:
    QStringList chosenChildIds() const;
    QStringList childNames(const QStringList& childIds) const;
    int chosenDays() const;
    void showIssued();
    void showInvitations(const QList<PortalInvitations::Info>& invitations, bool hasAccount);
    void setBusy(bool busy);
    void updateState();
    void say(const QString& error);

    LockController& m_lock;
    Guardian m_guardian;
    QNetworkAccessManager* m_network = nullptr;
    QLabel* m_accountLabel = nullptr;
    QFrame* m_formBox = nullptr;
    QList<QCheckBox*> m_childBoxes;
    QCheckBox* m_emailCheck = nullptr;
    QButtonGroup* m_daysGroup = nullptr;
    QPushButton* m_createButton = nullptr;
    QFrame* m_resultBox = nullptr;
    QLabel* m_codeLabel = nullptr;
    QLabel* m_linkLabel = nullptr;
    QLabel* m_qrLabel = nullptr;
    QLabel* m_expiryLabel = nullptr;
    QPushButton* m_copyButton = nullptr;
    QPushButton* m_letterButton = nullptr;
    QLabel* m_letterStatusLabel = nullptr;
    QTableWidget* m_invitationsTable = nullptr;
    QLabel* m_invitationsHint = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_closeButton = nullptr;
    std::optional<PortalInvitations::Issued> m_issued;
    QStringList m_issuedChildIds;
    bool m_loaded = false;
    bool m_busy = false;
};

} // namespace Acorn
