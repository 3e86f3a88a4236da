#include "meeting/PresentationWindow.h"

#include "UiLogging.h"
#include "auth/Session.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/ChildNames.h"
#include "journal/JournalQuery.h"
#include "journal/JournalText.h"
#include "journal/ObservationMedia.h"
#include "lock/LockController.h"
#include "meeting/MeetingSignOffForm.h"
#include "meeting/PresentationSlide.h"
#include "people/Children.h"
#include "review/Meetings.h"

#include <QCloseEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Acorn {

namespace {
QLabel* bigLabel(const QString& text, const QString& name, qreal factor, bool bold, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    QFont font = label->font();
    font.setPointSizeF(PresentationWindow::BasePointSize * factor);
    font.setBold(bold);
    label->setFont(font);
    return label;
}

QString fullNames(const ChildNames& names, const QStringList& childIds)
{
    QStringList list;
    for (const QString& id : childIds)
        list << names.fullName(id);
    return ChildNames::joinNames(list);
}

QStringList tagLabels(const FrameworkRegistry& registry, const Observation& o)
{
    QStringList labels;
    for (const ObservationTag& tag : o.tags)
        labels << JournalText::tag(registry, tag);
    return labels;
}
} // namespace

PresentationWindow::PresentationWindow(LockController& lock, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_lock(lock)
    , m_titleLabel(new QLabel(this))
    , m_counterLabel(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_previousButton(new QPushButton(tr("‹ Back"), this))
    , m_nextButton(new QPushButton(tr("Next ›"), this))
    , m_endButton(new QPushButton(tr("End"), this))
    , m_saveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("presentationWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Acorn — presentation"));
    // Large type for the back of the room: everything on it inherits this size or more.
    QFont base = font();
    base.setPointSize(BasePointSize);
    setFont(base);
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, Qt::white);
    setPalette(palette);
    setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);

    m_titleLabel->setObjectName(QStringLiteral("presentationTitleLabel"));
    m_titleLabel->setTextFormat(Qt::PlainText);
    m_titleLabel->setStyleSheet(QStringLiteral("color: #4a4a4a;"));
    m_counterLabel->setObjectName(QStringLiteral("slideCounterLabel"));
    m_counterLabel->setTextFormat(Qt::PlainText);
    m_counterLabel->setStyleSheet(QStringLiteral("color: #2e6b3a;"));
    QFont counterFont = m_counterLabel->font();
    counterFont.setBold(true);
    m_counterLabel->setFont(counterFont);
    m_stack->setObjectName(QStringLiteral("presentationSlides"));
    for (QPushButton* b : {m_previousButton, m_nextButton, m_endButton}) {
        b->setFocusPolicy(Qt::NoFocus); // keys move the slides, not the buttons
        b->setProperty("big", true);
    }
    m_previousButton->setObjectName(QStringLiteral("previousSlideButton"));
    m_nextButton->setObjectName(QStringLiteral("nextSlideButton"));
    m_endButton->setObjectName(QStringLiteral("endPresentationButton"));
    auto* keys = new QLabel(tr("← → Space: move · Esc: end"), this);
    keys->setObjectName(QStringLiteral("presentationKeysLabel"));
    keys->setStyleSheet(QStringLiteral("color: #5a5a5a;"));
    keys->setWordWrap(true); // a narrow projector (1024 wide) wraps it rather than squeezing the buttons
    keys->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_endButton->setToolTip(tr("End the presentation (Esc)"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_titleLabel, 1);
    top->addWidget(m_counterLabel);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_previousButton);
    bottom->addWidget(m_nextButton);
    bottom->addSpacing(24);
    bottom->addWidget(keys, 1);
    bottom->addSpacing(24);
    bottom->addWidget(m_endButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 24, 48, 24);
    layout->setSpacing(16);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    layout->addLayout(bottom);

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(800);
    connect(m_saveTimer, &QTimer::timeout, this, &PresentationWindow::saveOutcomes);
    connect(m_previousButton, &QPushButton::clicked, this, &PresentationWindow::previous);
    connect(m_nextButton, &QPushButton::clicked, this, &PresentationWindow::next);
    connect(m_endButton, &QPushButton::clicked, this, &PresentationWindow::end);

    // While the outcome box has the keyboard, it keeps arrows and Space for the text; PageUp/PageDown (what a
    // presenter's clicker sends) still move, and Esc leaves the box.
    const auto key = [this](QKeySequence sequence, auto slot) {
        auto* shortcut = new QShortcut(sequence, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    key(QKeySequence(Qt::Key_Right), &PresentationWindow::next);
    key(QKeySequence(Qt::Key_Space), &PresentationWindow::next);
    key(QKeySequence(Qt::Key_PageDown), &PresentationWindow::next);
    key(QKeySequence(Qt::Key_Left), &PresentationWindow::previous);
    key(QKeySequence(Qt::Key_PageUp), &PresentationWindow::previous);
    key(QKeySequence(Qt::Key_Home), [this] { goTo(0); });
    key(QKeySequence(Qt::Key_End), [this] { goTo(slideCount() - 1); });
    key(QKeySequence(Qt::Key_Escape), &PresentationWindow::escape);

    // A lock ends the presentation: outcomes are saved through saveDraft() while the database is open, then every
    // window but the main one is hidden, then this one goes.
    m_lock.registerDraftSource(this);
    m_registeredWith = &m_lock;
    connect(&m_lock, &LockController::locked, this, &QWidget::close);
    connect(&m_lock, &LockController::signedOut, this, &QWidget::close);
}

PresentationWindow::~PresentationWindow()
{
    if (m_registeredWith)
        m_registeredWith->unregisterDraftSource(this);
}

void PresentationWindow::build(const QString& title, const QString& subtitle, const QString& startHint)
{
    m_titleLabel->setText(title);
    auto* opening = new QWidget(m_stack);
    opening->setObjectName(QStringLiteral("titleSlide"));
    auto* layout = new QVBoxLayout(opening);
    layout->addStretch(2);
    layout->addWidget(bigLabel(title, QStringLiteral("titleSlideHeading"), 2.0, true, opening));
    layout->addSpacing(24);
    layout->addWidget(bigLabel(subtitle, QStringLiteral("titleSlideSubtitle"), 1.2, false, opening));
    layout->addStretch(1);
    auto* hint = bigLabel(startHint, QStringLiteral("titleSlideHint"), 1.0, false, opening);
    hint->setStyleSheet(QStringLiteral("color: #5a5a5a;"));
    layout->addWidget(hint);
    layout->addStretch(1);
    m_stack->addWidget(opening);
}

void PresentationWindow::addClosing(QWidget* closing)
{
    closing->setObjectName(QStringLiteral("closingSlide"));
    m_stack->addWidget(closing);
    m_stack->setCurrentIndex(0);
    applyLargeType(this);
    showPosition();
}

void PresentationWindow::applyLargeType(QWidget* root)
{
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* widget : std::as_const(widgets)) {
        if (widget->font().pointSizeF() >= BasePointSize)
            continue;
        QFont font = widget->font();
        font.setPointSize(BasePointSize);
        widget->setFont(font);
    }
}

bool PresentationWindow::loadMeeting(const QString& meetingId)
{
    Session* session = m_lock.session();
    if (!session || !m_slides.isEmpty() || m_stack->count() > 0)
        return false;
    Meetings meetings(*session);
    const auto meeting = meetings.byId(meetingId);
    if (!meeting || !session->can(Action::ApproveObservations))
        return false;
    m_meetingId = meetingId;
    QStringList ids;
    QHash<QString, QString> outcomes;
    for (const MeetingItem& item : meeting->items) {
        ids << item.observationId;
        outcomes.insert(item.observationId, item.outcome);
    }
    // Consent for every journal: this screen belongs to no one child.
    const QList<JournalEntry> entries = meetings.entriesFor(ids);
    const ChildNames names(Children(*session).visible(true));
    const FrameworkRegistry registry(session->settings());
    const ObservationMedia allMedia(*session);
    const QString day = QLocale().toString(meeting->heldOn, tr("dddd d MMMM yyyy", "long date format"));
    build(meeting->title,
          entries.size() == 1 ? tr("%1\n1 observation to talk about").arg(day)
                              : tr("%1\n%2 observations to talk about").arg(day).arg(entries.size()),
          tr("→ or Space to start · Esc to end"));
    for (const JournalEntry& entry : entries) {
        const int hidden = int(allMedia.of(entry.observation.id).size() - entry.media.size());
        auto* slide = new PresentationSlide(m_lock, entry, fullNames(names, entry.observation.childIds),
                                            tagLabels(registry, entry.observation), qMax(0, hidden), m_stack);
        const QString outcome = outcomes.value(entry.observation.id);
        slide->setOutcome(outcome, !meeting->isSignedOff());
        m_savedOutcomes.insert(entry.observation.id, outcome);
        connect(slide, &PresentationSlide::outcomeEdited, m_saveTimer, qOverload<>(&QTimer::start));
        m_stack->addWidget(slide);
        m_slides.append(slide);
    }

    auto* closing = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(closing);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* heading = bigLabel(tr("Closing the meeting"), QStringLiteral("closingHeading"), 1.5, true, closing);
    heading->setAlignment(Qt::AlignLeft);
    layout->addWidget(heading);
    m_signOffForm = new MeetingSignOffForm(m_lock, closing);
    m_signOffForm->setMeeting(*meeting);
    layout->addWidget(m_signOffForm, 1);
    connect(m_signOffForm, &MeetingSignOffForm::signedOff, this, &PresentationWindow::onSignedOff);
    addClosing(closing);
    qCInfo(lcUi) << "presenting meeting" << meetingId << "with" << m_slides.size() << "observations";
    return true;
}

bool PresentationWindow::loadChildJournal(const QString& childId)
{
    Session* session = m_lock.session();
    if (!session || !m_slides.isEmpty() || m_stack->count() > 0)
        return false;
    const QList<Child> visible = Children(*session).visible(true);
    const ChildNames names(visible);
    if (!names.contains(childId))
        return false;
    m_childId = childId;
    // Consent for this child's journal: a photo of this child is shown here even without consent for other
    // journals; a photo that also shows another child without consent is not.
    JournalFilter published;
    published.status = ObservationStatus::Published;
    const QList<JournalEntry> entries = JournalQuery(*session).timeline(childId, published, 500);
    const FrameworkRegistry registry(session->settings());
    const ObservationMedia allMedia(*session);
    const QString name = names.fullName(childId);
    build(tr("%1's learning journal").arg(name),
          entries.size() == 1 ? tr("1 observation, newest first")
                              : tr("%1 observations, newest first").arg(entries.size()),
          tr("→ or Space to start · Esc to end"));
    for (const JournalEntry& entry : entries) {
        const int hidden = int(allMedia.of(entry.observation.id).size() - entry.media.size());
        auto* slide = new PresentationSlide(m_lock, entry, fullNames(names, entry.observation.childIds),
                                            tagLabels(registry, entry.observation), qMax(0, hidden), m_stack);
        m_stack->addWidget(slide);
        m_slides.append(slide);
    }
    auto* closing = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(closing);
    layout->addStretch();
    layout->addWidget(
        bigLabel(tr("The end of %1's journal").arg(name), QStringLiteral("closingHeading"), 1.5, true, closing));
    layout->addSpacing(24);
    auto* hint = bigLabel(tr("Esc to finish"), QStringLiteral("closingHint"), 1.0, false, closing);
    hint->setStyleSheet(QStringLiteral("color: #5a5a5a;"));
    layout->addWidget(hint);
    layout->addStretch();
    addClosing(closing);
    qCInfo(lcUi) << "presenting the journal of child" << childId << "with" << m_slides.size() << "observations";
    return true;
}

void PresentationWindow::present()
{
    // On a second screen (the projector) when there is one; else where the app is.
    QScreen* here = parentWidget() ? parentWidget()->screen() : QGuiApplication::primaryScreen();
    QScreen* target = here;
    for (QScreen* screen : QGuiApplication::screens())
        if (screen != here) {
            target = screen;
            break;
        }
    if (target)
        setGeometry(target->geometry());
    showFullScreen();
    activateWindow();
    setFocus();
}

int PresentationWindow::slideCount() const
{
    return m_stack->count();
}

int PresentationWindow::currentIndex() const
{
    return m_stack->currentIndex();
}

PresentationSlide* PresentationWindow::currentSlide() const
{
    return qobject_cast<PresentationSlide*>(m_stack->currentWidget());
}

void PresentationWindow::goTo(int index)
{
    if (index < 0 || index >= slideCount())
        return;
    saveOutcomes();
    m_stack->setCurrentIndex(index);
    setFocus(); // the keys belong to the slides again, not to a text box left behind
    showPosition();
}

void PresentationWindow::next()
{
    goTo(currentIndex() + 1);
}

void PresentationWindow::previous()
{
    goTo(currentIndex() - 1);
}

void PresentationWindow::showPosition()
{
    const int index = currentIndex();
    m_counterLabel->setText(tr("%1 / %2").arg(index + 1).arg(slideCount()));
    m_previousButton->setEnabled(index > 0);
    m_nextButton->setEnabled(index + 1 < slideCount());
}

void PresentationWindow::escape()
{
    QWidget* focus = focusWidget();
    if (qobject_cast<QPlainTextEdit*>(focus) && isAncestorOf(focus)) {
        saveOutcomes();
        if (m_signOffForm)
            m_signOffForm->saveChanges();
        setFocus(); // out of the box: the arrows move the slides again
        return;
    }
    end();
}

void PresentationWindow::end()
{
    close();
}

void PresentationWindow::saveOutcomes()
{
    m_saveTimer->stop();
    Session* session = m_lock.session();
    if (!session || m_meetingId.isEmpty())
        return;
    Meetings meetings(*session);
    for (PresentationSlide* slide : std::as_const(m_slides)) {
        if (!slide->hasOutcome() || slide->outcomeEdit()->isReadOnly())
            continue;
        const QString text = slide->outcome();
        if (text == m_savedOutcomes.value(slide->observationId()))
            continue;
        if (const VoidResult done = meetings.setOutcome(m_meetingId, slide->observationId(), text); !done) {
            qCWarning(lcUi) << "outcome not saved, meeting" << m_meetingId << "code" << int(done.code());
            continue;
        }
        m_savedOutcomes.insert(slide->observationId(), text);
    }
}

void PresentationWindow::saveDraft(DraftStore&)
{
    // Straight into the meeting record: it is the draft, and the database is still open here.
    saveOutcomes();
    if (m_signOffForm)
        m_signOffForm->saveChanges();
}

void PresentationWindow::onSignedOff()
{
    applyLargeType(m_signOffForm); // its chips were made again
    for (PresentationSlide* slide : std::as_const(m_slides))
        slide->setOutcomeEditable(false);
}

void PresentationWindow::closeEvent(QCloseEvent* event)
{
    if (!m_ended) {
        m_ended = true;
        saveOutcomes();
        if (m_signOffForm)
            m_signOffForm->saveChanges();
        qCInfo(lcUi) << "presentation ended";
        emit ended();
    }
    event->accept();
}

} // namespace Acorn
