#include "journal/ObservationEditor.h"

#include "Clock.h"
#include "Theme.h"
#include "UiLogging.h"
#include "auth/DraftStore.h"
#include "auth/SettingsStore.h"
#include "auth/StaffRepository.h"
#include "domain/Ids.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/ChildChips.h"
#include "journal/ConsentRules.h"
#include "journal/ConsentWarningPanel.h"
#include "journal/EditorDraftStore.h"
#include "journal/JournalText.h"
#include "journal/MediaAttachmentCard.h"
#include "journal/ObservationMedia.h"
#include "journal/Observations.h"
#include "journal/TagPicker.h"
#include "journal/ThumbnailLoader.h"
#include "kiosk/KioskFilePicker.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "storage/Database.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTextCursor>
#include <QTimer>
#include <QVBoxLayout>

namespace Acorn {

namespace {
// More than this many children and a "find a child" box appears above the chips.
constexpr int ChipFilterThreshold = 12;

QFrame* banner(const QString& objectName, const QString& background, const QString& border, QWidget* parent)
{
    auto* frame = new QFrame(parent);
    frame->setObjectName(objectName);
    frame->setStyleSheet(QStringLiteral("QFrame#%1 { background: %2; border: 2px solid %3; border-radius: 10px; }")
                             .arg(objectName, background, border));
    frame->hide();
    return frame;
}
} // namespace

ObservationEditor::ObservationEditor(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_thumbnails(new ThumbnailLoader(lock, this))
    , m_filePicker(lock.isKiosk() ? FilePicker([&lock](QWidget* parent) {
        return KioskFilePicker::pick(lock.deviceSettings(), KioskFilePicker::Kind::Media, parent);
    })
                                  : FilePicker(&ObservationEditor::pickFiles))
    , m_autosaveTimer(new QTimer(this))
    , m_scroll(new QScrollArea(this))
    , m_childFilterEdit(new QLineEdit(this))
    , m_childChips(new ChildChips(this))
    , m_textEdit(new QPlainTextEdit(this))
    , m_observedAtEdit(new QDateTimeEdit(this))
    , m_nextStepsEdit(new QPlainTextEdit(this))
    , m_staffOnlyCheckBox(new QCheckBox(tr("Staff only: parents and carers will not see this"), this))
    , m_addMediaButton(new QPushButton(tr("Add from files"), this))
    , m_cameraButton(new QPushButton(tr("Camera: photo, video, voice note"), this))
    , m_mediaArea(new QWidget(this))
    , m_mediaLayout(new QVBoxLayout(m_mediaArea))
    , m_consentPanel(new ConsentWarningPanel(this))
    , m_errorLabel(new QLabel(this))
    , m_saveStateLabel(new QLabel(this))
    , m_discardButton(new QPushButton(tr("Throw away this draft"), this))
    , m_submitButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("observationEditor"));
    Session* session = m_lock.session();
    Q_ASSERT(session);
    m_registry = new FrameworkRegistry(session->settings(), this);
    m_tagPicker = new TagPicker(*m_registry, this);

    m_autosaveTimer->setSingleShot(true);
    m_autosaveTimer->setInterval(AutosaveDelayMs);

    // Banners: returned with feedback, and "Acorn locked while you were writing".
    m_returnedBanner
        = banner(QStringLiteral("returnedBanner"), QStringLiteral("#fbe0dc"), QStringLiteral("#a4262c"), this);
    m_returnedLabel = new QLabel(m_returnedBanner);
    m_returnedLabel->setObjectName(QStringLiteral("returnedFeedbackLabel"));
    m_returnedLabel->setTextFormat(Qt::PlainText);
    m_returnedLabel->setWordWrap(true);
    m_returnedLabel->setStyleSheet(QStringLiteral("font-size: 14pt;"));
    auto* returnedLayout = new QVBoxLayout(m_returnedBanner);
    returnedLayout->setContentsMargins(16, 12, 16, 12);
    returnedLayout->addWidget(m_returnedLabel);

    m_resumedBanner
        = banner(QStringLiteral("resumedBanner"), QStringLiteral("#fff4ce"), QStringLiteral("#c8a400"), this);
    auto* resumedLabel = new QLabel(tr("You were writing this when Acorn locked. Everything you had written is "
                                       "here: carry on where you left off."),
                                    m_resumedBanner);
    resumedLabel->setObjectName(QStringLiteral("resumedLabel"));
    resumedLabel->setWordWrap(true);
    auto* resumedLayout = new QVBoxLayout(m_resumedBanner);
    resumedLayout->setContentsMargins(16, 10, 16, 10);
    resumedLayout->addWidget(resumedLabel);

    // Who.
    m_childFilterEdit->setObjectName(QStringLiteral("childFilterEdit"));
    m_childFilterEdit->setPlaceholderText(tr("Find a child"));
    m_childFilterEdit->setClearButtonEnabled(true);
    m_childFilterEdit->hide();
    m_childChips->setObjectName(QStringLiteral("observationChildChips"));
    auto* who = new QWidget(this);
    auto* whoLayout = new QVBoxLayout(who);
    whoLayout->setContentsMargins(0, 0, 0, 0);
    whoLayout->addWidget(m_childFilterEdit);
    whoLayout->addWidget(m_childChips);

    // What.
    m_textEdit->setObjectName(QStringLiteral("observationTextEdit"));
    m_textEdit->setPlaceholderText(tr("What did you see or hear? Write it as it happened."));
    m_textEdit->setMinimumHeight(170);
    m_textEdit->setTabChangesFocus(true);
    QFont big = m_textEdit->font();
    big.setPointSize(14);
    m_textEdit->setFont(big);

    // When.
    m_observedAtEdit->setObjectName(QStringLiteral("observedAtEdit"));
    m_observedAtEdit->setCalendarPopup(true);
    m_observedAtEdit->setDisplayFormat(tr("ddd d MMM yyyy, HH:mm", "date and time format"));
    m_observedAtEdit->setMinimumWidth(260);
    // The theme sizes QDateEdit for fingers; this is its parent class.
    m_observedAtEdit->setStyleSheet(QStringLiteral("QDateTimeEdit { min-height: 44px; padding: 0 8px; }"));
    auto* when = new QWidget(this);
    auto* whenLayout = new QHBoxLayout(when);
    whenLayout->setContentsMargins(0, 0, 0, 0);
    whenLayout->addWidget(m_observedAtEdit);
    const std::pair<const char*, int> quick[]
        = {{"observedNowButton", 0}, {"observed30Button", 30}, {"observed60Button", 60}, {"observed120Button", 120}};
    for (const auto& [name, minutes] : quick) {
        auto* button = new QPushButton(minutes == 0        ? tr("Now")
                                           : minutes < 60  ? tr("%1 minutes ago").arg(minutes)
                                           : minutes == 60 ? tr("1 hour ago")
                                                           : tr("%1 hours ago").arg(minutes / 60),
                                       when);
        button->setObjectName(QLatin1String(name));
        whenLayout->addWidget(button);
        connect(button, &QPushButton::clicked, this, [this, minutes = minutes] { setObservedAt(minutes); });
    }
    whenLayout->addStretch();

    // Next steps, who can see it.
    m_nextStepsEdit->setObjectName(QStringLiteral("nextStepsEdit"));
    m_nextStepsEdit->setPlaceholderText(tr("What could come next for this child? (You can leave this for later.)"));
    m_nextStepsEdit->setFixedHeight(100);
    m_nextStepsEdit->setTabChangesFocus(true);
    m_staffOnlyCheckBox->setObjectName(QStringLiteral("staffOnlyCheckBox"));

    // Media.
    m_addMediaButton->setObjectName(QStringLiteral("addMediaButton"));
    m_addMediaButton->setProperty("big", true);
    m_addMediaButton->setToolTip(tr("Add photos, videos or voice notes from files"));
    m_addMediaButton->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
    m_cameraButton->setObjectName(QStringLiteral("editorCameraButton"));
    m_cameraButton->setIcon(QIcon::fromTheme(QStringLiteral("camera-photo")));
    Theme::makePrimary(m_cameraButton);
    Theme::makeBig(m_cameraButton);
    m_mediaArea->setObjectName(QStringLiteral("attachmentList"));
    m_mediaLayout->setContentsMargins(0, 0, 0, 0);
    m_mediaLayout->setSpacing(10);
    auto* media = new QWidget(this);
    auto* mediaLayout = new QVBoxLayout(media);
    mediaLayout->setContentsMargins(0, 0, 0, 0);
    auto* mediaButtons = new QHBoxLayout;
    mediaButtons->setSpacing(12);
    mediaButtons->addWidget(m_cameraButton);
    mediaButtons->addWidget(m_addMediaButton);
    mediaButtons->addStretch();
    mediaLayout->addLayout(mediaButtons);
    mediaLayout->addWidget(m_mediaArea);

    m_consentPanel->hide();
    m_errorLabel->setObjectName(QStringLiteral("editorErrorLabel"));
    Theme::makeError(m_errorLabel);

    auto* form = new QWidget;
    form->setObjectName(QStringLiteral("editorForm"));
    auto* formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(4, 4, 16, 16);
    formLayout->setSpacing(14);
    formLayout->addWidget(m_returnedBanner);
    formLayout->addWidget(m_resumedBanner);
    formLayout->addWidget(section(tr("Who is this about?"), who, tr("Choose one child, or several for a group.")));
    formLayout->addWidget(section(tr("What did you see?"), m_textEdit));
    formLayout->addWidget(section(tr("When?"), when));
    formLayout->addWidget(section(tr("Photos, videos and voice notes"), media,
                                  tr("Say who is in each one: photo consent decides whose journals may show it.")));
    formLayout->addWidget(section(tr("Areas of learning"), m_tagPicker));
    formLayout->addWidget(section(tr("Next steps"), m_nextStepsEdit));
    formLayout->addWidget(m_staffOnlyCheckBox);
    formLayout->addStretch();
    m_scroll->setObjectName(QStringLiteral("editorScroll"));
    m_scroll->setWidget(form);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    // Always in reach: what happened, and the two ways out.
    m_saveStateLabel->setObjectName(QStringLiteral("autosaveStateLabel"));
    Theme::makeHint(m_saveStateLabel);
    m_discardButton->setObjectName(QStringLiteral("discardObservationButton"));
    m_submitButton->setObjectName(QStringLiteral("submitObservationButton"));
    Theme::makePrimary(m_submitButton);
    m_submitButton->setDefault(false);
    m_submitButton->setMinimumWidth(220);
    const bool approval = session->settings().boolValue(SettingsStore::Key::ApprovalRequired);
    m_submitButton->setText(approval ? tr("Send for approval") : tr("Publish to the journal"));
    m_consentPanel->submitAnywayButton()->setText(approval ? tr("Send for approval anyway") : tr("Publish anyway"));
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_discardButton);
    actions->addSpacing(12);
    actions->addWidget(m_saveStateLabel, 1);
    actions->addWidget(m_submitButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_consentPanel);
    layout->addWidget(m_errorLabel);
    layout->addLayout(actions);

    connect(m_autosaveTimer, &QTimer::timeout, this, [this] { (void)saveNow(); });
    connect(m_textEdit, &QPlainTextEdit::textChanged, this, &ObservationEditor::onEdited);
    connect(m_nextStepsEdit, &QPlainTextEdit::textChanged, this, &ObservationEditor::onEdited);
    connect(m_observedAtEdit, &QDateTimeEdit::dateTimeChanged, this, &ObservationEditor::onEdited);
    connect(m_staffOnlyCheckBox, &QCheckBox::toggled, this, &ObservationEditor::onEdited);
    connect(m_tagPicker, &TagPicker::tagsChanged, this, &ObservationEditor::onEdited);
    connect(m_childChips, &ChildChips::selectionChanged, this, &ObservationEditor::onChildrenChanged);
    connect(m_childFilterEdit, &QLineEdit::textChanged, m_childChips, &ChildChips::filter);
    connect(m_addMediaButton, &QPushButton::clicked, this, &ObservationEditor::addMedia);
    connect(m_cameraButton, &QPushButton::clicked, this, &ObservationEditor::openCamera);
    connect(m_submitButton, &QPushButton::clicked, this, &ObservationEditor::submit);
    connect(m_discardButton, &QPushButton::clicked, this, &ObservationEditor::discard);
    connect(m_consentPanel, &ConsentWarningPanel::submitAnywayRequested, this, &ObservationEditor::submitConfirmed);
    connect(m_consentPanel, &ConsentWarningPanel::changeRequested, this, [this] {
        m_consentPanel->hide();
        m_scroll->ensureWidgetVisible(m_mediaArea, 0, 40);
    });

    loadChildren();
    m_lock.registerDraftSource(this);
}

ObservationEditor::~ObservationEditor()
{
    m_lock.unregisterDraftSource(this);
}

QWidget* ObservationEditor::section(const QString& title, QWidget* content, const QString& hint)
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto* heading = new QLabel(title, box);
    heading->setObjectName(QStringLiteral("editorSectionTitle"));
    heading->setStyleSheet(QStringLiteral("font-size: 15pt; font-weight: bold;"));
    layout->addWidget(heading);
    if (!hint.isEmpty()) {
        auto* hintLabel = new QLabel(hint, box);
        Theme::makeHint(hintLabel);
        layout->addWidget(hintLabel);
    }
    layout->addWidget(content);
    return box;
}

void ObservationEditor::loadChildren()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    m_children = Children(*session).visible();
    m_names = ChildNames(m_children);
    m_childFilterEdit->setVisible(m_children.size() > ChipFilterThreshold);
}

void ObservationEditor::setChildChoices(const QStringList& selected)
{
    QList<ChildChips::Choice> choices;
    for (const Child& child : std::as_const(m_children))
        choices.append({child.id, m_names.shortName(child.id)});
    // A child chosen before who is no longer listed (left, or moved room) stays on the observation.
    for (const QString& id : selected)
        if (!m_names.contains(id))
            choices.append({id, m_names.shortName(id)});
    m_childChips->setChoices(choices, selected);
}

QString ObservationEditor::title() const
{
    const QStringList children = m_childChips->selectedIds();
    if (m_observation.status == ObservationStatus::Returned)
        return tr("Returned observation");
    return children.isEmpty() ? tr("New observation") : tr("Observation of %1").arg(m_names.list(children));
}

void ObservationEditor::startNew(const QStringList& childIds)
{
    Observation o;
    o.observedAt = m_lock.clock().now();
    o.childIds = childIds;
    display(o);
    m_textEdit->setFocus();
}

bool ObservationEditor::openObservation(const QString& observationId)
{
    Session* session = m_lock.session();
    if (!session)
        return false;
    auto o = Observations(*session).byId(observationId);
    if (!o || o->authorStaffId != session->staff().id
        || (o->status != ObservationStatus::Draft && o->status != ObservationStatus::Returned)) {
        showError(tr("This observation cannot be changed any more."));
        return false;
    }
    // Newer words that core could not take yet (kept on this device) win over the stored draft.
    DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    const auto pending = EditorDraftStore(drafts).pending(observationId);
    Observation shown = *o;
    if (pending) {
        shown.text = pending->text;
        shown.nextSteps = pending->nextSteps;
        shown.observedAt = pending->observedAt.isValid() ? pending->observedAt : o->observedAt;
        shown.childIds = pending->childIds;
        shown.tags = pending->tags;
        shown.staffOnly = pending->staffOnly;
        m_hasPending = true;
    }
    m_observation = *o;
    display(shown);
    for (const MediaItem& item : ObservationMedia(*session).of(observationId))
        addCard(item);
    updateConsentNotes();
    if (o->status == ObservationStatus::Returned) {
        QString reviewer;
        if (const auto staff = StaffRepository(session->database()).byId(o->reviewedBy))
            reviewer = staff->displayName;
        m_returnedLabel->setText(
            reviewer.isEmpty()
                ? tr("Returned to you with this feedback:\n“%1”\nChange what is needed and send it again.")
                      .arg(o->feedback)
                : tr("%1 returned this to you with this feedback:\n“%2”\nChange what is needed and send it again.")
                      .arg(reviewer, o->feedback));
        m_returnedBanner->show();
    }
    setSaveState(tr("Saved %1").arg(JournalText::when(o->updatedAt)));
    updateButtons();
    return true;
}

bool ObservationEditor::openUnassigned(const QString& localId)
{
    Session* session = m_lock.session();
    if (!session)
        return false;
    DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    const auto draft = EditorDraftStore(drafts).unassigned(localId);
    if (!draft) {
        showError(tr("This draft is no longer here."));
        return false;
    }
    m_localId = localId;
    display(draft->observation);
    setSaveState(tr("Kept on this device. Choose who it is about to finish it."));
    return true;
}

void ObservationEditor::showResumedNote()
{
    m_resumedBanner->show();
}

void ObservationEditor::display(const Observation& o)
{
    m_loading = true;
    setChildChoices(o.childIds);
    m_textEdit->setPlainText(o.text);
    m_textEdit->moveCursor(QTextCursor::End); // carry on writing where it stopped
    m_nextStepsEdit->setPlainText(o.nextSteps);
    const QDateTime now = m_lock.clock().now().toLocalTime();
    m_observedAtEdit->setMaximumDateTime(now.addSecs(3600)); // a little slack for a clock that runs slow
    m_shownObservedAt = (o.observedAt.isValid() ? o.observedAt : m_lock.clock().now()).toUTC();
    m_observedAtEdit->setDateTime(m_shownObservedAt.toLocalTime());
    m_tagPicker->setTags(o.tags);
    m_staffOnlyCheckBox->setChecked(o.staffOnly);
    if (m_observation.id.isEmpty()) {
        m_observation.childIds = o.childIds;
        m_observation.observedAt = o.observedAt;
    }
    m_loading = false;
    updateButtons();
}

Observation ObservationEditor::observation() const
{
    Observation o = m_observation;
    o.text = m_textEdit->toPlainText();
    o.nextSteps = m_nextStepsEdit->toPlainText();
    // The field shows minutes; left alone, the time keeps its seconds.
    const QDateTime edited = m_observedAtEdit->dateTime().toUTC();
    o.observedAt
        = edited.toSecsSinceEpoch() / 60 == m_shownObservedAt.toSecsSinceEpoch() / 60 ? m_shownObservedAt : edited;
    o.childIds = m_childChips->selectedIds();
    o.tags = m_tagPicker->tags();
    o.staffOnly = m_staffOnlyCheckBox->isChecked();
    return o;
}

bool ObservationEditor::hasContent(const Observation& o) const
{
    return !o.text.trimmed().isEmpty() || !o.nextSteps.trimmed().isEmpty() || !o.tags.isEmpty() || !m_cards.isEmpty();
}

void ObservationEditor::onEdited()
{
    if (m_loading)
        return;
    m_autosaveTimer->start();
    setSaveState(tr("Saving…"));
}

void ObservationEditor::onChildrenChanged()
{
    if (m_loading)
        return;
    m_consentAccepted = false;
    m_consentPanel->hide();
    refreshMediaChoices();
    updateConsentNotes();
    onEdited();
    emit titleChanged();
}

void ObservationEditor::setObservedAt(int minutesAgo)
{
    m_observedAtEdit->setDateTime(m_lock.clock().now().toLocalTime().addSecs(-60 * qint64(minutesAgo)));
}

bool ObservationEditor::saveNow()
{
    Session* session = m_lock.session();
    if (!session)
        return false;
    DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    return persist(drafts, false);
}

bool ObservationEditor::persist(DraftStore& drafts, bool createIfEmpty)
{
    Session* session = m_lock.session();
    if (!session)
        return false;
    m_autosaveTimer->stop();
    Observation o = observation();
    EditorDraftStore store(drafts);

    if (o.id.isEmpty() && !createIfEmpty && !hasContent(o)) {
        if (!m_localId.isEmpty()) {
            (void)store.removeUnassigned(m_localId);
            m_localId.clear();
        }
        setSaveState(QString());
        return true;
    }
    if (o.id.isEmpty() && o.childIds.isEmpty()) {
        // Core keeps observations of children; until one is chosen, the device's draft store keeps it.
        if (m_localId.isEmpty())
            m_localId = Ids::newId();
        if (auto saved = store.saveUnassigned({m_localId, o, m_lock.clock().now()}); !saved) {
            showError(saved.errorMessage());
            return false;
        }
        if (createIfEmpty) {
            showError(tr("First choose who this observation is about."));
            return false;
        }
        setSaveState(tr("Kept on this device. Choose who it is about to finish it."));
        return true;
    }

    Observations observations(*session);
    if (o.id.isEmpty()) {
        auto created = observations.createDraft(o.childIds, o.observedAt);
        if (!created) {
            showError(created.errorMessage());
            return false;
        }
        m_observation = created.value();
        o.id = m_observation.id;
        o.revision = m_observation.revision;
        if (!m_localId.isEmpty()) {
            (void)store.removeUnassigned(m_localId);
            m_localId.clear();
        }
        qCInfo(lcUi) << "observation draft created" << o.id;
    }
    if (auto saved = observations.saveDraft(o); !saved) {
        // Kept all the same, so that nothing typed is lost; it goes into the draft once core accepts it.
        if (store.savePending(o))
            m_hasPending = true;
        showError(saved.errorMessage());
        setSaveState(tr("Kept on this device, not saved as a draft yet."));
        return false;
    }
    if (m_hasPending && store.removePending(o.id))
        m_hasPending = false;
    if (auto stored = observations.byId(o.id))
        m_observation = *stored;
    showError(QString());
    setSaveState(
        tr("Saved %1").arg(QLocale().toString(m_lock.clock().now().toLocalTime().time(), QStringLiteral("HH:mm"))));
    updateButtons();
    return true;
}

QString ObservationEditor::saveAndClose()
{
    Session* session = m_lock.session();
    if (!session)
        return {};
    const bool saved = saveNow();
    const Observation o = observation();
    if (!o.id.isEmpty() && !hasContent(o) && m_observation.status == ObservationStatus::Draft) {
        // Opened, then left without writing anything: nothing to keep.
        (void)Observations(*session).discardDraft(o.id);
        return {};
    }
    if (o.id.isEmpty() && m_localId.isEmpty())
        return {};
    return saved ? tr("Your observation is kept in My drafts.")
                 : tr("Your observation is kept on this device, in My drafts. Open it there to finish it.");
}

void ObservationEditor::saveDraft(DraftStore& drafts)
{
    // Acorn is locking: store everything now, and remember to come back here.
    (void)persist(drafts, false);
    EditorDraftStore store(drafts);
    if (!m_observation.id.isEmpty())
        (void)store.setResume({m_observation.id, {}});
    else if (!m_localId.isEmpty())
        (void)store.setResume({{}, m_localId});
    qCInfo(lcUi) << "observation editor kept its work on lock" << m_observation.id;
}

void ObservationEditor::addMedia()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    if (m_childChips->selectedIds().isEmpty()) {
        showError(tr("First choose who this observation is about, then add photos."));
        return;
    }
    QPointer<ObservationEditor> alive(this);
    const QStringList paths = m_filePicker ? m_filePicker(this) : QStringList();
    // A lock may have come while the file dialog was open.
    if (!alive || paths.isEmpty() || !(session = m_lock.session()))
        return;
    DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    if (!persist(drafts, true))
        return;
    ObservationMedia media(*session);
    QStringList errors;
    const QStringList appearing = m_childChips->selectedIds();
    for (const QString& path : paths) {
        auto item = media.attachFile(m_observation.id, path, appearing);
        if (item)
            addCard(item.value());
        else
            errors << item.errorMessage();
    }
    showError(errors.join(QLatin1Char('\n')));
    m_consentAccepted = false;
    m_consentPanel->hide();
    updateConsentNotes();
    updateButtons();
    revealLastCard();
}

void ObservationEditor::revealLastCard()
{
    // Show the new picture, with its "who is in it" chips, once it is laid out.
    if (m_cards.isEmpty())
        return;
    QTimer::singleShot(0, this, [this, card = QPointer<MediaAttachmentCard>(m_cards.last())] {
        if (!card || !isVisible())
            return;
        // Nested layouts settle one level per pass; let them all settle before measuring.
        for (int pass = 0; pass < 6; ++pass)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        m_scroll->ensureWidgetVisible(card, 0, 20);
    });
}

void ObservationEditor::openCamera()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    if (m_childChips->selectedIds().isEmpty()) {
        showError(tr("First choose who this observation is about, then take photos."));
        return;
    }
    // Captures are stored on the draft as they are taken, so the draft must exist first.
    DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    if (!persist(drafts, true))
        return;
    emit captureRequested(m_observation.id);
}

void ObservationEditor::addCapturedMedia(const MediaItem& item)
{
    if (item.observationId != m_observation.id)
        return;
    for (const MediaAttachmentCard* card : std::as_const(m_cards))
        if (card->mediaId() == item.id)
            return;
    addCard(item);
    m_consentAccepted = false;
    m_consentPanel->hide();
    updateConsentNotes();
    updateButtons();
    revealLastCard();
}

void ObservationEditor::addCard(const MediaItem& item)
{
    auto* card = new MediaAttachmentCard(item, int(m_cards.size()) + 1, m_mediaArea);
    m_mediaLayout->addWidget(card);
    m_cards.append(card);
    connect(card, &MediaAttachmentCard::appearingChanged, this, [this, card] { onAppearingChanged(card); });
    connect(card, &MediaAttachmentCard::removeRequested, this, [this, card] { removeCard(card); });
    refreshMediaChoices();
    if (item.kind == MediaKind::Photo)
        m_thumbnails->request(item.id, card->thumbnailLabel());
}

void ObservationEditor::removeCard(MediaAttachmentCard* card)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    if (auto removed = ObservationMedia(*session).remove(card->mediaId()); !removed) {
        showError(removed.errorMessage());
        return;
    }
    m_cards.removeAll(card);
    card->hide();
    card->deleteLater();
    for (int i = 0; i < m_cards.size(); ++i)
        m_cards[i]->setNumber(i + 1);
    m_consentAccepted = false;
    m_consentPanel->hide();
    showError(QString());
    updateConsentNotes();
}

void ObservationEditor::onAppearingChanged(MediaAttachmentCard* card)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    if (auto set = ObservationMedia(*session).setAppearingChildren(card->mediaId(), card->appearing()); !set)
        showError(set.errorMessage());
    else
        showError(QString());
    m_consentAccepted = false;
    m_consentPanel->hide();
    updateConsentNotes();
}

void ObservationEditor::refreshMediaChoices()
{
    const QStringList observed = m_childChips->selectedIds();
    for (MediaAttachmentCard* card : std::as_const(m_cards)) {
        const QStringList appearing = card->appearing();
        QStringList shown = observed;
        for (const QString& id : appearing)
            if (!shown.contains(id))
                shown << id;
        QList<ChildChips::Choice> chips, others;
        for (const QString& id : std::as_const(shown))
            chips.append({id, m_names.shortName(id)});
        for (const Child& child : std::as_const(m_children))
            if (!shown.contains(child.id))
                others.append({child.id, m_names.shortName(child.id)});
        card->setChoices(chips, others, appearing);
    }
}

void ObservationEditor::updateConsentNotes()
{
    Session* session = m_lock.session();
    if (!session || m_cards.isEmpty())
        return;
    const QStringList observed = m_childChips->selectedIds();
    QStringList everyone = observed;
    QHash<QString, QStringList> mediaChildren;
    for (const MediaAttachmentCard* card : std::as_const(m_cards)) {
        mediaChildren.insert(card->mediaId(), card->appearing());
        everyone += card->appearing();
    }
    everyone.removeDuplicates();
    const auto consent = ConsentRules::consentOf(session->database(), everyone);
    const auto hidden = ConsentRules::hiddenMedia(observed, mediaChildren, consent);
    for (MediaAttachmentCard* card : std::as_const(m_cards)) {
        QList<ConsentRules::HiddenMedia> mine;
        for (const auto& h : hidden)
            if (h.mediaId == card->mediaId())
                mine.append(h);
        card->setConsentNote(
            ConsentWarningPanel::describe(mine, {{card->mediaId(), JournalText::thisKind(card->kind())}}, {}, m_names)
                .join(QLatin1Char('\n')));
    }
}

void ObservationEditor::submit()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    if (!persist(drafts, true))
        return;
    if (!m_consentAccepted && !m_cards.isEmpty()) {
        QHash<QString, QStringList> mediaChildren;
        QHash<QString, QString> titles;
        QHash<QString, int> order;
        QStringList everyone = m_observation.childIds;
        for (const MediaAttachmentCard* card : std::as_const(m_cards)) {
            mediaChildren.insert(card->mediaId(), card->appearing());
            titles.insert(card->mediaId(), card->title());
            order.insert(card->mediaId(), card->number());
            everyone += card->appearing();
        }
        everyone.removeDuplicates();
        const auto hidden = ConsentRules::hiddenMedia(m_observation.childIds, mediaChildren,
                                                      ConsentRules::consentOf(session->database(), everyone));
        if (!hidden.isEmpty()) {
            m_consentPanel->setMessages(ConsentWarningPanel::describe(hidden, titles, order, m_names));
            m_consentPanel->show();
            m_consentPanel->submitAnywayButton()->setFocus();
            return;
        }
    }
    submitConfirmed();
}

void ObservationEditor::submitConfirmed()
{
    Session* session = m_lock.session();
    if (!session || m_observation.id.isEmpty())
        return;
    m_consentAccepted = true;
    m_consentPanel->hide();
    auto status = Observations(*session).submit(m_observation.id);
    if (!status) {
        m_consentAccepted = false;
        showError(status.errorMessage());
        return;
    }
    DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
    (void)EditorDraftStore(drafts).removePending(m_observation.id);
    m_observation.status = status.value();
    qCInfo(lcUi) << "observation submitted" << m_observation.id << observationStatusKey(status.value());
    emit submitted(m_observation.id, status.value());
}

void ObservationEditor::discard()
{
    Session* session = m_lock.session();
    if (!session)
        return;
    m_autosaveTimer->stop();
    if (m_observation.id.isEmpty()) {
        if (!m_localId.isEmpty()) {
            DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
            (void)EditorDraftStore(drafts).removeUnassigned(m_localId);
        }
        emit discarded();
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Throw away this draft"),
                                tr("Throw away this observation? What you wrote and its photos will be deleted."),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDiscardBox"));
    auto* confirm = box->addButton(tr("Throw it away"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmDiscardButton"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, confirm] {
        Session* session = m_lock.session();
        if (box->clickedButton() != confirm || !session)
            return;
        if (auto done = Observations(*session).discardDraft(m_observation.id); !done) {
            showError(done.errorMessage());
            return;
        }
        DraftStore drafts(session->database(), session->staff().id, m_lock.clock());
        (void)EditorDraftStore(drafts).removePending(m_observation.id);
        emit discarded();
    });
    box->open();
}

QStringList ObservationEditor::pickFiles(QWidget* parent)
{
    const QStringList pictures = QStandardPaths::standardLocations(QStandardPaths::PicturesLocation);
    return QFileDialog::getOpenFileNames(
        parent, tr("Add photos, videos or voice notes"), pictures.value(0),
        tr("Photos, videos and voice notes (*.jpg *.jpeg *.png *.heic *.webp *.gif *.bmp *.mp4 *.mov *.m4v *.webm "
           "*.mkv *.avi *.3gp *.m4a *.mp3 *.ogg *.oga *.opus *.wav *.aac *.amr);;Photos (*.jpg *.jpeg *.png *.heic "
           "*.webp *.gif *.bmp);;Videos (*.mp4 *.mov *.m4v *.webm *.mkv *.avi *.3gp);;Voice notes (*.m4a *.mp3 "
           "*.ogg *.oga *.opus *.wav *.aac *.amr)"));
}

void ObservationEditor::showError(const QString& message)
{
    Theme::setMessage(m_errorLabel, message);
}

void ObservationEditor::setSaveState(const QString& text)
{
    m_saveStateLabel->setText(text);
}

void ObservationEditor::updateButtons()
{
    const bool returned = m_observation.status == ObservationStatus::Returned;
    m_discardButton->setVisible(!returned);
    if (returned)
        m_submitButton->setText(tr("Send again for approval"));
}

} // namespace Acorn
