#pragma once

#include "domain/Observation.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QTextBrowser;

namespace Acorn {

class LockController;

// One item of a review queue as the reviewer reads it: what kind it is, whom it is about, when and by whom, the
// text with next steps and areas of learning, and its pictures. A reviewer judges the whole observation, so this
// shows every picture attached (ObservationMedia::of), decrypted to memory only.
class ReviewItemView final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int ThumbnailSize = 120;
    static constexpr int MaxThumbnails = 5;

    explicit ReviewItemView(LockController& lock, QWidget* parent = nullptr);

    // `kind`, `children` and `meta` are worded by the page ("Observation by staff", "Ava Testling", "Observed …").
    void setItem(const Observation& observation, const QString& kind, const QString& children, const QString& meta);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void showThumbnails(const Observation& observation);
    // As tall as the text (within reason): nothing to scroll for a short observation, no gap under it.
    void fitText();

    LockController& m_lock;
    QLabel* m_kindLabel = nullptr;
    QLabel* m_childrenLabel = nullptr;
    QLabel* m_metaLabel = nullptr;
    QTextBrowser* m_textView = nullptr;
    QWidget* m_thumbnails = nullptr;
    QHBoxLayout* m_thumbnailLayout = nullptr;
};

} // namespace Acorn
