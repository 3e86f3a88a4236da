#include "setup/RecoveryKeyWizardPage.h"

#include "Theme.h"
#include "crypto/SecureBuffer.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Acorn {

RecoveryKeyWizardPage::RecoveryKeyWizardPage(std::function<void()> print, QWidget* parent)
    : QWizardPage(parent)
    , m_print(std::move(print))
    , m_keyLabel(new QLabel(this))
    , m_printButton(new QPushButton(tr("Print"), this))
    , m_savedCheckBox(new QCheckBox(
          tr("I have printed or written down the recovery key and will keep it in the nursery safe"), this))
{
    setObjectName(QStringLiteral("recoveryKeyPage"));
    setTitle(tr("Your recovery key"));
    setSubTitle(tr("The nursery is ready. One last thing, and it matters."));

    auto* explain = new QLabel(tr("If every manager forgets their password, this key is the only way to open the "
                                  "journal. Nobody else has a copy — not even the people who make Acorn. It is "
                                  "shown only this once."),
                               this);
    explain->setWordWrap(true);

    m_keyLabel->setObjectName(QStringLiteral("recoveryKeyLabel"));
    m_keyLabel->setTextFormat(Qt::PlainText);
    m_keyLabel->setAlignment(Qt::AlignCenter);
    m_keyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSize(22);
    mono.setBold(true);
    mono.setLetterSpacing(QFont::AbsoluteSpacing, 1);
    m_keyLabel->setFont(mono);
    m_keyLabel->setStyleSheet(
        QStringLiteral("QLabel { background: #fffbe6; border: 2px dashed #b08d00; padding: 18px; }"));

    m_printButton->setObjectName(QStringLiteral("printRecoveryKeyButton"));
    m_printButton->setIcon(QIcon::fromTheme(QStringLiteral("document-print")));
    connect(m_printButton, &QPushButton::clicked, this, [this] {
        if (m_print)
            m_print();
    });

    auto* keep = new QLabel(tr("Print it or write it down, and keep it in the nursery safe. Do not keep it on this "
                               "computer or in an email."),
                            this);
    Theme::makeHint(keep);

    m_savedCheckBox->setObjectName(QStringLiteral("recoveryKeySavedCheckBox"));
    connect(m_savedCheckBox, &QCheckBox::toggled, this, &QWizardPage::completeChanged);

    auto* printRow = new QHBoxLayout;
    printRow->addWidget(keep, 1);
    printRow->addWidget(m_printButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explain);
    layout->addSpacing(8);
    layout->addWidget(m_keyLabel);
    layout->addSpacing(8);
    layout->addLayout(printRow);
    layout->addSpacing(8);
    layout->addWidget(m_savedCheckBox);
    layout->addStretch();
}

RecoveryKeyWizardPage::~RecoveryKeyWizardPage()
{
    clearRecoveryKey();
}

void RecoveryKeyWizardPage::setRecoveryKey(const QString& key)
{
    QStringList groups = key.split(QLatin1Char('-'), Qt::SkipEmptyParts);
    const int half = (int(groups.size()) + 1) / 2;
    QString text
        = groups.mid(0, half).join(QLatin1Char('-')) + QLatin1Char('\n') + groups.mid(half).join(QLatin1Char('-'));
    for (QString& group : groups)
        wipeString(group);
    m_keyLabel->setText(text);
    wipeString(text);
}

void RecoveryKeyWizardPage::clearRecoveryKey()
{
    m_keyLabel->clear();
}

bool RecoveryKeyWizardPage::isComplete() const
{
    return m_savedCheckBox->isChecked();
}

} // namespace Acorn
