#include "PasswordFeedback.h"

#include "crypto/SecureBuffer.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Acorn {

PasswordFeedback::PasswordFeedback(QWidget* parent)
    : QWidget(parent)
    , m_policy(PasswordPolicy::nurseryDefault())
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("passwordFeedback"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    refresh();
}

PasswordFeedback::~PasswordFeedback()
{
    wipeString(m_password);
}

void PasswordFeedback::setPolicy(const PasswordPolicy& policy)
{
    m_policy = policy;
    refresh();
}

void PasswordFeedback::setPerson(const QString& userName, const QString& displayName)
{
    m_userName = userName;
    m_displayName = displayName;
    refresh();
}

void PasswordFeedback::evaluate(const QString& password)
{
    wipeString(m_password);
    m_password = password;
    refresh();
}

void PasswordFeedback::refresh()
{
    m_rules = m_policy.evaluate(m_password, m_userName, m_displayName);
    while (m_labels.size() < m_rules.size()) {
        auto* label = new QLabel(this);
        label->setObjectName(QStringLiteral("passwordRule%1").arg(m_labels.size()));
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        m_layout->addWidget(label);
        m_labels.append(label);
    }
    while (m_labels.size() > m_rules.size())
        delete m_labels.takeLast();

    const bool typed = !m_password.isEmpty();
    bool accepted = true;
    for (int i = 0; i < m_rules.size(); ++i) {
        const auto& rule = m_rules.at(i);
        accepted = accepted && rule.met;
        QLabel* label = m_labels.at(i);
        // Before anything is typed every rule is simply listed, not marked as failed.
        const QString mark
            = rule.met ? QStringLiteral("\u2713") : (typed ? QStringLiteral("\u2717") : QStringLiteral("\u2022"));
        label->setText(mark + QLatin1Char(' ') + rule.text);
        label->setProperty("met", rule.met);
        label->setAccessibleName(rule.met ? tr("Done: %1").arg(rule.text) : tr("Still needed: %1").arg(rule.text));
        label->setStyleSheet(rule.met
                                 ? QStringLiteral("color: #2e6b3a;")
                                 : (typed ? QStringLiteral("color: #a4262c;") : QStringLiteral("color: #505050;")));
    }
    if (accepted != m_accepted) {
        m_accepted = accepted;
        emit acceptedChanged(accepted);
    }
}

} // namespace Acorn
