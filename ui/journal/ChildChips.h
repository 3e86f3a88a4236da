#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

class QPushButton;

namespace Acorn {

class FlowLayout;

// Children as big toggle chips that wrap onto new lines: tap to choose, tap again to un-choose. Used for who an
// observation is about and who appears in a photo. Each chip is a checkable button named "childChip" with the
// child's id in its "childId" property.
class ChildChips final : public QWidget
{
    Q_OBJECT
public:
    struct Choice
    {
        QString childId;
        QString name;
    };

    explicit ChildChips(QWidget* parent = nullptr);

    // Replaces the chips, keeping whichever of `selected` are among them.
    void setChoices(const QList<Choice>& choices, const QStringList& selected);
    void setSelected(const QStringList& childIds);
    // In the order of the chips.
    QStringList selectedIds() const;
    QPushButton* chip(const QString& childId) const;
    // Shows only chips whose name contains `text` (chosen ones always stay).
    void filter(const QString& text);
    int chipCount() const { return int(m_chips.size()); }

    // Its height follows from its width; worked out here rather than through heightForWidth(), which nested
    // horizontal layouts (a photo beside its chips) do not pass on reliably.
    bool hasHeightForWidth() const override { return false; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // Only for the person's own taps, not for setChoices()/setSelected().
    void selectionChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitHeight();

    FlowLayout* m_layout = nullptr;
    QList<QPushButton*> m_chips;
};

} // namespace Acorn
