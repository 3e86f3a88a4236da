#include "journal/ChildJournalPage.h"

#include "Clock.h"
#include "Theme.h"
#include "UiLogging.h"
#include "auth/StaffRepository.h"
#include "frameworks/FrameworkRegistry.h"
#include "journal/JournalEntryCard.h"
#include "journal/JournalFilterBar.h"
#include "journal/JournalText.h"
#include "journal/ThumbnailLoader.h"
#include "lock/LockController.h"
#include "people/Children.h"
#include "people/Rooms.h"
#include "reports/ChildReportDialogs.h"
#include "reports/ReportRunner.h"
#include "storage/Database.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace Acorn {

ChildJournalPage::ChildJournalPage(LockController& lock, QWidget* parent)
    : QWidget(parent)
    , m_lock(lock)
    , m_detailsLabel(new QLabel(this))
    , m_consentLabel(new QLabel(this))
    , m_filterBar(new JournalFilterBar(lock.clock(), this))
    , m_countLabel(new QLabel(this))
    , m_printButton(new QPushButton(tr("Print journal…"), this))
    , m_progressCheckButton(new QPushButton(tr("Progress check at two…"), this))
    , m_reportStatusLabel(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_list(new QWidget)
    , m_listLayout(new QVBoxLayout(m_list))
    , m_emptyLabel(new QLabel(m_list))
    , m_loadMoreButton(new QPushButton(tr("Show older observations"), m_list))
    , m_thumbnails(new ThumbnailLoader(lock, this))
    , m_visibleTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("childJournalPage"));
    m_detailsLabel->setObjectName(QStringLiteral("journalChildDetailsLabel"));
    m_detailsLabel->setTextFormat(Qt::PlainText);
    Theme::makeHint(m_detailsLabel);
    m_consentLabel->setObjectName(QStringLiteral("journalConsentLabel"));
    m_consentLabel->setTextFormat(Qt::PlainText);
    m_consentLabel->setWordWrap(true);
    m_consentLabel->setStyleSheet(QStringLiteral("color: #6b4b00;"));
    m_countLabel->setObjectName(QStringLiteral("journalCountLabel"));
    Theme::makeHint(m_countLabel);
    m_printButton->setObjectName(QStringLiteral("printJournalButton"));
    m_printButton->setToolTip(tr("The journal as a PDF photobook, for a move to another setting or for leaving"));
    m_progressCheckButton->setObjectName(QStringLiteral("progressCheckButton"));
    m_progressCheckButton->setToolTip(tr("The EYFS progress check at age two, as a PDF to share with parents"));
    // A kiosk saves nothing out of Acorn (ReportRunner refuses as well).
    m_printButton->setVisible(!lock.isKiosk());
    m_progressCheckButton->setVisible(!lock.isKiosk());
    m_reportStatusLabel->setObjectName(QStringLiteral("reportStatusLabel"));
    m_reportStatusLabel->setWordWrap(true);
    m_reportStatusLabel->hide();

    m_emptyLabel->setObjectName(QStringLiteral("journalEmptyLabel"));
    Theme::makeHint(m_emptyLabel);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->hide();
    m_loadMoreButton->setObjectName(QStringLiteral("loadMoreButton"));
    m_loadMoreButton->hide();

    m_list->setObjectName(QStringLiteral("journalTimeline"));
    m_listLayout->setContentsMargins(2, 2, 12, 2);
    m_listLayout->setSpacing(12);
    m_listLayout->addWidget(m_emptyLabel);
    m_listLayout->addWidget(m_loadMoreButton, 0, Qt::AlignHCenter);
    m_listLayout->addStretch();
    m_scroll->setObjectName(QStringLiteral("journalTimelineScroll"));
    m_scroll->setWidget(m_list);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    top->addWidget(m_detailsLabel, 1);
    top->addWidget(m_printButton);
    top->addWidget(m_progressCheckButton);
    layout->addLayout(top);
    layout->addWidget(m_reportStatusLabel);
    layout->addWidget(m_consentLabel);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_countLabel);
    layout->addWidget(m_scroll, 1);

    m_visibleTimer->setSingleShot(true);
    m_visibleTimer->setInterval(40);
    connect(m_visibleTimer, &QTimer::timeout, this, &ChildJournalPage::loadVisibleThumbnails);
    connect(m_scroll->verticalScrollBar(), &QScrollBar::valueChanged, this, &ChildJournalPage::onScrolled);
    connect(m_filterBar, &JournalFilterBar::filterChanged, this, &ChildJournalPage::reload);
    connect(m_loadMoreButton, &QPushButton::clicked, this, &ChildJournalPage::loadMore);
    connect(m_printButton, &QPushButton::clicked, this, &ChildJournalPage::printJournal);
    connect(m_progressCheckButton, &QPushButton::clicked, this, &ChildJournalPage::printProgressCheck);
}

void ChildJournalPage::printJournal()
{
    Session* session = m_lock.session();
    if (!session || m_childId.isEmpty())
        return;
    QPointer<ChildJournalPage> alive(this);
    PhotobookDialog dialog(m_childName, m_lock.clock(), this);
    if (dialog.exec() != QDialog::Accepted || !alive || !m_lock.session())
        return;
    const auto options = dialog.options();
    const QString childId = m_childId;
    const QString name = tr("%1 learning journal").arg(ReportRunner::fileNamePart(m_title)) + QStringLiteral(".pdf");
    const auto result = ReportRunner(m_lock, this)
                            .run(tr("%1's learning journal").arg(m_childName), name,
                                 [&](Session& s, const QString& path, ReportProgress* progress) {
                                     return ChildJournalReport(s).write(childId, path, options, progress);
                                 });
    if (alive)
        ReportRunner::showResult(m_reportStatusLabel, result);
}

void ChildJournalPage::printProgressCheck()
{
    Session* session = m_lock.session();
    if (!session || m_childId.isEmpty())
        return;
    const auto child = Children(*session).byId(m_childId);
    if (!child)
        return;
    QPointer<ChildJournalPage> alive(this);
    ProgressCheckDialog dialog(m_childName, child->dateOfBirth, m_lock.clock(), this);
    if (dialog.exec() != QDialog::Accepted || !alive || !m_lock.session())
        return;
    const auto options = dialog.options();
    const QString childId = m_childId;
    const QString name = tr("%1 progress check").arg(ReportRunner::fileNamePart(m_title)) + QStringLiteral(".pdf");
    const auto result = ReportRunner(m_lock, this)
                            .run(tr("Progress check for %1").arg(m_childName), name,
                                 [&](Session& s, const QString& path, ReportProgress* progress) {
                                     return ProgressCheckReport(s).write(childId, path, options, progress);
                                 });
    if (alive)
        ReportRunner::showResult(m_reportStatusLabel, result);
}

void ChildJournalPage::setChild(const QString& childId)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const bool sameChild = childId == m_childId;
    m_childId = childId;
    const QList<Child> children = Children(*session).visible(true);
    m_names = ChildNames(children);
    const auto child = Children(*session).byId(childId);
    m_childName = child ? m_names.shortName(childId) : QString();
    m_title = child ? m_names.fullName(childId) : tr("This journal is not available to you");
    QString room;
    if (child)
        for (const Room& r : Rooms(*session).visible())
            if (r.id == child->roomId)
                room = r.name;
    m_detailsLabel->setText(room.isEmpty() ? QString() : tr("Room: %1").arg(room));
    Theme::setMessage(m_consentLabel,
                      child && child->photoConsent != PhotoConsent::Yes
                          ? tr("Photos with %1 in them appear only in %1's own journal: there is no consent for "
                               "other children's journals.")
                                .arg(m_childName)
                          : QString());

    if (!sameChild) {
        m_filterBar->blockSignals(true);
        m_filterBar->clear();
        m_filterBar->blockSignals(false);
    }
    const FrameworkRegistry registry(session->settings());
    QList<JournalFilterBar::Choice> areas;
    const auto frameworks = registry.enabled();
    for (const Framework* framework : frameworks)
        for (const FrameworkNode& area : framework->areas())
            areas.append(
                {area.id, frameworks.size() > 1 ? tr("%1 (%2)").arg(area.label, framework->name()) : area.label});
    m_filterBar->setAreas(areas);
    QList<JournalFilterBar::Choice> authors;
    for (const StaffMember& staff : StaffRepository(session->database()).all())
        authors.append({staff.id, staff.displayName});
    m_filterBar->setAuthors(authors);
    reload();
}

void ChildJournalPage::reload()
{
    Session* session = m_lock.session();
    if (!session || m_childId.isEmpty())
        return;
    for (JournalEntryCard* card : std::as_const(m_cards)) {
        card->hide();
        card->deleteLater();
    }
    m_cards.clear();
    const JournalFilter filter = m_filterBar->filter();
    const JournalQuery journal(*session);
    m_total = journal.count(m_childId, filter);
    append(journal.timeline(m_childId, filter, PageSize, 0));
    m_scroll->verticalScrollBar()->setValue(0);
    qCInfo(lcUi) << "journal of child" << m_childId << "shows" << m_cards.size() << "of" << m_total;
}

void ChildJournalPage::loadMore()
{
    Session* session = m_lock.session();
    if (!session || !hasMore())
        return;
    append(JournalQuery(*session).timeline(m_childId, m_filterBar->filter(), PageSize, int(m_cards.size())));
}

bool ChildJournalPage::hasMore() const
{
    return m_cards.size() < m_total;
}

void ChildJournalPage::append(const QList<JournalEntry>& entries)
{
    Session* session = m_lock.session();
    if (!session)
        return;
    const FrameworkRegistry registry(session->settings());
    for (const JournalEntry& entry : entries) {
        QStringList tags;
        for (const ObservationTag& tag : entry.observation.tags)
            tags << JournalText::tag(registry, tag);
        QStringList others = entry.observation.childIds;
        others.removeAll(m_childId);
        const QString with = others.isEmpty() ? QString() : tr("With %1").arg(m_names.list(others));
        auto* card = new JournalEntryCard(entry, tags, with, m_list);
        // Before the "Show older" button and the stretch.
        m_listLayout->insertWidget(m_listLayout->count() - 2, card);
        m_cards.append(card);
        connect(card, &JournalEntryCard::clicked, this, [this, card] { emit entryChosen(card->entry()); });
    }
    updateFooter();
    scheduleVisibleThumbnails();
}

void ChildJournalPage::updateFooter()
{
    m_loadMoreButton->setVisible(hasMore());
    const bool filtering = m_filterBar->isFiltering();
    if (m_total == 0)
        m_countLabel->setText(filtering ? tr("Nothing matches. Try fewer filters.") : QString());
    else if (filtering)
        m_countLabel->setText(m_total == 1 ? tr("1 observation matches") : tr("%1 observations match").arg(m_total));
    else
        m_countLabel->setText(m_total == 1 ? tr("1 observation") : tr("%1 observations").arg(m_total));
    Theme::setMessage(
        m_emptyLabel,
        m_total == 0 && !filtering
            ? tr("Nothing in %1's journal yet. Tap “New observation” to write the first.").arg(m_childName)
            : QString());
}

void ChildJournalPage::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    scheduleVisibleThumbnails();
}

void ChildJournalPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    scheduleVisibleThumbnails();
}

void ChildJournalPage::onScrolled(int value)
{
    scheduleVisibleThumbnails();
    // Near the end: the next page comes by itself.
    if (hasMore() && value >= m_scroll->verticalScrollBar()->maximum() - 200)
        loadMore();
}

void ChildJournalPage::scheduleVisibleThumbnails()
{
    m_visibleTimer->start();
}

void ChildJournalPage::loadVisibleThumbnails()
{
    if (!isVisible())
        return;
    // A little beyond the visible part, so pictures are there by the time they scroll in.
    const QRect viewport = m_scroll->viewport()->rect().adjusted(0, -200, 0, 400);
    for (JournalEntryCard* card : std::as_const(m_cards)) {
        const QRect box(card->mapTo(m_scroll->viewport(), QPoint(0, 0)), card->size());
        if (!box.intersects(viewport))
            continue;
        const auto labels = card->thumbnailLabels();
        for (QLabel* label : labels)
            m_thumbnails->request(label->property("mediaId").toString(), label);
    }
}

} // namespace Acorn
