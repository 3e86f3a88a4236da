#pragma once

#include "domain/Child.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace Acorn {

class LockController;

// Records a family's photo-consent decision for one child: two big, explicit answers, then a confirmation that says
// what changes (everything already in the journals follows at once). Recording goes through
// Children::setPhotoConsent, which keeps who recorded it and when.
class PhotoConsentDialog final : public QDialog
{
    Q_OBJECT
public:
    PhotoConsentDialog(LockController& lock, Child child, QWidget* parent = nullptr);

    // The decision recorded, once accepted.
    PhotoConsent recordedConsent() const { return m_recorded; }
    QString childId() const { return m_child.id; }
    QString childName() const { return m_child.displayName(); }

private:
    void choose(PhotoConsent consent);
    void record();

    LockController& m_lock;
    Child m_child;
    PhotoConsent m_chosen = PhotoConsent::NotRecorded;
    PhotoConsent m_recorded = PhotoConsent::NotRecorded;
    QStackedWidget* m_steps = nullptr;
    QLabel* m_choiceLabel = nullptr;
    QLabel* m_consequenceLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_confirmButton = nullptr;
};

} // namespace Acorn
