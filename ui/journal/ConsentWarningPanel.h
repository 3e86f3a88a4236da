#pragma once

#include "journal/ConsentRules.h"

#include <QFrame>
#include <QHash>
#include <QStringList>

class QLabel;
class QPushButton;

namespace Acorn {

class ChildNames;

// Shown before submitting when photo consent will keep some pictures out of some children's journals: which
// picture, whose journal, and because of whom — then "Submit anyway" or "Change the photos".
class ConsentWarningPanel final : public QFrame
{
    Q_OBJECT
public:
    explicit ConsentWarningPanel(QWidget* parent = nullptr);

    // One sentence per picture and journal, e.g. "Photo 2 will not appear in Tilly's journal, because Ozzie's photo
    // may not be shown in other children's journals." `titles`: media id → "Photo 2".
    static QStringList describe(const QList<ConsentRules::HiddenMedia>& hidden, const QHash<QString, QString>& titles,
                                const QHash<QString, int>& order, const ChildNames& names);

    void setMessages(const QStringList& messages);
    QStringList messages() const { return m_messages; }
    QPushButton* submitAnywayButton() const { return m_submitAnyway; }
    QPushButton* changeButton() const { return m_change; }

signals:
    void submitAnywayRequested();
    void changeRequested();

private:
    QLabel* m_text = nullptr;
    QPushButton* m_submitAnyway = nullptr;
    QPushButton* m_change = nullptr;
    QStringList m_messages;
};

} // namespace Acorn
