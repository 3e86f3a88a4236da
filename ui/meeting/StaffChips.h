#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

class QPushButton;

namespace Acorn {

class FlowLayout;

// Members of staff as big toggle chips that wrap onto new lines: who attended a meeting, whose observations to
// sample. Each chip is a checkable button named by `chipName` with the staff id in its "staffId" property.
class StaffChips final : public QWidget
{
    Q_OBJECT
public:
    struct Choice
    {
        QString staffId;
        QString name;
    };

    explicit StaffChips(const QString& chipName, QWidget* parent = nullptr);

    // Replaces the chips, keeping whichever of `selected` are among them.
    void setChoices(const QList<Choice>& choices, const QStringList& selected);
    void setSelected(const QStringList& staffIds);
    // In the order of the chips.
    QStringList selectedIds() const;
    QPushButton* chip(const QString& staffId) const;
    QList<QPushButton*> chips() const { return m_chips; }

    // Its height follows from its width (see ChildChips).
    bool hasHeightForWidth() const override { return false; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // Only for the person's own taps.
    void selectionChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void fitHeight();

    QString m_chipName;
    FlowLayout* m_layout = nullptr;
    QList<QPushButton*> m_chips;
};

} // namespace Acorn
