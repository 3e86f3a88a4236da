#pragma once

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace Acorn {

class LockController;

// "My drafts": the signed-in person's unfinished observations and those returned to them with feedback (the
// feedback shown first), newest first. Continue opens one in the editor.
class DraftsPage final : public QWidget
{
    Q_OBJECT
public:
    explicit DraftsPage(LockController& lock, QWidget* parent = nullptr);

    void refresh();
    int count() const { return m_count; }
    // How many drafts and returned observations the signed-in person has, without building the page.
    static int countFor(LockController& lock);

signals:
    void openObservationRequested(const QString& observationId);
    void openUnassignedRequested(const QString& localId);

private:
    QWidget* item(const QString& title, const QString& excerpt, const QString& feedback, const QString& key,
                  bool unassigned);

    LockController& m_lock;
    QWidget* m_list = nullptr;
    QVBoxLayout* m_listLayout = nullptr;
    QLabel* m_emptyLabel = nullptr;
    int m_count = 0;
};

} // namespace Acorn
