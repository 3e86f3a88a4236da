#include "journal/JournalPage.h"

#include "Clock.h"
#include "Theme.h"
#include "UiLogging.h"
#include "auth/DraftStore.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "capture/CapturePage.h"
#include "capture/MediaSourceFactory.h"
#include "journal/ChildJournalPage.h"
#include "journal/ChildrenOverviewPage.h"
#include "journal/DraftsPage.h"
#include "journal/EditorDraftStore.h"
#include "journal/ObservationDetail.h"
#include "lock/LockController.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Acorn {

JournalPage::JournalPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_backButton(new QPushButton(this))
    , m_titleLabel(new QLabel(this))
    , m_draftsButton(new QPushButton(this))
    , m_newButton(new QPushButton(tr("New observation"), this))
    , m_cameraButton(new QPushButton(tr("Camera"), this))
    , m_statusLabel(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_overview(new ChildrenOverviewPage(lock, this))
    , m_childJournal(new ChildJournalPage(lock, this))
    , m_drafts(new DraftsPage(lock, this))
{
    setObjectName(QStringLiteral("journalPage"));

    m_backButton->setObjectName(QStringLiteral("journalBackButton"));
    m_backButton->setProperty("big", true);
    m_titleLabel->setObjectName(QStringLiteral("journalTitleLabel"));
    m_titleLabel->setTextFormat(Qt::PlainText);
    m_titleLabel->setWordWrap(true);
    m_titleLabel->setStyleSheet(QStringLiteral("font-size: 18pt; font-weight: bold;"));
    m_draftsButton->setObjectName(QStringLiteral("myDraftsButton"));
    m_draftsButton->setProperty("big", true);
    m_newButton->setObjectName(QStringLiteral("newObservationButton"));
    m_newButton->setIcon(QIcon::fromTheme(QStringLiteral("document-new")));
    m_newButton->setToolTip(tr("Write down what you saw, now"));
    Theme::makePrimary(m_newButton);
    m_newButton->setDefault(false);
    m_newButton->setMinimumSize(220, 64);
    m_newButton->setStyleSheet(QStringLiteral("QPushButton#newObservationButton { min-height: 64px; "
                                              "font-size: 15pt; padding: 0 20px; }"));
    m_cameraButton->setObjectName(QStringLiteral("journalCameraButton"));
    m_cameraButton->setIcon(QIcon::fromTheme(QStringLiteral("camera-photo")));
    m_cameraButton->setToolTip(tr("Take photos, videos or voice notes for a new observation"));
    m_cameraButton->setMinimumSize(130, 64);
    m_cameraButton->setStyleSheet(QStringLiteral("QPushButton#journalCameraButton { min-height: 64px; "
                                                 "font-size: 15pt; padding: 0 16px; }"));
    m_statusLabel->setObjectName(QStringLiteral("journalStatusLabel"));
    Theme::makeSuccess(m_statusLabel);

    m_stack->setObjectName(QStringLiteral("journalStack"));
    m_stack->addWidget(m_overview);
    m_stack->addWidget(m_childJournal);
    m_stack->addWidget(m_drafts);
    m_trail.append(m_overview);

    auto* header = new QHBoxLayout;
    header->setSpacing(12);
    header->addWidget(m_backButton);
    header->addWidget(m_titleLabel, 1);
    header->addWidget(m_draftsButton);
    header->addWidget(m_cameraButton);
    header->addWidget(m_newButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_stack, 1);

    connect(m_backButton, &QPushButton::clicked, this, &JournalPage::goBack);
    connect(m_newButton, &QPushButton::clicked, this, &JournalPage::newObservation);
    connect(m_cameraButton, &QPushButton::clicked, this, &JournalPage::openCamera);
    connect(m_draftsButton, &QPushButton::clicked, this, &JournalPage::showDrafts);
    connect(m_overview, &ChildrenOverviewPage::childChosen, this, &JournalPage::openChild);
    connect(m_childJournal, &ChildJournalPage::entryChosen, this, &JournalPage::openEntry);
    connect(m_drafts, &DraftsPage::openObservationRequested, this, &JournalPage::openDraft);
    connect(m_drafts, &DraftsPage::openUnassignedRequested, this, &JournalPage::openUnassigned);

    updateHeader();
    resumeAfterLock();
}

JournalPage::~JournalPage() = default;

QWidget* JournalPage::currentPage() const
{
    return m_stack->currentWidget();
}

void JournalPage::setFilePicker(ObservationEditor::FilePicker picker)
{
    m_filePicker = std::move(picker);
    if (m_editor)
        m_editor->setFilePicker(m_filePicker);
}

void JournalPage::openChild(const QString& childId)
{
    say(QString());
    m_childJournal->setChild(childId);
    push(m_childJournal);
}

void JournalPage::newObservation()
{
    if (m_editor) { // one at a time; it is on top already
        m_stack->setCurrentWidget(m_editor);
        return;
    }
    say(QString());
    ObservationEditor* editor = makeEditor();
    editor->startNew(childInView());
    push(editor);
    editor->textEdit()->setFocus();
}

QStringList JournalPage::childInView() const
{
    if (currentPage() == m_childJournal && !m_childJournal->childId().isEmpty())
        return {m_childJournal->childId()};
    if (currentPage() == m_detail && m_detail && !m_detail->journalChildId().isEmpty())
        return {m_detail->journalChildId()};
    return {};
}

void JournalPage::openCamera()
{
    if (m_capture) {
        m_stack->setCurrentWidget(m_capture);
        return;
    }
    if (m_editor) { // the observation being written gets the captures
        m_stack->setCurrentWidget(m_editor);
        m_editor->cameraButton()->click();
        return;
    }
    say(QString());
    CapturePage* page = makeCapturePage();
    page->preselectChildren(childInView());
    push(page);
}

void JournalPage::openCameraFor(const QString& observationId)
{
    if (m_capture || !m_editor)
        return;
    CapturePage* page = makeCapturePage();
    page->setDraftObservationId(observationId);
    connect(page, &CapturePage::mediaCaptured, m_editor, &ObservationEditor::addCapturedMedia);
    push(page);
}

CapturePage* JournalPage::makeCapturePage()
{
    CaptureOptions options;
    if (Session* session = m_lock.session())
        options.maxVideoSeconds = session->settings().intValue(SettingsStore::Key::MaxVideoSeconds);
    auto sources = m_mediaSources ? m_mediaSources() : MediaSourceFactory::createDefault();
    m_capture = new CapturePage(m_lock, std::move(sources), options, this);
    if (m_filePicker)
        m_capture->setFilePicker(m_filePicker);
    connect(m_capture, &CapturePage::doneRequested, this, &JournalPage::finishCapture);
    return m_capture;
}

void JournalPage::finishCapture()
{
    if (!m_capture || m_trail.last() != m_capture)
        return;
    const QString draftId = m_capture->draftObservationId();
    const bool forEditor = m_editor != nullptr;
    pop();
    // Photos first, words after: the editor opens on the new draft to write what was seen.
    if (!forEditor && !draftId.isEmpty()) {
        openDraft(draftId);
        if (m_editor)
            m_editor->textEdit()->setFocus();
    }
}

void JournalPage::openDraft(const QString& observationId)
{
    if (m_editor)
        return;
    say(QString());
    ObservationEditor* editor = makeEditor();
    if (!editor->openObservation(observationId)) {
        m_editor = nullptr;
        delete editor;
        refresh(currentPage());
        return;
    }
    push(editor);
}

void JournalPage::openUnassigned(const QString& localId)
{
    if (m_editor)
        return;
    say(QString());
    ObservationEditor* editor = makeEditor();
    if (!editor->openUnassigned(localId)) {
        m_editor = nullptr;
        delete editor;
        refresh(currentPage());
        return;
    }
    push(editor);
}

void JournalPage::openEntry(const JournalEntry& entry)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    say(QString());
    const Observation& o = entry.observation;
    // One's own unfinished work opens for writing; everything else to read and reply to.
    if (o.authorStaffId == session->staff().id
        && (o.status == ObservationStatus::Draft || o.status == ObservationStatus::Returned)) {
        openDraft(o.id);
        return;
    }
    if (m_detail)
        return;
    m_detail = new ObservationDetail(m_lock, this);
    m_detail->setEntry(entry, m_childJournal->childId());
    push(m_detail);
}

void JournalPage::showDrafts()
{
    if (currentPage() == m_drafts || m_editor)
        return;
    say(QString());
    // Only once in the trail.
    if (m_trail.contains(m_drafts)) {
        while (m_trail.last() != m_drafts)
            pop();
        refresh(m_drafts);
        updateHeader();
        return;
    }
    m_drafts->refresh();
    push(m_drafts);
}

void JournalPage::goBack()
{
    if (m_trail.size() < 2)
        return;
    if (m_trail.last() == m_editor)
        say(m_editor->saveAndClose());
    else if (m_trail.last() == m_capture && m_capture && !m_editor && m_capture->capturedCount() > 0)
        say(tr("Kept in My drafts: write what you saw when you have a moment."));
    else
        say(QString());
    pop();
}

ObservationEditor* JournalPage::makeEditor()
{
    m_editor = new ObservationEditor(m_lock, this);
    if (m_filePicker)
        m_editor->setFilePicker(m_filePicker);
    connect(m_editor, &ObservationEditor::submitted, this, &JournalPage::onSubmitted);
    connect(m_editor, &ObservationEditor::titleChanged, this, &JournalPage::updateHeader);
    connect(m_editor, &ObservationEditor::captureRequested, this, &JournalPage::openCameraFor);
    connect(m_editor, &ObservationEditor::discarded, this, [this] {
        pop();
        say(tr("The draft was thrown away."));
    });
    return m_editor;
}

void JournalPage::push(QWidget* page)
{
    if (m_stack->indexOf(page) < 0)
        m_stack->addWidget(page);
    m_trail.append(page);
    m_stack->setCurrentWidget(page);
    settleFocus(page);
    updateHeader();
}

void JournalPage::pop()
{
    if (m_trail.size() < 2)
        return;
    QWidget* top = m_trail.takeLast();
    m_stack->setCurrentWidget(m_trail.last());
    if (top == m_editor || top == m_detail || top == m_capture) {
        // Gone from the screen: nothing of it is for the next lock to keep (deleteLater may run after that).
        if (auto* source = dynamic_cast<DraftSource*>(top))
            m_lock.unregisterDraftSource(source);
        if (top == m_editor)
            m_editor = nullptr;
        else if (top == m_detail)
            m_detail = nullptr;
        else
            m_capture = nullptr;
        m_stack->removeWidget(top);
        top->hide();
        top->deleteLater();
    }
    refresh(m_trail.last());
    settleFocus(m_trail.last());
    updateHeader();
}

void JournalPage::settleFocus(QWidget* page)
{
    // Keep the focus off text fields unless writing: on a tablet a focused field brings up the keyboard.
    if (page != m_editor)
        page->setFocus(Qt::OtherFocusReason);
}

void JournalPage::refresh(QWidget* page)
{
    if (page == m_overview)
        m_overview->refresh();
    else if (page == m_childJournal)
        m_childJournal->reload();
    else if (page == m_drafts)
        m_drafts->refresh();
}

QString JournalPage::titleOf(QWidget* page) const
{
    if (page == m_overview)
        return tr("Children");
    if (page == m_childJournal)
        return m_childJournal->title();
    if (page == m_drafts)
        return tr("My drafts");
    if (page == m_editor && m_editor)
        return m_editor->title();
    if (page == m_detail && m_detail)
        return m_detail->title();
    if (page == m_capture && m_capture)
        return m_editor ? tr("Camera: %1").arg(m_editor->title()) : tr("Camera");
    return {};
}

void JournalPage::updateHeader()
{
    QWidget* current = currentPage();
    m_titleLabel->setText(titleOf(current));
    const bool writing = current == m_editor && m_editor;
    const bool capturing = current == m_capture && m_capture;
    m_newButton->setVisible(!writing && !capturing);
    m_cameraButton->setVisible(!writing && !capturing);
    m_draftsButton->setVisible(!writing && !capturing && current != m_drafts);
    const int drafts = DraftsPage::countFor(m_lock);
    m_draftsButton->setText(drafts > 0 ? tr("My drafts (%1)").arg(drafts) : tr("My drafts"));
    m_backButton->setVisible(m_trail.size() > 1);
    if (writing) {
        m_backButton->setText(tr("Save and close"));
    } else if (m_trail.size() > 1) {
        QWidget* below = m_trail.at(m_trail.size() - 2);
        // A long name would squeeze the title; then plainly "Journal".
        const QString name = below == m_childJournal && m_childJournal->childName().size() <= 12
            ? m_childJournal->childName()
            : QString();
        m_backButton->setText(below == m_overview           ? tr("‹ Children")
                                  : below == m_drafts       ? tr("‹ My drafts")
                                  : below == m_editor       ? tr("‹ Observation")
                                  : !name.isEmpty()         ? tr("‹ %1's journal").arg(name)
                                  : below == m_childJournal ? tr("‹ Journal")
                                                            : tr("‹ Back"));
    }
}

void JournalPage::onSubmitted(const QString& observationId, ObservationStatus status)
{
    Q_UNUSED(observationId)
    const bool staffOnly = m_editor && m_editor->observation().staffOnly;
    pop();
    if (status == ObservationStatus::Published)
        say(staffOnly ? tr("Published: it is in the journal now, for staff only.")
                      : tr("Published: it is in the journal now, and parents and carers can see it."));
    else
        say(tr("Sent. It is “%1” until a room leader or manager approves it; parents see it after that.")
                .arg(observationStatusDisplayName(status)));
}

void JournalPage::resumeAfterLock()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    const auto resume = EditorDraftStore(drafts).takeResume();
    if (!resume)
        return;
    ObservationEditor* editor = makeEditor();
    const bool opened = resume->observationId.isEmpty() ? editor->openUnassigned(resume->localId)
                                                        : editor->openObservation(resume->observationId);
    if (!opened) {
        m_editor = nullptr;
        delete editor;
        return;
    }
    qCInfo(lcUi) << "reopened the observation being written at lock" << resume->observationId;
    editor->showResumedNote();
    push(editor);
}

void JournalPage::say(const QString& message)
{
    Theme::setMessage(m_statusLabel, message);
}

} // namespace Acorn
