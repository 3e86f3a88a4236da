#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace Acorn {

class ChildrenTableModel;
class LockController;
struct Child;

// Children's records for managers: the list (with each photo-consent decision, who recorded it and when), Add, Edit,
// and Record photo consent. Every change goes through Children; this panel only shows core's answer.
class ChildrenPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ChildrenPanel(LockController& lock, QWidget* parent = nullptr);

    void refresh();
    void select(const QString& childId);
    ChildrenTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

    void addChild();
    void editChild();
    void recordConsent();

protected:
    void showEvent(QShowEvent* event) override;

private:
    const Child* selectedChild() const;
    void updateButtons();
    void showResult(const QString& status, const QString& error = {});

    LockController& m_lock;
    ChildrenTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_editButton = nullptr;
    QPushButton* m_consentButton = nullptr;
    QCheckBox* m_showLeftCheckBox = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
};

} // namespace Acorn
