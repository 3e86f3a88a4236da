#pragma once

#include "journal/JournalQuery.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace Acorn {

class LockController;
class SlidePhotos;

// One observation on the projector: whom it is about, when and by whom, the text with next steps and areas of
// learning in large type, its pictures as big as they fit, and — in a staff meeting — a box for the meeting's
// outcome. The entry's media are already filtered by photo consent for the view being presented; `hiddenMedia` says
// how many the filter left out, so the room knows something is missing and why.
class PresentationSlide final : public QWidget
{
    Q_OBJECT
public:
    PresentationSlide(LockController& lock, const JournalEntry& entry, const QString& childNames,
                      const QStringList& tagLabels, int hiddenMedia, QWidget* parent = nullptr);

    QString observationId() const { return m_entry.observation.id; }
    // Shows the outcome box with `text`; read-only once the meeting is signed off.
    void setOutcome(const QString& text, bool editable);
    void setOutcomeEditable(bool editable);
    bool hasOutcome() const;
    QString outcome() const;
    QPlainTextEdit* outcomeEdit() const { return m_outcomeEdit; }
    SlidePhotos* photos() const { return m_photos; }
    // Every media item on the slide, pictures or not.
    QStringList mediaIds() const;

signals:
    void outcomeEdited();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    JournalEntry m_entry;
    SlidePhotos* m_photos = nullptr;
    QLabel* m_outcomeLabel = nullptr;
    QPlainTextEdit* m_outcomeEdit = nullptr;
};

} // namespace Acorn
