#include "dashboard/TurnaroundPanel.h"

#include "Theme.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "review/DashboardStats.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace Acorn {

namespace {
// A big number over a line saying what it is.
QFrame* card(QLabel* number, const QString& caption, QWidget* parent)
{
    auto* frame = new QFrame(parent);
    frame->setObjectName(QStringLiteral("turnaroundCard"));
    frame->setStyleSheet(QStringLiteral("#turnaroundCard { background: #f4f7f4; border: 1px solid #c9d6cc; "
                                        "border-radius: 10px; }"));
    QFont big = number->font();
    big.setPointSize(40);
    big.setBold(true);
    number->setFont(big);
    number->setStyleSheet(QStringLiteral("color: #2e6b3a;"));
    number->setAlignment(Qt::AlignCenter);
    number->setTextFormat(Qt::PlainText);
    auto* text = new QLabel(caption, frame);
    text->setObjectName(QStringLiteral("turnaroundCaptionLabel"));
    text->setAlignment(Qt::AlignCenter);
    text->setWordWrap(true);
    QFont captionFont = text->font();
    captionFont.setPointSize(Theme::BodyPointSize + 2);
    text->setFont(captionFont);
    auto* layout = new QVBoxLayout(frame);
    layout->setContentsMargins(16, 24, 16, 24);
    layout->addWidget(number);
    layout->addWidget(text);
    return frame;
}
} // namespace

TurnaroundPanel::TurnaroundPanel(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_median(new QLabel(this))
    , m_mean(new QLabel(this))
    , m_approvals(new QLabel(this))
    , m_emptyLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("turnaroundPanel"));
    m_median->setObjectName(QStringLiteral("medianHoursLabel"));
    m_mean->setObjectName(QStringLiteral("meanHoursLabel"));
    m_approvals->setObjectName(QStringLiteral("approvalsCountLabel"));
    auto* heading = new QLabel(tr("From submitting to approval"), this);
    heading->setObjectName(QStringLiteral("turnaroundHeadingLabel"));
    QFont headingFont = heading->font();
    headingFont.setPointSize(Theme::BodyPointSize + 3);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    m_emptyLabel->setObjectName(QStringLiteral("turnaroundEmptyLabel"));
    Theme::makeHint(m_emptyLabel);

    auto* cards = new QHBoxLayout;
    cards->setSpacing(16);
    cards->addWidget(card(m_median, tr("median: half were approved within this time"), this), 1);
    cards->addWidget(card(m_mean, tr("on average"), this), 1);
    cards->addWidget(card(m_approvals, tr("approvals in the period"), this), 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addSpacing(8);
    layout->addLayout(cards);
    layout->addWidget(m_emptyLabel);
    layout->addStretch();
}

QString TurnaroundPanel::hoursText(double hours)
{
    const QString number = hours < 10 ? QLocale().toString(hours, 'f', 1) : QLocale().toString(qRound(hours));
    return tr("%1 hours").arg(number);
}

void TurnaroundPanel::refresh(const QDate& from, const QDate& to)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const DashboardStats::Turnaround t = DashboardStats(*session).approvalTurnaround(from, to);
    const bool any = t.approvals > 0;
    m_median->setText(any ? hoursText(t.medianHours) : tr("—"));
    m_mean->setText(any ? hoursText(t.meanHours) : tr("—"));
    m_approvals->setText(QLocale().toString(t.approvals));
    Theme::setMessage(m_emptyLabel, any ? QString() : tr("Nothing was approved in this period."));
}

} // namespace Acorn
