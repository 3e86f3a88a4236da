#include "people/PortalInviteDialog.h"

#include "Clock.h"
#include "Theme.h"
#include "UiLogging.h"
#include "auth/Session.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/Guardians.h"
#include "people/PortalLetter.h"
#include "people/QrCode.h"
#include "reports/ReportRunner.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPixmap>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Acorn {

namespace {
// About this many pixels across for the QR code on screen: big enough for a phone held at arm's length.
constexpr int QrScreenPixels = 240;

enum Column { CreatedColumn, ExpiresColumn, StateColumn, ActionColumn, ColumnCount };

QString firstName(const QString& name)
{
    const QString first = name.trimmed().section(QLatin1Char(' '), 0, 0);
    return first.isEmpty() ? name : first;
}

QFrame* section(QWidget* parent, const QString& objectName)
{
    auto* frame = new QFrame(parent);
    frame->setObjectName(objectName);
    frame->setStyleSheet(
        QStringLiteral("#%1 { background: #f4f7f4; border: 1px solid #c9d6cb; border-radius: 6px; }").arg(objectName));
    return frame;
}
} // namespace

PortalInviteDialog::PortalInviteDialog(LockController& lock, Guardian guardian, QWidget* parent)
    : QDialog(parent)
    , m_lock(lock)
    , m_guardian(std::move(guardian))
    , m_network(new QNetworkAccessManager(this))
    , m_accountLabel(new QLabel(this))
    , m_daysGroup(new QButtonGroup(this))
    , m_createButton(new QPushButton(tr("Create invitation"), this))
    , m_codeLabel(new QLabel(this))
    , m_linkLabel(new QLabel(this))
    , m_qrLabel(new QLabel(this))
    , m_expiryLabel(new QLabel(this))
    , m_copyButton(new QPushButton(tr("Copy link"), this))
    , m_letterButton(new QPushButton(tr("Save letter as PDF…"), this))
    , m_letterStatusLabel(new QLabel(this))
    , m_invitationsTable(new QTableWidget(0, ColumnCount, this))
    , m_invitationsHint(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_closeButton(new QPushButton(tr("Close"), this))
{
    setObjectName(QStringLiteral("portalInviteDialog"));
    setWindowTitle(tr("Invite %1 to the parent portal").arg(m_guardian.name));
    setMinimumWidth(600);

    auto* title = new QLabel(tr("Invite %1 to the parent portal").arg(m_guardian.name), this);
    Theme::makeTitle(title);
    title->setWordWrap(true);
    title->setTextFormat(Qt::PlainText);
    auto* intro = new QLabel(tr("The portal is the journal's website for parents and carers. An invitation is a code "
                                "and a link that work once: with them, %1 chooses a password and signs the "
                                "agreement, then sees the journal of the children chosen here.")
                                 .arg(firstName(m_guardian.name)),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    Theme::makeHint(intro);
    m_accountLabel->setObjectName(QStringLiteral("portalAccountLabel"));
    m_accountLabel->setWordWrap(true);
    m_accountLabel->setTextFormat(Qt::PlainText);
    m_accountLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_accountLabel->hide();

    // Step 1: for whom, how long.
    m_formBox = section(this, QStringLiteral("portalInviteForm"));
    auto* formLayout = new QVBoxLayout(m_formBox);
    formLayout->addWidget(new QLabel(tr("Which children may %1 see?").arg(firstName(m_guardian.name)), m_formBox));
    if (Session* session = m_lock.session()) {
        const Children children(*session);
        for (const GuardianLink& link : Guardians(*session).linksOfGuardian(m_guardian.id)) {
            const auto child = children.byId(link.childId);
            auto* box = new QCheckBox(child ? child->displayName() : tr("A child of another room"), m_formBox);
            box->setObjectName(QStringLiteral("portalChildCheckBox"));
            box->setProperty("childId", link.childId);
            box->setChecked(true);
            connect(box, &QCheckBox::toggled, this, &PortalInviteDialog::updateState);
            formLayout->addWidget(box);
            m_childBoxes.append(box);
        }
    }
    auto* daysRow = new QHBoxLayout;
    daysRow->addWidget(new QLabel(tr("The invitation works for"), m_formBox));
    for (int days : {7, 14, 30}) {
        auto* radio = new QRadioButton(tr("%1 days").arg(days), m_formBox);
        radio->setObjectName(QStringLiteral("portalDays%1Radio").arg(days));
        radio->setChecked(days == DefaultDays);
        m_daysGroup->addButton(radio, days);
        daysRow->addWidget(radio);
    }
    daysRow->addStretch();
    formLayout->addLayout(daysRow);
    // By e-mail as well, when the record has an address (the server says if it has no mail relay).
    m_emailCheck = new QCheckBox(
        m_guardian.email.trimmed().isEmpty()
            ? tr("Also send it by e-mail (there is no e-mail address on %1's record)").arg(firstName(m_guardian.name))
            : tr("Also send it by e-mail to %1").arg(m_guardian.email.trimmed()),
        m_formBox);
    m_emailCheck->setObjectName(QStringLiteral("portalInviteEmailCheck"));
    m_emailCheck->setEnabled(!m_guardian.email.trimmed().isEmpty());
    formLayout->addWidget(m_emailCheck);
    m_createButton->setObjectName(QStringLiteral("createInvitationButton"));
    Theme::makePrimary(m_createButton);
    auto* createRow = new QHBoxLayout;
    createRow->addStretch();
    createRow->addWidget(m_createButton);
    formLayout->addLayout(createRow);

    // Step 2: the invitation, to hand over.
    m_resultBox = section(this, QStringLiteral("portalInviteResult"));
    m_resultBox->hide();
    m_qrLabel->setObjectName(QStringLiteral("invitationQrLabel"));
    m_qrLabel->setAlignment(Qt::AlignCenter);
    m_qrLabel->setToolTip(tr("The link as a QR code: a phone's camera opens it"));
    auto* codeCaption = new QLabel(tr("Invitation code"), m_resultBox);
    Theme::makeHint(codeCaption);
    m_codeLabel->setObjectName(QStringLiteral("invitationCodeLabel"));
    QFont codeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    codeFont.setPointSize(30);
    codeFont.setBold(true);
    m_codeLabel->setFont(codeFont);
    m_codeLabel->setTextFormat(Qt::PlainText);
    m_codeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_expiryLabel->setObjectName(QStringLiteral("invitationExpiryLabel"));
    m_expiryLabel->setWordWrap(true);
    m_expiryLabel->setTextFormat(Qt::PlainText);
    m_linkLabel->setObjectName(QStringLiteral("invitationLinkLabel"));
    m_linkLabel->setTextFormat(Qt::PlainText);
    m_linkLabel->setWordWrap(true);
    m_linkLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyButton->setObjectName(QStringLiteral("copyInvitationLinkButton"));
    Theme::makeBig(m_copyButton);
    m_letterButton->setObjectName(QStringLiteral("saveInvitationLetterButton"));
    Theme::makeBig(m_letterButton);
    // Nothing is saved out of Acorn on a kiosk; the link can still be copied into a message.
    m_letterButton->setVisible(!m_lock.isKiosk());
    m_letterStatusLabel->setObjectName(QStringLiteral("invitationLetterStatusLabel"));
    m_letterStatusLabel->setWordWrap(true);
    m_letterStatusLabel->hide();
    auto* onceHint = new QLabel(tr("The code is shown only now: copy the link or save the letter before closing. "
                                   "Lost it? Withdraw it below and create a new one."),
                                m_resultBox);
    onceHint->setWordWrap(true);
    Theme::makeHint(onceHint);

    auto* codeColumn = new QVBoxLayout;
    codeColumn->addWidget(codeCaption);
    codeColumn->addWidget(m_codeLabel);
    codeColumn->addWidget(m_expiryLabel);
    codeColumn->addStretch();
    auto* resultTop = new QHBoxLayout;
    resultTop->addWidget(m_qrLabel, 0, Qt::AlignTop);
    resultTop->addSpacing(12);
    resultTop->addLayout(codeColumn, 1);
    // The link gets the box's whole width: beside the QR code it would break in the middle of the code.
    auto* linkCaption = new QLabel(tr("Link (the code is part of it)"), m_resultBox);
    Theme::makeHint(linkCaption);
    auto* resultButtons = new QHBoxLayout;
    resultButtons->addWidget(m_copyButton);
    resultButtons->addWidget(m_letterButton);
    resultButtons->addStretch();
    auto* resultLayout = new QVBoxLayout(m_resultBox);
    resultLayout->addLayout(resultTop);
    resultLayout->addWidget(linkCaption);
    resultLayout->addWidget(m_linkLabel);
    resultLayout->addLayout(resultButtons);
    resultLayout->addWidget(m_letterStatusLabel);
    resultLayout->addWidget(onceHint);

    // Earlier invitations.
    auto* earlierTitle = new QLabel(tr("Invitations so far"), this);
    earlierTitle->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_invitationsTable->setObjectName(QStringLiteral("portalInvitationsTable"));
    m_invitationsTable->setHorizontalHeaderLabels({tr("Created"), tr("Works until"), tr("State"), QString()});
    m_invitationsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_invitationsTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_invitationsTable->setFocusPolicy(Qt::NoFocus);
    m_invitationsTable->setShowGrid(false);
    m_invitationsTable->setAlternatingRowColors(true);
    m_invitationsTable->verticalHeader()->hide();
    m_invitationsTable->verticalHeader()->setDefaultSectionSize(60); // a finger-sized Withdraw in every open row
    m_invitationsTable->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_invitationsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_invitationsTable->horizontalHeader()->setSectionResizeMode(StateColumn, QHeaderView::Stretch);
    m_invitationsTable->setMinimumHeight(160);
    m_invitationsTable->hide();
    m_invitationsHint->setObjectName(QStringLiteral("portalInvitationsHint"));
    m_invitationsHint->setWordWrap(true);
    Theme::makeHint(m_invitationsHint);
    m_invitationsHint->setText(tr("Asking the nursery's server…"));
    m_errorLabel->setObjectName(QStringLiteral("portalInviteErrorLabel"));
    Theme::makeError(m_errorLabel);

    // A tablet's screen is shorter than all of this once the invitation is shown: it scrolls, the Close button stays.
    auto* content = new QWidget;
    content->setObjectName(QStringLiteral("portalInviteContent"));
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(title);
    contentLayout->addWidget(intro);
    contentLayout->addWidget(m_accountLabel);
    contentLayout->addWidget(m_formBox);
    contentLayout->addWidget(m_resultBox);
    contentLayout->addWidget(m_errorLabel);
    contentLayout->addSpacing(8);
    contentLayout->addWidget(earlierTitle);
    contentLayout->addWidget(m_invitationsHint);
    contentLayout->addWidget(m_invitationsTable);
    contentLayout->addStretch();
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_closeButton->setObjectName(QStringLiteral("closePortalInviteButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_closeButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);

    connect(m_createButton, &QPushButton::clicked, this, &PortalInviteDialog::createInvitation);
    connect(m_copyButton, &QPushButton::clicked, this, &PortalInviteDialog::copyLink);
    connect(m_letterButton, &QPushButton::clicked, this, &PortalInviteDialog::saveLetter);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
    // A lock or sign-out must not wait for a slow server: the call in flight is stopped, and the lock follows.
    connect(&m_lock, &LockController::sessionEndRequested, this, [this] {
        for (QNetworkReply* reply : m_network->findChildren<QNetworkReply*>())
            reply->abort();
    });

    QSize size(760, 760);
    if (const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableSize() - QSize(40, 60));
    resize(size);
    updateState();
    // After the dialog is up: the server may take a moment to answer.
    QTimer::singleShot(0, this, &PortalInviteDialog::loadInvitations);
}

QStringList PortalInviteDialog::chosenChildIds() const
{
    QStringList ids;
    for (const QCheckBox* box : m_childBoxes)
        if (box->isChecked())
            ids << box->property("childId").toString();
    return ids;
}

QStringList PortalInviteDialog::childNames(const QStringList& childIds) const
{
    QStringList names;
    for (const QCheckBox* box : m_childBoxes)
        if (childIds.contains(box->property("childId").toString()))
            names << box->text();
    return names;
}

int PortalInviteDialog::chosenDays() const
{
    const int days = m_daysGroup->checkedId();
    return days > 0 ? days : DefaultDays;
}

void PortalInviteDialog::updateState()
{
    m_createButton->setEnabled(!m_busy && !chosenChildIds().isEmpty());
    m_copyButton->setEnabled(!m_busy && m_issued.has_value());
    m_letterButton->setEnabled(!m_busy && m_issued.has_value());
    m_closeButton->setEnabled(!m_busy);
    for (QPushButton* withdraw : m_invitationsTable->findChildren<QPushButton*>())
        withdraw->setEnabled(!m_busy);
}

void PortalInviteDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateState();
}

void PortalInviteDialog::say(const QString& error)
{
    Theme::setMessage(m_errorLabel, error);
}

void PortalInviteDialog::createInvitation()
{
    Session* session = m_lock.session();
    const QStringList childIds = chosenChildIds();
    if (!session || m_busy || childIds.isEmpty())
        return;
    say({});
    QPointer<PortalInviteDialog> alive(this);
    std::optional<Result<PortalInvitations::Issued>> issued;
    {
        setBusy(true);
        const auto hold = m_lock.holdSession(); // the wait lets events through; a lock waits for it
        issued.emplace(PortalInvitations(*session, *m_network)
                           .invite(m_guardian.id, childIds, chosenDays(), m_emailCheck->isChecked()));
    }
    if (!alive)
        return;
    setBusy(false);
    if (!*issued) {
        say(issued->errorMessage());
        return;
    }
    m_issued = issued->value();
    m_issuedChildIds = childIds;
    qCInfo(lcUi) << "portal invitation" << m_issued->invitationId << "created for guardian" << m_guardian.id;
    showIssued();
    loadInvitations();
}

void PortalInviteDialog::showIssued()
{
    const PortalInvitations::Issued& issued = *m_issued;
    m_codeLabel->setText(issued.code);
    m_linkLabel->setText(issued.link.toString(QUrl::FullyEncoded));
    m_expiryLabel->setText(
        tr("For %1. Works once, until %2.")
            .arg(PortalLetter::joinNames(childNames(m_issuedChildIds)),
                 QLocale().toString(issued.expiresAt.toLocalTime().date(), QStringLiteral("dddd d MMMM yyyy"))));
    const QByteArray link = issued.link.toEncoded();
    const int modules = QrCode::modulesAcross(link);
    const QImage qr = modules > 0 ? QrCode::image(link, qMax(2, QrScreenPixels / modules)) : QImage();
    m_qrLabel->setPixmap(QPixmap::fromImage(qr));
    m_qrLabel->setVisible(!qr.isNull());
    if (issued.emailed) {
        Theme::makeSuccess(m_letterStatusLabel);
        Theme::setMessage(m_letterStatusLabel, tr("Sent by e-mail to %1 as well.").arg(m_guardian.email.trimmed()));
    } else {
        Theme::setMessage(m_letterStatusLabel, issued.emailProblem);
    }
    m_formBox->hide(); // done with: the invitation takes its place
    m_resultBox->show();
    updateState();
}

void PortalInviteDialog::copyLink()
{
    if (!m_issued)
        return;
    QGuiApplication::clipboard()->setText(m_issued->link.toString(QUrl::FullyEncoded));
    Theme::makeSuccess(m_letterStatusLabel);
    Theme::setMessage(
        m_letterStatusLabel,
        tr("Link copied. Paste it into a message to %1; the code is part of it.").arg(firstName(m_guardian.name)));
}

void PortalInviteDialog::saveLetter()
{
    if (!m_issued || m_busy)
        return;
    PortalLetter::Content content;
    content.guardianId = m_guardian.id;
    content.guardianName = m_guardian.name;
    content.childNames = childNames(m_issuedChildIds);
    content.code = m_issued->code;
    content.link = m_issued->link;
    content.expiresAt = m_issued->expiresAt;
    QPointer<PortalInviteDialog> alive(this);
    const QString name
        = tr("Portal invitation for %1").arg(ReportRunner::fileNamePart(m_guardian.name)) + QStringLiteral(".pdf");
    setBusy(true);
    const auto result = ReportRunner(m_lock, this)
                            .run(tr("Portal invitation letter"), name,
                                 [&content](Session& s, const QString& path, ReportProgress* progress) {
                                     return PortalLetter(s).write(path, content, progress);
                                 });
    if (!alive)
        return;
    setBusy(false);
    ReportRunner::showResult(m_letterStatusLabel, result);
}

void PortalInviteDialog::loadInvitations()
{
    Session* session = m_lock.session();
    if (!session || m_busy)
        return;
    QPointer<PortalInviteDialog> alive(this);
    bool hasAccount = false;
    std::optional<Result<QList<PortalInvitations::Info>>> list;
    {
        setBusy(true);
        const auto hold = m_lock.holdSession();
        list.emplace(PortalInvitations(*session, *m_network).list(m_guardian.id, &hasAccount));
    }
    if (!alive)
        return;
    setBusy(false);
    m_loaded = true;
    if (!*list) {
        m_invitationsTable->hide();
        Theme::setMessage(m_invitationsHint,
                          tr("The invitations so far could not be shown. %1").arg(list->errorMessage()));
        return;
    }
    showInvitations(list->value(), hasAccount);
}

void PortalInviteDialog::showInvitations(const QList<PortalInvitations::Info>& invitations, bool hasAccount)
{
    const QString first = firstName(m_guardian.name);
    Theme::setMessage(m_accountLabel,
                      hasAccount
                          ? tr("%1 already uses the portal; a new invitation lets them set a new password.").arg(first)
                          : QString());
    const QDateTime now = m_lock.clock().now();
    const QLocale locale;
    const auto day = [&locale](const QDateTime& at) {
        return locale.toString(at.toLocalTime().date(), QStringLiteral("d MMM yyyy"));
    };
    m_invitationsTable->setRowCount(0);
    for (const PortalInvitations::Info& info : invitations) {
        const int row = m_invitationsTable->rowCount();
        m_invitationsTable->insertRow(row);
        m_invitationsTable->setItem(
            row, CreatedColumn,
            new QTableWidgetItem(locale.toString(info.createdAt.toLocalTime(), QStringLiteral("d MMM yyyy, HH:mm"))));
        m_invitationsTable->setItem(row, ExpiresColumn, new QTableWidgetItem(day(info.expiresAt)));
        QString state;
        if (info.usedAt.isValid())
            state = tr("Used on %1").arg(day(info.usedAt));
        else if (info.revokedAt.isValid())
            state = tr("Withdrawn on %1").arg(day(info.revokedAt));
        else if (!info.isOpen(now))
            state = tr("Expired");
        else
            state = tr("Open");
        auto* stateItem = new QTableWidgetItem(state);
        stateItem->setData(Qt::UserRole, info.invitationId);
        stateItem->setToolTip(PortalLetter::joinNames(childNames(info.childIds)));
        m_invitationsTable->setItem(row, StateColumn, stateItem);
        if (info.isOpen(now)) {
            auto* button = new QPushButton(tr("Withdraw"));
            button->setObjectName(QStringLiteral("withdrawInvitationButton"));
            button->setProperty("invitationId", info.invitationId);
            button->setToolTip(tr("The code stops working at once: for a letter that went missing"));
            const QString id = info.invitationId;
            connect(button, &QPushButton::clicked, this, [this, id] { withdraw(id); });
            m_invitationsTable->setCellWidget(row, ActionColumn, button);
        }
    }
    // A cell widget does not count for ResizeToContents: the column is made as wide as its button.
    int actionWidth = 0;
    for (const QPushButton* button : m_invitationsTable->findChildren<QPushButton*>())
        actionWidth = qMax(actionWidth, button->sizeHint().width() + 36); // the cell's padding too
    m_invitationsTable->horizontalHeader()->setSectionResizeMode(ActionColumn, QHeaderView::Fixed);
    m_invitationsTable->setColumnWidth(ActionColumn, actionWidth);
    m_invitationsTable->setVisible(!invitations.isEmpty());
    Theme::setMessage(m_invitationsHint,
                      invitations.isEmpty() ? tr("%1 has not been invited before.").arg(first) : QString());
    updateState();
}

void PortalInviteDialog::withdraw(const QString& invitationId)
{
    Session* session = m_lock.session();
    if (!session || m_busy)
        return;
    say({});
    QPointer<PortalInviteDialog> alive(this);
    std::optional<VoidResult> done;
    {
        setBusy(true);
        const auto hold = m_lock.holdSession();
        done.emplace(PortalInvitations(*session, *m_network).revoke(invitationId));
    }
    if (!alive)
        return;
    setBusy(false);
    if (!*done) {
        say(done->errorMessage());
        return;
    }
    qCInfo(lcUi) << "portal invitation" << invitationId << "withdrawn";
    // The one on screen no longer works: showing its code would only mislead.
    if (m_issued && m_issued->invitationId == invitationId) {
        m_issued.reset();
        m_resultBox->hide();
        m_formBox->show();
    }
    loadInvitations();
}

} // namespace Acorn
