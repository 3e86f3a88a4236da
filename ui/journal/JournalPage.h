#pragma once

#include "journal/JournalQuery.h"
#include "journal/ObservationEditor.h"

#include <QList>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace Acorn {

class CapturePage;
class ChildJournalPage;
class ChildrenOverviewPage;
class DraftsPage;
class LockController;
class MediaSourceFactory;
class ObservationDetail;

// The Journal tab: the children overview first, then a child's journal, an observation, the editor, the camera and
// "My drafts", one over the other with Back to return. "New observation" and "Camera" are always at the top — one tap
// from anywhere, with the child already chosen when a child's journal is open. The camera opened from there makes a
// draft with its first capture and, on Done, opens the editor on it to write what was seen; opened from the editor,
// its captures join that observation. After a lock, signing in again reopens the observation that was being written.
class JournalPage final : public QWidget
{
    Q_OBJECT
public:
    explicit JournalPage(LockController& lock, QWidget* parent = nullptr);
    ~JournalPage() override;

    ChildrenOverviewPage* overviewPage() const { return m_overview; }
    ChildJournalPage* childJournalPage() const { return m_childJournal; }
    DraftsPage* draftsPage() const { return m_drafts; }
    // Null unless open.
    ObservationEditor* editor() const { return m_editor; }
    ObservationDetail* detail() const { return m_detail; }
    QWidget* currentPage() const;
    // Null unless open.
    CapturePage* capturePage() const { return m_capture; }
    QPushButton* newObservationButton() const { return m_newButton; }
    QPushButton* cameraButton() const { return m_cameraButton; }
    QPushButton* myDraftsButton() const { return m_draftsButton; }
    QPushButton* backButton() const { return m_backButton; }
    QLabel* statusLabel() const { return m_statusLabel; }

    // Given to every editor opened from now on (tests: instead of the file dialog).
    void setFilePicker(ObservationEditor::FilePicker picker);
    // Where the camera page gets its cameras (tests: the generated clip, or no camera at all).
    using MediaSourcesMaker = std::function<std::unique_ptr<MediaSourceFactory>()>;
    void setMediaSources(MediaSourcesMaker maker) { m_mediaSources = std::move(maker); }

    void openChild(const QString& childId);
    void newObservation();
    // The camera for a new observation (about the open child, if any), or for the observation being written.
    void openCamera();
    void openDraft(const QString& observationId);
    void openUnassigned(const QString& localId);
    void openEntry(const Acorn::JournalEntry& entry);
    void showDrafts();
    void goBack();

private:
    // The child whose journal (or observation from it) is on screen, if any: new work starts about them.
    QStringList childInView() const;
    ObservationEditor* makeEditor();
    CapturePage* makeCapturePage();
    void openCameraFor(const QString& observationId);
    void finishCapture();
    void push(QWidget* page);
    void pop();
    void refresh(QWidget* page);
    void settleFocus(QWidget* page);
    void updateHeader();
    QString titleOf(QWidget* page) const;
    void onSubmitted(const QString& observationId, ObservationStatus status);
    void resumeAfterLock();
    void say(const QString& message);

    LockController& m_lock;
    QPushButton* m_backButton = nullptr;
    QLabel* m_titleLabel = nullptr;
    QPushButton* m_draftsButton = nullptr;
    QPushButton* m_newButton = nullptr;
    QPushButton* m_cameraButton = nullptr;
    QLabel* m_statusLabel = nullptr;
    QStackedWidget* m_stack = nullptr;
    ChildrenOverviewPage* m_overview = nullptr;
    ChildJournalPage* m_childJournal = nullptr;
    DraftsPage* m_drafts = nullptr;
    ObservationEditor* m_editor = nullptr;
    ObservationDetail* m_detail = nullptr;
    CapturePage* m_capture = nullptr;
    QList<QWidget*> m_trail; // the pages under the current one, bottom first, then the current one
    ObservationEditor::FilePicker m_filePicker;
    MediaSourcesMaker m_mediaSources;
};

} // namespace Acorn
