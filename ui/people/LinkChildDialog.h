#pragma once

#include "domain/Guardian.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;

namespace Acorn {

class LockController;

// Links a parent or carer to a child, with how they are related. Core refuses while the child's photo-consent
// decision is not recorded; then this dialog shows core's message and a button that goes straight to recording the
// decision, and links as soon as it is recorded.
class LinkChildDialog final : public QDialog
{
    Q_OBJECT
public:
    LinkChildDialog(LockController& lock, Guardian guardian, QWidget* parent = nullptr);

    void accept() override;

    QString guardianId() const { return m_guardian.id; }
    // Once accepted: the child linked, and whether photo consent was recorded on the way.
    QString linkedChildName() const { return m_linkedChildName; }
    bool recordedConsentOnTheWay() const { return m_recordedConsent; }

private:
    void recordConsent();
    void updateState();

    LockController& m_lock;
    Guardian m_guardian;
    QComboBox* m_childCombo = nullptr;
    QComboBox* m_relationshipCombo = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_consentButton = nullptr;
    QPushButton* m_linkButton = nullptr;
    QString m_consentChildId;
    QString m_linkedChildName;
    bool m_recordedConsent = false;
};

} // namespace Acorn
