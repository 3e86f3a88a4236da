#pragma once

#include "reports/ChildJournalReport.h"
#include "reports/ProgressCheckReport.h"

#include <QDialog>

class QCheckBox;
class QDateEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QVBoxLayout;

namespace Acorn {

class Clock;

// What to print of a child's journal as a photobook: the whole journal or a period, with or without photos, and —
// for the nursery's own files only — an internal copy with the staff-only observations.
class PhotobookDialog final : public QDialog
{
    Q_OBJECT
public:
    PhotobookDialog(const QString& childName, const Clock& clock, QWidget* parent = nullptr);

    ChildJournalReport::Options options() const;
    QRadioButton* periodRadio() const { return m_periodRadio; }
    QDateEdit* fromEdit() const { return m_fromEdit; }
    QDateEdit* toEdit() const { return m_toEdit; }
    QCheckBox* photosCheckBox() const { return m_photosCheckBox; }
    QCheckBox* internalCopyCheckBox() const { return m_internalCheckBox; }
    QPushButton* saveButton() const { return m_saveButton; }

private:
    QRadioButton* m_wholeRadio = nullptr;
    QRadioButton* m_periodRadio = nullptr;
    QDateEdit* m_fromEdit = nullptr;
    QDateEdit* m_toEdit = nullptr;
    QCheckBox* m_photosCheckBox = nullptr;
    QCheckBox* m_internalCheckBox = nullptr;
    QPushButton* m_saveButton = nullptr;
};

// The progress check at age two: the check date and the period it looks back over, and the practitioner's words for
// each prime area, strengths, next steps and the parents' comments. Anything left empty prints as lines to write on.
class ProgressCheckDialog final : public QDialog
{
    Q_OBJECT
public:
    ProgressCheckDialog(const QString& childName, const QDate& dateOfBirth, const Clock& clock,
                        QWidget* parent = nullptr);

    ProgressCheckReport::Options options() const;
    QDateEdit* checkDateEdit() const { return m_checkDateEdit; }
    QPlainTextEdit* areaEdit(const QString& areaId) const;
    QPlainTextEdit* strengthsEdit() const { return m_strengthsEdit; }
    QPushButton* saveButton() const { return m_saveButton; }

private:
    QPlainTextEdit* addText(QWidget* parent, QVBoxLayout* layout, const QString& label, const char* name);

    QDateEdit* m_checkDateEdit = nullptr;
    QDateEdit* m_fromEdit = nullptr;
    QDateEdit* m_toEdit = nullptr;
    QList<QPair<QString, QPlainTextEdit*>> m_areaEdits;
    QPlainTextEdit* m_strengthsEdit = nullptr;
    QPlainTextEdit* m_nextStepsEdit = nullptr;
    QPlainTextEdit* m_parentEdit = nullptr;
    QCheckBox* m_photosCheckBox = nullptr;
    QPushButton* m_saveButton = nullptr;
};

} // namespace Acorn
