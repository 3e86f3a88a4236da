#pragma once

#include "auth/PasswordPolicy.h"

#include <QList>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace Acorn {

// The password rules with a tick or a cross beside each, updated as the person types, so that they see what is
// still missing before they press anything. The rules and their words come from PasswordPolicy::evaluate().
class PasswordFeedback final : public QWidget
{
    Q_OBJECT
public:
    explicit PasswordFeedback(QWidget* parent = nullptr);
    ~PasswordFeedback() override;

    void setPolicy(const PasswordPolicy& policy);
    // The person the password is for: a password built on their names is refused.
    void setPerson(const QString& userName, const QString& displayName);

    // Re-evaluates; connect a line edit's textChanged here.
    void evaluate(const QString& password);

    bool isAccepted() const { return m_accepted; }
    const QList<PasswordPolicy::Rule>& rules() const { return m_rules; }

signals:
    void acceptedChanged(bool accepted);

private:
    void refresh();

    PasswordPolicy m_policy;
    QString m_userName;
    QString m_displayName;
    QString m_password;
    QList<PasswordPolicy::Rule> m_rules;
    bool m_accepted = false;
    QVBoxLayout* m_layout = nullptr;
    QList<QLabel*> m_labels;
};

} // namespace Acorn
