#pragma once

#include "domain/Child.h"
#include "domain/Observation.h"
#include "journal/ChildNames.h"
#include "lock/DraftSource.h"

#include <QDateTime>
#include <QList>
#include <QWidget>

#include <functional>

class QDateTimeEdit;
class QCheckBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QTimer;
class QVBoxLayout;

namespace Acorn {

class ChildChips;
class ConsentWarningPanel;
class FrameworkRegistry;
class LockController;
class MediaAttachmentCard;
class TagPicker;
class ThumbnailLoader;
struct MediaItem;

// Writing an observation: what was seen, when, about whom (one child or a group), framework tags, next steps,
// staff-only, and photos, videos and voice notes with who appears in each. Everything is saved as it is typed
// (a second after the last change) as an encrypted draft through Observations::saveDraft; a lock saves at once and
// signing in again reopens it. Before submitting it says plainly which pictures photo consent keeps out of which
// journals. Core decides everything; its refusals are shown as they come.
class ObservationEditor final : public QWidget, public DraftSource
{
    Q_OBJECT
public:
    // Returns the files the person chose (none when cancelled). Tests put their own in place of the file dialog.
    using FilePicker = std::function<QStringList(QWidget* parent)>;
    static constexpr int AutosaveDelayMs = 1000;

    explicit ObservationEditor(LockController& lock, QWidget* parent = nullptr);
    ~ObservationEditor() override;

    // A new observation about these children (none: chosen here). Nothing is stored until something is written.
    void startNew(const QStringList& childIds);
    // Continues one of the signed-in person's drafts or returned observations; false if it cannot be edited.
    bool openObservation(const QString& observationId);
    // Continues an observation started before any child was chosen.
    bool openUnassigned(const QString& localId);
    // Says that Acorn locked while this was being written, and that everything is still here.
    void showResumedNote();

    void setFilePicker(FilePicker picker) { m_filePicker = std::move(picker); }
    // The default picker: a file dialog for photos, videos and voice notes.
    static QStringList pickFiles(QWidget* parent);

    // Something captured with the camera onto this observation (the capture page stored it already).
    void addCapturedMedia(const MediaItem& item);

    // Stores what is on screen now. False, with the reason shown, if it could not.
    bool saveNow();
    // For leaving the editor: saves, throws away a draft with nothing in it, and says what became of the work
    // ("Kept in My drafts.") or returns an empty string.
    QString saveAndClose();
    void saveDraft(DraftStore& drafts) override;

    QString observationId() const { return m_observation.id; }
    QString localId() const { return m_localId; }
    ObservationStatus status() const { return m_observation.status; }
    // What is on screen, as an observation.
    Observation observation() const;
    QString title() const;

    QPlainTextEdit* textEdit() const { return m_textEdit; }
    QPlainTextEdit* nextStepsEdit() const { return m_nextStepsEdit; }
    QDateTimeEdit* observedAtEdit() const { return m_observedAtEdit; }
    ChildChips* childChips() const { return m_childChips; }
    TagPicker* tagPicker() const { return m_tagPicker; }
    QCheckBox* staffOnlyCheckBox() const { return m_staffOnlyCheckBox; }
    QPushButton* addMediaButton() const { return m_addMediaButton; }
    QPushButton* cameraButton() const { return m_cameraButton; }
    QList<MediaAttachmentCard*> attachments() const { return m_cards; }
    ConsentWarningPanel* consentPanel() const { return m_consentPanel; }
    QPushButton* submitButton() const { return m_submitButton; }
    QLabel* errorLabel() const { return m_errorLabel; }
    QLabel* saveStateLabel() const { return m_saveStateLabel; }
    ThumbnailLoader* thumbnailLoader() const { return m_thumbnails; }

signals:
    void submitted(const QString& observationId, Acorn::ObservationStatus status);
    void discarded();
    // The camera was asked for: the observation is stored (as a draft with its children), captures go to it.
    void captureRequested(const QString& observationId);
    // The children chosen changed, and with them the title.
    void titleChanged();

private:
    QWidget* section(const QString& title, QWidget* content, const QString& hint = {});
    void loadChildren();
    void display(const Observation& observation);
    void setChildChoices(const QStringList& selected);
    bool persist(DraftStore& drafts, bool createIfEmpty);
    bool hasContent(const Observation& observation) const;
    void onEdited();
    void onChildrenChanged();
    void setObservedAt(int minutesAgo);
    void addMedia();
    void openCamera();
    void revealLastCard();
    void addCard(const MediaItem& item);
    void removeCard(MediaAttachmentCard* card);
    void onAppearingChanged(MediaAttachmentCard* card);
    void refreshMediaChoices();
    void updateConsentNotes();
    void submit();
    void submitConfirmed();
    void discard();
    void showError(const QString& message);
    void setSaveState(const QString& text);
    void updateButtons();

    LockController& m_lock;
    FrameworkRegistry* m_registry = nullptr;
    ThumbnailLoader* m_thumbnails = nullptr;
    FilePicker m_filePicker;
    Observation m_observation; // as last stored (or as started)
    QString m_localId;
    QDateTime m_shownObservedAt;
    bool m_hasPending = false;
    bool m_loading = false;
    bool m_consentAccepted = false;
    QList<Child> m_children;
    ChildNames m_names;

    QTimer* m_autosaveTimer = nullptr;
    QScrollArea* m_scroll = nullptr;
    QFrame* m_returnedBanner = nullptr;
    QLabel* m_returnedLabel = nullptr;
    QFrame* m_resumedBanner = nullptr;
    QLineEdit* m_childFilterEdit = nullptr;
    ChildChips* m_childChips = nullptr;
    QPlainTextEdit* m_textEdit = nullptr;
    QDateTimeEdit* m_observedAtEdit = nullptr;
    TagPicker* m_tagPicker = nullptr;
    QPlainTextEdit* m_nextStepsEdit = nullptr;
    QCheckBox* m_staffOnlyCheckBox = nullptr;
    QPushButton* m_addMediaButton = nullptr;
    QPushButton* m_cameraButton = nullptr;
    QWidget* m_mediaArea = nullptr;
    QVBoxLayout* m_mediaLayout = nullptr;
    QList<MediaAttachmentCard*> m_cards;
    ConsentWarningPanel* m_consentPanel = nullptr;
    QLabel* m_errorLabel = nullptr;
    QLabel* m_saveStateLabel = nullptr;
    QPushButton* m_discardButton = nullptr;
    QPushButton* m_submitButton = nullptr;
};

} // namespace Acorn
