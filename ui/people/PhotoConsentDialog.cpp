#include "people/PhotoConsentDialog.h"

#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "auth/StaffRepository.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/ChildrenTableModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Acorn {

namespace {
// The two answers are the dialog: make them impossible to miss or to mistake for each other.
void makeAnswer(QPushButton* button)
{
    button->setMinimumHeight(72);
    button->setAutoDefault(false); // neither answer may look like the expected one
    button->setStyleSheet(QStringLiteral("QPushButton { text-align: left; padding: 0 24px; font-size: 14pt; }"));
}
} // namespace

PhotoConsentDialog::PhotoConsentDialog(LockController& lock, Child child, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_child(std::move(child))
    , m_steps(new QStackedWidget(this))
    , m_choiceLabel(new QLabel(this))
    , m_consequenceLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_confirmButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("photoConsentDialog"));
    setWindowTitle(tr("Photo consent for %1").arg(m_child.displayName()));
    setMinimumWidth(640);
    const QString name = m_child.displayName();

    // Step 1: the question and the two answers.
    auto* askPage = new QWidget(m_steps);
    auto* question = new QLabel(tr("May photos and videos in which %1 appears be shown in other children's journals "
                                   "(for example a group activity)? Ask the parent or carer, then record their answer.")
                                    .arg(name),
                                askPage);
    question->setObjectName(QStringLiteral("consentQuestionLabel"));
    question->setWordWrap(true);
    question->setTextFormat(Qt::PlainText);
    auto* current = new QLabel(askPage);
    current->setObjectName(QStringLiteral("currentConsentLabel"));
    Theme::makeHint(current);
    current->setTextFormat(Qt::PlainText);
    if (m_child.photoConsent == PhotoConsent::NotRecorded) {
        current->setText(tr("Not recorded yet. Until it is, photos of %1 appear only in their own journal, and no "
                            "parent or carer can be linked.")
                             .arg(name));
    } else {
        QString by;
        if (Session* session = m_lock.session())
            if (auto staff = StaffRepository(session->database()).byId(m_child.photoConsentRecordedBy))
                by = staff->displayName;
        current->setText(tr("Recorded now: %1").arg(ChildrenTableModel::consentText(m_child, by)));
    }
    auto* yesButton = new QPushButton(tr("Yes — photos may appear in other children's journals"), askPage);
    yesButton->setObjectName(QStringLiteral("consentYesButton"));
    makeAnswer(yesButton);
    auto* noButton = new QPushButton(tr("No — only in their own journal"), askPage);
    noButton->setObjectName(QStringLiteral("consentNoButton"));
    makeAnswer(noButton);
    auto* cancelButton = new QPushButton(tr("Cancel"), askPage);
    cancelButton->setObjectName(QStringLiteral("cancelConsentButton"));
    auto* askButtons = new QHBoxLayout;
    askButtons->addWidget(cancelButton);
    askButtons->addStretch();
    auto* askLayout = new QVBoxLayout(askPage);
    askLayout->setContentsMargins(0, 0, 0, 0);
    askLayout->addWidget(question);
    askLayout->addWidget(current);
    askLayout->addSpacing(8);
    askLayout->addWidget(yesButton);
    askLayout->addWidget(noButton);
    askLayout->addStretch();
    askLayout->addLayout(askButtons);

    // Step 2: what this changes, and the confirmation.
    auto* confirmPage = new QWidget(m_steps);
    m_choiceLabel->setObjectName(QStringLiteral("consentChoiceLabel"));
    m_choiceLabel->setWordWrap(true);
    m_choiceLabel->setTextFormat(Qt::PlainText);
    QFont bold = m_choiceLabel->font();
    bold.setBold(true);
    m_choiceLabel->setFont(bold);
    m_consequenceLabel->setObjectName(QStringLiteral("consentConsequenceLabel"));
    m_consequenceLabel->setWordWrap(true);
    m_consequenceLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setObjectName(QStringLiteral("consentErrorLabel"));
    Theme::makeError(m_errorLabel);
    auto* backButton = new QPushButton(tr("Back"), confirmPage);
    backButton->setObjectName(QStringLiteral("consentBackButton"));
    m_confirmButton->setObjectName(QStringLiteral("confirmConsentButton"));
    Theme::makePrimary(m_confirmButton);
    auto* confirmButtons = new QHBoxLayout;
    confirmButtons->addWidget(backButton);
    confirmButtons->addStretch();
    confirmButtons->addWidget(m_confirmButton);
    auto* confirmLayout = new QVBoxLayout(confirmPage);
    confirmLayout->setContentsMargins(0, 0, 0, 0);
    confirmLayout->addWidget(m_choiceLabel);
    confirmLayout->addWidget(m_consequenceLabel);
    confirmLayout->addWidget(m_errorLabel);
    confirmLayout->addStretch();
    confirmLayout->addLayout(confirmButtons);

    m_steps->addWidget(askPage);
    m_steps->addWidget(confirmPage);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_steps);

    connect(yesButton, &QPushButton::clicked, this, [this] { choose(PhotoConsent::Yes); });
    connect(noButton, &QPushButton::clicked, this, [this] { choose(PhotoConsent::No); });
    connect(cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(backButton, &QPushButton::clicked, this, [this] {
        Theme::setMessage(m_errorLabel, QString());
        m_steps->setCurrentIndex(0);
    });
    connect(m_confirmButton, &QPushButton::clicked, this, &PhotoConsentDialog::record);
}

void PhotoConsentDialog::choose(PhotoConsent consent)
{
    m_chosen = consent;
    const QString name = m_child.displayName();
    if (consent == PhotoConsent::Yes) {
        m_choiceLabel->setText(
            tr("You are recording: Yes — photos of %1 may appear in other children's journals.").arg(name));
        m_consequenceLabel->setText(
            tr("This applies at once to everything already in the journals: photos and videos in which %1 appears "
               "will also be shown in the journals of the other children in them.")
                .arg(name));
        m_confirmButton->setText(tr("Record Yes"));
    } else {
        m_choiceLabel->setText(tr("You are recording: No — photos of %1 appear only in their own journal.").arg(name));
        m_consequenceLabel->setText(
            tr("This applies at once to everything already in the journals: photos and videos in which %1 appears "
               "will be shown only in %1's own journal and hidden from every other child's journal.")
                .arg(name));
        m_confirmButton->setText(tr("Record No"));
    }
    Theme::setMessage(m_errorLabel, QString());
    m_steps->setCurrentIndex(1);
    m_confirmButton->setFocus();
}

void PhotoConsentDialog::record()
{
    Session* session = m_lock.session();
    if (!session || m_chosen == PhotoConsent::NotRecorded)
        return;
    if (auto done = Children(*session).setPhotoConsent(m_child.id, m_chosen); !done) {
        Theme::setMessage(m_errorLabel, done.errorMessage());
        return;
    }
    m_recorded = m_chosen;
    qCInfo(lcUi) << "photo consent recorded for child" << m_child.id;
    accept();
}

} // namespace Acorn
