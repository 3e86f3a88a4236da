#include "reports/ChildReportDialogs.h"

#include "Clock.h"
#include "Theme.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Acorn {

namespace {
QDateEdit* dateEdit(QWidget* parent, const char* name, const QDate& date)
{
    auto* edit = new QDateEdit(date, parent);
    edit->setObjectName(QLatin1String(name));
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("d MMM yyyy"));
    edit->setMinimumWidth(170);
    return edit;
}

QPushButton* addButtons(QDialog* dialog, QVBoxLayout* layout, const QString& saveText)
{
    auto* buttons = new QDialogButtonBox(dialog);
    QPushButton* save = buttons->addButton(saveText, QDialogButtonBox::AcceptRole);
    save->setObjectName(QStringLiteral("reportSaveButton"));
    Theme::makePrimary(save);
    Theme::makeBig(save);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    Theme::makeBig(cancel);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    return save;
}

QLabel* hint(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    Theme::makeHint(label);
    return label;
}
} // namespace

PhotobookDialog::PhotobookDialog(const QString& childName, const Clock& clock, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("photobookDialog"));
    setWindowTitle(tr("Print %1's learning journal").arg(childName));
    setMinimumWidth(560);
    const QDate today = clock.now().toLocalTime().date();

    m_wholeRadio = new QRadioButton(tr("The whole journal"), this);
    m_wholeRadio->setObjectName(QStringLiteral("wholeJournalRadio"));
    m_wholeRadio->setChecked(true);
    m_periodRadio = new QRadioButton(tr("Only from"), this);
    m_periodRadio->setObjectName(QStringLiteral("periodRadio"));
    auto* group = new QButtonGroup(this);
    group->addButton(m_wholeRadio);
    group->addButton(m_periodRadio);
    m_fromEdit = dateEdit(this, "photobookFromEdit", today.addMonths(-6));
    m_toEdit = dateEdit(this, "photobookToEdit", today);
    auto* period = new QHBoxLayout;
    period->addWidget(m_periodRadio);
    period->addWidget(m_fromEdit);
    period->addWidget(new QLabel(tr("to"), this));
    period->addWidget(m_toEdit);
    period->addStretch();
    const auto updatePeriod = [this] {
        m_fromEdit->setEnabled(m_periodRadio->isChecked());
        m_toEdit->setEnabled(m_periodRadio->isChecked());
    };
    connect(m_periodRadio, &QRadioButton::toggled, this, updatePeriod);
    updatePeriod();

    m_photosCheckBox = new QCheckBox(tr("With photos"), this);
    m_photosCheckBox->setObjectName(QStringLiteral("photobookPhotosCheckBox"));
    m_photosCheckBox->setChecked(true);
    m_internalCheckBox = new QCheckBox(tr("Internal copy, with the staff-only observations"), this);
    m_internalCheckBox->setObjectName(QStringLiteral("internalCopyCheckBox"));

    auto* layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->setSpacing(12);
    layout->addWidget(m_wholeRadio);
    layout->addLayout(period);
    layout->addWidget(m_photosCheckBox);
    layout->addWidget(hint(tr("Photos of other children appear only where their parents agreed to it."), this));
    layout->addWidget(m_internalCheckBox);
    layout->addWidget(
        hint(tr("For the nursery's own files: it says so on every page. Never give it to parents."), this));
    layout->addStretch();
    m_saveButton = addButtons(this, layout, tr("Save PDF…"));
}

ChildJournalReport::Options PhotobookDialog::options() const
{
    ChildJournalReport::Options options;
    if (m_periodRadio->isChecked()) {
        options.from = std::min(m_fromEdit->date(), m_toEdit->date());
        options.to = std::max(m_fromEdit->date(), m_toEdit->date());
    }
    options.includePhotos = m_photosCheckBox->isChecked();
    options.internalCopy = m_internalCheckBox->isChecked();
    return options;
}

ProgressCheckDialog::ProgressCheckDialog(const QString& childName, const QDate& dateOfBirth, const Clock& clock,
                                         QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("progressCheckDialog"));
    setWindowTitle(tr("Progress check at age two: %1").arg(childName));
    setMinimumSize(640, 560);
    const QDate today = clock.now().toLocalTime().date();

    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    column->setSpacing(8);
    if (dateOfBirth.isValid()) {
        const int months = ProgressCheckReport::ageInMonths(dateOfBirth, today);
        column->addWidget(
            hint(tr("%1 is %n month(s) old today. The check is usually done between 24 and 36 months.", nullptr, months)
                     .arg(childName),
                 content));
    }
    auto* dates = new QFormLayout;
    m_checkDateEdit = dateEdit(content, "checkDateEdit", today);
    m_fromEdit = dateEdit(content, "checkFromEdit", today.addMonths(-ProgressCheckReport::DefaultPeriodMonths));
    m_toEdit = dateEdit(content, "checkToEdit", today);
    auto* period = new QHBoxLayout;
    period->addWidget(m_fromEdit);
    period->addWidget(new QLabel(tr("to"), content));
    period->addWidget(m_toEdit);
    period->addStretch();
    dates->addRow(tr("Date of the check"), m_checkDateEdit);
    dates->addRow(tr("Observations from"), period);
    column->addLayout(dates);
    column->addWidget(hint(tr("Write as much or as little as you like now: anything left empty is printed as lines "
                              "to write on."),
                           content));
    m_areaEdits = {
        {QStringLiteral("eyfs.cl"), addText(content, column, tr("Communication and Language"), "areaEdit_cl")},
        {QStringLiteral("eyfs.pd"), addText(content, column, tr("Physical Development"), "areaEdit_pd")},
        {QStringLiteral("eyfs.psed"),
         addText(content, column, tr("Personal, Social and Emotional Development"), "areaEdit_psed")},
    };
    m_strengthsEdit = addText(content, column, tr("Strengths"), "strengthsEdit");
    m_nextStepsEdit = addText(content, column, tr("Next steps, and how we will support them"), "nextStepsEdit");
    m_parentEdit = addText(content, column, tr("Parents' or carers' comments"), "parentCommentsEdit");
    m_photosCheckBox = new QCheckBox(tr("With photos"), content);
    m_photosCheckBox->setObjectName(QStringLiteral("checkPhotosCheckBox"));
    m_photosCheckBox->setChecked(true);
    column->addWidget(m_photosCheckBox);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    m_saveButton = addButtons(this, layout, tr("Save PDF…"));
}

QPlainTextEdit* ProgressCheckDialog::addText(QWidget* parent, QVBoxLayout* layout, const QString& label,
                                             const char* name)
{
    auto* title = new QLabel(label, parent);
    title->setStyleSheet(QStringLiteral("font-weight: bold;"));
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(80);
    title->setBuddy(edit);
    layout->addWidget(title);
    layout->addWidget(edit);
    return edit;
}

QPlainTextEdit* ProgressCheckDialog::areaEdit(const QString& areaId) const
{
    for (const auto& [id, edit] : m_areaEdits)
        if (id == areaId)
            return edit;
    return nullptr;
}

ProgressCheckReport::Options ProgressCheckDialog::options() const
{
    ProgressCheckReport::Options options;
    options.checkDate = m_checkDateEdit->date();
    options.from = std::min(m_fromEdit->date(), m_toEdit->date());
    options.to = std::max(m_fromEdit->date(), m_toEdit->date());
    for (const auto& [id, edit] : m_areaEdits)
        options.areaSummaries.insert(id, edit->toPlainText().trimmed());
    options.strengths = m_strengthsEdit->toPlainText().trimmed();
    options.nextSteps = m_nextStepsEdit->toPlainText().trimmed();
    options.parentComments = m_parentEdit->toPlainText().trimmed();
    options.includePhotos = m_photosCheckBox->isChecked();
    return options;
}

} // namespace Acorn
