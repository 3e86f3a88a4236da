#pragma once

#include "domain/MediaItem.h"
#include "journal/ChildChips.h"

#include <QFrame>

class QComboBox;
class QLabel;
class QPushButton;

namespace Acorn {

// A photo, video or voice note on the observation being written: its picture, "Photo 2", who appears in it
// (chips: the observation's children, and anyone else added with "Someone else"), what photo consent means for it,
// and Remove.
class MediaAttachmentCard final : public QFrame
{
    Q_OBJECT
public:
    static constexpr int ThumbnailWidth = 200;
    static constexpr int ThumbnailHeight = 150;

    MediaAttachmentCard(const MediaItem& item, int number, QWidget* parent = nullptr);

    QString mediaId() const { return m_item.id; }
    MediaKind kind() const { return m_item.kind; }
    int number() const { return m_number; }
    void setNumber(int number);
    // "Photo 2".
    QString title() const;
    QLabel* thumbnailLabel() const { return m_thumbnail; }
    ChildChips* appearingChips() const { return m_chips; }

    // `chips`: the observation's children and whoever else is tagged in it; `others`: the rest of the children
    // the person can see, offered in "Someone else".
    void setChoices(const QList<ChildChips::Choice>& chips, const QList<ChildChips::Choice>& others,
                    const QStringList& appearing);
    // Who is in it: as stored at first, then as chosen on the chips.
    QStringList appearing() const { return m_appearing; }
    // What consent means for this item ("Will not appear in Tilly's journal…"); empty hides it.
    void setConsentNote(const QString& note);

signals:
    void appearingChanged();
    void removeRequested();

private:
    void addSomeoneElse(int index);

    MediaItem m_item;
    int m_number = 0;
    QLabel* m_thumbnail = nullptr;
    QLabel* m_titleLabel = nullptr;
    ChildChips* m_chips = nullptr;
    QComboBox* m_someoneElse = nullptr;
    QLabel* m_consentNote = nullptr;
    QStringList m_appearing;
    QList<ChildChips::Choice> m_shown;
    QList<ChildChips::Choice> m_others;
};

} // namespace Acorn
